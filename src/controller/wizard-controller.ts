import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentCallbackMessage } from '../callback/protocol.js';
import {
  answerAttempt,
  beginAttempt,
  classifyCallbackState,
  consumeAttempt,
} from '../core/attempts.js';
import {
  ConsoleSession,
  type ConnectionMark,
  type ConsoleSessionOptions,
} from './console-session.js';
import type { ConnectionAdapter, ConsentVerification } from '../adapter/adapter.js';
import { createAuditEvent, type AuditEvent, type AuditInput } from '../core/audit.js';
import { buildConsentUrl, createConsentState, extractAadstsCode } from '../core/consent.js';
import { changedFields, type Connection, type ConnectionInput } from '../core/connection.js';
import {
  AdapterError,
  consentErrorCode,
  isErrorCode,
  toKitError,
  type KitError,
} from '../core/errors.js';
import {
  initialState,
  transition,
  type ConsentAttempt,
  type WizardEvent,
  type WizardState,
} from '../core/machine.js';
import { isGuid, validateTenantId } from '../core/tenant.js';

export interface WizardControllerOptions {
  /** The adapter to use (already guarded). Read at each call, so it can be swapped. */
  readonly adapter: () => ConnectionAdapter;
  readonly actor: () => string;
  readonly clientId: () => string;
  readonly redirectUri: () => string;
  /**
   * Receives every audit event the wizard creates, for delivery to the adapter (the composite
   * hands them to a durable `AuditOutbox`). Event ids are unique: use them as idempotency keys.
   * When the adapter `authorsAudit`, connect, edit and disconnect events are not created (the
   * backend writes them); refused consent callbacks still are.
   */
  readonly audit: (event: AuditEvent) => void;
  /**
   * Draft kept across reloads, consent ledger and tab channels, read when the host connects.
   * Default: none of them.
   */
  readonly session?: () => ConsoleSessionOptions | undefined;
  /** Called after every accepted transition, with the event that caused it. */
  readonly onChange?: (state: WizardState, previous: WizardState, event: WizardEvent) => void;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** The window in which refused consent callbacks collapse into one counted event. Default 60 s. */
  readonly refusedCallbackWindowMs?: number;
}

/** What a refused callback records. */
type RefusalInput = Omit<AuditInput, 'actor' | 'error' | 'aadsts' | 'count'> & {
  readonly error: KitError;
};

/** Refused callbacks of one error code in one window: the first recorded, the rest counted. */
interface Burst {
  readonly bucket: number;
  counted: number;
  readonly input: RefusalInput;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Runs the wizard machine for an element: keeps the state, performs what entering a state asks
 * for (load, verify, save, disconnect) through the adapter, and writes the audit trail.
 * A second Confirm or a double click cannot start a second call: the machine refuses it.
 */
export class WizardController implements ReactiveController {
  #state: WizardState = initialState;
  #operation?: AbortController;
  #connected = false;
  /** The adapter holds a newer connection than this tab shows (another tab changed it). */
  #stale = false;
  /**
   * What another tab announced. The adapter may not show it yet (storage shared between
   * processes, a replicated backend): loads are retried a few times until it does.
   */
  #expected?: { mark: ConnectionMark; tries: number };
  #consentUrl?: { key: string; url: string | undefined };
  #session?: ConsoleSession;
  /**
   * The `idempotencyKey` of each consent attempt's save: the same for a Retry of the attempt
   * (the attempt object survives VERIFY_FAILED), new for the next attempt.
   */
  readonly #saveKeys = new WeakMap<ConsentAttempt, string>();
  readonly #bursts = new Map<string, Burst>();
  /** The id of the relayed message being handed to the machine, for the consent ledger. */
  #callbackId?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: WizardControllerOptions,
  ) {
    host.addController(this);
  }

  get state(): WizardState {
    return this.#state;
  }

  /** The admin-consent link for the current attempt, or undefined if it cannot be built. */
  get consentUrl(): string | undefined {
    const state = this.#state;
    if (state.status !== 'awaiting-consent' && state.status !== 'verifying') return undefined;
    const clientId = this.options.clientId();
    const redirectUri = this.options.redirectUri();
    const key = `${state.attempt.state}|${state.attempt.input.tenantType}|${state.attempt.input.tenantId}|${clientId}|${redirectUri}`;
    if (this.#consentUrl?.key !== key) {
      let url: string | undefined;
      try {
        url = buildConsentUrl({
          ...state.attempt.input,
          clientId,
          redirectUri,
          state: state.attempt.state,
        });
      } catch {
        url = undefined;
      }
      this.#consentUrl = { key, url };
    }
    return this.#consentUrl.url;
  }

  hostConnected(): void {
    this.#connected = true;
    const session = this.options.session?.();
    if (session) {
      this.#session = new ConsoleSession(session, {
        onCallback: (message) => this.#onCallback(message),
        onRemoteChange: (mark) => {
          this.#expected = { mark, tries: 0 };
          // Mid-flow the reload is refused; it happens as soon as the wizard is idle again.
          if (!this.reload()) this.#stale = true;
        },
      });
      this.#session.open();
    }
    // Wait for the host's first update, so properties set right after it was added to the page
    // (an `adapter`, say) are in place before the first load.
    void this.host.updateComplete.then(() => {
      if (this.#connected && this.#state.status === 'loading' && !this.#operation) this.#load();
    });
  }

  /**
   * Loads the connection again, for instance after the adapter changed. Refused (false) in the
   * middle of a flow, so nothing the admin typed is thrown away.
   */
  reload(): boolean {
    if (this.#state.status !== 'loading') return this.send({ type: 'RELOAD' });
    this.#load();
    return true;
  }

  hostDisconnected(): void {
    this.#connected = false;
    for (const key of [...this.#bursts.keys()]) this.#flushBurst(key);
    this.#session?.close();
    this.#session = undefined;
    this.#operation?.abort();
    this.#operation = undefined;
  }

  /** Sends an event to the machine; returns false when it was refused. */
  send = (event: WizardEvent): boolean => {
    const previous = this.#state;
    const result = transition(previous, event);
    if (!result.accepted) return false;
    this.#state = result.state;
    this.host.requestUpdate();
    this.options.onChange?.(result.state, previous, event);
    this.#afterTransition(previous, result.state, event);
    return true;
  };

  /** Fresh random `state` for a consent attempt. */
  newConsentState(): string {
    return createConsentState();
  }

  #afterTransition(previous: WizardState, next: WizardState, event: WizardEvent): void {
    this.#remember(previous, next, event);
    if (event.type === 'SAVE_FAILED' && event.error.code === 'conflict') this.#stale = true;
    if (event.type === 'LOADED') this.#checkExpected(event.connection);
    if (this.#stale && (next.status === 'connected' || next.status === 'choosing')) {
      this.#stale = false;
      queueMicrotask(() => this.reload());
    }
    if (event.type === 'CALLBACK' && next.status === 'awaiting-consent' && next.error) {
      this.#audit({
        action: 'consent-rejected',
        outcome: 'failure',
        tenantId: next.attempt.input.tenantId,
        tenantType: next.attempt.input.tenantType,
        error: next.error,
      });
    }
    if (previous.status === next.status) return;
    switch (next.status) {
      case 'loading':
        this.#load();
        break;
      case 'verifying':
        void this.#verify(next);
        break;
      case 'saving':
        void this.#save(next);
        break;
      case 'disconnecting':
        void this.#disconnect(next);
        break;
      default:
        break;
    }
  }

  /** Keeps the draft for a reload, the consent ledger current, and the other tabs informed. */
  #remember(previous: WizardState, next: WizardState, event: WizardEvent): void {
    const session = this.#session;
    if (!session) return;
    if (next.status !== 'loading' && next.status !== 'load-failed') session.writeSnapshot(next);
    const before = 'attempt' in previous ? previous.attempt.state : undefined;
    // A new attempt (not one resumed after a reload, which keeps its age) enters the ledger.
    if (
      next.status === 'awaiting-consent' &&
      next.attempt.state !== before &&
      event.type !== 'LOADED'
    ) {
      const state = next.attempt.state;
      session.updateAttempts((records) => beginAttempt(records, state, this.#now()));
    }
    if (next.status === 'verifying' && previous.status === 'awaiting-consent') {
      const state = next.attempt.state;
      // After a manual Confirm the attempt's own callback may still arrive once; after a
      // callback, only that relayed message (heard by other consoles too) is not a replay.
      const completion =
        event.type === 'CALLBACK'
          ? { via: 'callback' as const, messageId: this.#callbackId }
          : { via: 'manual' as const };
      session.updateAttempts((records) => consumeAttempt(records, state, completion));
    }
    if (event.type === 'VERIFIED' || event.type === 'SAVED')
      session.announceChange(event.connection);
    if (event.type === 'DISCONNECTED') session.announceChange(null);
  }

  /**
   * A consent callback relayed by the redirect page. The current attempt's own callback goes to
   * the machine, which checks tenant and `error`; another tab's live attempt is left to that tab;
   * an answer already used by its own attempt (after a manual Confirm here, or by another console
   * on this storage, which relays the same message) is not a replay; anything else is a forged,
   * replayed or stale callback: refused, shown and audited.
   */
  #onCallback(message: ConsentCallbackMessage): void {
    const { params } = message;
    const state = this.#state;
    const origin = classifyCallbackState(
      this.#session?.attempts() ?? [],
      params.state,
      this.#now(),
      message.id,
    );
    // The current attempt's own answer goes to the machine, unless the attempt aged out.
    if (
      state.status === 'awaiting-consent' &&
      params.state === state.attempt.state &&
      origin !== 'stale'
    ) {
      this.#callbackId = message.id;
      try {
        this.send({ type: 'CALLBACK', params });
      } finally {
        this.#callbackId = undefined;
      }
      return;
    }
    if (origin === 'pending') return;
    if (origin === 'completed') {
      // Nothing was replayed: the attempt's own late answer after a manual Confirm, or the answer
      // another console on this storage already used. It is pinned, so any other is a replay.
      const answered = params.state;
      const id = message.id;
      if (answered !== undefined && id !== undefined) {
        this.#session?.updateAttempts((records) => answerAttempt(records, answered, id));
      }
      return;
    }
    const code =
      origin === 'used' ? 'state-replayed' : origin === 'stale' ? 'state-stale' : 'state-mismatch';
    const target =
      'attempt' in state
        ? state.attempt.input
        : 'connection' in state
          ? state.connection
          : undefined;
    if (state.status === 'awaiting-consent')
      this.send({ type: 'CALLBACK_REJECTED', error: { code } });
    // The callback's own tenant is untrusted text: recorded only once it passed validation.
    const tenant = validateTenantId(params.tenant);
    this.#refused(message, {
      action: 'consent-rejected',
      outcome: 'failure',
      tenantId: tenant.ok ? tenant.value : (target?.tenantId ?? ''),
      tenantType: target?.tenantType ?? 'standard',
      error: { code },
    });
  }

  /**
   * Audits a refused callback. Any page can open the redirect page with made-up parameters, so
   * refusals are collapsed: per error code and window, the first is recorded at once and the
   * rest are counted into one event (`count`) when the window ends, or when the host leaves the
   * page. A burst never floods the log.
   */
  #refused(message: ConsentCallbackMessage, input: RefusalInput): void {
    const windowMs = this.options.refusedCallbackWindowMs ?? 60_000;
    const key = input.error.code;
    const bucket = Math.floor(this.#now().getTime() / windowMs);
    const burst = this.#bursts.get(key);
    if (burst?.bucket === bucket) {
      burst.counted += 1;
      burst.timer ??= setTimeout(
        () => this.#flushBurst(key),
        Math.max(0, (bucket + 1) * windowMs - this.#now().getTime()),
      );
      return;
    }
    this.#flushBurst(key);
    this.#bursts.set(key, { bucket, counted: 0, input });
    // Every tab hears the callback: a shared id lets the adapter keep one audit event for it.
    void callbackEventId(message, key).then((id) => this.#audit(input, id));
  }

  /** Records what a burst counted after its first refusal, as one event. */
  #flushBurst(key: string): void {
    const burst = this.#bursts.get(key);
    if (!burst) return;
    this.#bursts.delete(key);
    clearTimeout(burst.timer);
    if (burst.counted === 0) return;
    // The same id in every tab that counted the same burst: the adapter keeps one.
    const id = `consent-rejected-burst:${key}:${burst.bucket}`;
    this.#audit(burst.counted === 1 ? burst.input : { ...burst.input, count: burst.counted }, id);
  }

  /** After a load caused by another tab: load again, with backoff, until the change shows. */
  #checkExpected(loaded: Connection | null): void {
    const expected = this.#expected;
    if (!expected) return;
    const { mark } = expected;
    const seen =
      mark === null
        ? loaded === null
        : loaded !== null && loaded.tenantId === mark.tenantId && loaded.version >= mark.version;
    if (seen || expected.tries >= 5) {
      this.#expected = undefined;
      return;
    }
    expected.tries += 1;
    setTimeout(
      () => {
        if (this.#connected && this.#expected === expected) this.reload();
      },
      50 * 2 ** expected.tries,
    );
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  #begin(): AbortSignal {
    this.#operation?.abort();
    this.#operation = new AbortController();
    return this.#operation.signal;
  }

  #load(): void {
    const signal = this.#begin();
    this.options
      .adapter()
      .loadConnection({ signal })
      .then(
        (connection) =>
          !signal.aborted &&
          this.send({
            type: 'LOADED',
            connection,
            snapshot: this.#session?.readSnapshot(),
            ...(this.#session
              ? { ledger: { attempts: this.#session.attempts(), now: this.#now() } }
              : {}),
          }),
        (thrown: unknown) =>
          !signal.aborted && this.send({ type: 'LOAD_FAILED', error: toKitError(thrown) }),
      );
  }

  async #verify(state: Extract<WizardState, { status: 'verifying' }>): Promise<void> {
    const signal = this.#begin();
    const adapter = this.options.adapter();
    const actor = this.options.actor();
    const { input } = state.attempt;
    const previous = state.previous;
    const action = previous ? 'edit' : 'connect';
    let connection: Connection;
    try {
      const verification = await adapter.verifyConsent(
        { ...input, actor, via: state.via },
        { signal },
      );
      if (!verification.verified) {
        // `error` may itself carry the AADSTS code (see ConsentVerification).
        throw verificationError(verification);
      }
      if (verification.tenantGuid !== undefined && !sameTenant(input, verification.tenantGuid)) {
        throw new AdapterError(
          'tenant-mismatch',
          `verifyConsent: consent was found in tenant ${verification.tenantGuid}, not ${input.tenantId}`,
        );
      }
      connection = consented(
        previous ? 'updateConnection' : 'saveConnection',
        input,
        previous
          ? await adapter.updateConnection(
              { ...input, expectedVersion: previous.version },
              { signal },
            )
          : await adapter.saveConnection(
              { ...input, actor, idempotencyKey: this.#saveKey(state.attempt) },
              { signal },
            ),
      );
    } catch (thrown) {
      if (signal.aborted && this.#state !== state) return;
      const error = toKitError(thrown);
      this.#audit({ action, outcome: 'failure', ...input, error }, undefined, adapter);
      this.send({ type: 'VERIFY_FAILED', error });
      return;
    }
    const changes = previous ? changedFields(previous, connection) : undefined;
    this.#audit(
      { action, outcome: 'success', ...input, ...(changes ? { changes } : {}) },
      undefined,
      adapter,
    );
    this.send({ type: 'VERIFIED', connection });
  }

  async #save(state: Extract<WizardState, { status: 'saving' }>): Promise<void> {
    const signal = this.#begin();
    const adapter = this.options.adapter();
    const { input, connection, changes } = state;
    try {
      const saved = consented(
        'updateConnection',
        input,
        await adapter.updateConnection(
          { ...input, expectedVersion: connection.version },
          { signal },
        ),
      );
      this.#audit({ action: 'edit', outcome: 'success', ...input, changes }, undefined, adapter);
      this.send({ type: 'SAVED', connection: saved });
    } catch (thrown) {
      if (signal.aborted && this.#state !== state) return;
      const error = toKitError(thrown);
      this.#audit(
        { action: 'edit', outcome: 'failure', ...input, changes, error },
        undefined,
        adapter,
      );
      this.send({ type: 'SAVE_FAILED', error });
    }
  }

  async #disconnect(state: Extract<WizardState, { status: 'disconnecting' }>): Promise<void> {
    const signal = this.#begin();
    const adapter = this.options.adapter();
    const { connection } = state;
    const target = { tenantId: connection.tenantId, tenantType: connection.tenantType };
    try {
      await adapter.removeConnection({ signal });
    } catch (thrown) {
      if (signal.aborted && this.#state !== state) return;
      const error = toKitError(thrown);
      this.#audit(
        { action: 'disconnect', outcome: 'failure', ...target, error },
        undefined,
        adapter,
      );
      this.send({ type: 'DISCONNECT_FAILED', error });
      return;
    }
    this.#audit({ action: 'disconnect', outcome: 'success', ...target }, undefined, adapter);
    this.send(
      state.reconnect
        ? { type: 'DISCONNECTED', consentState: this.newConsentState() }
        : { type: 'DISCONNECTED' },
    );
  }

  /** The save key of a consent attempt, made on its first save. */
  #saveKey(attempt: ConsentAttempt): string {
    let key = this.#saveKeys.get(attempt);
    if (key === undefined) {
      key = globalThis.crypto.randomUUID();
      this.#saveKeys.set(attempt, key);
    }
    return key;
  }

  /**
   * Hands an audit event to the audit sink; never holds secrets (see `createAuditEvent`).
   * Changes are left out when `adapter` (the one that made the change) writes its own trail.
   */
  #audit(
    input: Omit<AuditInput, 'actor' | 'error' | 'aadsts'> & { error?: KitError },
    id?: string,
    adapter: ConnectionAdapter = this.options.adapter(),
  ): void {
    if (input.action !== 'consent-rejected' && adapter.authorsAudit === true) return;
    const { error, ...rest } = input;
    const event = createAuditEvent(
      {
        ...rest,
        actor: this.options.actor() || 'unknown',
        ...(error ? { error: error.code } : {}),
        ...(error?.aadsts ? { aadsts: error.aadsts } : {}),
      },
      this.#now(),
      id,
    );
    this.options.audit(event);
  }
}

/** True when `tenantGuid` can be the tenant typed: the same GUID, or a domain (Microsoft resolved it). */
function sameTenant(input: ConnectionInput, tenantGuid: string): boolean {
  return !isGuid(input.tenantId) || input.tenantId === tenantGuid;
}

/**
 * The connection an adapter saved, checked against what was consented and sent: another tenant,
 * cloud or URL (or a tenant GUID that is not the typed GUID) is a malformed answer, never shown
 * as connected.
 */
function consented(call: string, input: ConnectionInput, connection: Connection): Connection {
  const differs = changedFields(input, connection);
  if (connection.tenantGuid !== undefined && !sameTenant(input, connection.tenantGuid)) {
    differs.push('tenantGuid');
  }
  if (differs.length > 0) {
    throw new AdapterError(
      'malformed-response',
      `${call}: the answer is another connection than the one sent (${differs.join(', ')})`,
    );
  }
  return connection;
}

/**
 * The error of a refused verification: its kit error code when the backend named one
 * (`not-verified`, `permissions-missing`...), else the code of Microsoft's `error` and AADSTS.
 */
export function verificationError(
  verification: Extract<ConsentVerification, { verified: false }>,
): AdapterError {
  const aadsts = verification.aadsts ?? extractAadstsCode(verification.error);
  const code = isErrorCode(verification.error)
    ? verification.error
    : consentErrorCode(verification.error, aadsts);
  return new AdapterError(code, verification.error, {
    aadsts,
    permissions: verification.permissions,
    retryAfterSeconds: verification.retryAfterSeconds,
  });
}

/**
 * The audit id of a refused callback: the same in every tab that heard it (so the adapter keeps
 * one event), different for every relayed message. The `state` itself is never stored.
 */
async function callbackEventId(message: ConsentCallbackMessage, code: string): Promise<string> {
  const seed = `${message.id ?? ''}|${message.params.state ?? ''}|${code}`;
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return globalThis.crypto.randomUUID();
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(seed)));
  const hex = Array.from(digest.slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );
  return `callback-${hex}`;
}
