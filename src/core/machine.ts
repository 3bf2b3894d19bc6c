import { isTenantType, type TenantType } from './cloud.js';
import {
  DRAFT_FIELDS,
  changedFields,
  connectionSchema,
  clearFieldError,
  draftFromConnection,
  emptyDraft,
  needsNewConsent,
  validateDraft,
  type Connection,
  type ConnectionInput,
  type Draft,
  type DraftField,
  type FieldErrors,
} from './connection.js';
import { isConsentState, verifyConsentCallback, type ConsentCallbackParams } from './consent.js';
import { consentErrorCode, isErrorCode, type KitError } from './errors.js';
import { resumeState, type ResumeLedger } from './session.js';

/**
 * The connection wizard as a pure transition function. Effects (adapter calls, audit, random
 * state values, clocks) live outside: the caller passes their results in as events.
 *
 *   loading -> choosing -> filling -> awaiting-consent -> verifying -> connected
 *   connected -> editing -> (saving | awaiting-consent) -> connected
 *   connected -> disconnecting -> choosing (or awaiting-consent, to reconnect)
 *
 * Every state that follows what the admin typed keeps the draft verbatim, errors included.
 */

/** One consent round trip: the single-use `state` and the validated input it was built for. */
export interface ConsentAttempt {
  readonly state: string;
  readonly input: ConnectionInput;
}

export type WizardState =
  | { readonly status: 'loading' }
  | { readonly status: 'load-failed'; readonly error: KitError }
  | { readonly status: 'choosing'; readonly draft: Draft }
  | { readonly status: 'filling'; readonly draft: Draft; readonly errors: FieldErrors }
  | {
      readonly status: 'awaiting-consent';
      readonly draft: Draft;
      readonly attempt: ConsentAttempt;
      readonly consentGiven: boolean;
      /** The connection being replaced, when an edit changed the tenant or its cloud. */
      readonly previous?: Connection;
      readonly error?: KitError;
    }
  | {
      readonly status: 'verifying';
      readonly draft: Draft;
      readonly attempt: ConsentAttempt;
      readonly previous?: Connection;
      /** How consent was reported: the admin's tick, or Microsoft's callback. */
      readonly via: 'manual' | 'callback';
    }
  | {
      readonly status: 'connected';
      readonly connection: Connection;
      readonly error?: KitError;
    }
  | {
      readonly status: 'editing';
      readonly connection: Connection;
      readonly draft: Draft;
      readonly errors: FieldErrors;
      readonly error?: KitError;
    }
  | {
      readonly status: 'saving';
      readonly connection: Connection;
      readonly draft: Draft;
      readonly input: ConnectionInput;
      readonly changes: readonly string[];
    }
  | {
      readonly status: 'disconnecting';
      readonly connection: Connection;
      /** Reconnect right after (to consent to new permissions, e.g. macOS). */
      readonly reconnect: boolean;
    };

export type WizardStatus = WizardState['status'];

export type WizardEvent =
  /** `snapshot` is what `snapshotOf` kept before a reload; it is resumed if it still fits. */
  | {
      readonly type: 'LOADED';
      readonly connection: Connection | null;
      readonly snapshot?: unknown;
      /** The consent ledger and the time: an attempt that aged out is not resumed. */
      readonly ledger?: ResumeLedger;
    }
  | { readonly type: 'LOAD_FAILED'; readonly error: KitError }
  /** Load the connection again (after a failure, or when the adapter changed). */
  | { readonly type: 'RELOAD' }
  | { readonly type: 'SELECT_TENANT_TYPE'; readonly tenantType: TenantType }
  | { readonly type: 'ADD' }
  | { readonly type: 'EDIT_FIELD'; readonly field: DraftField; readonly value: string }
  /** `consentState` is a fresh random value (see `createConsentState`). */
  | { readonly type: 'SUBMIT'; readonly consentState: string }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'SET_CONSENT_GIVEN'; readonly value: boolean }
  | { readonly type: 'CONFIRM' }
  | { readonly type: 'CALLBACK'; readonly params: ConsentCallbackParams }
  /** A callback the caller already refused (replayed, stale): shown, nothing else changes. */
  | { readonly type: 'CALLBACK_REJECTED'; readonly error: KitError }
  | { readonly type: 'VERIFIED'; readonly connection: Connection }
  | { readonly type: 'VERIFY_FAILED'; readonly error: KitError }
  | { readonly type: 'EDIT' }
  | { readonly type: 'SAVED'; readonly connection: Connection }
  | { readonly type: 'SAVE_FAILED'; readonly error: KitError }
  | { readonly type: 'DISCONNECT'; readonly reconnect: boolean }
  /** `consentState` is required when the disconnect was a reconnect. */
  | { readonly type: 'DISCONNECTED'; readonly consentState?: string }
  | { readonly type: 'DISCONNECT_FAILED'; readonly error: KitError }
  /**
   * The connection as the adapter reports it after a check ("Check now"): shown in place, without
   * a reload; `null` (disconnected elsewhere) starts over.
   */
  | { readonly type: 'REFRESHED'; readonly connection: Connection | null };

export type WizardEventType = WizardEvent['type'];

export type Transition =
  | { readonly accepted: true; readonly state: WizardState }
  | { readonly accepted: false; readonly state: WizardState; readonly reason: string };

export const initialState: WizardState = Object.freeze({ status: 'loading' });

type StateOf<S extends WizardStatus> = Extract<WizardState, { status: S }>;
type Handler<S extends WizardStatus> = (
  state: StateOf<S>,
  event: WizardEvent,
) => WizardState | undefined;

function withField<T extends { readonly draft: Draft; readonly errors: FieldErrors }>(
  state: T,
  field: DraftField,
  value: string,
): T {
  return {
    ...state,
    draft: { ...state.draft, [field]: value },
    errors: clearFieldError(state.errors, field),
  };
}

function reconnectState(connection: Connection, consentState: string): WizardState {
  const draft = draftFromConnection(connection);
  const checked = validateDraft(draft);
  if (!checked.ok) return { status: 'filling', draft, errors: checked.errors };
  return {
    status: 'awaiting-consent',
    draft,
    attempt: { state: consentState, input: checked.value },
    consentGiven: false,
  };
}

/** One handler per status: the mapped type makes a missing status a compile error. */
const handlers: { readonly [S in WizardStatus]: Handler<S> } = {
  loading(_state, event) {
    if (event.type === 'LOADED') {
      const resumed =
        event.snapshot === undefined
          ? undefined
          : resumeState(event.connection, event.snapshot, event.ledger);
      if (resumed) return resumed;
      return event.connection
        ? { status: 'connected', connection: event.connection }
        : { status: 'choosing', draft: emptyDraft() };
    }
    if (event.type === 'LOAD_FAILED') return { status: 'load-failed', error: event.error };
    return undefined;
  },
  'load-failed'(_state, event) {
    return event.type === 'RELOAD' ? { status: 'loading' } : undefined;
  },
  choosing(state, event) {
    switch (event.type) {
      case 'RELOAD':
        return { status: 'loading' };
      case 'SELECT_TENANT_TYPE':
        return { ...state, draft: { ...state.draft, tenantType: event.tenantType } };
      case 'ADD':
        return { status: 'filling', draft: state.draft, errors: {} };
      default:
        return undefined;
    }
  },
  filling(state, event) {
    switch (event.type) {
      case 'EDIT_FIELD':
        return withField(state, event.field, event.value);
      case 'SELECT_TENANT_TYPE':
        return { ...state, draft: { ...state.draft, tenantType: event.tenantType } };
      case 'CANCEL':
        return { status: 'choosing', draft: state.draft };
      case 'SUBMIT': {
        if (!isConsentState(event.consentState)) return undefined;
        const checked = validateDraft(state.draft);
        if (!checked.ok) return { ...state, errors: checked.errors };
        return {
          status: 'awaiting-consent',
          draft: state.draft,
          attempt: { state: event.consentState, input: checked.value },
          consentGiven: false,
        };
      }
      default:
        return undefined;
    }
  },
  'awaiting-consent'(state, event) {
    switch (event.type) {
      case 'SET_CONSENT_GIVEN':
        return { ...state, consentGiven: event.value };
      case 'CONFIRM':
        if (!state.consentGiven) return undefined;
        return verifying(state, 'manual');
      case 'CALLBACK': {
        const result = verifyConsentCallback(event.params, {
          state: state.attempt.state,
          tenantId: state.attempt.input.tenantId,
        });
        if (result.ok) return verifying(state, 'callback');
        const error: KitError =
          result.reason === 'error'
            ? withAadsts(consentErrorCode(result.error, result.aadsts), result.aadsts)
            : { code: result.reason };
        return { ...state, consentGiven: false, error };
      }
      case 'CALLBACK_REJECTED':
        return { ...state, error: event.error };
      case 'CANCEL':
        return state.previous
          ? { status: 'editing', connection: state.previous, draft: state.draft, errors: {} }
          : { status: 'filling', draft: state.draft, errors: {} };
      default:
        return undefined;
    }
  },
  verifying(state, event) {
    switch (event.type) {
      case 'VERIFIED':
        return { status: 'connected', connection: event.connection };
      case 'VERIFY_FAILED': {
        // The admin's tick stays, so a retry after a network failure is one click.
        const { via, ...rest } = state;
        const consentGiven = via === 'manual';
        return { ...rest, status: 'awaiting-consent', consentGiven, error: event.error };
      }
      default:
        return undefined;
    }
  },
  connected(state, event) {
    switch (event.type) {
      case 'RELOAD':
        return { status: 'loading' };
      case 'REFRESHED':
        return event.connection
          ? { ...state, connection: event.connection }
          : { status: 'choosing', draft: emptyDraft(state.connection.tenantType) };
      case 'EDIT':
        return {
          status: 'editing',
          connection: state.connection,
          draft: draftFromConnection(state.connection),
          errors: {},
        };
      case 'DISCONNECT':
        return {
          status: 'disconnecting',
          connection: state.connection,
          reconnect: event.reconnect,
        };
      default:
        return undefined;
    }
  },
  editing(state, event) {
    switch (event.type) {
      case 'EDIT_FIELD':
        return withField(state, event.field, event.value);
      case 'SELECT_TENANT_TYPE':
        return { ...state, draft: { ...state.draft, tenantType: event.tenantType } };
      case 'CANCEL':
        return { status: 'connected', connection: state.connection };
      case 'SUBMIT': {
        if (!isConsentState(event.consentState)) return undefined;
        const checked = validateDraft(state.draft);
        if (!checked.ok) return { ...state, errors: checked.errors, error: undefined };
        if (needsNewConsent(state.connection, checked.value)) {
          return {
            status: 'awaiting-consent',
            draft: state.draft,
            attempt: { state: event.consentState, input: checked.value },
            consentGiven: false,
            previous: state.connection,
          };
        }
        const changes = changedFields(state.connection, checked.value);
        if (changes.length === 0) return { status: 'connected', connection: state.connection };
        return {
          status: 'saving',
          connection: state.connection,
          draft: state.draft,
          input: checked.value,
          changes,
        };
      }
      default:
        return undefined;
    }
  },
  saving(state, event) {
    switch (event.type) {
      case 'SAVED':
        return { status: 'connected', connection: event.connection };
      case 'SAVE_FAILED':
        return {
          status: 'editing',
          connection: state.connection,
          draft: state.draft,
          errors: {},
          error: event.error,
        };
      default:
        return undefined;
    }
  },
  disconnecting(state, event) {
    switch (event.type) {
      case 'DISCONNECTED':
        if (!state.reconnect) {
          return { status: 'choosing', draft: emptyDraft(state.connection.tenantType) };
        }
        if (!isConsentState(event.consentState)) return undefined;
        return reconnectState(state.connection, event.consentState);
      case 'DISCONNECT_FAILED':
        return { status: 'connected', connection: state.connection, error: event.error };
      default:
        return undefined;
    }
  },
};

function verifying(state: StateOf<'awaiting-consent'>, via: 'manual' | 'callback'): WizardState {
  const next: StateOf<'verifying'> = {
    status: 'verifying',
    draft: state.draft,
    attempt: state.attempt,
    via,
  };
  return state.previous ? { ...next, previous: state.previous } : next;
}

function withAadsts(code: KitError['code'], aadsts: string | undefined): KitError {
  return aadsts === undefined ? { code } : { code, aadsts };
}

/**
 * The next state for `event`, or a refusal that leaves `state` as it was. Pure: the same
 * arguments always give the same result, and neither argument is changed.
 */
/** Longest text a draft field keeps: far above any tenant ID or URL, far below a storage quota. */
export const MAX_FIELD_LENGTH = 8192;

/** Every event type: the `satisfies` makes a type added to `WizardEvent` a compile error here. */
const EVENT_TYPES: ReadonlySet<string> = new Set(
  Object.keys({
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
  } satisfies Record<WizardEvent['type'], true>),
);

const CALLBACK_FIELDS = ['adminConsent', 'tenant', 'state', 'error', 'errorDescription'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isKitError = (value: unknown) => isObject(value) && isErrorCode(value.code);
const isConnection = (value: unknown) => connectionSchema.safeParse(value).success;

/**
 * Why `event` is not a well-formed wizard event (`send()` is public: a console may pass anything),
 * or undefined when it is. Refused events change nothing.
 */
function malformed(event: unknown): string | undefined {
  if (!isObject(event) || typeof event.type !== 'string' || !EVENT_TYPES.has(event.type)) {
    return 'not a wizard event';
  }
  const e = event;
  switch (e.type) {
    case 'SELECT_TENANT_TYPE':
      return isTenantType(e.tenantType) ? undefined : 'unknown tenant type';
    case 'EDIT_FIELD':
      return (DRAFT_FIELDS as readonly unknown[]).includes(e.field) &&
        typeof e.value === 'string' &&
        e.value.length <= MAX_FIELD_LENGTH
        ? undefined
        : 'unknown field, or a value that is not text of at most 8192 characters';
    case 'SUBMIT':
      return typeof e.consentState === 'string' ? undefined : 'consentState must be text';
    case 'SET_CONSENT_GIVEN':
      return typeof e.value === 'boolean' ? undefined : 'value must be true or false';
    case 'DISCONNECT':
      return typeof e.reconnect === 'boolean' ? undefined : 'reconnect must be true or false';
    case 'DISCONNECTED':
      return e.consentState === undefined || typeof e.consentState === 'string'
        ? undefined
        : 'consentState must be text';
    case 'CALLBACK': {
      const params = e.params;
      return isObject(params) &&
        CALLBACK_FIELDS.every((key) => params[key] === undefined || typeof params[key] === 'string')
        ? undefined
        : 'callback params must be text';
    }
    case 'LOAD_FAILED':
    case 'CALLBACK_REJECTED':
    case 'VERIFY_FAILED':
    case 'SAVE_FAILED':
    case 'DISCONNECT_FAILED':
      return isKitError(e.error) ? undefined : 'error must carry a kit error code';
    case 'LOADED':
      if (
        e.ledger !== undefined &&
        !(isObject(e.ledger) && Array.isArray(e.ledger.attempts) && e.ledger.now instanceof Date)
      ) {
        return 'ledger must hold the attempts and the time';
      }
      return e.connection === null || isConnection(e.connection) ? undefined : 'not a connection';
    case 'REFRESHED':
      return e.connection === null || isConnection(e.connection) ? undefined : 'not a connection';
    case 'VERIFIED':
    case 'SAVED':
      return isConnection(e.connection) ? undefined : 'not a connection';
    default:
      return undefined;
  }
}

export function transition(state: WizardState, event: WizardEvent): Transition {
  const refused = malformed(event);
  if (refused !== undefined) return { accepted: false, state, reason: refused };
  const handler = handlers[state.status] as Handler<WizardStatus>;
  const next = handler(state as never, event);
  if (next === undefined) {
    return { accepted: false, state, reason: `${event.type} is not allowed while ${state.status}` };
  }
  return { accepted: true, state: next };
}

/** True when `event` would be accepted in `state`. */
export function can(state: WizardState, event: WizardEvent): boolean {
  return transition(state, event).accepted;
}

/** The draft the admin is working on, if the state has one. */
export function draftOf(state: WizardState): Draft | undefined {
  return 'draft' in state ? state.draft : undefined;
}
