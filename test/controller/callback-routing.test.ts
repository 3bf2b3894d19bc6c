/**
 * How `WizardController` routes a consent callback relayed by the redirect page, each case on
 * its own console (a fresh storage key, so refusals are never collapsed with an earlier one):
 * - the current attempt's own callback goes to the machine and connects;
 * - a pending attempt of another tab is left to that tab: no state change, nothing audited;
 * - an unknown `state` is refused as `state-mismatch`, audited once;
 * - the `state` of an attempt already answered by another message is a replay: `state-replayed`;
 * - the `state` of an attempt older than the time limit, or superseded, is `state-stale`;
 * - the very message that completed an attempt, heard again, is nothing: nothing audited.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ConnectionAdapter,
  ConsentVerification,
  SaveConnectionRequest,
  UpdateRequest,
} from '../../src/adapter/adapter.js';
import { consentChannelName, type ConsentCallbackMessage } from '../../src/callback/protocol.js';
import type { AuditEvent } from '../../src/core/audit.js';
import {
  ATTEMPT_TTL_MS,
  beginAttempt,
  consumeAttempt,
  parseAttempts,
  type AttemptRecord,
} from '../../src/core/attempts.js';
import { connectionInputOf, type Connection } from '../../src/core/connection.js';
import type { WizardStatus } from '../../src/core/machine.js';
import { WizardController } from '../../src/controller/wizard-controller.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const REDIRECT = 'https://console.example.com/azure/callback';
const ACTOR = 'admin@contoso.com';

/** An in-memory adapter: nothing connected at first; consent is verified. */
class MemoryAdapter implements ConnectionAdapter {
  stored: Connection | null = null;

  loadConnection(): Promise<Connection | null> {
    return Promise.resolve(this.stored);
  }
  verifyConsent(): Promise<ConsentVerification> {
    return Promise.resolve({ verified: true });
  }
  saveConnection(input: SaveConnectionRequest): Promise<Connection> {
    const at = new Date().toISOString();
    this.stored = { ...connectionInputOf(input), connectedAt: at, updatedAt: at, version: 1 };
    return Promise.resolve(this.stored);
  }
  updateConnection(request: UpdateRequest): Promise<Connection> {
    const current = this.stored!;
    this.stored = { ...current, ...connectionInputOf(request), version: current.version + 1 };
    return Promise.resolve(this.stored);
  }
  removeConnection(): Promise<void> {
    this.stored = null;
    return Promise.resolve();
  }
  appendAuditEvent(): Promise<void> {
    return Promise.resolve();
  }
  listAuditEvents(): Promise<AuditEvent[]> {
    return Promise.resolve([]);
  }
}

class Host implements ReactiveControllerHost {
  addController(_controller: ReactiveController): void {}
  removeController(_controller: ReactiveController): void {}
  requestUpdate(): void {}
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

let run = 0;
let key = '';
let channel: BroadcastChannel;
let controller: WizardController | undefined;

beforeEach(() => {
  run += 1;
  key = `callback-routing-${Date.now()}-${run}`;
  channel = new BroadcastChannel(consentChannelName(key));
});

afterEach(() => {
  controller?.hostDisconnected();
  controller = undefined;
  channel.close();
  for (const storage of [localStorage, sessionStorage]) {
    for (const name of Object.keys(storage)) if (name.startsWith(key)) storage.removeItem(name);
  }
});

const ledgerKey = () => `${key}:consent-attempts`;

function readLedger(): AttemptRecord[] {
  return parseAttempts(JSON.parse(localStorage.getItem(ledgerKey()) ?? '[]'));
}

function writeLedger(records: readonly AttemptRecord[]): void {
  localStorage.setItem(ledgerKey(), JSON.stringify(records));
}

async function until(status: WizardStatus): Promise<void> {
  await waitUntil(
    () => controller!.state.status === status,
    `expected ${status}, still ${controller!.state.status}`,
    { timeout: 2000, interval: 5 },
  );
}

/** A console on this test's storage key, idle in `choosing`. */
async function start(): Promise<{ audited: AuditEvent[] }> {
  const audited: AuditEvent[] = [];
  controller = new WizardController(new Host(), {
    adapter: () => new MemoryAdapter(),
    actor: () => ACTOR,
    clientId: () => CLIENT,
    redirectUri: () => REDIRECT,
    audit: (event) => audited.push(event),
    session: () => ({ storageKey: key }),
  });
  controller.hostConnected();
  await until('choosing');
  return { audited };
}

/** Fills the form and submits: this console's attempt waits for its callback. */
function submit(): string {
  const c = controller!;
  c.send({ type: 'SELECT_TENANT_TYPE', tenantType: 'standard' });
  c.send({ type: 'ADD' });
  c.send({ type: 'EDIT_FIELD', field: 'tenantId', value: TENANT });
  c.send({ type: 'SUBMIT', consentState: c.newConsentState() });
  expect(c.state.status).to.equal('awaiting-consent');
  return (c.state as { attempt: { state: string } }).attempt.state;
}

function relay(state: string, id: string = crypto.randomUUID()): ConsentCallbackMessage {
  const message: ConsentCallbackMessage = {
    type: 'consent-callback',
    id,
    params: { adminConsent: 'True', tenant: TENANT, state },
  };
  channel.postMessage(message);
  return message;
}

/** A state value of another tab's attempt (16 to 128 URL-safe characters). */
const otherState = () => `other-tab-${crypto.randomUUID()}`;

/** Waits for the first audit event, then a while longer: it must stay the only one. */
async function onlyAuditEvent(audited: AuditEvent[]): Promise<AuditEvent> {
  await waitUntil(() => audited.length > 0, 'the refused callback should be audited', {
    timeout: 2000,
  });
  await aTimeout(150);
  expect(audited, 'audited once').to.have.length(1);
  return audited[0]!;
}

describe('controller: callback routing', () => {
  it('owner tab: the current attempt’s own callback goes to the machine and connects', async () => {
    const { audited } = await start();
    const state = submit();
    const message = relay(state);
    await until('connected');
    expect(controller!.state).to.deep.include({ status: 'connected' });
    expect(
      audited.map((event) => [event.action, event.outcome, event.tenantId, event.error]),
    ).to.deep.equal([['connect', 'success', TENANT, undefined]]);
    // The ledger records which message answered the attempt.
    const ledger = readLedger();
    expect(ledger).to.have.length(1);
    expect(ledger[0]).to.include({
      state,
      status: 'used',
      via: 'callback',
      answeredBy: message.id,
    });
  });

  it('other tab: a pending attempt of another tab is left alone, nothing audited', async () => {
    const { audited } = await start();
    submit();
    // Another tab on this storage starts its own attempt (the newer one now).
    const theirs = otherState();
    writeLedger(beginAttempt(readLedger(), theirs, new Date()));
    const before = controller!.state;
    const ledgerBefore = localStorage.getItem(ledgerKey());
    relay(theirs);
    await aTimeout(200);
    expect(controller!.state).to.equal(before);
    expect(audited).to.deep.equal([]);
    expect(localStorage.getItem(ledgerKey())).to.equal(ledgerBefore);
  });

  it('unknown state: refused as state-mismatch, audited once', async () => {
    const { audited } = await start();
    submit();
    relay(`forged-${crypto.randomUUID()}`);
    const event = await onlyAuditEvent(audited);
    expect(event).to.include({
      action: 'consent-rejected',
      outcome: 'failure',
      error: 'state-mismatch',
    });
    expect(controller!.state).to.deep.include({
      status: 'awaiting-consent',
      error: { code: 'state-mismatch' },
    });
  });

  it('used state: a second message with an answered attempt’s state is a replay', async () => {
    const now = new Date();
    const used = otherState();
    writeLedger(
      consumeAttempt(beginAttempt([], used, now), used, { via: 'callback', messageId: 'first' }),
    );
    const { audited } = await start();
    relay(used, 'second');
    const event = await onlyAuditEvent(audited);
    expect(event).to.include({ action: 'consent-rejected', error: 'state-replayed' });
    expect(controller!.state.status).to.equal('choosing');
  });

  it('stale state: an attempt older than the time limit is state-stale', async () => {
    const old = otherState();
    writeLedger(beginAttempt([], old, new Date(Date.now() - ATTEMPT_TTL_MS - 60_000)));
    const { audited } = await start();
    relay(old);
    const event = await onlyAuditEvent(audited);
    expect(event).to.include({ action: 'consent-rejected', error: 'state-stale' });
    expect(controller!.state.status).to.equal('choosing');
  });

  it('stale state: a superseded attempt is state-stale', async () => {
    const older = otherState();
    const newer = otherState();
    const now = new Date();
    writeLedger(beginAttempt(beginAttempt([], older, now), newer, now));
    expect(readLedger().map((record) => record.status)).to.deep.equal(['superseded', 'pending']);
    const { audited } = await start();
    relay(older);
    const event = await onlyAuditEvent(audited);
    expect(event).to.include({ action: 'consent-rejected', error: 'state-stale' });
  });

  it('completed attempt: the message another console used, heard again, audits nothing', async () => {
    const done = otherState();
    const ledger = consumeAttempt(beginAttempt([], done, new Date()), done, {
      via: 'callback',
      messageId: 'relayed-once',
    });
    writeLedger(ledger);
    const { audited } = await start();
    const before = controller!.state;
    relay(done, 'relayed-once');
    await aTimeout(200);
    expect(audited).to.deep.equal([]);
    expect(controller!.state).to.equal(before);
    expect(readLedger()).to.deep.equal(ledger);
  });
});
