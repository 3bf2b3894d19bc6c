import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionAdapter } from '../adapter/adapter.js';
import { createAuditEvent, type AuditEvent, type AuditInput } from '../core/audit.js';
import { buildConsentUrl, createConsentState, extractAadstsCode } from '../core/consent.js';
import { changedFields, type Connection } from '../core/connection.js';
import { AdapterError, consentErrorCode, toKitError, type KitError } from '../core/errors.js';
import { initialState, transition, type WizardEvent, type WizardState } from '../core/machine.js';

export interface WizardControllerOptions {
  /** The adapter to use (already guarded). Read at each call, so it can be swapped. */
  readonly adapter: () => ConnectionAdapter;
  readonly actor: () => string;
  readonly clientId: () => string;
  readonly redirectUri: () => string;
  /** Called after every accepted transition. */
  readonly onChange?: (state: WizardState, previous: WizardState) => void;
  /** Called after an audit event reached the adapter. */
  readonly onAudit?: (event: AuditEvent) => void;
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
  #pendingAudit: AuditEvent[] = [];
  #consentUrl?: { key: string; url: string | undefined };

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
    // Wait for the host's first update, so properties set right after it was added to the page
    // (an `adapter`, say) are in place before the first load.
    this.#connected = true;
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
    this.options.onChange?.(result.state, previous);
    this.#afterTransition(previous, result.state, event);
    return true;
  };

  /** Fresh random `state` for a consent attempt. */
  newConsentState(): string {
    return createConsentState();
  }

  #afterTransition(previous: WizardState, next: WizardState, event: WizardEvent): void {
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
        (connection) => !signal.aborted && this.send({ type: 'LOADED', connection }),
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
        const aadsts = verification.aadsts ?? extractAadstsCode(verification.error);
        const code =
          verification.error === 'not-verified'
            ? 'not-verified'
            : consentErrorCode(verification.error, aadsts);
        throw new AdapterError(code, verification.error, { aadsts });
      }
      connection = previous
        ? await adapter.updateConnection(
            { ...input, expectedVersion: previous.version },
            { signal },
          )
        : await adapter.saveConnection({ ...input, actor }, { signal });
    } catch (thrown) {
      if (signal.aborted && this.#state !== state) return;
      const error = toKitError(thrown);
      this.#audit({ action, outcome: 'failure', ...input, error });
      this.send({ type: 'VERIFY_FAILED', error });
      return;
    }
    const changes = previous ? changedFields(previous, connection) : undefined;
    this.#audit({ action, outcome: 'success', ...input, ...(changes ? { changes } : {}) });
    this.send({ type: 'VERIFIED', connection });
  }

  async #save(state: Extract<WizardState, { status: 'saving' }>): Promise<void> {
    const signal = this.#begin();
    const { input, connection, changes } = state;
    try {
      const saved = await this.options
        .adapter()
        .updateConnection({ ...input, expectedVersion: connection.version }, { signal });
      this.#audit({ action: 'edit', outcome: 'success', ...input, changes });
      this.send({ type: 'SAVED', connection: saved });
    } catch (thrown) {
      if (signal.aborted && this.#state !== state) return;
      const error = toKitError(thrown);
      this.#audit({ action: 'edit', outcome: 'failure', ...input, changes, error });
      this.send({ type: 'SAVE_FAILED', error });
    }
  }

  async #disconnect(state: Extract<WizardState, { status: 'disconnecting' }>): Promise<void> {
    const signal = this.#begin();
    const { connection } = state;
    const target = { tenantId: connection.tenantId, tenantType: connection.tenantType };
    try {
      await this.options.adapter().removeConnection({ signal });
    } catch (thrown) {
      if (signal.aborted && this.#state !== state) return;
      const error = toKitError(thrown);
      this.#audit({ action: 'disconnect', outcome: 'failure', ...target, error });
      this.send({ type: 'DISCONNECT_FAILED', error });
      return;
    }
    this.#audit({ action: 'disconnect', outcome: 'success', ...target });
    this.send(
      state.reconnect
        ? { type: 'DISCONNECTED', consentState: this.newConsentState() }
        : { type: 'DISCONNECTED' },
    );
  }

  /**
   * Appends an audit event. Events that failed to reach the adapter are kept, in order, and sent
   * again before the next one.
   */
  #audit(input: Omit<AuditInput, 'actor' | 'error' | 'aadsts'> & { error?: KitError }): void {
    const { error, ...rest } = input;
    const event = createAuditEvent({
      ...rest,
      actor: this.options.actor() || 'unknown',
      ...(error ? { error: error.code } : {}),
      ...(error?.aadsts ? { aadsts: error.aadsts } : {}),
    });
    this.#pendingAudit.push(event);
    void this.#flushAudit();
  }

  #flushing?: Promise<void>;

  async #flushAudit(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    let failed = false;
    this.#flushing = (async () => {
      const signal = new AbortController().signal;
      while (this.#pendingAudit.length > 0) {
        const event = this.#pendingAudit[0];
        if (!event) break;
        try {
          await this.options.adapter().appendAuditEvent(event, { signal });
        } catch (thrown) {
          console.warn(
            'azure-compliance-connect: audit event not recorded yet',
            toKitError(thrown),
          );
          failed = true;
          return;
        }
        this.#pendingAudit.shift();
        this.options.onAudit?.(event);
      }
    })().finally(() => {
      this.#flushing = undefined;
      // An event queued after the loop ended but before this ran joined a finished flush.
      if (!failed && this.#pendingAudit.length > 0) void this.#flushAudit();
    });
    return this.#flushing;
  }

  /** Audit events not yet accepted by the adapter (they are retried with the next event). */
  get pendingAuditCount(): number {
    return this.#pendingAudit.length;
  }

  /** Sends pending audit events again; resolves when the queue is empty or a send failed. */
  flushAudit(): Promise<void> {
    return this.#flushAudit();
  }
}
