import * as z from 'zod/mini';
import { auditEventSchema, type AuditEvent } from '../core/audit.js';
import {
  connectionInputOf,
  connectionSchema,
  type Connection,
  type ConnectionInput,
} from '../core/connection.js';
import { AdapterError } from '../core/errors.js';
import type { CallOptions, ConnectionAdapter, ConsentVerification } from './adapter.js';

export interface BrowserStorageAdapterOptions {
  /** Where to keep data. Default: `localStorage`. Any `Storage` works (e.g. `sessionStorage`). */
  readonly storage?: Storage;
  /** Prefix of the storage keys, so several consoles can share an origin. */
  readonly key?: string;
  /** Oldest audit events are dropped past this count. Default 1000. */
  readonly maxAuditEvents?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

const auditListSchema = z.array(auditEventSchema);

/**
 * The embedded default adapter: keeps the connection and the audit log in browser storage, so
 * the kit works with no backend at all and survives reloads.
 *
 * It cannot verify consent with Microsoft (that needs the app's secret, which never belongs in a
 * browser): `verifyConsent` records the admin's attestation and reports it as verified. Use a
 * backend adapter in production.
 */
export class BrowserStorageAdapter implements ConnectionAdapter {
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
    return this.#readConnection();
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
    const events = this.#readAudit();
    if (events.some((existing) => existing.id === event.id)) return;
    events.push(event);
    // Not `slice(-max)`: with a max of 0 that would keep everything.
    this.#write(this.#auditKey, events.slice(Math.max(0, events.length - this.#maxAuditEvents)));
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
    const raw = this.#read(this.#connectionKey);
    if (raw === null) return null;
    const parsed = connectionSchema.safeParse(raw);
    if (!parsed.success)
      throw new AdapterError('malformed-response', 'Stored connection is not valid.');
    return parsed.data;
  }

  #readAudit(): AuditEvent[] {
    const raw = this.#read(this.#auditKey);
    if (raw === null) return [];
    const parsed = auditListSchema.safeParse(raw);
    if (!parsed.success)
      throw new AdapterError('malformed-response', 'Stored audit log is not valid.');
    return parsed.data;
  }

  #read(key: string): unknown {
    const text = this.#storage.getItem(key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AdapterError('malformed-response', `Stored ${key} is not JSON.`);
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
