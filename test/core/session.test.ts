import { expect } from '@open-wc/testing';
import {
  ATTEMPT_CLOCK_SKEW_MS,
  ATTEMPT_TTL_MS,
  answerAttempt,
  beginAttempt,
  classifyCallbackState,
  consumeAttempt,
  isAttemptFresh,
  parseAttempts,
} from '../../src/core/attempts.js';
import type { Connection } from '../../src/core/connection.js';
import { buildConsentUrl, ConsentUrlError, verifyConsentCallback } from '../../src/core/consent.js';
import { transition, type WizardState } from '../../src/core/machine.js';
import { resumeState, snapshotOf } from '../../src/core/session.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const STATE = 'state-value-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const draft = {
  tenantType: 'gcc-high',
  tenantId: TENANT,
  enrollmentUrl: 'https://contoso.com/enroll',
  remediationUrl: '',
} as const;
const input = {
  tenantType: 'gcc-high',
  tenantId: TENANT,
  enrollmentUrl: 'https://contoso.com/enroll',
} as const;
const connection: Connection = {
  tenantType: 'standard',
  tenantId: TENANT,
  connectedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 2,
};
const awaiting: WizardState = {
  status: 'awaiting-consent',
  draft,
  attempt: { state: STATE, input },
  consentGiven: false,
};

/** What a reload reads back: the snapshot after a JSON round trip through storage. */
const stored = (state: WizardState) => JSON.parse(JSON.stringify(snapshotOf(state))) as unknown;

describe('core/session: what survives a reload', () => {
  it('keeps nothing for states without a draft', () => {
    for (const state of [
      { status: 'loading' },
      { status: 'choosing', draft },
      { status: 'connected', connection },
      { status: 'disconnecting', connection, reconnect: false },
    ] as WizardState[]) {
      expect(snapshotOf(state), state.status).to.equal(null);
    }
  });

  it('resumes an invalid, half-typed draft verbatim when nothing is connected', () => {
    const filling: WizardState = {
      status: 'filling',
      draft: { ...draft, tenantId: 'not a tenant <b>', remediationUrl: 'http://x' },
      errors: { tenantId: 'tenant-invalid' },
    };
    expect(resumeState(null, stored(filling))).to.deep.equal({ ...filling, errors: {} });
    expect(resumeState(connection, stored(filling))).to.equal(undefined);
  });

  it('resumes a waiting attempt, and an interrupted verification comes back ticked', () => {
    expect(resumeState(null, stored(awaiting))).to.deep.equal(awaiting);
    const verifying: WizardState = {
      status: 'verifying',
      draft,
      attempt: awaiting.attempt,
      via: 'manual',
    };
    expect(resumeState(null, stored(verifying))).to.deep.equal({ ...awaiting, consentGiven: true });
  });

  it('resumes an edit only against the same version of the connection', () => {
    const editing: WizardState = { status: 'editing', connection, draft, errors: {} };
    expect(resumeState(connection, stored(editing))).to.deep.equal(editing);
    expect(resumeState({ ...connection, version: 3 }, stored(editing))).to.equal(undefined);
    expect(resumeState(null, stored(editing))).to.equal(undefined);
  });

  it('drops a tampered attempt: input that is invalid or not what the draft validates to', () => {
    const tampered = (changes: object) =>
      resumeState(null, {
        ...(stored(awaiting) as object),
        attempt: { state: STATE, input: { ...input, ...changes } },
      });
    expect(tampered({ tenantId: 'common' })).to.equal(undefined);
    expect(tampered({ enrollmentUrl: 'javascript:alert(1)' })).to.equal(undefined);
    expect(tampered({ tenantType: 'standard' })).to.equal(undefined);
    expect(
      resumeState(null, { ...(stored(awaiting) as object), attempt: { state: '', input } }),
    ).to.equal(undefined);
  });

  it('drops malformed data without throwing', () => {
    const junk = [
      null,
      42,
      'x',
      [],
      { status: 'connected' },
      { status: 'filling' },
      { status: 'toString', draft },
      { status: '__proto__', draft },
      { status: ['filling'], draft },
      { status: 'filling', draft: { ...draft, tenantId: 'x'.repeat(4097) } },
    ];
    for (const value of junk) {
      expect(resumeState(null, value), JSON.stringify(value)?.slice(0, 60)).to.equal(undefined);
    }
    // The same draft under a kept status is resumed: the cases above fail for their own reason.
    expect(resumeState(null, { status: 'filling', draft })).to.deep.equal({
      status: 'filling',
      draft,
      errors: {},
    });
  });

  it('does not resume an attempt that aged out or was superseded: the draft comes back', () => {
    const at = new Date('2026-11-27T10:00:00.000Z');
    const attempts = beginAttempt([], STATE, at);
    const fresh = { attempts, now: new Date(at.getTime() + ATTEMPT_TTL_MS) };
    const old = { attempts, now: new Date(at.getTime() + ATTEMPT_TTL_MS + 1) };
    expect(resumeState(null, stored(awaiting), fresh)).to.deep.equal(awaiting);
    expect(resumeState(null, stored(awaiting), old)).to.deep.equal({
      status: 'filling',
      draft,
      errors: {},
    });
    const superseded = { attempts: beginAttempt(attempts, `${STATE}-newer`, at), now: at };
    expect(resumeState(null, stored(awaiting), superseded)).to.deep.equal({
      status: 'filling',
      draft,
      errors: {},
    });
    const editingAttempt: WizardState = { ...awaiting, previous: connection };
    expect(resumeState(connection, stored(editingAttempt), old)).to.deep.equal({
      status: 'editing',
      connection,
      draft,
      errors: {},
    });
    expect(resumeState(connection, stored(awaiting), old)).to.equal(undefined);
    // Without a ledger record there is nothing to date the attempt by.
    expect(resumeState(null, stored(awaiting), { attempts: [], now: old.now })).to.deep.equal(
      awaiting,
    );
  });

  it('LOADED resumes the snapshot through the machine', () => {
    const result = transition(
      { status: 'loading' },
      { type: 'LOADED', connection: null, snapshot: stored(awaiting) },
    );
    expect(result.state).to.deep.equal(awaiting);
  });
});

describe('core/session: consent states are never empty or short', () => {
  it('SUBMIT with an empty or short consent state is refused', () => {
    const filling: WizardState = { status: 'filling', draft, errors: {} };
    for (const consentState of ['', 'short', 'has spaces in it here!!']) {
      expect(transition(filling, { type: 'SUBMIT', consentState }).accepted, consentState).to.equal(
        false,
      );
    }
  });

  it('a callback never matches an empty expected state', () => {
    const result = verifyConsentCallback(
      { state: '', adminConsent: 'True', tenant: TENANT },
      { state: '', tenantId: 'contoso.com' },
    );
    expect(result).to.deep.equal({ ok: false, reason: 'state-mismatch' });
  });

  it('a redirect URI with spaces or control characters is refused, not sent', () => {
    for (const redirectUri of [
      ' https://app.example/cb',
      'https://app.example/cb\n',
      'https://app.example/c b',
    ]) {
      expect(() =>
        buildConsentUrl({
          tenantType: 'standard',
          tenantId: TENANT,
          clientId: TENANT,
          redirectUri,
          state: STATE,
        }),
      ).to.throw(ConsentUrlError);
    }
  });
});

describe('core/attempts: the consent ledger', () => {
  const now = new Date('2026-11-27T10:00:00.000Z');

  it('a new attempt supersedes the pending ones; a used one is a replay', () => {
    let records = beginAttempt([], 'first-state-aaaaaaaaaaaa', now);
    records = beginAttempt(records, 'second-state-bbbbbbbbbbb', now);
    expect(classifyCallbackState(records, 'first-state-aaaaaaaaaaaa', now)).to.equal('stale');
    expect(classifyCallbackState(records, 'second-state-bbbbbbbbbbb', now)).to.equal('pending');
    records = consumeAttempt(records, 'second-state-bbbbbbbbbbb');
    expect(classifyCallbackState(records, 'second-state-bbbbbbbbbbb', now)).to.equal('used');
    expect(classifyCallbackState(records, 'never-seen-ccccccccccc', now)).to.equal('unknown');
    expect(classifyCallbackState(records, undefined, now)).to.equal('unknown');
  });

  it('a pending attempt older than the time limit is stale', () => {
    const records = beginAttempt([], 'old-state-aaaaaaaaaaaaaa', now);
    const later = new Date(now.getTime() + ATTEMPT_TTL_MS + 1);
    expect(classifyCallbackState(records, 'old-state-aaaaaaaaaaaaaa', later)).to.equal('stale');
  });

  it("the tab's own attempt ages out like any other; a start in the future is stale", () => {
    const records = beginAttempt([], 'own-state-aaaaaaaaaaaaaa', now);
    const record = records[0]!;
    expect(isAttemptFresh(record, new Date(now.getTime() + ATTEMPT_TTL_MS))).to.be.true;
    expect(isAttemptFresh(record, new Date(now.getTime() + ATTEMPT_TTL_MS + 1))).to.be.false;
    const skewed = new Date(now.getTime() - ATTEMPT_CLOCK_SKEW_MS);
    expect(classifyCallbackState(records, record.state, skewed)).to.equal('pending');
    const future = new Date(now.getTime() - ATTEMPT_CLOCK_SKEW_MS - 1);
    expect(classifyCallbackState(records, record.state, future)).to.equal('stale');
    const forged = [{ ...record, at: '9999-01-01T00:00:00.000Z' }];
    expect(classifyCallbackState(forged, record.state, now)).to.equal('stale');
    expect(classifyCallbackState([{ ...record, at: 'garbage' }], record.state, now)).to.equal(
      'stale',
    );
  });

  it('an attempt confirmed manually: its own late callback is completed, not a replay', () => {
    const state = 'manual-state-aaaaaaaaaaa';
    let records = consumeAttempt(beginAttempt([], state, now), state, { via: 'manual' });
    const soon = new Date(now.getTime() + 60_000);
    expect(classifyCallbackState(records, state, soon, 'message-1')).to.equal('completed');
    records = answerAttempt(records, state, 'message-1');
    // The same relayed message, heard by another tab, is the same answer.
    expect(classifyCallbackState(records, state, soon, 'message-1')).to.equal('completed');
    // Another message with the same state is a replay.
    expect(classifyCallbackState(records, state, soon, 'message-2')).to.equal('used');
    expect(classifyCallbackState(records, state, soon)).to.equal('used');
    expect(answerAttempt(records, state, 'message-2')).to.deep.equal(records);
    // Once the attempt aged out, even its first late callback is a replay.
    const late = consumeAttempt(beginAttempt([], state, now), state, { via: 'manual' });
    const after = new Date(now.getTime() + ATTEMPT_TTL_MS + 1);
    expect(classifyCallbackState(late, state, after, 'message-1')).to.equal('used');
  });

  it('an attempt completed by a callback: that message is completed, any other a replay', () => {
    const state = 'callback-state-aaaaaaaaa';
    const records = consumeAttempt(beginAttempt([], state, now), state, {
      via: 'callback',
      messageId: 'message-1',
    });
    expect(classifyCallbackState(records, state, now, 'message-1')).to.equal('completed');
    expect(classifyCallbackState(records, state, now, 'message-2')).to.equal('used');
    expect(classifyCallbackState(records, state, now)).to.equal('used');
    // Without a completion (as before), every later callback is a replay.
    const plain = consumeAttempt(beginAttempt([], state, now), state);
    expect(classifyCallbackState(plain, state, now, 'message-1')).to.equal('used');
    expect(parseAttempts(JSON.parse(JSON.stringify(records)))).to.deep.equal(records);
    expect(parseAttempts([{ ...records[0], via: 'email' }])).to.deep.equal([]);
    expect(parseAttempts([{ ...records[0], answeredBy: 7 }])).to.deep.equal([]);
  });

  it('keeps at most 50 records and drops malformed ones when read', () => {
    let records = beginAttempt([], 'state-0-aaaaaaaaaaaaaaaa', now);
    for (let i = 1; i < 60; i++)
      records = beginAttempt(records, `state-${i}-aaaaaaaaaaaaaaaa`, now);
    expect(records).to.have.length(50);
    // The newest 50 are kept, oldest first: states 10..59, the new attempt last and pending.
    expect(records.map((record) => record.state)).to.deep.equal(
      Array.from({ length: 50 }, (_, i) => `state-${i + 10}-aaaaaaaaaaaaaaaa`),
    );
    expect(records[49]).to.deep.equal({
      state: 'state-59-aaaaaaaaaaaaaaaa',
      status: 'pending',
      at: now.toISOString(),
    });
    expect(records.slice(0, 49).every((record) => record.status === 'superseded')).to.equal(true);
    expect(parseAttempts([...records, { state: 1 }, null, 'x'])).to.deep.equal(records);
    expect(parseAttempts('not a list')).to.deep.equal([]);
  });
});
