import type {
  CallOptions,
  ConnectionAdapter,
  ConsentVerification,
  UpdateRequest,
  VerifyConsentRequest,
} from '../../src/adapter/adapter.js';
import type { AuditEvent } from '../../src/core/audit.js';
import type { Connection, ConnectionInput } from '../../src/core/connection.js';
import { AdapterError, type ErrorCode } from '../../src/core/errors.js';
import type { ConnectionHealth } from '../../src/core/health.js';

export type AdapterCall = Exclude<keyof ConnectionAdapter, 'appendAuditEvent' | 'listAuditEvents'>;

export interface MemoryAdapterOptions {
  /** The tenant connected when the story starts. */
  readonly connection?: Connection | null;
  /** Milliseconds every call takes, so busy states can be seen. Default 300. */
  readonly delayMs?: number;
  /**
   * Calls that stay pending until `release(call)` (or until their signal aborts): a story shows a
   * busy state for as long as it is open, without a long delay. A released call then takes
   * `delayMs` and answers, or fails when it is also in `fail`.
   */
  readonly hold?: readonly AdapterCall[];
  /** Calls that fail, with the error code they fail with. */
  readonly fail?: Partial<Record<AdapterCall, ErrorCode>>;
  /** What `verifyConsent` answers. Default: verified. */
  readonly verification?: ConsentVerification;
  /**
   * What `loadHealth` answers. Without it the adapter has no `loadHealth`, like the
   * browser-storage adapter, and the composite says that health is not reported.
   */
  readonly health?: ConnectionHealth;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new AdapterError('aborted'));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new AdapterError('aborted'));
      },
      { once: true },
    );
  });
}

/** A held call waiting for `release`. */
interface Waiter {
  readonly resolve: () => void;
}

function inputOf(input: ConnectionInput): ConnectionInput {
  return {
    tenantType: input.tenantType,
    tenantId: input.tenantId,
    ...(input.enrollmentUrl === undefined ? {} : { enrollmentUrl: input.enrollmentUrl }),
    ...(input.remediationUrl === undefined ? {} : { remediationUrl: input.remediationUrl }),
  };
}

/**
 * A backend that lives in memory for one story: a fresh instance per story, nothing shared and
 * nothing kept. Consent is reported as verified unless told otherwise. Any call can be held
 * (pending until released) or failed, so a story can stop the wizard in any status.
 */
export class MemoryAdapter implements ConnectionAdapter {
  #connection: Connection | null;
  readonly #audit: AuditEvent[] = [];
  readonly #delayMs: number;
  readonly #fail: Partial<Record<AdapterCall, ErrorCode>>;
  readonly #verification: ConsentVerification;
  readonly #held: Set<AdapterCall>;
  readonly #waiting = new Map<AdapterCall, Set<Waiter>>();

  loadHealth?: (options: CallOptions) => Promise<ConnectionHealth>;

  constructor(options: MemoryAdapterOptions = {}) {
    this.#connection = options.connection ?? null;
    this.#delayMs = options.delayMs ?? 300;
    this.#fail = options.fail ?? {};
    this.#held = new Set(options.hold);
    this.#verification = options.verification ?? { verified: true };
    const health = options.health;
    if (health) {
      this.loadHealth = async ({ signal }) => {
        await this.#call('loadHealth', signal);
        return health;
      };
    }
  }

  /** The audit log so far, oldest first. */
  get auditEvents(): readonly AuditEvent[] {
    return [...this.#audit];
  }

  /** Holds every later `call` until `release(call)`. */
  hold(call: AdapterCall): void {
    this.#held.add(call);
  }

  /** Lets the held calls of that name go on, and stops holding it. */
  release(call: AdapterCall): void {
    this.#held.delete(call);
    const waiting = this.#waiting.get(call);
    this.#waiting.delete(call);
    for (const waiter of waiting ?? []) waiter.resolve();
  }

  /** How many calls of that name are held right now. */
  heldCount(call: AdapterCall): number {
    return this.#waiting.get(call)?.size ?? 0;
  }

  /** Pending until `release(name)`, or rejected as soon as `signal` aborts. */
  #gate(name: AdapterCall, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(new AdapterError('aborted'));
        return;
      }
      const waiting = this.#waiting.get(name) ?? new Set<Waiter>();
      this.#waiting.set(name, waiting);
      const onAbort = () => {
        waiting.delete(waiter);
        reject(new AdapterError('aborted'));
      };
      const waiter: Waiter = {
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      waiting.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async #call(name: AdapterCall, signal: AbortSignal): Promise<void> {
    if (this.#held.has(name)) await this.#gate(name, signal);
    await wait(this.#delayMs, signal);
    const code = this.#fail[name];
    if (code) throw new AdapterError(code, `${name} failed (story adapter).`);
  }

  async loadConnection({ signal }: CallOptions): Promise<Connection | null> {
    await this.#call('loadConnection', signal);
    return this.#connection;
  }

  async verifyConsent(
    _request: VerifyConsentRequest,
    { signal }: CallOptions,
  ): Promise<ConsentVerification> {
    await this.#call('verifyConsent', signal);
    return this.#verification;
  }

  async saveConnection(
    input: ConnectionInput & { readonly actor: string },
    { signal }: CallOptions,
  ): Promise<Connection> {
    await this.#call('saveConnection', signal);
    if (this.#connection) throw new AdapterError('conflict', 'A tenant is already connected.');
    const at = new Date().toISOString();
    this.#connection = {
      ...inputOf(input),
      connectedAt: at,
      updatedAt: at,
      version: 1,
      connectedBy: input.actor,
    };
    return this.#connection;
  }

  async updateConnection(request: UpdateRequest, { signal }: CallOptions): Promise<Connection> {
    await this.#call('updateConnection', signal);
    const current = this.#connection;
    if (!current) throw new AdapterError('not-connected', 'No tenant is connected.');
    if (current.version !== request.expectedVersion) {
      throw new AdapterError('conflict', 'The connection changed elsewhere.');
    }
    this.#connection = {
      ...inputOf(request),
      connectedAt: current.connectedAt,
      updatedAt: new Date().toISOString(),
      version: current.version + 1,
      ...(current.connectedBy === undefined ? {} : { connectedBy: current.connectedBy }),
    };
    return this.#connection;
  }

  async removeConnection({ signal }: CallOptions): Promise<void> {
    await this.#call('removeConnection', signal);
    this.#connection = null;
  }

  async appendAuditEvent(event: AuditEvent, { signal }: CallOptions): Promise<void> {
    signal.throwIfAborted();
    if (!this.#audit.some((existing) => existing.id === event.id)) this.#audit.push(event);
  }

  async listAuditEvents({
    signal,
    limit,
  }: CallOptions & { readonly limit?: number }): Promise<AuditEvent[]> {
    signal.throwIfAborted();
    const newestFirst = [...this.#audit].reverse();
    return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
  }
}
