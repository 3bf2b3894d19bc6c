import type { AuditEvent } from '../core/audit.js';
import { AdapterError } from '../core/errors.js';
import { anySignal, backoffDelay, raceAbort, sleep as timerSleep } from './backoff.js';
import { checkAuditEvent, type SetAsideReason } from './check.js';

export { checkAuditEvent, MAX_AUDIT_EVENT_BYTES } from './check.js';
export type { AuditEventCheck, SetAsideReason } from './check.js';

/** Default IndexedDB database name and Web Locks name of the outbox. */
export const DEFAULT_OUTBOX_NAME = 'azure-compliance-connect-outbox';

/** One row of a store as read back, unchecked: `value` may be anything storage returned. */
export interface StoredEntry {
  /** What `setAside` takes to move this row out of the queue. */
  readonly key: IDBValidKey;
  readonly value: unknown;
}

/** A row moved out of the queue because it could not be delivered. */
export interface SetAsideEntry {
  readonly reason: SetAsideReason;
  /** When it was set aside (ISO 8601, UTC). */
  readonly at: string;
  /** The stored value as it was read back. */
  readonly value: unknown;
}

/** Where pending events live until the adapter has them. */
export interface AuditStore {
  /**
   * Stores the event; durable before it resolves. Storing an id that is already pending keeps
   * the first copy (and its place in the queue).
   */
  put(event: AuditEvent): Promise<void>;
  /**
   * Every pending event, oldest first (in the order they were first put). The outbox checks
   * each one again (`checkAuditEvent`) before sending it.
   */
  list(): Promise<AuditEvent[]>;
  /** Removes the event with this id; does nothing if there is none. */
  delete(id: string): Promise<void>;
  /**
   * Optional, with `setAside`: every row as read back, unchecked, oldest first. When a store has
   * both, the outbox reads the queue through them and moves a row that is not a valid event out
   * of the queue; without them it skips such a row (it stays in the store).
   */
  entries?(): Promise<StoredEntry[]>;
  /** Optional, with `entries`: moves the row out of the queue, keeping it aside for inspection. */
  setAside?(key: IDBValidKey, reason: SetAsideReason): Promise<void>;
}

const OBJECT_STORE = 'events';
const SET_ASIDE_STORE = 'set-aside';
const ID_INDEX = 'id';
const DB_VERSION = 2;

/** One stored row: `seq` is the auto-incremented key that keeps insertion order. */
interface Row {
  readonly seq?: number;
  readonly id: string;
  readonly event: AuditEvent;
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () =>
      reject(transaction.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
}

/**
 * An `AuditStore` in IndexedDB, so events survive reloads, crashes and closed tabs. Rows are
 * keyed by an auto-incremented sequence number (insertion order) with a unique index on the
 * event id. Writes use `durability: 'strict'`, so `put` resolves only once the event is on disk.
 * `put` refuses an invalid or oversized event (`TypeError`), and `list` returns only rows that
 * pass `checkAuditEvent`; rows that do not (written by another version, or tampered with) are
 * moved by the outbox to a second object store, `set-aside`, readable with `listSetAside()`.
 *
 * The connection opens on first use and closes itself when another page deletes or upgrades the
 * database (`versionchange`), so `indexedDB.deleteDatabase` is never blocked by it.
 */
export class IndexedDbAuditStore implements AuditStore {
  readonly dbName: string;
  #db: Promise<IDBDatabase> | undefined;

  constructor(dbName = DEFAULT_OUTBOX_NAME) {
    this.dbName = dbName;
  }

  async put(event: AuditEvent): Promise<void> {
    const valid = validEvent(event);
    await this.#transaction(
      'readwrite',
      (store) => {
        const existing = store.index(ID_INDEX).getKey(valid.id);
        existing.onsuccess = () => {
          if (existing.result === undefined)
            store.add({ id: valid.id, event: valid } satisfies Row);
        };
      },
      'strict',
    );
  }

  async list(): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (const entry of await this.entries()) {
      const checked = checkAuditEvent(entry.value);
      if (checked.ok) events.push(checked.event);
    }
    return events;
  }

  async entries(): Promise<StoredEntry[]> {
    let keys: IDBValidKey[] = [];
    let rows: unknown[] = [];
    await this.#transaction('readonly', (store) => {
      const keyRequest = store.getAllKeys();
      keyRequest.onsuccess = () => {
        keys = keyRequest.result;
      };
      const request = store.getAll();
      request.onsuccess = () => {
        rows = request.result as unknown[];
      };
    });
    return keys.map((key, index) => {
      const row = rows[index];
      const value =
        typeof row === 'object' && row !== null ? (row as { event?: unknown }).event : undefined;
      return { key, value };
    });
  }

  async setAside(key: IDBValidKey, reason: SetAsideReason): Promise<void> {
    const at = new Date().toISOString();
    await this.#transaction(
      'readwrite',
      (store, aside) => {
        const request = store.get(key);
        request.onsuccess = () => {
          const row: unknown = request.result;
          if (row === undefined) return;
          const value =
            typeof row === 'object' && row !== null ? (row as { event?: unknown }).event : row;
          aside.add({ reason, at, value } satisfies SetAsideEntry);
          store.delete(key);
        };
      },
      'strict',
    );
  }

  /** The rows set aside so far, oldest first (they are kept until the database is deleted). */
  async listSetAside(): Promise<SetAsideEntry[]> {
    let rows: SetAsideEntry[] = [];
    await this.#transaction('readonly', (_store, aside) => {
      const request = aside.getAll();
      request.onsuccess = () => {
        rows = request.result as SetAsideEntry[];
      };
    });
    return rows;
  }

  async delete(id: string): Promise<void> {
    await this.#transaction('readwrite', (store) => {
      const key = store.index(ID_INDEX).getKey(id);
      key.onsuccess = () => {
        if (key.result !== undefined) store.delete(key.result);
      };
    });
  }

  /** Closes the connection; the next call opens it again. */
  close(): void {
    const db = this.#db;
    this.#db = undefined;
    db?.then(
      (connection) => connection.close(),
      () => undefined,
    );
  }

  #open(): Promise<IDBDatabase> {
    if (this.#db) return this.#db;
    const opening = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(this.dbName, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(OBJECT_STORE)) {
          db.createObjectStore(OBJECT_STORE, { keyPath: 'seq', autoIncrement: true }).createIndex(
            ID_INDEX,
            'id',
            { unique: true },
          );
        }
        // Version 2: rows that cannot be delivered are moved here instead of blocking the queue.
        if (!db.objectStoreNames.contains(SET_ASIDE_STORE)) {
          db.createObjectStore(SET_ASIDE_STORE, { autoIncrement: true });
        }
      };
      request.onsuccess = () => {
        const db = request.result;
        const forget = () => {
          if (this.#db === opening) this.#db = undefined;
        };
        db.onversionchange = () => {
          db.close();
          forget();
        };
        db.onclose = forget;
        resolve(db);
      };
      request.onerror = () => reject(request.error);
    });
    opening.catch(() => {
      if (this.#db === opening) this.#db = undefined;
    });
    this.#db = opening;
    return opening;
  }

  async #transaction(
    mode: IDBTransactionMode,
    body: (store: IDBObjectStore, aside: IDBObjectStore) => void,
    durability: IDBTransactionDurability = 'default',
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const db = await this.#open();
      let transaction: IDBTransaction;
      try {
        transaction = db.transaction([OBJECT_STORE, SET_ASIDE_STORE], mode, { durability });
      } catch (error) {
        // The connection closed under us (the database was deleted or the browser closed it):
        // open a new one, once.
        if (attempt === 0 && error instanceof DOMException && error.name === 'InvalidStateError') {
          this.#db = undefined;
          continue;
        }
        throw error;
      }
      const done = transactionDone(transaction);
      body(transaction.objectStore(OBJECT_STORE), transaction.objectStore(SET_ASIDE_STORE));
      return done;
    }
  }
}

/** The event with only the schema's fields, or a `TypeError` saying why it is refused. */
function validEvent(event: unknown): AuditEvent {
  const checked = checkAuditEvent(event);
  if (!checked.ok) throw new TypeError(checked.message);
  return checked.event;
}

/**
 * An `AuditStore` in memory: the fallback when IndexedDB is unavailable. Events survive neither
 * a reload nor a closed tab. Events are copied in and out, like IndexedDB does, and checked the
 * same way: `put` refuses an invalid or oversized event (`TypeError`), and `list` returns only
 * events that pass `checkAuditEvent`.
 */
export class MemoryAuditStore implements AuditStore {
  readonly #events = new Map<string, unknown>();
  readonly #setAside: SetAsideEntry[] = [];

  async put(event: AuditEvent): Promise<void> {
    const valid = validEvent(event);
    if (!this.#events.has(valid.id)) this.#events.set(valid.id, structuredClone(valid));
  }

  async list(): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (const value of this.#events.values()) {
      const checked = checkAuditEvent(value);
      if (checked.ok) events.push(structuredClone(checked.event));
    }
    return events;
  }

  async entries(): Promise<StoredEntry[]> {
    return [...this.#events].map(([key, value]) => ({ key, value: structuredClone(value) }));
  }

  async setAside(key: IDBValidKey, reason: SetAsideReason): Promise<void> {
    if (typeof key !== 'string' || !this.#events.has(key)) return;
    this.#setAside.push({ reason, at: new Date().toISOString(), value: this.#events.get(key) });
    this.#events.delete(key);
  }

  /** The rows set aside so far, oldest first. */
  async listSetAside(): Promise<SetAsideEntry[]> {
    return this.#setAside.map((entry) => structuredClone(entry));
  }

  async delete(id: string): Promise<void> {
    this.#events.delete(id);
  }
}

/** What `onSetAside` receives. */
export interface SetAsideNotice {
  readonly reason: SetAsideReason;
  /** Why, in words (the schema issue, or the size). */
  readonly message: string;
  /** The value as read back from the store. */
  readonly value: unknown;
  /** Rows this outbox has set aside so far, this one included (`setAsideCount`). */
  readonly count: number;
}

export interface OutboxOptions {
  /**
   * Delivers one event; usually `(event, signal) => adapter.appendAuditEvent(event, { signal })`.
   * Resolving means the backend has it. It must stop when `signal` aborts (the outbox stops
   * waiting for it anyway).
   */
  send(event: AuditEvent, signal: AbortSignal): Promise<void>;
  /** Default: `IndexedDbAuditStore` if `indexedDB` exists, else `MemoryAuditStore`. */
  store?: AuditStore;
  /** Ceiling of the first retry delay, before jitter. Default 500. */
  baseDelayMs?: number;
  /** No retry delay is longer; also the wait before a new flush after one gave up. Default 30 000. */
  maxDelayMs?: number;
  /**
   * Sends of one event in one flush before the flush gives up; a new flush is then scheduled
   * after `maxDelayMs`. Default 6.
   */
  maxAttempts?: number;
  /** For full jitter: `delay = random() * min(maxDelayMs, baseDelayMs * 2 ** attempt)`. Default `Math.random`. */
  random?: () => number;
  /**
   * Milliseconds before one send is abandoned (its signal aborts with an `AdapterError` whose code
   * is `timeout`) and counted as a failed attempt. `0` or `Infinity` for none. Default 15 000.
   */
  sendTimeoutMs?: number;
  /**
   * Waits `ms`, rejecting when `signal` aborts. Every delay of the outbox (backoff and the
   * scheduled retry) goes through it; tests inject one to observe the delays. Default: a timer.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Web Locks name, so two tabs never flush at once. Default `'azure-compliance-connect-outbox'`. */
  lockName?: string;
  /** Called once the backend has the event and it left the store. */
  onDelivered?(event: AuditEvent): void;
  /**
   * Called once for each stored row that is not a valid event (it fails `auditEventSchema`, is
   * not an object at all, or is over `MAX_AUDIT_EVENT_BYTES`): it is set aside and never sent,
   * and the events behind it are delivered as usual.
   */
  onSetAside?(notice: SetAsideNotice): void;
  /**
   * Called for every failure: each failed send, a failed store read or delete, a throwing
   * `onDelivered`. `event` is the event concerned, or `undefined` when the failure is not tied to
   * one (the store could not be listed). Never called for sends cut short by `stop()`.
   */
  onError?(error: unknown, event?: AuditEvent): void;
}

type Outcome = 'done' | 'gave-up' | 'stopped';

/** How a store without `setAside` tells its bad rows apart: by id when they have one. */
function skipKey(value: unknown, index: number): string {
  const id =
    typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `id:${id}` : `at:${index}`;
}

/** Longest delay `setTimeout` honours (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

function checkDelay(name: string, value: number): number {
  if (!(value >= 0)) throw new RangeError(`${name} must be a number >= 0, got ${value}`);
  return value;
}

/**
 * A durable outbox for audit events: `enqueue` writes the event to a store (IndexedDB by default)
 * before anything is sent, and `flush` delivers stored events to the backend, oldest first,
 * deleting each only after `send` resolved.
 *
 * **Guarantee: at-least-once delivery**, with `event.id` as the idempotency key. An event is
 * resent until a send resolves; a send whose answer was lost (timeout, network error after the
 * backend stored it, a reload or closed tab mid-send) is sent again, by this tab or by the next
 * page load. `ConnectionAdapter.appendAuditEvent` requires a backend to keep one copy per id, so
 * with such an adapter **every event is recorded exactly once**. A backend that does not
 * deduplicate by id may record an event twice.
 *
 * - Order: events are sent one at a time, oldest first; an event is not sent before the one
 *   ahead of it was delivered. An event the backend always rejects therefore holds the ones
 *   behind it back; every failure is reported through `onError`.
 * - Bad rows: every row read back from the store is checked again (`checkAuditEvent`: the
 *   schema, and at most `MAX_AUDIT_EVENT_BYTES`). A row that fails is never sent: it is set
 *   aside (moved out of the queue by a store with `setAside`, skipped otherwise), counted in
 *   `setAsideCount`, reported through `onSetAside` and `onError`, and delivery goes on with the
 *   next row, in order.
 * - Retries: full-jitter exponential backoff (`random() * min(maxDelayMs, baseDelayMs * 2 **
 *   attempt)`), up to `maxAttempts` sends per event per flush, then a new flush after
 *   `maxDelayMs`. Going online, or the page becoming visible or hidden, cuts a backoff short.
 * - One flush at a time in a tab (`flush()` returns the running flush); across tabs, flushes are
 *   serialised with the Web Locks API when the browser has it. Without it two tabs may send the
 *   same event; the backend's deduplication keeps one.
 * - Listeners never throw: failures are reported through `onError`, and `flush()` never rejects.
 * - Storage: pending events sit in the browser's IndexedDB until delivered. Audit events hold no
 *   secrets (see `auditEventSchema`), and only the schema's fields are stored.
 */
export class AuditOutbox {
  readonly #send: OutboxOptions['send'];
  readonly #store: AuditStore;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxAttempts: number;
  readonly #random: () => number;
  readonly #sendTimeoutMs: number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #lockName: string;
  readonly #onDelivered: ((event: AuditEvent) => void) | undefined;
  readonly #onSetAside: ((notice: SetAsideNotice) => void) | undefined;
  readonly #onError: ((error: unknown, event?: AuditEvent) => void) | undefined;
  /** Rows found bad so far (store keys, or ids and positions for a store without `setAside`). */
  readonly #setAside = new Set<unknown>();

  /** Aborted by `stop()`: every send, sleep and lock request of the current run listens to it. */
  #lifecycle = new AbortController();
  #stopped = false;
  #listening = false;
  /** The running flush, if any. */
  #running: Promise<void> | undefined;
  /** Set by every `flush()` call: the running flush makes one more pass before it finishes. */
  #again = false;
  /** Cancels the flush scheduled after a flush gave up. */
  #retry: AbortController | undefined;
  /** Cuts the current backoff sleep short (online, visibility change). */
  #wake: AbortController | undefined;

  constructor(options: OutboxOptions) {
    this.#send = options.send;
    this.#store =
      options.store ??
      (typeof indexedDB === 'undefined' ? new MemoryAuditStore() : new IndexedDbAuditStore());
    this.#baseDelayMs = checkDelay('baseDelayMs', options.baseDelayMs ?? 500);
    this.#maxDelayMs = checkDelay('maxDelayMs', options.maxDelayMs ?? 30_000);
    const maxAttempts = options.maxAttempts ?? 6;
    if (!(maxAttempts >= 1)) throw new RangeError(`maxAttempts must be >= 1, got ${maxAttempts}`);
    this.#maxAttempts = maxAttempts;
    this.#random = options.random ?? Math.random;
    this.#sendTimeoutMs = checkDelay('sendTimeoutMs', options.sendTimeoutMs ?? 15_000);
    this.#sleep = options.sleep ?? timerSleep;
    this.#lockName = options.lockName ?? DEFAULT_OUTBOX_NAME;
    this.#onDelivered = options.onDelivered?.bind(options);
    this.#onSetAside = options.onSetAside?.bind(options);
    this.#onError = options.onError?.bind(options);
  }

  /**
   * Validates the event with `checkAuditEvent` (`auditEventSchema`, at most
   * `MAX_AUDIT_EVENT_BYTES`) and writes it to the store; resolves once it is durable, then
   * starts a flush (not awaited). Rejects with a `TypeError` for an invalid or oversized event
   * (nothing is stored) or with the store's error (the event is not safe: tell the admin).
   *
   * After `stop()` the event is still stored, and sent on the next `start()` or page load.
   */
  async enqueue(event: AuditEvent): Promise<void> {
    await this.#store.put(validEvent(event));
    void this.flush();
  }

  /**
   * Rows this outbox found in its store that are not valid events (null, failing the schema,
   * over `MAX_AUDIT_EVENT_BYTES`) and set aside instead of sending, since it was created.
   */
  get setAsideCount(): number {
    return this.#setAside.size;
  }

  /**
   * Sends every stored event, oldest first, and resolves when the store is empty, when the flush
   * gave up for now (a new one is scheduled after `maxDelayMs`), or when `stop()` was called.
   * Never rejects: failures go to `onError`. While a flush runs, calling `flush()` returns its
   * promise, and that flush also sends the events enqueued in the meantime. Does nothing after
   * `stop()`.
   */
  flush(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#again = true;
    if (!this.#running) {
      this.#retry?.abort();
      this.#retry = undefined;
      this.#running = this.#drain(this.#lifecycle.signal);
    }
    return this.#running;
  }

  /**
   * Flushes when the browser goes online and when the page becomes visible or hidden (the latter
   * best effort: the page may be unloading), and flushes what a previous page load left behind.
   * Calling it again is harmless; after `stop()` it resumes.
   */
  start(): void {
    if (this.#stopped) {
      this.#stopped = false;
      this.#lifecycle = new AbortController();
    }
    if (!this.#listening) {
      this.#listening = true;
      if (typeof window !== 'undefined') window.addEventListener('online', this.#onWake);
      if (typeof document !== 'undefined') {
        document.addEventListener('visibilitychange', this.#onWake);
      }
    }
    void this.flush();
  }

  /**
   * Removes the listeners, aborts the sends and sleeps in flight, cancels the scheduled flush.
   * Pending events stay in the store. `flush()` does nothing until `start()` is called again.
   */
  stop(): void {
    if (this.#listening) {
      this.#listening = false;
      if (typeof window !== 'undefined') window.removeEventListener('online', this.#onWake);
      if (typeof document !== 'undefined') {
        document.removeEventListener('visibilitychange', this.#onWake);
      }
    }
    this.#stopped = true;
    this.#lifecycle.abort(new AdapterError('aborted', 'The audit outbox was stopped.'));
    this.#retry?.abort();
    this.#retry = undefined;
    this.#running = undefined;
  }

  /** The valid events not delivered yet, oldest first. */
  async pending(): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (const value of await this.#store.list()) {
      const checked = checkAuditEvent(value);
      if (checked.ok) events.push(checked.event);
    }
    return events;
  }

  readonly #onWake = (): void => {
    try {
      this.#wake?.abort();
      void this.flush();
    } catch (error) {
      this.#report(error);
    }
  };

  async #drain(signal: AbortSignal): Promise<void> {
    let outcome: Outcome = 'done';
    try {
      // `flush()` stores this promise before the code below can clear it.
      await Promise.resolve();
      while (this.#again && outcome === 'done' && !signal.aborted) {
        this.#again = false;
        outcome = await this.#exclusive(signal, () => this.#pass(signal));
      }
    } catch (error) {
      // An aborted lock request after stop() is not a failure.
      if (!signal.aborted) {
        this.#report(error);
        outcome = 'gave-up';
      }
    } finally {
      // Synchronous with the loop's last check: a `flush()` from now on starts a new drain.
      if (this.#lifecycle.signal === signal) this.#running = undefined;
    }
    if (outcome === 'gave-up' && !signal.aborted) this.#scheduleRetry(signal);
  }

  /** Runs `work` holding the Web Lock, so two tabs never flush at once. */
  async #exclusive(signal: AbortSignal, work: () => Promise<Outcome>): Promise<Outcome> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (typeof locks?.request !== 'function') return work();
    return locks.request(this.#lockName, { signal }, () => work());
  }

  /** Sends everything in the store, listing it again until it is empty. */
  async #pass(signal: AbortSignal): Promise<Outcome> {
    const delivered = new Set<string>();
    for (;;) {
      if (signal.aborted) return 'stopped';
      const batch = (await this.#queue()).filter((event) => !delivered.has(event.id));
      if (batch.length === 0) return 'done';
      for (const event of batch) {
        const outcome = await this.#deliver(event, signal);
        if (outcome !== 'done') return outcome;
        delivered.add(event.id);
      }
    }
  }

  /**
   * The store's rows, checked again: valid events in order; bad rows are set aside, counted and
   * reported once, never returned.
   */
  async #queue(): Promise<AuditEvent[]> {
    const store = this.#store;
    const setAside =
      typeof store.entries === 'function' && typeof store.setAside === 'function'
        ? store.setAside.bind(store)
        : undefined;
    const entries: { key: unknown; value: unknown }[] =
      setAside && store.entries
        ? await store.entries()
        : (await store.list()).map((value: unknown, index) => ({
            key: skipKey(value, index),
            value,
          }));
    const events: AuditEvent[] = [];
    for (const { key, value } of entries) {
      const checked = checkAuditEvent(value);
      if (checked.ok) {
        events.push(checked.event);
        continue;
      }
      const first = !this.#setAside.has(key);
      if (setAside) {
        try {
          await setAside(key as IDBValidKey, checked.reason);
        } catch (error) {
          // It stays in the store; this outbox skips it from now on.
          this.#report(error);
        }
      }
      if (!first) continue;
      this.#setAside.add(key);
      this.#report(new TypeError(`Audit row set aside: ${checked.message}`));
      try {
        this.#onSetAside?.({
          reason: checked.reason,
          message: checked.message,
          value,
          count: this.#setAside.size,
        });
      } catch (error) {
        this.#report(error);
      }
    }
    return events;
  }

  async #deliver(event: AuditEvent, signal: AbortSignal): Promise<Outcome> {
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) return 'stopped';
      try {
        await this.#sendOnce(event, signal);
      } catch (error) {
        if (signal.aborted) return 'stopped';
        this.#report(error, event);
        if (attempt + 1 >= this.#maxAttempts) return 'gave-up';
        const woken = await this.#backoff(attempt, signal);
        if (woken) attempt = -1;
        continue;
      }
      try {
        // Only now may the event leave the store. If this fails, it is sent again later and the
        // backend keeps one copy.
        await this.#store.delete(event.id);
      } catch (error) {
        this.#report(error, event);
        return 'gave-up';
      }
      try {
        this.#onDelivered?.(event);
      } catch (error) {
        this.#report(error, event);
      }
      return 'done';
    }
  }

  async #sendOnce(event: AuditEvent, lifecycle: AbortSignal): Promise<void> {
    const deadline = new AbortController();
    const ms = this.#sendTimeoutMs;
    const timer =
      ms > 0 && ms <= MAX_TIMER_MS
        ? setTimeout(() => deadline.abort(new AdapterError('timeout', `No answer in ${ms} ms`)), ms)
        : undefined;
    const { signal, dispose } = anySignal(lifecycle, deadline.signal);
    try {
      await raceAbort(() => this.#send(event, signal), signal);
    } finally {
      clearTimeout(timer);
      dispose();
    }
  }

  /** Sleeps before retry `attempt`; resolves `true` if it was woken early (online, visibility). */
  async #backoff(attempt: number, lifecycle: AbortSignal): Promise<boolean> {
    const delay = backoffDelay(attempt, {
      baseDelayMs: this.#baseDelayMs,
      maxDelayMs: this.#maxDelayMs,
      random: this.#random,
    });
    const wake = new AbortController();
    this.#wake = wake;
    const { signal, dispose } = anySignal(lifecycle, wake.signal);
    try {
      await raceAbort(() => this.#sleep(delay, signal), signal);
      return false;
    } catch (error) {
      if (lifecycle.aborted) return false;
      if (wake.signal.aborted) return true;
      this.#report(error);
      return false;
    } finally {
      dispose();
      if (this.#wake === wake) this.#wake = undefined;
    }
  }

  #scheduleRetry(lifecycle: AbortSignal): void {
    this.#retry?.abort();
    const retry = new AbortController();
    this.#retry = retry;
    const { signal, dispose } = anySignal(lifecycle, retry.signal);
    raceAbort(() => this.#sleep(this.#maxDelayMs, signal), signal)
      .then(
        () => {
          if (this.#retry !== retry) return;
          this.#retry = undefined;
          void this.flush();
        },
        () => undefined,
      )
      .finally(dispose);
  }

  #report(error: unknown, event?: AuditEvent): void {
    try {
      this.#onError?.(error, event);
    } catch {
      // A throwing onError must not break delivery; there is nowhere else to report it.
    }
  }
}
