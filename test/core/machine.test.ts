import { expect } from '@open-wc/testing';
import type { Connection, Draft } from '../../src/core/connection.js';
import {
  can,
  draftOf,
  initialState,
  transition,
  type WizardEvent,
  type WizardEventType,
  type WizardState,
  type WizardStatus,
} from '../../src/core/machine.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-123456789abc';
const STATE = 'state-value-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NEW_STATE = 'state-value-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    tenantType: 'standard',
    tenantId: TENANT,
    enrollmentUrl: 'https://contoso.com/enroll',
    connectedAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    version: 3,
    connectedBy: 'admin@contoso.com',
    ...overrides,
  };
}

const draft: Draft = {
  tenantType: 'standard',
  tenantId: TENANT,
  enrollmentUrl: 'https://contoso.com/enroll',
  remediationUrl: '',
};

const attempt = {
  state: STATE,
  input: { tenantType: 'standard', tenantId: TENANT, enrollmentUrl: 'https://contoso.com/enroll' },
} as const;

/** One representative instance of every state (two where a flag changes what is allowed). */
const STATES = {
  loading: { status: 'loading' },
  'load-failed': { status: 'load-failed', error: { code: 'network' } },
  choosing: { status: 'choosing', draft: { ...draft, tenantId: '', enrollmentUrl: '' } },
  filling: { status: 'filling', draft, errors: {} },
  'awaiting-consent': { status: 'awaiting-consent', draft, attempt, consentGiven: false },
  'awaiting-consent (ticked)': { status: 'awaiting-consent', draft, attempt, consentGiven: true },
  verifying: { status: 'verifying', draft, attempt, via: 'manual' },
  connected: { status: 'connected', connection: connection() },
  editing: {
    status: 'editing',
    connection: connection(),
    draft: { ...draft, enrollmentUrl: 'https://contoso.com/new' },
    errors: {},
  },
  saving: {
    status: 'saving',
    connection: connection(),
    draft: { ...draft, enrollmentUrl: 'https://contoso.com/new' },
    input: { tenantType: 'standard', tenantId: TENANT, enrollmentUrl: 'https://contoso.com/new' },
    changes: ['enrollmentUrl'],
  },
  disconnecting: { status: 'disconnecting', connection: connection(), reconnect: false },
  'disconnecting (reconnect)': {
    status: 'disconnecting',
    connection: connection(),
    reconnect: true,
  },
} satisfies Record<string, WizardState>;

type StateName = keyof typeof STATES;

/** One representative event of every type (DISCONNECTED with and without a consent state). */
const EVENTS = {
  LOADED: { type: 'LOADED', connection: null },
  LOAD_FAILED: { type: 'LOAD_FAILED', error: { code: 'timeout' } },
  RELOAD: { type: 'RELOAD' },
  SELECT_TENANT_TYPE: { type: 'SELECT_TENANT_TYPE', tenantType: 'gcc-high' },
  ADD: { type: 'ADD' },
  EDIT_FIELD: { type: 'EDIT_FIELD', field: 'remediationUrl', value: 'https://contoso.com/fix' },
  SUBMIT: { type: 'SUBMIT', consentState: NEW_STATE },
  CANCEL: { type: 'CANCEL' },
  SET_CONSENT_GIVEN: { type: 'SET_CONSENT_GIVEN', value: true },
  CONFIRM: { type: 'CONFIRM' },
  CALLBACK: {
    type: 'CALLBACK',
    params: { adminConsent: 'True', tenant: TENANT, state: STATE },
  },
  CALLBACK_REJECTED: { type: 'CALLBACK_REJECTED', error: { code: 'state-replayed' } },
  VERIFIED: { type: 'VERIFIED', connection: connection({ version: 1 }) },
  VERIFY_FAILED: { type: 'VERIFY_FAILED', error: { code: 'not-verified' } },
  EDIT: { type: 'EDIT' },
  SAVED: { type: 'SAVED', connection: connection({ version: 4 }) },
  SAVE_FAILED: { type: 'SAVE_FAILED', error: { code: 'conflict' } },
  DISCONNECT: { type: 'DISCONNECT', reconnect: false },
  DISCONNECTED: { type: 'DISCONNECTED', consentState: NEW_STATE },
  'DISCONNECTED (no state)': { type: 'DISCONNECTED' },
  DISCONNECT_FAILED: { type: 'DISCONNECT_FAILED', error: { code: 'network' } },
} satisfies Record<string, WizardEvent>;

type EventName = keyof typeof EVENTS;

/**
 * The expected machine, written by hand: for each state, the events it accepts and the status
 * each one leads to. Every event not listed must be refused.
 */
const EXPECTED: Record<StateName, Partial<Record<EventName, WizardStatus>>> = {
  loading: { LOADED: 'choosing', LOAD_FAILED: 'load-failed' },
  'load-failed': { RELOAD: 'loading' },
  choosing: { SELECT_TENANT_TYPE: 'choosing', ADD: 'filling', RELOAD: 'loading' },
  filling: {
    EDIT_FIELD: 'filling',
    SELECT_TENANT_TYPE: 'filling',
    CANCEL: 'choosing',
    SUBMIT: 'awaiting-consent',
  },
  'awaiting-consent': {
    SET_CONSENT_GIVEN: 'awaiting-consent',
    CALLBACK: 'verifying',
    CALLBACK_REJECTED: 'awaiting-consent',
    CANCEL: 'filling',
  },
  'awaiting-consent (ticked)': {
    SET_CONSENT_GIVEN: 'awaiting-consent',
    CONFIRM: 'verifying',
    CALLBACK: 'verifying',
    CALLBACK_REJECTED: 'awaiting-consent',
    CANCEL: 'filling',
  },
  verifying: { VERIFIED: 'connected', VERIFY_FAILED: 'awaiting-consent' },
  connected: { EDIT: 'editing', DISCONNECT: 'disconnecting', RELOAD: 'loading' },
  editing: {
    EDIT_FIELD: 'editing',
    SELECT_TENANT_TYPE: 'editing',
    CANCEL: 'connected',
    SUBMIT: 'saving',
  },
  saving: { SAVED: 'connected', SAVE_FAILED: 'editing' },
  disconnecting: {
    DISCONNECTED: 'choosing',
    'DISCONNECTED (no state)': 'choosing',
    DISCONNECT_FAILED: 'connected',
  },
  'disconnecting (reconnect)': {
    DISCONNECTED: 'awaiting-consent',
    DISCONNECT_FAILED: 'connected',
  },
};

const ALL_EVENT_TYPES: readonly WizardEventType[] = [
  'LOADED',
  'LOAD_FAILED',
  'RELOAD',
  'SELECT_TENANT_TYPE',
  'ADD',
  'EDIT_FIELD',
  'SUBMIT',
  'CANCEL',
  'SET_CONSENT_GIVEN',
  'CONFIRM',
  'CALLBACK',
  'CALLBACK_REJECTED',
  'VERIFIED',
  'VERIFY_FAILED',
  'EDIT',
  'SAVED',
  'SAVE_FAILED',
  'DISCONNECT',
  'DISCONNECTED',
  'DISCONNECT_FAILED',
];

const ALL_STATUSES: readonly WizardStatus[] = [
  'loading',
  'load-failed',
  'choosing',
  'filling',
  'awaiting-consent',
  'verifying',
  'connected',
  'editing',
  'saving',
  'disconnecting',
];

/** Runs `transition` on frozen copies and checks it left its inputs exactly as they were. */
function step(state: WizardState, event: WizardEvent) {
  const frozenState = deepFreeze(structuredClone(state));
  const frozenEvent = deepFreeze(structuredClone(event));
  const stateBefore = JSON.stringify(frozenState);
  const eventBefore = JSON.stringify(frozenEvent);
  const result = transition(frozenState, frozenEvent);
  expect(JSON.stringify(frozenState)).to.equal(stateBefore);
  expect(JSON.stringify(frozenEvent)).to.equal(eventBefore);
  if (!result.accepted) expect(result.state).to.equal(frozenState);
  return result;
}

function accept(state: WizardState, event: WizardEvent): WizardState {
  const result = step(state, event);
  expect(result.accepted, result.accepted ? '' : result.reason).to.be.true;
  return result.state;
}

function refuse(state: WizardState, event: WizardEvent): void {
  const result = step(state, event);
  expect(result.accepted, `${event.type} in ${state.status}`).to.be.false;
}

function as<S extends WizardStatus>(state: WizardState, status: S) {
  expect(state.status).to.equal(status);
  return state as Extract<WizardState, { status: S }>;
}

describe('core/machine', () => {
  describe('the transition matrix', () => {
    it('covers every status and every event type', () => {
      expect(new Set(Object.values(STATES).map((s) => s.status))).to.have.all.keys(...ALL_STATUSES);
      expect(new Set(Object.values(EVENTS).map((e) => e.type))).to.have.all.keys(
        ...ALL_EVENT_TYPES,
      );
    });

    for (const stateName of Object.keys(STATES) as StateName[]) {
      for (const eventName of Object.keys(EVENTS) as EventName[]) {
        const expectedStatus = EXPECTED[stateName][eventName];
        const verdict = expectedStatus ? `accepted -> ${expectedStatus}` : 'refused';
        it(`${stateName} + ${eventName}: ${verdict}`, () => {
          const state: WizardState = STATES[stateName];
          const event: WizardEvent = EVENTS[eventName];
          const result = step(state, event);
          expect(can(state, event)).to.equal(result.accepted);
          if (expectedStatus === undefined) {
            expect(result.accepted).to.be.false;
            expect(result.state).to.deep.equal(state);
            if (!result.accepted) {
              expect(result.reason).to.equal(`${event.type} is not allowed while ${state.status}`);
            }
          } else {
            expect(result.accepted, result.accepted ? '' : result.reason).to.be.true;
            expect(result.state.status).to.equal(expectedStatus);
          }
        });
      }
    }

    it('refuses an unknown event type everywhere', () => {
      for (const state of Object.values(STATES)) {
        refuse(state, { type: 'NOPE' } as unknown as WizardEvent);
      }
    });
  });

  describe('loading', () => {
    it('starts in a frozen loading state', () => {
      expect(initialState).to.deep.equal({ status: 'loading' });
      expect(Object.isFrozen(initialState)).to.be.true;
    });
    it('LOADED with a connection -> connected', () => {
      const c = connection();
      expect(accept(STATES.loading, { type: 'LOADED', connection: c })).to.deep.equal({
        status: 'connected',
        connection: c,
      });
    });
    it('LOADED with null -> choosing with an empty Standard draft', () => {
      expect(accept(STATES.loading, { type: 'LOADED', connection: null })).to.deep.equal({
        status: 'choosing',
        draft: { tenantType: 'standard', tenantId: '', enrollmentUrl: '', remediationUrl: '' },
      });
    });
    it('LOAD_FAILED -> load-failed with the error; RELOAD -> loading', () => {
      const failed = accept(STATES.loading, { type: 'LOAD_FAILED', error: { code: 'timeout' } });
      expect(failed).to.deep.equal({ status: 'load-failed', error: { code: 'timeout' } });
      expect(accept(failed, { type: 'RELOAD' })).to.deep.equal({ status: 'loading' });
    });
  });

  describe('choosing and filling', () => {
    it('SELECT_TENANT_TYPE changes only the tenant type', () => {
      const next = as(
        accept(STATES.choosing, { type: 'SELECT_TENANT_TYPE', tenantType: 'gcc-high' }),
        'choosing',
      );
      expect(next.draft).to.deep.equal({ ...STATES.choosing.draft, tenantType: 'gcc-high' });
    });
    it('ADD -> filling with the chosen draft and no errors', () => {
      const chosen = { status: 'choosing', draft: { ...draft, tenantType: 'gcc-high' } } as const;
      expect(accept(chosen, { type: 'ADD' })).to.deep.equal({
        status: 'filling',
        draft: chosen.draft,
        errors: {},
      });
    });
    it('SELECT_TENANT_TYPE while filling keeps the typed fields', () => {
      const next = as(
        accept(STATES.filling, { type: 'SELECT_TENANT_TYPE', tenantType: 'gcc-high' }),
        'filling',
      );
      expect(next.draft).to.deep.equal({ ...draft, tenantType: 'gcc-high' });
    });
    it('CANCEL while filling -> choosing, keeping the draft', () => {
      expect(accept(STATES.filling, { type: 'CANCEL' })).to.deep.equal({
        status: 'choosing',
        draft,
      });
    });
    it('an invalid SUBMIT keeps the draft verbatim and sets every error', () => {
      const typed: Draft = {
        tenantType: 'standard',
        tenantId: '  Common ',
        enrollmentUrl: 'http://contoso.com',
        remediationUrl: 'javascript:alert(1)',
      };
      const next = as(
        accept({ status: 'filling', draft: typed, errors: {} }, EVENTS.SUBMIT),
        'filling',
      );
      expect(next.draft).to.deep.equal(typed);
      expect(next.errors).to.deep.equal({
        tenantId: 'tenant-multi',
        enrollmentUrl: 'url-not-https',
        remediationUrl: 'url-not-https',
      });
    });
    it('EDIT_FIELD stores the value verbatim and clears only that field error', () => {
      const filling = {
        status: 'filling',
        draft,
        errors: { tenantId: 'tenant-invalid', enrollmentUrl: 'url-not-https' },
      } as const;
      const next = as(
        accept(filling, { type: 'EDIT_FIELD', field: 'tenantId', value: '  still bad  ' }),
        'filling',
      );
      expect(next.draft).to.deep.equal({ ...draft, tenantId: '  still bad  ' });
      expect(next.errors).to.deep.equal({ enrollmentUrl: 'url-not-https' });
    });
    it('a valid SUBMIT -> awaiting-consent with the normalised attempt', () => {
      const typed: Draft = {
        tenantType: 'gcc-high',
        tenantId: ` ${TENANT.toUpperCase()} `,
        enrollmentUrl: '',
        remediationUrl: 'https://Contoso.com/fix',
      };
      const next = accept({ status: 'filling', draft: typed, errors: {} }, EVENTS.SUBMIT);
      expect(next).to.deep.equal({
        status: 'awaiting-consent',
        draft: typed,
        attempt: {
          state: NEW_STATE,
          input: {
            tenantType: 'gcc-high',
            tenantId: TENANT,
            remediationUrl: 'https://contoso.com/fix',
          },
        },
        consentGiven: false,
      });
    });
  });

  describe('awaiting-consent', () => {
    it('CONFIRM is refused until consent is ticked', () => {
      const waiting = STATES['awaiting-consent'];
      refuse(waiting, EVENTS.CONFIRM);
      const ticked = accept(waiting, { type: 'SET_CONSENT_GIVEN', value: true });
      expect(as(ticked, 'awaiting-consent').consentGiven).to.be.true;
      const unticked = accept(ticked, { type: 'SET_CONSENT_GIVEN', value: false });
      refuse(unticked, EVENTS.CONFIRM);
      expect(accept(ticked, EVENTS.CONFIRM)).to.deep.equal({
        status: 'verifying',
        draft,
        attempt,
        via: 'manual',
      });
    });

    it('a second CONFIRM is refused while verifying', () => {
      const verifying = accept(STATES['awaiting-consent (ticked)'], EVENTS.CONFIRM);
      refuse(verifying, EVENTS.CONFIRM);
      refuse(verifying, EVENTS.SET_CONSENT_GIVEN);
      refuse(verifying, EVENTS.CANCEL);
    });

    it('CALLBACK with a valid answer -> verifying via callback', () => {
      expect(accept(STATES['awaiting-consent'], EVENTS.CALLBACK)).to.deep.equal({
        status: 'verifying',
        draft,
        attempt,
        via: 'callback',
      });
    });

    it('CALLBACK with a forged state stays, with state-mismatch, and unticks', () => {
      const next = accept(STATES['awaiting-consent (ticked)'], {
        type: 'CALLBACK',
        params: { adminConsent: 'True', tenant: TENANT, state: NEW_STATE },
      });
      expect(next).to.deep.equal({
        status: 'awaiting-consent',
        draft,
        attempt,
        consentGiven: false,
        error: { code: 'state-mismatch' },
      });
    });

    it('CALLBACK with error and admin_consent=True -> the mapped error code', () => {
      const next = as(
        accept(STATES['awaiting-consent'], {
          type: 'CALLBACK',
          params: {
            adminConsent: 'True',
            tenant: TENANT,
            state: STATE,
            error: 'access_denied',
            errorDescription: 'AADSTS65004: User declined to consent to access the app.',
          },
        }),
        'awaiting-consent',
      );
      expect(next.error).to.deep.equal({ code: 'consent-declined', aadsts: 'AADSTS65004' });
      expect(next.draft).to.deep.equal(draft);
      expect(next.attempt).to.deep.equal(attempt);
    });

    it('CALLBACK error without an AADSTS code maps the error alone', () => {
      const next = as(
        accept(STATES['awaiting-consent'], {
          type: 'CALLBACK',
          params: { state: STATE, error: 'access_denied' },
        }),
        'awaiting-consent',
      );
      expect(next.error).to.deep.equal({ code: 'access-denied' });
    });

    it('CALLBACK for another tenant -> tenant-mismatch; without consent -> not-granted', () => {
      const mismatch = as(
        accept(STATES['awaiting-consent'], {
          type: 'CALLBACK',
          params: { adminConsent: 'True', tenant: OTHER_TENANT, state: STATE },
        }),
        'awaiting-consent',
      );
      expect(mismatch.error).to.deep.equal({ code: 'tenant-mismatch' });
      const notGranted = as(
        accept(STATES['awaiting-consent'], {
          type: 'CALLBACK',
          params: { tenant: TENANT, state: STATE },
        }),
        'awaiting-consent',
      );
      expect(notGranted.error).to.deep.equal({ code: 'not-granted' });
    });

    it('CALLBACK keeps previous when the attempt replaces a connection', () => {
      const previous = connection({ tenantId: OTHER_TENANT });
      const next = accept({ ...STATES['awaiting-consent'], previous }, EVENTS.CALLBACK);
      expect(next).to.deep.equal({
        status: 'verifying',
        draft,
        attempt,
        via: 'callback',
        previous,
      });
    });

    it('CANCEL -> filling for a new connection, editing when replacing one', () => {
      expect(accept(STATES['awaiting-consent'], EVENTS.CANCEL)).to.deep.equal({
        status: 'filling',
        draft,
        errors: {},
      });
      const previous = connection({ tenantId: OTHER_TENANT });
      expect(accept({ ...STATES['awaiting-consent'], previous }, EVENTS.CANCEL)).to.deep.equal({
        status: 'editing',
        connection: previous,
        draft,
        errors: {},
      });
    });
  });

  describe('verifying', () => {
    it('VERIFIED -> connected with the saved connection', () => {
      const c = connection({ version: 1 });
      expect(accept(STATES.verifying, { type: 'VERIFIED', connection: c })).to.deep.equal({
        status: 'connected',
        connection: c,
      });
    });

    it('VERIFY_FAILED keeps the draft, the attempt and the tick (manual)', () => {
      expect(
        accept(STATES.verifying, { type: 'VERIFY_FAILED', error: { code: 'network' } }),
      ).to.deep.equal({
        status: 'awaiting-consent',
        draft,
        attempt,
        consentGiven: true,
        error: { code: 'network' },
      });
    });

    it('VERIFY_FAILED after a callback asks for the tick again and keeps previous', () => {
      const previous = connection({ tenantId: OTHER_TENANT });
      const next = accept(
        { ...STATES.verifying, via: 'callback', previous },
        { type: 'VERIFY_FAILED', error: { code: 'not-verified' } },
      );
      expect(next).to.deep.equal({
        status: 'awaiting-consent',
        draft,
        attempt,
        previous,
        consentGiven: false,
        error: { code: 'not-verified' },
      });
    });
  });

  describe('connected, editing and saving', () => {
    const c = connection();

    it('EDIT -> editing with a draft from the connection', () => {
      expect(accept({ status: 'connected', connection: c }, EVENTS.EDIT)).to.deep.equal({
        status: 'editing',
        connection: c,
        draft: {
          tenantType: 'standard',
          tenantId: TENANT,
          enrollmentUrl: 'https://contoso.com/enroll',
          remediationUrl: '',
        },
        errors: {},
      });
    });

    it('EDIT drops an earlier error of connected', () => {
      const next = accept(
        { status: 'connected', connection: c, error: { code: 'network' } },
        EVENTS.EDIT,
      );
      expect(next).not.to.have.property('error');
    });

    it('an edit with no changes returns to connected', () => {
      const editing = accept({ status: 'connected', connection: c }, EVENTS.EDIT);
      expect(accept(editing, EVENTS.SUBMIT)).to.deep.equal({ status: 'connected', connection: c });
    });

    it('an edit that only re-cases the tenant is no change', () => {
      let state = accept({ status: 'connected', connection: c }, EVENTS.EDIT);
      state = accept(state, { type: 'EDIT_FIELD', field: 'tenantId', value: TENANT.toUpperCase() });
      expect(accept(state, EVENTS.SUBMIT)).to.deep.equal({ status: 'connected', connection: c });
    });

    it('an edit changing only URLs -> saving with the changes', () => {
      let state = accept({ status: 'connected', connection: c }, EVENTS.EDIT);
      state = accept(state, { type: 'EDIT_FIELD', field: 'enrollmentUrl', value: '' });
      state = accept(state, {
        type: 'EDIT_FIELD',
        field: 'remediationUrl',
        value: 'https://contoso.com/fix',
      });
      const saving = as(accept(state, EVENTS.SUBMIT), 'saving');
      expect(saving.connection).to.deep.equal(c);
      expect(saving.changes).to.deep.equal(['enrollmentUrl', 'remediationUrl']);
      expect(saving.input).to.deep.equal({
        tenantType: 'standard',
        tenantId: TENANT,
        remediationUrl: 'https://contoso.com/fix',
      });
      expect(saving.draft).to.deep.equal({
        tenantType: 'standard',
        tenantId: TENANT,
        enrollmentUrl: '',
        remediationUrl: 'https://contoso.com/fix',
      });
    });

    it('an edit changing the tenant -> awaiting-consent with previous', () => {
      let state = accept({ status: 'connected', connection: c }, EVENTS.EDIT);
      state = accept(state, { type: 'EDIT_FIELD', field: 'tenantId', value: OTHER_TENANT });
      expect(accept(state, EVENTS.SUBMIT)).to.deep.equal({
        status: 'awaiting-consent',
        draft: { ...draftOf(state)!, tenantId: OTHER_TENANT },
        attempt: {
          state: NEW_STATE,
          input: {
            tenantType: 'standard',
            tenantId: OTHER_TENANT,
            enrollmentUrl: 'https://contoso.com/enroll',
          },
        },
        consentGiven: false,
        previous: c,
      });
    });

    it('an edit changing the cloud -> awaiting-consent with previous', () => {
      let state = accept({ status: 'connected', connection: c }, EVENTS.EDIT);
      state = accept(state, { type: 'SELECT_TENANT_TYPE', tenantType: 'gcc-high' });
      const next = as(accept(state, EVENTS.SUBMIT), 'awaiting-consent');
      expect(next.previous).to.deep.equal(c);
      expect(next.attempt.input.tenantType).to.equal('gcc-high');
    });

    it('an invalid edit keeps the draft, sets errors and clears the save error', () => {
      const editing = {
        status: 'editing',
        connection: c,
        draft: { ...draft, enrollmentUrl: 'http://x.com' },
        errors: {},
        error: { code: 'conflict' },
      } as const;
      const next = as(accept(editing, EVENTS.SUBMIT), 'editing');
      expect(next.draft).to.deep.equal(editing.draft);
      expect(next.errors).to.deep.equal({ enrollmentUrl: 'url-not-https' });
      expect(next.error).to.equal(undefined);
      const fixed = as(
        accept(next, { type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://x.com' }),
        'editing',
      );
      expect(fixed.errors).to.deep.equal({});
    });

    it('CANCEL while editing -> connected, discarding the draft', () => {
      expect(accept(STATES.editing, EVENTS.CANCEL)).to.deep.equal({
        status: 'connected',
        connection: STATES.editing.connection,
      });
    });

    it('SAVED -> connected with the new connection', () => {
      const saved = connection({ version: 4 });
      expect(accept(STATES.saving, { type: 'SAVED', connection: saved })).to.deep.equal({
        status: 'connected',
        connection: saved,
      });
    });

    it('SAVE_FAILED -> editing with the draft kept and the error', () => {
      expect(
        accept(STATES.saving, { type: 'SAVE_FAILED', error: { code: 'conflict' } }),
      ).to.deep.equal({
        status: 'editing',
        connection: STATES.saving.connection,
        draft: STATES.saving.draft,
        errors: {},
        error: { code: 'conflict' },
      });
    });
  });

  describe('disconnecting', () => {
    it('DISCONNECT carries the reconnect flag', () => {
      const c = connection();
      expect(
        accept({ status: 'connected', connection: c }, { type: 'DISCONNECT', reconnect: true }),
      ).to.deep.equal({ status: 'disconnecting', connection: c, reconnect: true });
    });

    it('DISCONNECTED -> choosing, keeping the cloud of the old connection', () => {
      const gcc = connection({ tenantType: 'gcc-high', tenantId: 'contoso.onmicrosoft.us' });
      expect(
        accept(
          { status: 'disconnecting', connection: gcc, reconnect: false },
          { type: 'DISCONNECTED' },
        ),
      ).to.deep.equal({
        status: 'choosing',
        draft: { tenantType: 'gcc-high', tenantId: '', enrollmentUrl: '', remediationUrl: '' },
      });
    });

    it('a reconnect -> awaiting-consent with a prefilled draft and the new state', () => {
      const c = connection({ remediationUrl: 'https://contoso.com/fix' });
      expect(
        accept(
          { status: 'disconnecting', connection: c, reconnect: true },
          { type: 'DISCONNECTED', consentState: NEW_STATE },
        ),
      ).to.deep.equal({
        status: 'awaiting-consent',
        draft: {
          tenantType: 'standard',
          tenantId: TENANT,
          enrollmentUrl: 'https://contoso.com/enroll',
          remediationUrl: 'https://contoso.com/fix',
        },
        attempt: {
          state: NEW_STATE,
          input: {
            tenantType: 'standard',
            tenantId: TENANT,
            enrollmentUrl: 'https://contoso.com/enroll',
            remediationUrl: 'https://contoso.com/fix',
          },
        },
        consentGiven: false,
      });
    });

    it('a reconnect without a consent state is refused', () => {
      refuse(STATES['disconnecting (reconnect)'], { type: 'DISCONNECTED' });
    });

    it('a reconnect of a stored connection that no longer validates -> filling with errors', () => {
      const odd = connection({ enrollmentUrl: 'http://legacy.example/enroll' });
      const next = accept(
        { status: 'disconnecting', connection: odd, reconnect: true },
        { type: 'DISCONNECTED', consentState: NEW_STATE },
      );
      expect(next).to.deep.equal({
        status: 'filling',
        draft: {
          tenantType: 'standard',
          tenantId: TENANT,
          enrollmentUrl: 'http://legacy.example/enroll',
          remediationUrl: '',
        },
        errors: { enrollmentUrl: 'url-not-https' },
      });
    });

    it('DISCONNECT_FAILED -> connected with the error', () => {
      expect(
        accept(STATES.disconnecting, { type: 'DISCONNECT_FAILED', error: { code: 'network' } }),
      ).to.deep.equal({
        status: 'connected',
        connection: STATES.disconnecting.connection,
        error: { code: 'network' },
      });
    });
  });

  describe('a whole session', () => {
    it('goes from loading to connected, edits, then reconnects, without mutating anything', () => {
      let state: WizardState = initialState;
      const events: WizardEvent[] = [
        { type: 'LOADED', connection: null },
        { type: 'SELECT_TENANT_TYPE', tenantType: 'gcc-high' },
        { type: 'ADD' },
        { type: 'EDIT_FIELD', field: 'tenantId', value: 'Contoso.OnMicrosoft.us' },
        { type: 'SUBMIT', consentState: STATE },
        { type: 'SET_CONSENT_GIVEN', value: true },
        { type: 'CONFIRM' },
        {
          type: 'VERIFIED',
          connection: connection({ tenantType: 'gcc-high', tenantId: 'contoso.onmicrosoft.us' }),
        },
        { type: 'EDIT' },
        { type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://contoso.us/e' },
        { type: 'SUBMIT', consentState: NEW_STATE },
      ];
      const statuses: WizardStatus[] = [];
      for (const event of events) {
        state = accept(state, event);
        statuses.push(state.status);
      }
      expect(statuses).to.deep.equal([
        'choosing',
        'choosing',
        'filling',
        'filling',
        'awaiting-consent',
        'awaiting-consent',
        'verifying',
        'connected',
        'editing',
        'editing',
        'saving',
      ]);
    });
  });

  describe('draftOf', () => {
    it('returns the draft of states that have one', () => {
      expect(draftOf(STATES.filling)).to.equal(draft);
      expect(draftOf(STATES.verifying)).to.equal(draft);
      expect(draftOf(STATES.editing)).to.equal(STATES.editing.draft);
    });
    it('returns undefined otherwise', () => {
      expect(draftOf(STATES.loading)).to.equal(undefined);
      expect(draftOf(STATES.connected)).to.equal(undefined);
      expect(draftOf(STATES.disconnecting)).to.equal(undefined);
    });
  });
});
