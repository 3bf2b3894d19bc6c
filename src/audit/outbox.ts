import { auditEventSchema, type AuditEvent } from '../core/audit.js';
import { AdapterError } from '../core/errors.js';
import { anySignal, backoffDelay, raceAbort, sleep as timerSleep } from './backoff.js';

/** Default IndexedDB database name and Web Locks name of the outbox. */
export const DEFAULT_OUTBOX_NAME = 'azure-compliance-connect-outbox';

/** Where pending events live until the adapter has them. */
export interface AuditStore {
  /**
   * Stores the event; durable before it resolves. Storing an id that is already pending keeps
   * the first copy (and its place in the queue).
   */
  put(event: AuditEvent): Promise<void>;
  /** Every pending event, oldest first (in the order they were first put). */
  list(): Promise<AuditEvent[]>;
  /** Removes the event with this id; does nothing if there is none. */
  delete(id: string): Promise<void>;
}

const OBJECT_STORE = 'events';
const ID_INDEX = 'id';

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
    await this.#transaction(
      'readwrite',
      (store) => {
        const existing = store.index(ID_INDEX).getKey(event.id);
        existing.onsuccess = () => {
          if (existing.result === undefined) store.add({ id: event.id, event } satisfies Row);
        };
      },
      'strict',
    );
  }

  async list(): Promise<AuditEvent[]> {
    let rows: Row[] = [];
    await this.#transaction('readonly', (store) => {
      const request = store.getAll();
      request.onsuccess = () => {
        rows = request.result as Row[];
      };
    });
    return rows.map((row) => row.event);
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
      const request = indexedDB.open(this.dbName, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(OBJECT_STORE)) {
          db.createObjectStore(OBJECT_STORE, { keyPath: 'seq', autoIncrement: true }).createIndex(
            ID_INDEX,
            'id',
            { unique: true },
          );
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
    body: (store: IDBObjectStore) => void,
    durability: IDBTransactionDurability = 'default',
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const db = await this.#open();
      let transaction: IDBTransaction;
      try {
        transaction = db.transaction(OBJECT_STORE, mode, { durability });
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
      body(transaction.objectStore(OBJECT_STORE));
      return done;
    }
  }
}

/**
 * An `AuditStore` in memory: the fallback when IndexedDB is unavailable. Events survive neither
 * a reload nor a closed tab. Events are copied in and out, like IndexedDB does.
 */
export class MemoryAuditStore implements AuditStore {
  readonly #events = new Map<string, AuditEvent>();

  async put(event: AuditEvent): Promise<void> {
    if (!this.#events.has(event.id)) this.#events.set(event.id, structuredClone(event));
  }

  async list(): Promise<AuditEvent[]> {
    return [...this.#events.values()].map((event) => structuredClone(event));
  }

  async delete(id: string): Promise<void> {
    this.#events.delete(id);
  }
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
   * Called for every failure: each failed send, a failed store read or delete, a throwing
   * `onDelivered`. `event` is the event concerned, or `undefined` when the failure is not tied to
   * one (the store could not be listed). Never called for sends cut short by `stop()`.
   */
  onError?(error: unknown, event?: AuditEvent): void;
}

type Outcome = 'done' | 'gave-up' | 'stopped';

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
  readonly #onError: ((error: unknown, event?: AuditEvent) => void) | undefined;

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
    this.#onError = options.onError?.bind(options);
  }

  /**
   * Validates the event with `auditEventSchema` and writes it to the store; resolves once it is
   * durable, then starts a flush (not awaited). Rejects with a `TypeError` for an invalid event
   * (nothing is stored) or with the store's error (the event is not safe: tell the admin).
   *
   * After `stop()` the event is still stored, and sent on the next `start()` or page load.
   */
  async enqueue(event: AuditEvent): Promise<void> {
    const parsed = auditEventSchema.safeParse(event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw new TypeError(`Not a valid audit event: ${issue?.message ?? 'invalid'}${where}`, {
        cause: parsed.error,
      });
    }
    await this.#store.put(parsed.data);
    void this.flush();
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

  /** The events not delivered yet, oldest first. */
  pending(): Promise<AuditEvent[]> {
    return this.#store.list();
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
      const batch = (await this.#store.list()).filter((event) => !delivered.has(event.id));
      if (batch.length === 0) return 'done';
      for (const event of batch) {
        const outcome = await this.#deliver(event, signal);
        if (outcome !== 'done') return outcome;
        delivered.add(event.id);
      }
    }
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
