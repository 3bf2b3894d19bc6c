import { expect } from '@open-wc/testing';
import {
  AuditOutbox,
  IndexedDbAuditStore,
  MemoryAuditStore,
  type AuditStore,
  type OutboxOptions,
} from '../../src/audit/outbox.js';
import type { AuditEvent } from '../../src/core/audit.js';
import { AdapterError } from '../../src/core/errors.js';
import {
  delay,
  deleteDatabase,
  FaultBackend,
  hangUntilAborted,
  ids,
  makeEvents,
  uniqueName,
  waitFor,
} from './fixtures/helpers.js';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Wraps a store to record when each operation settled, and to inject failures. */
class SpyStore implements AuditStore {
  readonly log: string[] = [];
  failList = 0;
  failDelete = 0;
  failPut = false;
  putDelayMs = 0;

  constructor(readonly inner: AuditStore) {}

  async put(event: AuditEvent): Promise<void> {
    if (this.failPut) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    if (this.putDelayMs > 0) await delay(this.putDelayMs);
    await this.inner.put(event);
    this.log.push(`durable:${event.id}`);
  }

  async list(): Promise<AuditEvent[]> {
    if (this.failList > 0) {
      this.failList--;
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    }
    return this.inner.list();
  }

  async delete(id: string): Promise<void> {
    if (this.failDelete > 0) {
      this.failDelete--;
      throw new DOMException('Disk I/O error', 'UnknownError');
    }
    await this.inner.delete(id);
    this.log.push(`deleted:${id}`);
  }
}

describe('audit/AuditOutbox', () => {
  let names: string[] = [];
  let outboxes: AuditOutbox[] = [];
  let idbStores: IndexedDbAuditStore[] = [];
  let unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);

  function idbStore(name = uniqueName('outbox')): IndexedDbAuditStore {
    if (!names.includes(name)) names.push(name);
    const store = new IndexedDbAuditStore(name);
    idbStores.push(store);
    return store;
  }

  function outbox(options: Partial<OutboxOptions> & Pick<OutboxOptions, 'send'>): AuditOutbox {
    const created = new AuditOutbox({
      store: options.store ?? idbStore(),
      baseDelayMs: 1,
      maxDelayMs: 5,
      random: () => 1,
      lockName: uniqueName('lock'),
      ...options,
    });
    outboxes.push(created);
    return created;
  }

  beforeEach(() => {
    unhandled = [];
    window.addEventListener('unhandledrejection', onUnhandled);
  });

  afterEach(async () => {
    for (const created of outboxes) created.stop();
    await delay(5);
    window.removeEventListener('unhandledrejection', onUnhandled);
    for (const store of idbStores) store.close();
    for (const name of names) await deleteDatabase(name);
    names = [];
    outboxes = [];
    idbStores = [];
    expect(unhandled, 'unhandled rejections').to.deep.equal([]);
  });

  describe('enqueue', () => {
    it('writes to the store first: with a send that never answers the event is durable', async () => {
      const name = uniqueName('outbox');
      const spy = new SpyStore(idbStore(name));
      const order: string[] = spy.log;
      const sent: AbortSignal[] = [];
      const box = outbox({
        store: spy,
        send: (event, signal) => {
          order.push(`send:${event.id}`);
          sent.push(signal);
          return hangUntilAborted(signal);
        },
      });
      const [event] = makeEvents(1);
      await box.enqueue(event!);
      expect(await box.pending()).to.deep.equal([event]);
      // A new store instance on the same database (as after a reload) sees it.
      expect(await idbStore(name).list()).to.deep.equal([event]);
      await waitFor(() => sent.length === 1, 'the flush to send it');
      expect(order).to.deep.equal([`durable:${event!.id}`, `send:${event!.id}`]);
      expect(sent[0]!.aborted).to.equal(false);
    });

    it('starts its flush only once the write is durable, even with a slow store', async () => {
      const spy = new SpyStore(new MemoryAuditStore());
      spy.putDelayMs = 30;
      const backend = new FaultBackend();
      const box = outbox({
        store: spy,
        send: (event, signal) => {
          spy.log.push(`send:${event.id}`);
          return backend.send(event, signal);
        },
      });
      const [event] = makeEvents(1);
      await box.enqueue(event!);
      expect(ids(await box.pending())).to.deep.equal([event!.id]);
      // A flush started before the write would have found an empty store and sent nothing.
      await waitFor(() => backend.log.length === 1, 'delivery', 1_000);
      expect(spy.log.slice(0, 2)).to.deep.equal([`durable:${event!.id}`, `send:${event!.id}`]);
    });

    it('resolves without waiting for the send', async () => {
      const gate = deferred();
      const box = outbox({ send: () => gate.promise });
      const [event] = makeEvents(1);
      await box.enqueue(event!);
      expect(ids(await box.pending())).to.deep.equal([event!.id]);
      gate.resolve();
      await box.flush();
      expect(await box.pending()).to.deep.equal([]);
    });

    it('rejects an invalid event with a TypeError: nothing stored, nothing sent', async () => {
      const backend = new FaultBackend();
      const box = outbox({ send: backend.send });
      const [event] = makeEvents(1);
      let thrown: unknown;
      await box
        .enqueue({ ...event!, id: '', at: 'yesterday' })
        .catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(TypeError);
      expect((thrown as Error).message).to.match(/^Not a valid audit event: .* at (id|at)$/);
      await box.flush();
      expect(await box.pending()).to.deep.equal([]);
      expect(backend.calls).to.deep.equal([]);
    });

    it('stores only the fields of the schema (no stray secret survives)', async () => {
      const gate = deferred();
      const box = outbox({ send: () => gate.promise });
      const [event] = makeEvents(1);
      const withSecret = { ...event!, state: 'consent-state-secret' } as AuditEvent;
      await box.enqueue(withSecret);
      const [stored] = await box.pending();
      expect(stored).to.deep.equal(event);
      expect(stored).not.to.have.property('state');
      gate.resolve();
    });

    it('rejects when the store cannot write, and sends nothing', async () => {
      const backend = new FaultBackend();
      const spy = new SpyStore(new MemoryAuditStore());
      spy.failPut = true;
      const box = outbox({ store: spy, send: backend.send });
      let thrown: unknown;
      await box.enqueue(makeEvents(1)[0]!).catch((error: unknown) => (thrown = error));
      expect((thrown as DOMException).name).to.equal('QuotaExceededError');
      await delay(10);
      expect(backend.calls).to.deep.equal([]);
    });

    it('enqueuing the same event twice sends it once', async () => {
      const backend = new FaultBackend(() => 'ok', false);
      const gate = deferred();
      const box = outbox({
        send: async (event, signal) => {
          await gate.promise;
          return backend.send(event, signal);
        },
      });
      const [a, b] = makeEvents(2);
      await box.enqueue(a!);
      await box.enqueue(b!);
      await box.enqueue(a!);
      gate.resolve();
      await box.flush();
      expect(ids(backend.log)).to.deep.equal([a!.id, b!.id]);
    });
  });

  describe('flush', () => {
    it('deletes an event only after its send resolved, then reports it delivered', async () => {
      const gates = [deferred(), deferred()];
      const delivered: string[] = [];
      let calls = 0;
      const spy = new SpyStore(new MemoryAuditStore());
      const box = outbox({
        store: spy,
        send: () => gates[calls++]!.promise,
        onDelivered: (event) => delivered.push(event.id),
      });
      const [a, b] = makeEvents(2);
      await box.enqueue(a!);
      await box.enqueue(b!);
      // The first send starts (on a busy machine, later than at once); the second waits for it.
      await waitFor(() => calls === 1, 'the first send');
      await delay(20);
      expect(calls).to.equal(1);
      expect(ids(await box.pending())).to.deep.equal([a!.id, b!.id]);
      gates[0]!.resolve();
      await waitFor(() => calls === 2, 'the second send');
      expect(ids(await box.pending())).to.deep.equal([b!.id]);
      expect(delivered).to.deep.equal([a!.id]);
      gates[1]!.resolve();
      await box.flush();
      expect(await box.pending()).to.deep.equal([]);
      expect(delivered).to.deep.equal([a!.id, b!.id]);
      expect(spy.log.filter((line) => line.startsWith('deleted:'))).to.deep.equal([
        `deleted:${a!.id}`,
        `deleted:${b!.id}`,
      ]);
    });

    it('a second call returns the running flush, which also sends what was enqueued meanwhile', async () => {
      const gate = deferred();
      const backend = new FaultBackend();
      const box = outbox({
        send: async (event, signal) => {
          await gate.promise;
          return backend.send(event, signal);
        },
      });
      const [a, b, c] = makeEvents(3);
      await box.enqueue(a!);
      const first = box.flush();
      const second = box.flush();
      expect(second).to.equal(first);
      await box.enqueue(b!);
      await box.enqueue(c!);
      expect(box.flush()).to.equal(first);
      gate.resolve();
      await first;
      expect(ids(backend.log)).to.deep.equal([a!.id, b!.id, c!.id]);
      expect(await box.pending()).to.deep.equal([]);
      // Finished: the next call starts a new flush.
      expect(box.flush()).not.to.equal(first);
    });

    it('never sends two events at once in one tab', async () => {
      const backend = new FaultBackend((n) => (n % 3 === 0 ? 'fail' : 'ok'));
      const box = outbox({ send: backend.send });
      const events = makeEvents(10);
      await Promise.all(events.map((event) => box.enqueue(event)));
      await Promise.all([box.flush(), box.flush()]);
      await waitFor(async () => (await box.pending()).length === 0, 'delivery');
      expect(backend.maxInFlight).to.equal(1);
      expect(ids(backend.log)).to.deep.equal(ids(events));
    });

    it('resolves (never rejects) when it gives up, reports every failure, and retries later', async () => {
      const backend = new FaultBackend((n) => (n < 3 ? 'fail' : 'ok'));
      const errors: [unknown, AuditEvent | undefined][] = [];
      const box = outbox({
        send: backend.send,
        maxAttempts: 3,
        maxDelayMs: 20,
        onError: (error, event) => errors.push([error, event]),
      });
      const [event] = makeEvents(1);
      await box.enqueue(event!);
      await box.flush();
      expect(backend.calls).to.have.length(3);
      expect(await box.pending()).to.have.length(1);
      expect(errors).to.have.length(3);
      for (const [error, failed] of errors) {
        expect((error as AdapterError).code).to.equal('adapter');
        expect(failed).to.deep.equal(event);
      }
      await waitFor(() => backend.log.length === 1, 'the scheduled retry');
      expect(await box.pending()).to.deep.equal([]);
    });

    it('reports a store that cannot be read (no event) and retries after maxDelayMs', async () => {
      const backend = new FaultBackend();
      const spy = new SpyStore(new MemoryAuditStore());
      const errors: [unknown, AuditEvent | undefined][] = [];
      const box = outbox({
        store: spy,
        send: backend.send,
        maxDelayMs: 15,
        onError: (error, event) => errors.push([error, event]),
      });
      spy.failList = 1;
      const [event] = makeEvents(1);
      await box.enqueue(event!);
      await waitFor(() => backend.log.length === 1, 'delivery after the retry');
      expect(errors).to.have.length(1);
      expect((errors[0]![0] as DOMException).name).to.equal('InvalidStateError');
      expect(errors[0]![1]).to.equal(undefined);
    });

    it('when the delete fails after a send, sends again and the backend keeps one copy', async () => {
      const backend = new FaultBackend();
      const spy = new SpyStore(new MemoryAuditStore());
      spy.failDelete = 1;
      const errors: unknown[] = [];
      const box = outbox({
        store: spy,
        send: backend.send,
        onError: (error) => errors.push(error),
      });
      const [a, b] = makeEvents(2);
      await box.enqueue(a!);
      await box.enqueue(b!);
      await waitFor(async () => (await box.pending()).length === 0, 'delivery');
      expect(backend.callsFor(a!.id)).to.have.length(2);
      expect(ids(backend.log)).to.deep.equal([a!.id, b!.id]);
      expect((errors[0] as DOMException).name).to.equal('UnknownError');
    });

    it('a throwing onDelivered or onError breaks nothing', async () => {
      const backend = new FaultBackend((n) => (n === 0 ? 'fail' : 'ok'));
      const errors: unknown[] = [];
      let onErrorCalls = 0;
      const box = outbox({
        send: backend.send,
        onDelivered: () => {
          throw new Error('listener bug');
        },
        onError: (error) => {
          onErrorCalls++;
          errors.push(error);
          throw new Error('onError bug');
        },
      });
      const events = makeEvents(3);
      for (const event of events) await box.enqueue(event);
      await waitFor(async () => (await box.pending()).length === 0, 'delivery');
      expect(ids(backend.log)).to.deep.equal(ids(events));
      // One send failure and three throwing onDelivered calls, all reported.
      expect(onErrorCalls).to.equal(4);
      expect(errors.filter((e) => (e as Error).message === 'listener bug')).to.have.length(3);
    });

    it('abandons a send after sendTimeoutMs, even one that ignores its signal', async () => {
      const signals: AbortSignal[] = [];
      let calls = 0;
      const errors: unknown[] = [];
      const box = outbox({
        sendTimeoutMs: 20,
        onError: (error) => errors.push(error),
        send: (_event, signal) => {
          signals.push(signal);
          // The first send ignores its signal forever; the second answers.
          return calls++ === 0 ? new Promise<never>(() => undefined) : Promise.resolve();
        },
      });
      const start = performance.now();
      await box.enqueue(makeEvents(1)[0]!);
      await waitFor(async () => (await box.pending()).length === 0, 'delivery');
      const elapsed = performance.now() - start;
      expect(elapsed).to.be.at.least(18);
      expect(calls).to.equal(2);
      expect(signals[0]!.aborted).to.equal(true);
      expect(signals[0]!.reason).to.be.instanceOf(AdapterError);
      expect((errors[0] as AdapterError).code).to.equal('timeout');
    });

    it('falls back to a memory store when IndexedDB is missing', async () => {
      const descriptor = Object.getOwnPropertyDescriptor(window, 'indexedDB');
      expect(descriptor, 'indexedDB is an own property of window').to.not.equal(undefined);
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      let box: AuditOutbox;
      try {
        const gate = deferred();
        box = new AuditOutbox({ send: () => gate.promise, lockName: uniqueName('lock') });
        outboxes.push(box);
        const [event] = makeEvents(1);
        await box.enqueue(event!);
        expect(await box.pending()).to.deep.equal([event]);
        gate.resolve();
        await box.flush();
        expect(await box.pending()).to.deep.equal([]);
      } finally {
        Object.defineProperty(window, 'indexedDB', descriptor!);
      }
    });

    it('checks its options', () => {
      const send = () => Promise.resolve();
      expect(() => new AuditOutbox({ send, maxAttempts: 0 })).to.throw(RangeError);
      expect(() => new AuditOutbox({ send, baseDelayMs: -1 })).to.throw(RangeError);
      expect(() => new AuditOutbox({ send, maxDelayMs: Number.NaN })).to.throw(RangeError);
      expect(() => new AuditOutbox({ send, sendTimeoutMs: -5 })).to.throw(RangeError);
    });
  });

  describe('start, listeners and stop', () => {
    it('start() flushes what a previous page load left in the store', async () => {
      const name = uniqueName('outbox');
      const events = makeEvents(5);
      const previous = idbStore(name);
      for (const event of events) await previous.put(event);
      const backend = new FaultBackend();
      const box = outbox({ store: idbStore(name), send: backend.send });
      await delay(10);
      expect(backend.calls).to.deep.equal([]);
      box.start();
      await waitFor(() => backend.log.length === 5, 'delivery');
      expect(ids(backend.log)).to.deep.equal(ids(events));
      expect(await previous.list()).to.deep.equal([]);
    });

    it("flushes on window 'online' after a flush gave up", async () => {
      let online = false;
      const backend = new FaultBackend(() => (online ? 'ok' : 'network'));
      const box = outbox({ send: backend.send, maxAttempts: 2, maxDelayMs: 60_000 });
      box.start();
      const [event] = makeEvents(1);
      await box.enqueue(event!);
      await box.flush();
      await delay(20);
      expect(backend.calls).to.have.length(2);
      online = true;
      window.dispatchEvent(new Event('online'));
      await waitFor(() => backend.log.length === 1, "delivery after 'online'");
      expect(backend.calls).to.have.length(3);
    });

    it("'online' cuts a long backoff sleep short", async () => {
      let online = false;
      const backend = new FaultBackend(() => (online ? 'ok' : 'network'));
      const box = outbox({ send: backend.send, baseDelayMs: 60_000, maxDelayMs: 60_000 });
      box.start();
      await box.enqueue(makeEvents(1)[0]!);
      await waitFor(() => backend.calls.length === 1, 'the first send');
      await delay(20);
      expect(backend.calls).to.have.length(1);
      online = true;
      const start = performance.now();
      window.dispatchEvent(new Event('online'));
      await waitFor(() => backend.log.length === 1, 'delivery');
      expect(performance.now() - start).to.be.below(1_000);
    });

    it("flushes on document 'visibilitychange'", async () => {
      let up = false;
      const backend = new FaultBackend(() => (up ? 'ok' : 'fail'));
      const box = outbox({ send: backend.send, maxAttempts: 1, maxDelayMs: 60_000 });
      box.start();
      const events = makeEvents(3);
      for (const event of events) await box.enqueue(event);
      await box.flush();
      await delay(20);
      const callsBefore = backend.calls.length;
      await delay(20);
      expect(backend.calls.length).to.equal(callsBefore);
      up = true;
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => backend.log.length === 3, 'delivery after visibilitychange');
      expect(ids(backend.log)).to.deep.equal(ids(events));
    });

    it('stop() aborts the send in flight, is not reported as an error, and keeps the event', async () => {
      const signals: AbortSignal[] = [];
      const errors: unknown[] = [];
      const box = outbox({
        send: (_event, signal) => {
          signals.push(signal);
          return hangUntilAborted(signal);
        },
        onError: (error) => errors.push(error),
      });
      box.start();
      const [event] = makeEvents(1);
      await box.enqueue(event!);
      await waitFor(() => signals.length === 1, 'the send');
      const running = box.flush();
      box.stop();
      expect(signals[0]!.aborted).to.equal(true);
      expect((signals[0]!.reason as AdapterError).code).to.equal('aborted');
      await running;
      await delay(20);
      expect(signals).to.have.length(1);
      expect(errors).to.deep.equal([]);
      expect(await box.pending()).to.deep.equal([event]);
    });

    it('stop() aborts a backoff sleep and cancels the scheduled retry: no sends after stop', async () => {
      const backend = new FaultBackend(() => 'fail');
      const sleeping = new AuditOutbox({
        store: new MemoryAuditStore(),
        send: backend.send,
        baseDelayMs: 60_000,
        maxDelayMs: 60_000,
        lockName: uniqueName('lock'),
      });
      outboxes.push(sleeping);
      await sleeping.enqueue(makeEvents(1)[0]!);
      await waitFor(() => backend.calls.length === 1, 'the first send');
      const running = sleeping.flush();
      const start = performance.now();
      sleeping.stop();
      await running;
      expect(performance.now() - start).to.be.below(500);

      const retrying = new FaultBackend(() => 'fail');
      const scheduled = outbox({ send: retrying.send, maxAttempts: 2, maxDelayMs: 30 });
      await scheduled.enqueue(makeEvents(1)[0]!);
      await scheduled.flush();
      expect(retrying.calls).to.have.length(2);
      scheduled.stop();
      await delay(100);
      expect(retrying.calls).to.have.length(2);
      expect(backend.calls).to.have.length(1);
    });

    it('after stop(): listeners are gone, flush() does nothing, enqueue still stores; start() resumes', async () => {
      const backend = new FaultBackend();
      const box = outbox({ send: backend.send });
      box.start();
      box.stop();
      const events = makeEvents(2);
      await box.enqueue(events[0]!);
      window.dispatchEvent(new Event('online'));
      document.dispatchEvent(new Event('visibilitychange'));
      await box.flush();
      await delay(20);
      expect(backend.calls).to.deep.equal([]);
      expect(ids(await box.pending())).to.deep.equal([events[0]!.id]);
      box.start();
      box.start();
      await box.enqueue(events[1]!);
      await waitFor(() => backend.log.length === 2, 'delivery after start');
      expect(ids(backend.log)).to.deep.equal(ids(events));
    });

    it('listeners never throw, even when the store keeps failing', async () => {
      const spy = new SpyStore(new MemoryAuditStore());
      spy.failList = Infinity;
      const errors: unknown[] = [];
      const box = outbox({
        store: spy,
        send: () => Promise.resolve(),
        maxDelayMs: 60_000,
        onError: (error) => errors.push(error),
      });
      box.start();
      await box.flush();
      window.dispatchEvent(new Event('online'));
      await box.flush();
      document.dispatchEvent(new Event('visibilitychange'));
      await box.flush();
      expect(errors.length).to.be.at.least(3);
      // afterEach checks that no rejection went unhandled.
    });
  });
});
