import {
  consentChannelName,
  isConsentCallbackMessage,
  type ConsentCallbackMessage,
} from '../callback/protocol.js';
import { parseAttempts, type AttemptRecord } from '../core/attempts.js';
import type { WizardState } from '../core/machine.js';
import { snapshotOf } from '../core/session.js';

export interface ConsoleSessionOptions {
  /** Prefix of the storage keys and name of the sync channel. */
  readonly storageKey: string;
  /** Per-tab storage for the draft (survives a reload). Default `sessionStorage`. */
  readonly session?: Storage | null;
  /** Storage shared by the tabs, for the consent-attempt ledger. Default `localStorage`. */
  readonly shared?: Storage | null;
  /** Listen for consent callbacks and other tabs' changes. Default: where BroadcastChannel exists. */
  readonly channels?: boolean;
}

/** What another tab says the connection now is: its tenant and version, or none. */
export type ConnectionMark = { readonly tenantId: string; readonly version: number } | null;

export interface ConsoleSessionHandlers {
  onCallback(message: ConsentCallbackMessage): void;
  /** Another tab of the console changed the connection to `mark`. */
  onRemoteChange(mark: ConnectionMark): void;
}

function isMark(value: unknown): value is ConnectionMark {
  if (value === null) return true;
  const mark = value as { tenantId?: unknown; version?: unknown } | undefined;
  return typeof mark?.tenantId === 'string' && typeof mark.version === 'number';
}

function storageOr(given: Storage | null | undefined, fallback: () => Storage): Storage | null {
  if (given !== undefined) return given;
  try {
    return fallback();
  } catch {
    return null;
  }
}

/**
 * What ties the wizard to the browser beyond the page: the draft kept for a reload, the consent
 * ledger shared by tabs, the consent callback channel and the channel that tells other tabs the
 * connection changed. Storage failures (private mode, quota) degrade to "not kept".
 */
export class ConsoleSession {
  readonly #session: Storage | null;
  readonly #shared: Storage | null;
  readonly #key: string;
  readonly #useChannels: boolean;
  #callbacks?: BroadcastChannel;
  #sync?: BroadcastChannel;

  constructor(
    options: ConsoleSessionOptions,
    private readonly handlers: ConsoleSessionHandlers,
  ) {
    this.#key = options.storageKey;
    this.#session = storageOr(options.session, () => globalThis.sessionStorage);
    this.#shared = storageOr(options.shared, () => globalThis.localStorage);
    this.#useChannels = options.channels ?? typeof BroadcastChannel === 'function';
  }

  open(): void {
    if (!this.#useChannels || this.#callbacks) return;
    this.#callbacks = new BroadcastChannel(consentChannelName(this.#key));
    this.#callbacks.onmessage = (event: MessageEvent) => {
      if (isConsentCallbackMessage(event.data)) this.handlers.onCallback(event.data);
    };
    this.#sync = new BroadcastChannel(`${this.#key}:sync`);
    this.#sync.onmessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; connection?: unknown } | null;
      if (data?.type === 'connection-changed' && isMark(data.connection)) {
        this.handlers.onRemoteChange(data.connection);
      }
    };
  }

  close(): void {
    this.#callbacks?.close();
    this.#sync?.close();
    this.#callbacks = undefined;
    this.#sync = undefined;
  }

  /** Tells the other tabs that the connection changed, and to what. */
  announceChange(connection: { tenantId: string; version: number } | null): void {
    const mark: ConnectionMark = connection
      ? { tenantId: connection.tenantId, version: connection.version }
      : null;
    this.#sync?.postMessage({ type: 'connection-changed', connection: mark });
  }

  readSnapshot(): unknown {
    return this.#read(this.#session, `${this.#key}:session`);
  }

  writeSnapshot(state: WizardState): void {
    const snapshot = snapshotOf(state);
    if (snapshot === null) this.#remove(this.#session, `${this.#key}:session`);
    else this.#write(this.#session, `${this.#key}:session`, snapshot);
  }

  attempts(): AttemptRecord[] {
    return parseAttempts(this.#read(this.#shared, `${this.#key}:consent-attempts`));
  }

  updateAttempts(change: (records: AttemptRecord[]) => AttemptRecord[]): void {
    this.#write(this.#shared, `${this.#key}:consent-attempts`, change(this.attempts()));
  }

  #read(storage: Storage | null, key: string): unknown {
    try {
      const text = storage?.getItem(key);
      return text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }

  #write(storage: Storage | null, key: string, value: unknown): void {
    try {
      storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Not kept: the flow still works in this page, it just will not survive a reload.
    }
  }

  #remove(storage: Storage | null, key: string): void {
    try {
      storage?.removeItem(key);
    } catch {
      // Nothing to do.
    }
  }
}
