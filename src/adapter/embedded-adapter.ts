import type { Connection } from '../core/connection.js';
import { AdapterError } from '../core/errors.js';
import type { AuditEvent } from '../core/audit.js';
import type {
  CallOptions,
  ConnectionAdapter,
  ConsentVerification,
  SaveConnectionRequest,
  UpdateRequest,
  VerifyConsentRequest,
} from './adapter.js';
import type { BrowserStorageAdapter, BrowserStorageCorruption } from './browser-storage-adapter.js';

/**
 * Marks the adapters whose own stored data the composite may offer to reset
 * (`BrowserStorageAdapter`), without the composite importing that adapter.
 */
export const EMBEDDED_STORE = Symbol.for('azure-compliance-connect.embedded-store');

/** A store whose damaged data can be found and erased (`BrowserStorageAdapter`). */
export interface EmbeddedStore {
  readonly [EMBEDDED_STORE]: true;
  findCorruption(): BrowserStorageCorruption[];
  reset(): void;
}

/** Whether `value` is a store the composite can offer to reset. */
export function isEmbeddedStore(value: unknown): value is EmbeddedStore {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Partial<EmbeddedStore>)[EMBEDDED_STORE] === true
  );
}

/**
 * The composite's default backend when the console gives no `adapter`: a `BrowserStorageAdapter`
 * that is downloaded with its first call, so a console that brings its own backend never loads
 * it. Calls made meanwhile wait for it; nothing is answered before it is there.
 */
export class EmbeddedAdapter implements ConnectionAdapter {
  #adapter?: BrowserStorageAdapter;
  #loading?: Promise<BrowserStorageAdapter>;

  /** The browser-storage adapter once loaded (for finding and resetting damaged data). */
  get store(): EmbeddedStore | undefined {
    return this.#adapter;
  }

  #load(signal: AbortSignal): Promise<BrowserStorageAdapter> {
    signal.throwIfAborted();
    this.#loading ??= import('./browser-storage-adapter.js').then(
      ({ BrowserStorageAdapter }) => (this.#adapter = new BrowserStorageAdapter()),
      (error: unknown) => {
        // The next call tries again (the network may be back).
        this.#loading = undefined;
        throw new AdapterError('network', 'the embedded browser-storage adapter could not load', {
          cause: error,
        });
      },
    );
    return this.#loading;
  }

  async loadConnection(options: CallOptions): Promise<Connection | null> {
    return (await this.#load(options.signal)).loadConnection(options);
  }

  async verifyConsent(
    request: VerifyConsentRequest,
    options: CallOptions,
  ): Promise<ConsentVerification> {
    return (await this.#load(options.signal)).verifyConsent(request, options);
  }

  async saveConnection(input: SaveConnectionRequest, options: CallOptions): Promise<Connection> {
    return (await this.#load(options.signal)).saveConnection(input, options);
  }

  async updateConnection(request: UpdateRequest, options: CallOptions): Promise<Connection> {
    return (await this.#load(options.signal)).updateConnection(request, options);
  }

  async removeConnection(options: CallOptions): Promise<void> {
    return (await this.#load(options.signal)).removeConnection(options);
  }

  async appendAuditEvent(event: AuditEvent, options: CallOptions): Promise<void> {
    return (await this.#load(options.signal)).appendAuditEvent(event, options);
  }

  async listAuditEvents(options: CallOptions & { readonly limit?: number }): Promise<AuditEvent[]> {
    return (await this.#load(options.signal)).listAuditEvents(options);
  }
}
