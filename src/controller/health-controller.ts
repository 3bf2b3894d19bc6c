import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionAdapter } from '../adapter/adapter.js';
import type { Connection } from '../core/connection.js';
import { toKitError, type KitError } from '../core/errors.js';
import type { ConnectionHealth } from '../core/health.js';
import type { WizardEvent, WizardState } from '../core/machine.js';
import { verificationError } from './wizard-controller.js';

/**
 * What the health view can show: `unsupported` (the adapter has no `loadHealth`), `loading`,
 * `ready` (`health` is set) or `failed` (`error` says why).
 */
export type HealthStatus = 'unsupported' | 'loading' | 'ready' | 'failed';

/** The outcome of the last "Check now": when it ended, and the error when consent failed. */
export type HealthCheckResult =
  | { readonly at: string; readonly verified: true }
  | { readonly at: string; readonly verified: false; readonly error: KitError };

export interface HealthControllerOptions {
  /** The adapter to use (already guarded). Read at each call, so it can be swapped. */
  readonly adapter: () => ConnectionAdapter;
  /** Who asks, passed to `verifyConsent`. */
  readonly actor: () => string;
  /** The wizard's current state: health is loaded while a tenant is connected. */
  readonly state: () => WizardState;
  /** Sends the wizard `REFRESHED` after a check. */
  readonly send: (event: WizardEvent) => boolean;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/** The connection a health view belongs to, or undefined outside the connected states. */
function connectionOf(state: WizardState): Connection | undefined {
  return state.status === 'connected' || state.status === 'disconnecting'
    ? state.connection
    : undefined;
}

/** Health is loaded once per tenant and version: another tenant or a change loads it again. */
function keyOf(connection: Connection): string {
  return `${connection.tenantType}|${connection.tenantId}|${connection.version}`;
}

/**
 * Loads what Intune reports of the connected tenant (`adapter.loadHealth`) for a health view,
 * and runs "Check now": consent is verified again with Microsoft, then the connection is read
 * again and handed to the wizard (`REFRESHED`), so an `attention` mark or the tenant's GUID
 * shows in place. A check never changes the wizard in any other way, and a second one while
 * the first runs is ignored.
 *
 * Health loads when the wizard reaches `connected`, and again when the connected tenant or its
 * version changes. Leaving the connected states (edit, disconnect done, reload) or removing the
 * host aborts what is in flight.
 */
export class HealthController implements ReactiveController {
  #status: HealthStatus = 'loading';
  #health?: ConnectionHealth;
  #error?: KitError;
  #checking = false;
  #checkResult?: HealthCheckResult;
  /** The connection whose health is shown (see `keyOf`); undefined outside `connected`. */
  #key?: string;
  #load?: AbortController;
  #check?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: HealthControllerOptions,
  ) {
    host.addController(this);
  }

  get status(): HealthStatus {
    return this.#status;
  }

  /** Intune's view and the last consent check, once loaded. */
  get health(): ConnectionHealth | undefined {
    return this.#health;
  }

  /** Why health could not be loaded (`status` is `failed`). */
  get error(): KitError | undefined {
    return this.#error;
  }

  /** A "Check now" is running. */
  get checking(): boolean {
    return this.#checking;
  }

  /** The outcome of the last "Check now", for the view to announce. */
  get checkResult(): HealthCheckResult | undefined {
    return this.#checkResult;
  }

  /** Follows the wizard: load on entering `connected` or on a new tenant or version. */
  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#reset();
  }

  /** Loads health again (Retry). False outside the connected states. */
  reload(): boolean {
    if (!connectionOf(this.options.state())) return false;
    void this.#loadHealth(false);
    return true;
  }

  /**
   * "Check now": verifies consent with Microsoft (`via: 'check'`), reads the connection again
   * and sends it to the wizard as `REFRESHED`, then reloads health. Ignored (false) while a
   * check runs or when no tenant is connected.
   */
  checkNow(): boolean {
    const state = this.options.state();
    if (this.#checking || state.status !== 'connected') return false;
    void this.#runCheck(state.connection);
    return true;
  }

  #follow(): void {
    const connection = connectionOf(this.options.state());
    if (!connection) {
      if (this.#key !== undefined) this.#reset();
      return;
    }
    const key = keyOf(connection);
    if (key === this.#key) return;
    this.#key = key;
    void this.#loadHealth(false);
  }

  /** Back to nothing shown: aborts the load and the check in flight. */
  #reset(): void {
    this.#key = undefined;
    this.#load?.abort();
    this.#load = undefined;
    this.#check?.abort();
    this.#check = undefined;
    this.#status = 'loading';
    this.#health = undefined;
    this.#error = undefined;
    this.#checking = false;
    this.#checkResult = undefined;
  }

  /**
   * Loads health. `keepShown`: what is shown stays while the new answer comes (after a check),
   * instead of "Loading…".
   */
  async #loadHealth(keepShown: boolean): Promise<void> {
    this.#load?.abort();
    this.#load = undefined;
    const adapter = this.options.adapter();
    // `guardAdapter` exposes `loadHealth` only when the adapter it wraps has one.
    if (typeof adapter.loadHealth !== 'function') {
      this.#status = 'unsupported';
      this.#health = undefined;
      this.#error = undefined;
      this.host.requestUpdate();
      return;
    }
    const operation = new AbortController();
    this.#load = operation;
    const { signal } = operation;
    if (!keepShown || this.#status !== 'ready') {
      this.#status = 'loading';
      this.#error = undefined;
      this.host.requestUpdate();
    }
    try {
      const health = await adapter.loadHealth({ signal });
      if (signal.aborted) return;
      this.#health = health;
      this.#error = undefined;
      this.#status = 'ready';
    } catch (thrown) {
      if (signal.aborted) return;
      this.#error = toKitError(thrown);
      this.#status = 'failed';
    } finally {
      if (this.#load === operation) this.#load = undefined;
    }
    this.host.requestUpdate();
  }

  async #runCheck(connection: Connection): Promise<void> {
    const operation = new AbortController();
    this.#check = operation;
    const { signal } = operation;
    this.#checking = true;
    this.#checkResult = undefined;
    this.host.requestUpdate();
    const adapter = this.options.adapter();
    let result: HealthCheckResult;
    try {
      // The backend verifies and, if it keeps its own trail (`authorsAudit`), records the check.
      // With an adapter that does not author its audit, the kit does not invent a
      // `verify-consent` event for a check: the browser-storage default, for one, has nothing
      // to verify against, and its "verification" would only repeat the admin's attestation.
      const verification = await adapter.verifyConsent(
        {
          tenantType: connection.tenantType,
          tenantId: connection.tenantId,
          ...(connection.enrollmentUrl === undefined
            ? {}
            : { enrollmentUrl: connection.enrollmentUrl }),
          ...(connection.remediationUrl === undefined
            ? {}
            : { remediationUrl: connection.remediationUrl }),
          actor: this.options.actor(),
          via: 'check',
        },
        { signal },
      );
      const at = this.#now().toISOString();
      result = verification.verified
        ? { at, verified: true }
        : { at, verified: false, error: toKitError(verificationError(verification)) };
      // The backend may have marked the connection (`attention`) or learnt its GUID: show the
      // connection as it is now, in place. Refused (harmlessly) if the wizard moved on.
      const refreshed = await adapter.loadConnection({ signal });
      if (signal.aborted) return;
      const accepted = this.options.send({ type: 'REFRESHED', connection: refreshed });
      // The same tenant and version need no second load from `#follow`: the one below does it.
      const now = connectionOf(this.options.state());
      if (accepted && now) this.#key = keyOf(now);
      if (accepted && now) await this.#loadHealth(true);
    } catch (thrown) {
      if (signal.aborted) return;
      // The check could not run (network, timeout...), or the connection could not be read
      // after it: say that, rather than an outcome the console cannot show.
      result = { at: this.#now().toISOString(), verified: false, error: toKitError(thrown) };
    }
    if (signal.aborted) return;
    this.#check = undefined;
    this.#checking = false;
    this.#checkResult = result;
    this.host.requestUpdate();
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
