import { checkAuditEvent } from '../audit/check.js';
import type { AuditAction, AuditEvent } from '../core/audit.js';
import {
  connectionInputOf,
  connectionSchema,
  type Connection,
  type ConnectionInput,
} from '../core/connection.js';
import { AdapterError } from '../core/errors.js';
import type { CallOptions, ConnectionAdapter, ConsentVerification } from './adapter.js';
import { EMBEDDED_STORE, type EmbeddedStore } from './embedded-adapter.js';

export interface BrowserStorageAdapterOptions {
  /** Where to keep data. Default: `localStorage`. Any `Storage` works (e.g. `sessionStorage`). */
  readonly storage?: Storage;
  /** Prefix of the storage keys, so several consoles can share an origin. */
  readonly key?: string;
  /**
   * Past this count, the oldest events other than connect, edit and disconnect are dropped.
   * Connect, edit and disconnect events are always kept, even past it. Default 1000.
   */
  readonly maxAuditEvents?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/** Which of the two stored values could not be read. */
export type BrowserStoragePart = 'connection' | 'audit';

/** One stored value that cannot be read: `not-json`, or JSON of the wrong shape (`invalid`). */
export interface BrowserStorageCorruption {
  readonly part: BrowserStoragePart;
  /** The storage key, e.g. `azure-compliance-connect:connection`. */
  readonly key: string;
  readonly problem: 'not-json' | 'invalid';
}

/**
 * What `BrowserStorageAdapter` throws when its own stored connection or audit log cannot be
 * read. Its `code` is `malformed-response`, like any unreadable answer; `corruption` says which
 * value is damaged. Retrying cannot help: `BrowserStorageAdapter.reset()` clears the store (the
 * composite offers it as "Reset the embedded store", see `findCorruption()`).
 */
export class BrowserStorageCorruptError extends AdapterError {
  readonly corruption: BrowserStorageCorruption;

  constructor(corruption: BrowserStorageCorruption) {
    super(
      'malformed-response',
      corruption.problem === 'not-json'
        ? `Stored ${corruption.key} is not JSON.`
        : `Stored ${corruption.key} is not valid.`,
    );
    this.name = 'BrowserStorageCorruptError';
    this.corruption = corruption;
  }
}

/** The events `maxAuditEvents` never drops. */
const KEPT_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'connect',
  'edit',
  'disconnect',
]);

/**
 * Drops the oldest events that are not connect, edit or disconnect until at most `max` are
 * left, or only those are left.
 */
function retain(events: AuditEvent[], max: number): AuditEvent[] {
  let excess = events.length - max;
  if (excess <= 0) return events;
  return events.filter((event) => {
    if (excess <= 0 || KEPT_ACTIONS.has(event.action)) return true;
    excess--;
    return false;
  });
}

/**
 * The embedded default adapter: keeps the connection and the audit log in browser storage, so
 * the kit works with no backend at all and survives reloads.
 *
 * It cannot verify consent with Microsoft (that needs the app's secret, which never belongs in a
 * browser): `verifyConsent` records the admin's attestation and reports it as verified. Use a
 * backend adapter in production.
 *
 * Everything read back is checked again: a stored connection or log that is not JSON or fails
 * the schema (each event also at most `MAX_AUDIT_EVENT_BYTES`) makes calls throw a
 * `BrowserStorageCorruptError`; `loadConnection` checks both, so a damaged log shows at load,
 * where `reset()` is offered. `appendAuditEvent` refuses an event that is not valid
 * (`invalid-request`), so a bad event never makes the log unreadable.
 */
export class BrowserStorageAdapter implements ConnectionAdapter, EmbeddedStore {
  /** Lets `<azure-device-compliance>` offer "Reset the embedded store" for this adapter's data. */
  readonly [EMBEDDED_STORE] = true as const;
  readonly #storage: Storage;
  readonly #connectionKey: string;
  readonly #auditKey: string;
  readonly #maxAuditEvents: number;
  readonly #now: () => Date;

  constructor(options: BrowserStorageAdapterOptions = {}) {
    this.#storage = options.storage ?? globalThis.localStorage;
    const key = options.key ?? 'azure-compliance-connect';
    this.#connectionKey = `${key}:connection`;
    this.#auditKey = `${key}:audit`;
    this.#maxAuditEvents = options.maxAuditEvents ?? 1000;
    this.#now = options.now ?? (() => new Date());
  }

  async loadConnection({ signal }: CallOptions): Promise<Connection | null> {
    signal.throwIfAborted();
    const connection = this.#readConnection();
    // A damaged log would refuse every audit event from now on: say so now, with a way out.
    this.#readAudit();
    return connection;
  }

  /**
   * Which stored values cannot be read (not JSON, or the wrong shape), connection first; empty
   * when both are fine or absent. Reads storage, changes nothing.
   */
  findCorruption(): BrowserStorageCorruption[] {
    const found: BrowserStorageCorruption[] = [];
    for (const read of [() => this.#readConnection(), () => this.#readAudit()]) {
      try {
        read();
      } catch (error) {
        if (error instanceof BrowserStorageCorruptError) found.push(error.corruption);
        else throw error;
      }
    }
    return found;
  }

  /**
   * Erases this adapter's stored connection and audit log (its two keys, nothing else), so a
   * damaged store can be used again. The audit events in it are lost.
   */
  reset(): void {
    this.#storage.removeItem(this.#connectionKey);
    this.#storage.removeItem(this.#auditKey);
  }

  async verifyConsent(
    _request: ConnectionInput,
    { signal }: CallOptions,
  ): Promise<ConsentVerification> {
    signal.throwIfAborted();
    return { verified: true };
  }

  async saveConnection(
    input: ConnectionInput & { actor: string },
    { signal }: CallOptions,
  ): Promise<Connection> {
    signal.throwIfAborted();
    if (this.#readConnection() !== null) {
      throw new AdapterError('conflict', 'A tenant is already connected; disconnect it first.');
    }
    const at = this.#now().toISOString();
    const connection: Connection = {
      ...connectionInputOf(input),
      connectedAt: at,
      updatedAt: at,
      version: 1,
      connectedBy: input.actor,
    };
    this.#write(this.#connectionKey, connection);
    return connection;
  }

  async updateConnection(
    request: ConnectionInput & { expectedVersion: number },
    { signal }: CallOptions,
  ): Promise<Connection> {
    signal.throwIfAborted();
    const current = this.#readConnection();
    if (current === null) throw new AdapterError('not-connected', 'No tenant is connected.');
    if (current.version !== request.expectedVersion) {
      throw new AdapterError(
        'conflict',
        `The connection changed elsewhere (version ${current.version}, edited ${request.expectedVersion}).`,
      );
    }
    const connection: Connection = {
      ...connectionInputOf(request),
      connectedAt: current.connectedAt,
      updatedAt: this.#now().toISOString(),
      version: current.version + 1,
    };
    if (current.connectedBy !== undefined) connection.connectedBy = current.connectedBy;
    this.#write(this.#connectionKey, connection);
    return connection;
  }

  async removeConnection({ signal }: CallOptions): Promise<void> {
    signal.throwIfAborted();
    this.#storage.removeItem(this.#connectionKey);
  }

  async appendAuditEvent(event: AuditEvent, { signal }: CallOptions): Promise<void> {
    signal.throwIfAborted();
    const checked = checkAuditEvent(event);
    if (!checked.ok) throw new AdapterError('invalid-request', checked.message);
    const events = this.#readAudit();
    if (events.some((existing) => existing.id === checked.event.id)) return;
    events.push(checked.event);
    this.#write(this.#auditKey, retain(events, this.#maxAuditEvents));
  }

  async listAuditEvents({
    signal,
    limit,
  }: CallOptions & { limit?: number }): Promise<AuditEvent[]> {
    signal.throwIfAborted();
    const newestFirst = this.#readAudit().reverse();
    return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
  }

  #readConnection(): Connection | null {
    const raw = this.#read('connection', this.#connectionKey);
    if (raw === null) return null;
    const parsed = connectionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new BrowserStorageCorruptError({
        part: 'connection',
        key: this.#connectionKey,
        problem: 'invalid',
      });
    }
    return parsed.data;
  }

  #readAudit(): AuditEvent[] {
    const raw = this.#read('audit', this.#auditKey);
    if (raw === null) return [];
    const events: AuditEvent[] = [];
    const corrupt = () =>
      new BrowserStorageCorruptError({ part: 'audit', key: this.#auditKey, problem: 'invalid' });
    if (!Array.isArray(raw)) throw corrupt();
    for (const value of raw as unknown[]) {
      const checked = checkAuditEvent(value);
      if (!checked.ok) throw corrupt();
      events.push(checked.event);
    }
    return events;
  }

  #read(part: BrowserStoragePart, key: string): unknown {
    const text = this.#storage.getItem(key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BrowserStorageCorruptError({ part, key, problem: 'not-json' });
    }
  }

  #write(key: string, value: unknown): void {
    try {
      this.#storage.setItem(key, JSON.stringify(value));
    } catch (thrown) {
      throw new AdapterError('adapter', 'Browser storage is full or unavailable.', {
        cause: thrown,
      });
    }
  }
}
