/**
 * Model-based test of the wizard machine (`transition`), with `fc.commands` and `fc.modelRun`.
 *
 * A flat model (status, expected draft, fields flagged as errors, consent tick, consent attempt,
 * connection(s), shown error, and what survives a page reload) is stepped by hand-written rules
 * next to the real `WizardState`. Every generated event is applied in whatever state the run is
 * in (refusals are part of the test). After every step:
 * - the status is a known one and equals the model's; the machine accepts exactly the events the
 *   model accepts, and a refused event returns the very same state object;
 * - the draft is carried verbatim between states, changed only by EDIT_FIELD (that field, to
 *   that value) or SELECT_TENANT_TYPE (the tenant type), and dropped only on the way to
 *   `connected` or `loading`; it survives a page reload when the kept snapshot still fits;
 * - form errors name only fields whose current value `validateField` refuses, with its code;
 * - CONFIRM is accepted only when consent was ticked; `verifying` is entered only from
 *   `awaiting-consent`; a consent attempt is for exactly what the draft says;
 * - every connection in the state passes `connectionSchema`;
 * - the state is plain data: `structuredClone` and a JSON round trip keep it, and it is never
 *   mutated afterwards (states and events are deep-frozen).
 * The run ends by checking that every status was reached and every event type accepted.
 */
import { expect } from '@open-wc/testing';
import fc, { type Arbitrary, type Command } from 'fast-check';
import type { TenantType } from '../../src/core/cloud.js';
import type { ConsentCallbackParams } from '../../src/core/consent.js';
import {
  DRAFT_FIELDS,
  connectionSchema,
  validateField,
  type Connection,
  type ConnectionInput,
  type Draft,
  type DraftField,
  type FieldErrors,
} from '../../src/core/connection.js';
import type { ErrorCode, KitError } from '../../src/core/errors.js';
import {
  draftOf,
  initialState,
  transition,
  type ConsentAttempt,
  type Transition,
  type WizardEvent,
  type WizardEventType,
  type WizardState,
  type WizardStatus,
} from '../../src/core/machine.js';
import { snapshotOf } from '../../src/core/session.js';
import {
  anyTextArb,
  consentStateArb,
  domainArb,
  guidArb,
  mutated,
  oracleIsConsentState,
  oracleIsLowerGuid,
  padded,
  specialTenantArb,
  tenantTypeArb,
  runs,
} from './arbitraries.js';

/** A usable consent state, from the rule: 16 to 128 URL-safe characters. */
const CONSENT_STATE = /^[A-Za-z0-9_-]{16,128}$/;

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

const STATUSES: readonly WizardStatus[] = [
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

/** What of the wizard a page reload should keep (see `snapshotOf`). */
interface Kept {
  readonly kind: 'filling' | 'editing' | 'awaiting-consent';
  readonly draft: Draft;
  /** `editing`: the connection edited; `awaiting-consent`: the connection being replaced. */
  readonly connection: Connection | null;
  readonly attempt: ConsentAttempt | null;
  readonly consentGiven: boolean;
}

interface Model {
  status: WizardStatus;
  draft: Draft | null;
  /** Fields the form flags as invalid, in any order. */
  errorFields: DraftField[];
  consentGiven: boolean;
  attempt: ConsentAttempt | null;
  via: 'manual' | 'callback' | null;
  /** The connection a connected, editing, saving or disconnecting state holds. */
  connection: Connection | null;
  /** The connection an edit that needs new consent replaces. */
  previous: Connection | null;
  reconnect: boolean;
  error: KitError | null;
  input: ConnectionInput | null;
  changes: string[];
  kept: Kept | null;
  /** The stored snapshot itself, to tell it from other values a LOADED may carry. */
  keptRef: unknown;
  /** The connection the page held when it last reloaded. */
  lastConnection: Connection | null;
}

function newModel(): Model {
  return {
    status: 'loading',
    draft: null,
    errorFields: [],
    consentGiven: false,
    attempt: null,
    via: null,
    connection: null,
    previous: null,
    reconnect: false,
    error: null,
    input: null,
    changes: [],
    kept: null,
    keptRef: null,
    lastConnection: null,
  };
}

/** A fresh model in `status`, keeping only what outlives states (the reload memory). */
function enter(m: Model, status: WizardStatus, fields: Partial<Model> = {}): Model {
  const memory = { kept: m.kept, keptRef: m.keptRef, lastConnection: m.lastConnection };
  return { ...newModel(), ...memory, status, ...fields };
}

function emptyDraftOf(tenantType: TenantType): Draft {
  return { tenantType, tenantId: '', enrollmentUrl: '', remediationUrl: '' };
}

function draftOfConnection(connection: Connection): Draft {
  return {
    tenantType: connection.tenantType,
    tenantId: connection.tenantId,
    enrollmentUrl: connection.enrollmentUrl ?? '',
    remediationUrl: connection.remediationUrl ?? '',
  };
}

function invalidFields(draft: Draft): DraftField[] {
  return DRAFT_FIELDS.filter((field) => validateField(field, draft[field]) !== undefined);
}

/** The normalised input a valid draft stands for: tenant trimmed and lower-cased, URLs as href. */
function inputOf(draft: Draft): ConnectionInput {
  const input: { -readonly [K in keyof ConnectionInput]: ConnectionInput[K] } = {
    tenantType: draft.tenantType,
    tenantId: draft.tenantId.trim().toLowerCase(),
  };
  const enrollment = draft.enrollmentUrl.trim();
  const remediation = draft.remediationUrl.trim();
  if (enrollment !== '') input.enrollmentUrl = new URL(enrollment).href;
  if (remediation !== '') input.remediationUrl = new URL(remediation).href;
  return input;
}

/** The AADSTS codes of the domain notes and what the kit calls them. */
const AADSTS: Readonly<Record<string, ErrorCode>> = {
  AADSTS65001: 'consent-missing',
  AADSTS65004: 'consent-declined',
  AADSTS700016: 'consent-missing',
  AADSTS7000229: 'consent-missing',
  AADSTS90002: 'tenant-not-found',
  AADSTS90038: 'wrong-cloud',
  AADSTS500011: 'resource-not-found',
  AADSTS90094: 'admin-consent-required',
  AADSTS900023: 'tenant-malformed',
  AADSTS7000215: 'vendor-credentials',
  AADSTS700027: 'vendor-credentials',
  AADSTS50196: 'throttled',
};

/** Error descriptions the callbacks carry, with the AADSTS code each one names. */
const DESCRIPTIONS: readonly (readonly [string, string | undefined])[] = [
  ['AADSTS65004: The user declined to consent.', 'AADSTS65004'],
  ['AADSTS90038: Tenant is in another cloud.', 'AADSTS90038'],
  ['AADSTS700016: Application not found in the directory.', 'AADSTS700016'],
  ['AADSTS12345: Something new.', 'AADSTS12345'],
  ['The administrator closed the page.', undefined],
];

/** The error a callback must show, or null when it proves consent for the attempt. */
function callbackError(params: ConsentCallbackParams, attempt: ConsentAttempt): KitError | null {
  if (params.state === undefined || params.state !== attempt.state)
    return { code: 'state-mismatch' };
  if (params.error !== undefined && params.error !== '') {
    const aadsts = DESCRIPTIONS.find(([text]) => text === params.errorDescription)?.[1];
    const code =
      (aadsts === undefined ? undefined : AADSTS[aadsts]) ??
      (params.error === 'access_denied'
        ? 'access-denied'
        : params.error === 'consent_required'
          ? 'consent-missing'
          : 'consent-error');
    return aadsts === undefined ? { code } : { code, aadsts };
  }
  if ((params.adminConsent ?? '').toLowerCase() !== 'true') return { code: 'not-granted' };
  const returned = (params.tenant ?? '').trim().toLowerCase();
  const entered = attempt.input.tenantId;
  if (!oracleIsLowerGuid(returned) || (oracleIsLowerGuid(entered) && returned !== entered)) {
    return { code: 'tenant-mismatch' };
  }
  return null;
}

function sameVersion(a: Connection, b: Connection): boolean {
  return a.tenantId === b.tenantId && a.tenantType === b.tenantType && a.version === b.version;
}

/** What a page reload keeps of the model (the snapshot the console stores). */
function keep(m: Model): Kept | null {
  const draft = m.draft;
  if (draft === null) return null;
  switch (m.status) {
    case 'filling':
      return { kind: 'filling', draft, connection: null, attempt: null, consentGiven: false };
    case 'editing':
    case 'saving':
      return {
        kind: 'editing',
        draft,
        connection: m.connection,
        attempt: null,
        consentGiven: false,
      };
    case 'awaiting-consent':
    case 'verifying':
      return {
        kind: 'awaiting-consent',
        draft,
        connection: m.previous,
        attempt: m.attempt,
        // An interrupted verification comes back ticked, to be confirmed again.
        consentGiven: m.status === 'verifying' || m.consentGiven,
      };
    default:
      return null;
  }
}

const MAX_KEPT_TEXT = 4096;

/** The state a reload resumes from `kept`, given the connection loaded; null when it does not fit. */
function resume(m: Model, kept: Kept | null, connection: Connection | null): Model | null {
  if (kept === null) return null;
  if (DRAFT_FIELDS.some((field) => kept.draft[field].length > MAX_KEPT_TEXT)) return null;
  switch (kept.kind) {
    case 'filling':
      return connection === null ? enter(m, 'filling', { draft: kept.draft }) : null;
    case 'editing':
      return connection !== null && kept.connection && sameVersion(connection, kept.connection)
        ? enter(m, 'editing', { draft: kept.draft, connection })
        : null;
    case 'awaiting-consent': {
      if (kept.attempt === null || !oracleIsConsentState(kept.attempt.state)) return null;
      const fits =
        kept.connection === null
          ? connection === null
          : connection !== null && sameVersion(connection, kept.connection);
      if (!fits) return null;
      return enter(m, 'awaiting-consent', {
        draft: kept.draft,
        attempt: kept.attempt,
        consentGiven: kept.consentGiven,
        previous: kept.connection === null ? null : connection,
      });
    }
  }
}

/** Marks a resumed LOADED for the coverage count. */
let lastResumed = false;

/** The model after `event`, or undefined when the machine must refuse it. */
function step(m: Model, event: WizardEvent): Model | undefined {
  const draft = m.draft;
  switch (m.status) {
    case 'loading':
      if (event.type === 'LOADED') {
        const stored = event.snapshot !== undefined && event.snapshot === m.keptRef;
        const resumed = stored ? resume(m, m.kept, event.connection) : null;
        lastResumed = resumed !== null;
        if (resumed) return resumed;
        return event.connection
          ? enter(m, 'connected', { connection: event.connection })
          : enter(m, 'choosing', { draft: emptyDraftOf('standard') });
      }
      if (event.type === 'LOAD_FAILED') return enter(m, 'load-failed', { error: event.error });
      return undefined;
    case 'load-failed':
      return event.type === 'RELOAD' ? enter(m, 'loading') : undefined;
    case 'choosing':
      if (draft === null) throw new Error('model: choosing without a draft');
      if (event.type === 'RELOAD') return enter(m, 'loading');
      if (event.type === 'SELECT_TENANT_TYPE') {
        return { ...m, draft: { ...draft, tenantType: event.tenantType } };
      }
      if (event.type === 'ADD') return enter(m, 'filling', { draft });
      return undefined;
    case 'filling':
    case 'editing': {
      if (draft === null) throw new Error(`model: ${m.status} without a draft`);
      const connection = m.connection;
      switch (event.type) {
        case 'EDIT_FIELD':
          return {
            ...m,
            draft: { ...draft, [event.field]: event.value },
            errorFields: m.errorFields.filter((field) => field !== event.field),
          };
        case 'SELECT_TENANT_TYPE':
          return { ...m, draft: { ...draft, tenantType: event.tenantType } };
        case 'CANCEL':
          return connection === null
            ? enter(m, 'choosing', { draft })
            : enter(m, 'connected', { connection });
        case 'SUBMIT': {
          if (!CONSENT_STATE.test(event.consentState)) return undefined;
          const invalid = invalidFields(draft);
          if (invalid.length > 0) return { ...m, errorFields: invalid, error: null };
          const input = inputOf(draft);
          const attempt = { state: event.consentState, input };
          if (connection === null) return enter(m, 'awaiting-consent', { draft, attempt });
          if (
            input.tenantId !== connection.tenantId ||
            input.tenantType !== connection.tenantType
          ) {
            return enter(m, 'awaiting-consent', { draft, attempt, previous: connection });
          }
          const changes = (['enrollmentUrl', 'remediationUrl'] as const).filter(
            (key) => (connection[key] ?? '') !== (input[key] ?? ''),
          );
          if (changes.length === 0) return enter(m, 'connected', { connection });
          return enter(m, 'saving', { draft, connection, input, changes });
        }
        default:
          return undefined;
      }
    }
    case 'awaiting-consent': {
      const attempt = m.attempt;
      if (draft === null || attempt === null) throw new Error('model: awaiting without attempt');
      switch (event.type) {
        case 'SET_CONSENT_GIVEN':
          return { ...m, consentGiven: event.value };
        case 'CONFIRM':
          if (!m.consentGiven) return undefined;
          return enter(m, 'verifying', { draft, attempt, previous: m.previous, via: 'manual' });
        case 'CALLBACK': {
          const error = callbackError(event.params, attempt);
          if (error === null) {
            return enter(m, 'verifying', { draft, attempt, previous: m.previous, via: 'callback' });
          }
          return { ...m, consentGiven: false, error };
        }
        case 'CALLBACK_REJECTED':
          return { ...m, error: event.error };
        case 'CANCEL':
          return m.previous === null
            ? enter(m, 'filling', { draft })
            : enter(m, 'editing', { draft, connection: m.previous });
        default:
          return undefined;
      }
    }
    case 'verifying':
      if (event.type === 'VERIFIED') return enter(m, 'connected', { connection: event.connection });
      if (event.type === 'VERIFY_FAILED') {
        return {
          ...enter(m, 'awaiting-consent', { draft, attempt: m.attempt, previous: m.previous }),
          consentGiven: m.via === 'manual',
          error: event.error,
        };
      }
      return undefined;
    case 'connected': {
      const connection = m.connection;
      if (connection === null) throw new Error('model: connected without a connection');
      if (event.type === 'RELOAD') return enter(m, 'loading');
      if (event.type === 'EDIT') {
        return enter(m, 'editing', { connection, draft: draftOfConnection(connection) });
      }
      if (event.type === 'DISCONNECT') {
        return enter(m, 'disconnecting', { connection, reconnect: event.reconnect });
      }
      if (event.type === 'REFRESHED') {
        return event.connection
          ? enter(m, 'connected', { connection: event.connection, error: m.error })
          : enter(m, 'choosing', { draft: emptyDraftOf(connection.tenantType) });
      }
      return undefined;
    }
    case 'saving':
      if (event.type === 'SAVED') return enter(m, 'connected', { connection: event.connection });
      if (event.type === 'SAVE_FAILED') {
        return enter(m, 'editing', { draft, connection: m.connection, error: event.error });
      }
      return undefined;
    case 'disconnecting': {
      const connection = m.connection;
      if (connection === null) throw new Error('model: disconnecting without a connection');
      if (event.type === 'DISCONNECT_FAILED') {
        return enter(m, 'connected', { connection, error: event.error });
      }
      if (event.type !== 'DISCONNECTED') return undefined;
      if (!m.reconnect) return enter(m, 'choosing', { draft: emptyDraftOf(connection.tenantType) });
      if (event.consentState === undefined || !CONSENT_STATE.test(event.consentState)) {
        return undefined;
      }
      const again = draftOfConnection(connection);
      const invalid = invalidFields(again);
      if (invalid.length > 0) return enter(m, 'filling', { draft: again, errorFields: invalid });
      return enter(m, 'awaiting-consent', {
        draft: again,
        attempt: { state: event.consentState, input: inputOf(again) },
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checks (plain comparisons first; chai builds its message only when one fails, which keeps
// thousands of steps fast)
// ---------------------------------------------------------------------------------------------

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Structural equality of plain data; a key set to `undefined` differs from a missing key. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(recordB, key) && same(recordA[key], recordB[key]));
}

function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!same(actual, expected)) expect(actual, what).to.deep.equal(expected);
}

function ensure(condition: boolean, what: string): void {
  if (!condition) expect.fail(what);
}

/** Only what JSON and structured clone carry faithfully: no functions, classes, NaN, holes. */
function isPlainData(value: unknown, inArray = false): boolean {
  if (value === undefined) return !inArray;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    return (
      Object.keys(value).length === value.length && value.every((item) => isPlainData(item, true))
    );
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((item) => isPlainData(item));
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, withoutUndefined(item)]),
    );
  }
  return value;
}

function expectValidConnection(connection: Connection | undefined, what: string): void {
  if (connection === undefined) return;
  const parsed = connectionSchema.safeParse(connection);
  ensure(parsed.success, `${what} passes connectionSchema: ${JSON.stringify(connection)}`);
}

function expectErrorsValid(errors: FieldErrors, draft: Draft): void {
  for (const [field, code] of Object.entries(errors)) {
    const name = field as DraftField;
    ensure(DRAFT_FIELDS.includes(name), `unknown field in errors: ${name}`);
    const actual = validateField(name, draft[name]);
    ensure(
      code !== undefined && code === actual,
      `errors.${name} is ${String(code)} but ${JSON.stringify(draft[name])} gives ${String(actual)}`,
    );
  }
}

/** The events after which a draft may be gone (the state that follows holds none). */
const DRAFT_DROPPING = ['VERIFIED', 'SAVED', 'CANCEL', 'SUBMIT', 'RELOAD'];

/** What must hold for any transition, whatever the model says. */
function checkInvariants(before: WizardState, event: WizardEvent, result: Transition): void {
  const after = result.state;
  ensure(STATUSES.includes(after.status), `unknown status ${after.status}`);
  if (!result.accepted) {
    ensure(after === before, `${event.type} refused in ${before.status} returns the same state`);
    ensure(typeof result.reason === 'string', 'a refusal has a reason');
    return;
  }

  const draftBefore = draftOf(before);
  const draftAfter = draftOf(after);
  if (draftBefore && draftAfter) {
    const expected =
      event.type === 'EDIT_FIELD'
        ? { ...draftBefore, [event.field]: event.value }
        : event.type === 'SELECT_TENANT_TYPE'
          ? { ...draftBefore, tenantType: event.tenantType }
          : draftBefore;
    expectSame(draftAfter, expected, `draft after ${event.type}`);
  } else if (draftBefore) {
    ensure(
      DRAFT_DROPPING.includes(event.type) && ['connected', 'loading'].includes(after.status),
      `draft dropped by ${event.type} (${before.status} -> ${after.status})`,
    );
  }

  if (after.status === 'filling' || after.status === 'editing') {
    expectErrorsValid(after.errors, after.draft);
  }
  if (event.type === 'CONFIRM') {
    ensure(
      before.status === 'awaiting-consent' && before.consentGiven,
      `CONFIRM accepted without the tick (${before.status})`,
    );
  }
  if (after.status === 'verifying' && before.status !== 'verifying') {
    ensure(before.status === 'awaiting-consent', `verifying entered from ${before.status}`);
  }
  if (after.status === 'awaiting-consent' || after.status === 'verifying') {
    ensure(invalidFields(after.draft).length === 0, 'a consent attempt for an invalid draft');
    expectSame(after.attempt.input, inputOf(after.draft), 'the attempt is for the draft');
    expectValidConnection(after.previous, 'previous');
  }
  if ('connection' in after) expectValidConnection(after.connection, 'connection');

  ensure(isPlainData(after), `state is plain data: ${JSON.stringify(after)}`);
  expectSame(structuredClone(after), after, 'structuredClone(state)');
  expectSame(JSON.parse(JSON.stringify(after)), withoutUndefined(after), 'JSON round trip');
}

/** The real state says what the model says. */
function expectMatches(real: WizardState, m: Model): void {
  ensure(real.status === m.status, `status ${real.status}, model says ${m.status}`);
  expectSame(draftOf(real) ?? null, m.draft, 'draft');
  const errorFields = (errors: FieldErrors) => Object.keys(errors).sort();
  switch (real.status) {
    case 'loading':
    case 'choosing':
      return;
    case 'load-failed':
      expectSame(real.error, m.error, 'error');
      return;
    case 'filling':
      expectSame(errorFields(real.errors), [...m.errorFields].sort(), 'errors');
      return;
    case 'awaiting-consent':
      ensure(
        real.consentGiven === m.consentGiven,
        `consentGiven ${real.consentGiven}, model says ${m.consentGiven}`,
      );
      expectSame(real.attempt, m.attempt, 'attempt');
      expectSame(real.previous ?? null, m.previous, 'previous');
      expectSame(real.error ?? null, m.error, 'error');
      return;
    case 'verifying':
      expectSame(real.attempt, m.attempt, 'attempt');
      expectSame(real.previous ?? null, m.previous, 'previous');
      ensure(real.via === m.via, `via ${real.via}, model says ${String(m.via)}`);
      return;
    case 'connected':
      expectSame(real.connection, m.connection, 'connection');
      expectSame(real.error ?? null, m.error, 'error');
      return;
    case 'editing':
      expectSame(real.connection, m.connection, 'connection');
      expectSame(errorFields(real.errors), [...m.errorFields].sort(), 'errors');
      expectSame(real.error ?? null, m.error, 'error');
      return;
    case 'saving':
      expectSame(real.connection, m.connection, 'connection');
      expectSame(real.input, m.input, 'input');
      expectSame(real.changes, m.changes, 'changes');
      return;
    case 'disconnecting':
      expectSame(real.connection, m.connection, 'connection');
      ensure(
        real.reconnect === m.reconnect,
        `reconnect ${real.reconnect}, model says ${m.reconnect}`,
      );
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

interface Real {
  state: WizardState;
  /** What the console stored before the last page reload (JSON, as storage keeps it). */
  kept: unknown;
  /** The events of this run so far, quoted in a failure (commands that read the model print
   * only their generated choices). */
  trace: string[];
}

/** Coverage across the whole run: statuses reached and events accepted. */
const reached = new Map<string, number>();
const accepted = new Map<string, number>();

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Runs `checks`; a failure names the events the run applied, in order. */
function traced(real: Real, checks: () => void): void {
  try {
    checks();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nevents applied in this run:\n  ${real.trace.join('\n  ')}`, {
      cause: error,
    });
  }
}

/** Applies one event, built from the model when it must refer to the current attempt. */
class EventCommand implements Command<Model, Real> {
  constructor(
    private readonly label: string,
    private readonly build: (model: Model, real: Real) => WizardEvent,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: Model, real: Real): void {
    const event = deepFreeze(this.build(model, real));
    real.trace.push(JSON.stringify(event));
    traced(real, () => {
      const before = real.state;
      const result = transition(before, event);
      checkInvariants(before, event, result);
      lastResumed = false;
      const expected = step(model, event);
      ensure(
        result.accepted === (expected !== undefined),
        `${event.type} ${result.accepted ? 'accepted' : 'refused'} in ${before.status}, model disagrees`,
      );
      if (expected !== undefined) Object.assign(model, expected);
      real.state = deepFreeze(result.state);
      expectMatches(real.state, model);
      count(reached, real.state.status);
      if (result.accepted) count(accepted, lastResumed ? `${event.type} (resumed)` : event.type);
    });
  }

  toString(): string {
    return this.label;
  }
}

/** The console page reloads: it keeps `snapshotOf` the state and starts from `loading`. */
class PageReloadCommand implements Command<Model, Real> {
  check(): boolean {
    return true;
  }

  run(model: Model, real: Real): void {
    real.trace.push('(page reload)');
    traced(real, () => {
      const snapshot = snapshotOf(real.state);
      real.kept = snapshot === null ? null : JSON.parse(JSON.stringify(snapshot));
      real.state = initialState;
      Object.assign(
        model,
        enter({ ...model, lastConnection: model.connection ?? model.previous }, 'loading', {
          kept: keep(model),
          keptRef: real.kept,
        }),
      );
      expectMatches(real.state, model);
    });
  }

  toString(): string {
    return 'PAGE_RELOAD';
  }
}

const TENANTS = [
  '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  'a1b2c3d4-0000-4000-8000-123456789abc',
  'contoso.onmicrosoft.com',
  'fabrikam.onmicrosoft.us',
];
const URLS = [
  'https://contoso.com/enroll',
  'https://contoso.com/fix?device=1',
  'https://intranet.fabrikam.us/',
];

const isoArb = fc
  .date({
    min: new Date(Date.UTC(2000, 0, 1)),
    max: new Date(Date.UTC(2099, 11, 31)),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const connectionUrlArb = fc.oneof(
  fc.constantFrom(...URLS),
  fc
    .tuple(domainArb, fc.webSegment())
    .filter(([host]) => !host.includes('xn--'))
    .map(([host, path]) => new URL(`https://${host}/${path}`).href),
);

const connectionArb: Arbitrary<Connection> = fc.record(
  {
    tenantType: tenantTypeArb,
    tenantId: fc.oneof(fc.constantFrom(...TENANTS), guidArb, domainArb),
    enrollmentUrl: connectionUrlArb,
    remediationUrl: connectionUrlArb,
    connectedAt: isoArb,
    updatedAt: isoArb,
    version: fc.integer({ min: 1, max: 1000 }),
    connectedBy: fc.string(),
  },
  { requiredKeys: ['tenantType', 'tenantId', 'connectedAt', 'updatedAt', 'version'] },
);

const kitErrorArb: Arbitrary<KitError> = fc.record(
  {
    code: fc.constantFrom<ErrorCode>('network', 'timeout', 'not-verified', 'adapter', 'conflict'),
    aadsts: fc.constantFrom('AADSTS65001', 'AADSTS90038'),
    detail: fc.string(),
  },
  { requiredKeys: ['code'] },
);

const validTenantValueArb = fc.oneof(
  { weight: 3, arbitrary: padded(fc.mixedCase(fc.constantFrom(...TENANTS))) },
  { weight: 1, arbitrary: fc.oneof(guidArb, domainArb) },
);
const tenantValueArb = fc.oneof(
  { weight: 12, arbitrary: validTenantValueArb },
  {
    weight: 6,
    arbitrary: fc.oneof(
      specialTenantArb,
      fc.constant(''),
      anyTextArb,
      mutated(fc.constantFrom(...TENANTS)),
    ),
  },
  { weight: 1, arbitrary: fc.constant('x'.repeat(MAX_KEPT_TEXT + 1)) },
);
const urlValueArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', ...URLS, ' https://Contoso.com/new ') },
  { weight: 2, arbitrary: connectionUrlArb },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom(
        'http://contoso.com/',
        'javascript:alert(1)',
        'https://user:pw@contoso.com/',
        'https://contoso.com/a b',
      ),
      anyTextArb,
      mutated(connectionUrlArb),
    ),
  },
);
const fieldEditArb: Arbitrary<{ field: DraftField; value: string }> = fc.oneof(
  tenantValueArb.map((value) => ({ field: 'tenantId' as const, value })),
  urlValueArb.map((value) => ({ field: 'enrollmentUrl' as const, value })),
  urlValueArb.map((value) => ({ field: 'remediationUrl' as const, value })),
);
const submitStateArb = fc.oneof(
  { weight: 4, arbitrary: consentStateArb },
  { weight: 1, arbitrary: anyTextArb },
);

/** An event that does not depend on the state: its label is the event itself. */
function fixed(event: WizardEvent): EventCommand {
  return new EventCommand(JSON.stringify(event), () => event);
}

function event(label: string, build: (model: Model, real: Real) => WizardEvent): EventCommand {
  return new EventCommand(label, build);
}

/** A callback answering the current attempt, each part matching it or not. */
const callbackArb = fc
  .record({
    state: fc.constantFrom('match', 'match', 'match', 'other', 'missing', 'empty'),
    tenant: fc.constantFrom('match', 'match', 'match-upper', 'other', 'missing', 'junk'),
    adminConsent: fc.constantFrom<string | undefined>(
      'True',
      'True',
      'true',
      'TRUE',
      'False',
      undefined,
    ),
    error: fc.constantFrom<string | undefined>(
      undefined,
      undefined,
      undefined,
      '',
      'access_denied',
      'consent_required',
      'server_error',
    ),
    description: fc.option(fc.constantFrom(...DESCRIPTIONS.map(([text]) => text)), {
      nil: undefined,
    }),
    otherState: consentStateArb,
    otherTenant: guidArb,
    junk: anyTextArb,
  })
  .map((c) =>
    event(`CALLBACK(state=${c.state}, tenant=${c.tenant})`, (m) => {
      const attempt = m.attempt;
      const expectedState = attempt?.state ?? c.otherState;
      const entered = attempt?.input.tenantId ?? c.otherTenant;
      const returned = oracleIsLowerGuid(entered) ? entered : c.otherTenant;
      const params: { -readonly [K in keyof ConsentCallbackParams]: ConsentCallbackParams[K] } = {};
      if (c.state !== 'missing') {
        params.state = { match: expectedState, other: c.otherState, empty: '' }[c.state];
      }
      if (c.tenant !== 'missing') {
        params.tenant = {
          match: returned,
          'match-upper': ` ${returned.toUpperCase()} `,
          other: c.otherTenant,
          junk: c.junk,
        }[c.tenant];
      }
      if (c.adminConsent !== undefined) params.adminConsent = c.adminConsent;
      if (c.error !== undefined) params.error = c.error;
      if (c.description !== undefined) params.errorDescription = c.description;
      return { type: 'CALLBACK', params };
    }),
  );

/** A connection for what the attempt (or the save) was for, as a backend would report it. */
function connectionFor(
  input: ConnectionInput | undefined,
  base: Connection,
  version: number,
): Connection {
  if (input === undefined) return base;
  return { ...base, ...input, version };
}

/** Stored values that are not a snapshot the machine made (all malformed). */
const garbageArb: Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, '', 'filling', [], {}),
  fc.record({
    status: fc.constantFrom('filling', 'editing', 'awaiting-consent', 'connected'),
    draft: fc.constantFrom(null, {}, { tenantType: 'standard', tenantId: 1 }),
  }),
);

const loadedArb: Arbitrary<Command<Model, Real>> = fc
  .record({
    connection: fc.constantFrom('as-before', 'as-before', 'null', 'fresh', 'same', 'bumped'),
    snapshot: fc.constantFrom('kept', 'kept', 'none', 'garbage'),
    fresh: connectionArb,
    garbage: garbageArb,
  })
  .map((c) =>
    event(`LOADED(connection=${c.connection}, snapshot=${c.snapshot})`, (m, real) => {
      const last = m.lastConnection ?? c.fresh;
      const connection = {
        'as-before': m.lastConnection,
        null: null,
        fresh: c.fresh,
        same: last,
        bumped: { ...last, version: last.version + 1 },
      }[c.connection];
      if (c.snapshot === 'none') return { type: 'LOADED', connection };
      return {
        type: 'LOADED',
        connection,
        snapshot: c.snapshot === 'kept' ? real.kept : c.garbage,
      };
    }),
  );

const verifiedArb = fc.tuple(connectionArb, fc.boolean()).map(([base, forAttempt]) =>
  event(forAttempt ? 'VERIFIED(for the attempt)' : `VERIFIED(${JSON.stringify(base)})`, (m) => ({
    type: 'VERIFIED',
    connection: forAttempt ? connectionFor(m.attempt?.input, base, 1) : base,
  })),
);

const refreshedArb = fc
  .option(connectionArb, { nil: null })
  .map((connection) => fixed({ type: 'REFRESHED', connection }));

const savedArb = fc.tuple(connectionArb, fc.boolean()).map(([base, forInput]) =>
  event(forInput ? 'SAVED(the input)' : `SAVED(${JSON.stringify(base)})`, (m) => ({
    type: 'SAVED',
    connection: forInput
      ? connectionFor(m.input ?? undefined, base, (m.connection?.version ?? 0) + 1)
      : base,
  })),
);

/**
 * An event the current state is likely to accept, with generated payloads: it takes runs deeper
 * than uniform picks would (verifying, saving, resumed drafts) without steering the outcome.
 */
const likelyArb: Arbitrary<Command<Model, Real>> = fc
  .record({
    pick: fc.nat(),
    flag: fc.boolean(),
    connection: connectionArb,
    error: kitErrorArb,
    tenant: validTenantValueArb,
    url: fc.oneof(connectionUrlArb, urlValueArb),
    state: consentStateArb,
    tenantType: tenantTypeArb,
    guid: guidArb,
  })
  .map((p) =>
    event(`LIKELY(pick=${p.pick})`, (m, real) => {
      const version = (m.connection?.version ?? 0) + 1;
      const table: Record<WizardStatus, WizardEvent[]> = {
        loading: [
          { type: 'LOADED', connection: null },
          { type: 'LOADED', connection: p.connection },
          { type: 'LOAD_FAILED', error: p.error },
          // After a page reload: the adapter reports what it had, the stored snapshot comes back.
          { type: 'LOADED', connection: m.lastConnection, snapshot: real.kept },
          { type: 'LOADED', connection: m.lastConnection, snapshot: real.kept },
        ],
        'load-failed': [{ type: 'RELOAD' }],
        choosing: [{ type: 'ADD' }, { type: 'SELECT_TENANT_TYPE', tenantType: p.tenantType }],
        filling: [
          { type: 'EDIT_FIELD', field: 'tenantId', value: p.tenant },
          { type: 'SUBMIT', consentState: p.state },
          { type: 'SUBMIT', consentState: p.state },
          { type: 'CANCEL' },
        ],
        'awaiting-consent': [
          { type: 'SET_CONSENT_GIVEN', value: true },
          { type: 'CONFIRM' },
          {
            type: 'CALLBACK',
            params: {
              state: m.attempt?.state ?? p.state,
              tenant: oracleIsLowerGuid(m.attempt?.input.tenantId ?? '')
                ? m.attempt?.input.tenantId
                : p.guid,
              adminConsent: 'True',
            },
          },
          { type: 'CANCEL' },
        ],
        verifying: [
          { type: 'VERIFIED', connection: connectionFor(m.attempt?.input, p.connection, 1) },
          { type: 'VERIFY_FAILED', error: p.error },
        ],
        connected: [{ type: 'EDIT' }, { type: 'DISCONNECT', reconnect: p.flag }],
        editing: [
          { type: 'EDIT_FIELD', field: p.flag ? 'enrollmentUrl' : 'remediationUrl', value: p.url },
          { type: 'EDIT_FIELD', field: p.flag ? 'remediationUrl' : 'enrollmentUrl', value: p.url },
          { type: 'EDIT_FIELD', field: 'tenantId', value: p.tenant },
          { type: 'SUBMIT', consentState: p.state },
          { type: 'SUBMIT', consentState: p.state },
          { type: 'SUBMIT', consentState: p.state },
          { type: 'CANCEL' },
        ],
        saving: [
          { type: 'SAVED', connection: connectionFor(m.input ?? undefined, p.connection, version) },
          { type: 'SAVE_FAILED', error: p.error },
        ],
        disconnecting: [
          { type: 'DISCONNECTED', consentState: p.state },
          { type: 'DISCONNECT_FAILED', error: p.error },
        ],
      };
      const options = table[m.status];
      return options[p.pick % options.length] ?? { type: 'RELOAD' };
    }),
  );

/** Every event type (a few twice, so that deeper states are reached), and page reloads. */
const COMMANDS: Arbitrary<Command<Model, Real>>[] = [
  likelyArb,
  likelyArb,
  likelyArb,
  likelyArb,
  loadedArb,
  loadedArb,
  loadedArb,
  kitErrorArb.map((error) => fixed({ type: 'LOAD_FAILED', error })),
  fc.constant(fixed({ type: 'RELOAD' })),
  tenantTypeArb.map((tenantType) => fixed({ type: 'SELECT_TENANT_TYPE', tenantType })),
  fc.constant(fixed({ type: 'ADD' })),
  fieldEditArb.map(({ field, value }) => fixed({ type: 'EDIT_FIELD', field, value })),
  fc.constant(
    event('EDIT_FIELD(tenant retyped in upper case)', (m) => ({
      type: 'EDIT_FIELD',
      field: 'tenantId',
      value: ` ${(m.connection ?? m.previous)?.tenantId.toUpperCase() ?? TENANTS[0]} `,
    })),
  ),
  submitStateArb.map((consentState) => fixed({ type: 'SUBMIT', consentState })),
  fc.constant(fixed({ type: 'CANCEL' })),
  fc.boolean().map((value) => fixed({ type: 'SET_CONSENT_GIVEN', value })),
  fc.constant(fixed({ type: 'CONFIRM' })),
  callbackArb,
  callbackArb,
  fc
    .constantFrom<ErrorCode>('state-replayed', 'state-stale')
    .map((code) => fixed({ type: 'CALLBACK_REJECTED', error: { code } })),
  verifiedArb,
  verifiedArb,
  kitErrorArb.map((error) => fixed({ type: 'VERIFY_FAILED', error })),
  fc.constant(fixed({ type: 'EDIT' })),
  savedArb,
  savedArb,
  kitErrorArb.map((error) => fixed({ type: 'SAVE_FAILED', error })),
  fc.boolean().map((reconnect) => fixed({ type: 'DISCONNECT', reconnect })),
  fc
    .oneof(fc.constant('absent' as const), fc.constant(undefined), submitStateArb)
    .map((consentState) =>
      fixed(
        consentState === 'absent'
          ? { type: 'DISCONNECTED' }
          : { type: 'DISCONNECTED', consentState },
      ),
    ),
  kitErrorArb.map((error) => fixed({ type: 'DISCONNECT_FAILED', error })),
  refreshedArb,
  fc.constant(new PageReloadCommand()),
  fc.constant(new PageReloadCommand()),
];

/** Short prefixes that put a run straight into a deeper state, so 40 steps reach further. */
const prefixArb: Arbitrary<Command<Model, Real>[]> = fc
  .record({
    scenario: fc.integer({ min: 0, max: 9 }),
    connection: connectionArb,
    tenant: validTenantValueArb,
    other: guidArb,
    url: connectionUrlArb,
    state: consentStateArb,
  })
  .map(({ scenario, connection, tenant, other, url, state }) => {
    const loadedEmpty = fixed({ type: 'LOADED', connection: null });
    const loaded = fixed({ type: 'LOADED', connection });
    const add = fixed({ type: 'ADD' });
    const edit = fixed({ type: 'EDIT' });
    const submit = fixed({ type: 'SUBMIT', consentState: state });
    const type = (value: string, field: DraftField = 'tenantId') =>
      fixed({ type: 'EDIT_FIELD', field, value });
    const tick = fixed({ type: 'SET_CONSENT_GIVEN', value: true });
    const confirm = fixed({ type: 'CONFIRM' });
    const scenarios: Command<Model, Real>[][] = [
      [],
      [loadedEmpty],
      [loadedEmpty, add],
      [loadedEmpty, add, type(tenant), submit],
      [loaded],
      [loaded, edit],
      [loaded, edit, type(other), submit],
      [loadedEmpty, add, type(tenant), submit, tick, confirm],
      [loaded, edit, type(`${url}#changed`, 'remediationUrl'), submit],
      [loaded, fixed({ type: 'DISCONNECT', reconnect: true })],
    ];
    return scenarios[scenario] ?? [];
  });

/** Every event type; `satisfies` makes a new event type a compile error until it is modelled. */
const EVENT_TYPES = Object.keys({
  LOADED: true,
  LOAD_FAILED: true,
  RELOAD: true,
  SELECT_TENANT_TYPE: true,
  ADD: true,
  EDIT_FIELD: true,
  SUBMIT: true,
  CANCEL: true,
  SET_CONSENT_GIVEN: true,
  CONFIRM: true,
  CALLBACK: true,
  CALLBACK_REJECTED: true,
  VERIFIED: true,
  VERIFY_FAILED: true,
  EDIT: true,
  SAVED: true,
  SAVE_FAILED: true,
  DISCONNECT: true,
  DISCONNECTED: true,
  DISCONNECT_FAILED: true,
  REFRESHED: true,
} satisfies Record<WizardEventType, true>);

describe('property: wizard machine against a model', () => {
  it('follows the model and keeps every invariant over random event sequences', function () {
    this.timeout(60_000);
    reached.clear();
    accepted.clear();
    fc.assert(
      fc.property(
        prefixArb,
        fc.commands(COMMANDS, { maxCommands: 40, size: 'max' }),
        (prefix, commands) => {
          const setup = () => ({
            model: newModel(),
            real: { state: initialState, kept: null, trace: [] },
          });
          fc.modelRun(setup, [...prefix, ...commands]);
        },
      ),
      runs(300),
    );
    // The generators reach every status and get every event type accepted (a resumed draft too).
    expect([...reached.keys()].sort(), 'statuses reached').to.deep.equal([...STATUSES].sort());
    expect([...accepted.keys()].sort(), 'events accepted').to.deep.equal(
      [...EVENT_TYPES, 'LOADED (resumed)'].sort(),
    );
  });
});
