import { expect } from '@open-wc/testing';
import { AuditOutbox, IndexedDbAuditStore, type OutboxOptions } from '../../src/audit/outbox.js';
import type { AuditEvent } from '../../src/core/audit.js';
import { AdapterError } from '../../src/core/errors.js';
import {
  delay,
  deleteDatabase,
  FaultBackend,
  ids,
  makeEvents,
  uniqueName,
  waitFor,
  type Fault,
} from './fixtures/helpers.js';

const COUNT = 20;

/** A deterministic `random` (a fixed cycle), so the jittered delays repeat from run to run. */
function cycle(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('audit/AuditOutbox under faults (real IndexedDB)', () => {
  let names: string[] = [];
  let outboxes: AuditOutbox[] = [];
  let stores: IndexedDbAuditStore[] = [];
  const timings: string[] = [];

  function store(name: string): IndexedDbAuditStore {
    if (!names.includes(name)) names.push(name);
    const created = new IndexedDbAuditStore(name);
    stores.push(created);
    return created;
  }

  function outbox(options: OutboxOptions): AuditOutbox {
    const created = new AuditOutbox(options);
    outboxes.push(created);
    return created;
  }

  afterEach(async () => {
    for (const created of outboxes) created.stop();
    await delay(5);
    for (const created of stores) created.close();
    for (const name of names) await deleteDatabase(name);
    names = [];
    outboxes = [];
    stores = [];
  });

  after(() => {
    console.log(`audit outbox fault timings:\n  ${timings.join('\n  ')}`);
  });

  interface Scenario {
    readonly title: string;
    readonly policy: (n: number, event: AuditEvent) => Fault;
    readonly options?: Partial<OutboxOptions>;
    readonly dedupe?: boolean;
    /** Called before the event at `index` is enqueued. */
    readonly beforeEnqueue?: (index: number) => void;
    /** Called once all events are enqueued, before waiting for an empty outbox. */
    readonly afterEnqueued?: (backend: FaultBackend) => Promise<void>;
  }

  /**
   * Enqueues COUNT events one by one through a started outbox backed by a fresh database, waits
   * until the store is empty, and returns what the backend saw.
   */
  async function run(scenario: Scenario) {
    const { title, policy, options, dedupe = true } = scenario;
    const backend = new FaultBackend(policy, dedupe);
    const errors: unknown[] = [];
    const delivered: string[] = [];
    const name = uniqueName('faults');
    const box = outbox({
      send: backend.send,
      store: store(name),
      baseDelayMs: 2,
      maxDelayMs: 5,
      random: cycle(1, 0.5, 0.25, 0.75),
      lockName: uniqueName('lock'),
      sendTimeoutMs: 1_000,
      onError: (error) => errors.push(error),
      onDelivered: (event) => delivered.push(event.id),
      ...options,
    });
    box.start();
    const events = makeEvents(COUNT);
    const start = performance.now();
    for (const [index, event] of events.entries()) {
      scenario.beforeEnqueue?.(index);
      await box.enqueue(event);
    }
    await scenario.afterEnqueued?.(backend);
    await waitFor(async () => (await box.pending()).length === 0, `${title}: an empty outbox`);
    const elapsed = performance.now() - start;
    timings.push(
      `${title}: ${elapsed.toFixed(0)} ms, ${backend.calls.length} sends, ${errors.length} errors`,
    );
    // Nothing more arrives once the outbox is empty.
    const calls = backend.calls.length;
    await delay(20);
    expect(backend.calls.length, 'sends after the outbox emptied').to.equal(calls);
    expect(await store(name).list(), 'a new store instance sees an empty outbox').to.deep.equal([]);
    return { backend, errors, events, delivered, box, elapsed };
  }

  function expectExactlyOnceInOrder(backend: FaultBackend, events: AuditEvent[]): void {
    expect(ids(backend.log)).to.deep.equal(ids(events));
    expect(backend.log).to.deep.equal(events);
    expect(backend.byId.size).to.equal(events.length);
  }

  it('fails always, then recovers (25 failures in a row)', async () => {
    const { backend, errors, events, delivered } = await run({
      title: 'fails 25 times then recovers',
      policy: (n) => (n < 25 ? 'fail' : 'ok'),
      options: { maxAttempts: 6 },
    });
    expectExactlyOnceInOrder(backend, events);
    expect(delivered).to.deep.equal(ids(events));
    expect(backend.calls).to.have.length(25 + COUNT);
    expect(errors).to.have.length(25);
    for (const error of errors) expect((error as AdapterError).code).to.equal('adapter');
  });

  it('hangs: sends that never answer are abandoned after sendTimeoutMs and retried', async () => {
    const { backend, errors, events } = await run({
      title: 'hangs (3 signal-aware, 2 deaf) with sendTimeoutMs 20',
      // Calls 0-2 hang until aborted, 3-4 hang and ignore the signal, then all answer.
      policy: (n) => (n < 3 ? 'hang' : n < 5 ? 'hang-deaf' : 'ok'),
      options: { sendTimeoutMs: 20 },
    });
    expectExactlyOnceInOrder(backend, events);
    expect(backend.calls).to.have.length(5 + COUNT);
    expect(errors).to.have.length(5);
    for (const error of errors) {
      expect(error).to.be.instanceOf(AdapterError);
      expect((error as AdapterError).code).to.equal('timeout');
    }
  });

  it('fails every other call', async () => {
    const { backend, errors, events } = await run({
      title: 'fails every other call',
      policy: (n) => (n % 2 === 0 ? 'fail' : 'ok'),
    });
    expectExactlyOnceInOrder(backend, events);
    // Each event: one failure, one success.
    expect(backend.calls).to.have.length(2 * COUNT);
    for (const event of events) {
      expect(backend.callsFor(event.id).map((call) => call.fault)).to.deep.equal(['fail', 'ok']);
    }
    expect(errors).to.have.length(COUNT);
  });

  it('answers twice (lost acknowledgement): resent, and the backend keeps one copy', async () => {
    const seen = new Set<string>();
    const { backend, errors, events } = await run({
      title: 'lost acknowledgement on every first send (dedupe on)',
      policy: (_n, event) => {
        if (seen.has(event.id)) return 'ok';
        seen.add(event.id);
        return 'lost-ack';
      },
    });
    expectExactlyOnceInOrder(backend, events);
    for (const event of events) {
      expect(backend.callsFor(event.id).map((call) => call.fault)).to.deep.equal([
        'lost-ack',
        'ok',
      ]);
    }
    expect(errors).to.have.length(COUNT);
    for (const error of errors) expect(error).to.be.instanceOf(TypeError);
  });

  it('answers twice without a deduplicating backend: at-least-once shows as duplicates', async () => {
    const seen = new Set<string>();
    const { backend, events } = await run({
      title: 'lost acknowledgement on every first send (dedupe off)',
      dedupe: false,
      policy: (_n, event) => {
        if (seen.has(event.id)) return 'ok';
        seen.add(event.id);
        return 'lost-ack';
      },
    });
    // Why the adapter contract requires dedupe by id: each event arrived twice.
    expect(ids(backend.log)).to.deep.equal(ids(events).flatMap((id) => [id, id]));
  });

  it("loses the network mid-flush; 'online' resumes it", async () => {
    let restored = false;
    const backend = new FaultBackend();
    // The network drops once the 7th event was recorded and stays down until restored.
    backend.policy = () => (backend.log.length >= 7 && !restored ? 'network' : 'ok');
    const errors: unknown[] = [];
    const name = uniqueName('faults');
    const box = outbox({
      send: backend.send,
      store: store(name),
      baseDelayMs: 2,
      maxDelayMs: 60_000,
      maxAttempts: 3,
      random: cycle(1, 0.5),
      lockName: uniqueName('lock'),
      onError: (error) => errors.push(error),
    });
    box.start();
    const events = makeEvents(COUNT);
    const start = performance.now();
    // Write all 20 first (as if the admin acted offline-fast), then flush.
    await Promise.all(events.map((event) => store(name).put(event)));
    await box.flush();
    // The flush gave up: 7 delivered, 3 failed sends of the 8th, the next flush 60 s away.
    expect(backend.log).to.have.length(7);
    expect(await box.pending()).to.have.length(COUNT - 7);
    expect(errors).to.have.length(3);
    for (const error of errors) expect(error).to.be.instanceOf(TypeError);
    const callsWhileOffline = backend.calls.length;
    await delay(50);
    expect(backend.calls.length, 'no send before the network returns').to.equal(callsWhileOffline);

    restored = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(async () => (await box.pending()).length === 0, 'delivery after online');
    const elapsed = performance.now() - start;
    timings.push(
      `network lost after 7 events, 'online' resumes: ${elapsed.toFixed(0)} ms (incl. 50 ms offline pause), ${backend.calls.length} sends`,
    );
    expectExactlyOnceInOrder(backend, events);
    expect(backend.calls).to.have.length(COUNT + 3);
  });

  it('loses the network while the admin keeps acting: every enqueue is kept, all arrive once', async () => {
    let up = true;
    let sendsWhileDown = 0;
    const { backend, events } = await run({
      title: "network down from event 5 on, 'online' after the 20th enqueue",
      policy: () => {
        if (!up) sendsWhileDown++;
        return up ? 'ok' : 'network';
      },
      options: { maxAttempts: 2, maxDelayMs: 60_000 },
      beforeEnqueue: (index) => {
        if (index === 5) up = false;
      },
      afterEnqueued: async (backend) => {
        // Let the last flush give up; nothing is retried before 'online' (the retry is 60 s away).
        await delay(30);
        expect(backend.log.length).to.be.at.most(5);
        up = true;
        window.dispatchEvent(new Event('online'));
      },
    });
    expectExactlyOnceInOrder(backend, events);
    expect(sendsWhileDown).to.be.at.least(2);
  });

  describe('two tabs on the same database', () => {
    /** One tab's outbox on the shared database and lock, retrying fast. */
    function tabOutbox(backend: FaultBackend, name: string, lockName: string): AuditOutbox {
      return outbox({
        send: backend.send,
        store: store(name),
        baseDelayMs: 1,
        maxDelayMs: 5,
        random: () => 1,
        lockName,
      });
    }

    async function twoTabs(dedupe: boolean) {
      const name = uniqueName('tabs');
      const lockName = uniqueName('lock');
      const backend = new FaultBackend(() => 'ok', dedupe);
      const events = makeEvents(COUNT);
      const seed = store(name);
      for (const event of events) await seed.put(event);
      const tab = () => tabOutbox(backend, name, lockName);
      const [a, b] = [tab(), tab()];
      const start = performance.now();
      await Promise.all([a.flush(), b.flush()]);
      const elapsed = performance.now() - start;
      expect(await a.pending()).to.deep.equal([]);
      expect(await b.pending()).to.deep.equal([]);
      return { backend, events, elapsed };
    }

    it('with Web Locks: flushes never interleave, no event is sent twice (backend without dedupe)', async () => {
      expect(typeof navigator.locks?.request).to.equal('function');
      const { backend, events, elapsed } = await twoTabs(false);
      timings.push(
        `two tabs with Web Locks: ${elapsed.toFixed(0)} ms, ${backend.calls.length} sends`,
      );
      expect(backend.maxInFlight).to.equal(1);
      expect(backend.calls).to.have.length(COUNT);
      expect(ids(backend.log)).to.deep.equal(ids(events));
    });

    it('with Web Locks: both tabs enqueue at once, every event arrives exactly once', async () => {
      const name = uniqueName('tabs');
      const lockName = uniqueName('lock');
      const backend = new FaultBackend((n) => (n % 4 === 1 ? 'fail' : 'ok'), false);
      const tab = () => tabOutbox(backend, name, lockName);
      const [a, b] = [tab(), tab()];
      a.start();
      b.start();
      const fromA = makeEvents(COUNT / 2, 'tab-a');
      const fromB = makeEvents(COUNT / 2, 'tab-b');
      await Promise.all([
        (async () => {
          for (const event of fromA) await a.enqueue(event);
        })(),
        (async () => {
          for (const event of fromB) await b.enqueue(event);
        })(),
      ]);
      await waitFor(async () => (await a.pending()).length === 0, 'delivery');
      await Promise.all([a.flush(), b.flush()]);
      expect(backend.maxInFlight).to.equal(1);
      expect(backend.log).to.have.length(COUNT);
      expect(new Set(ids(backend.log)).size).to.equal(COUNT);
      // Each tab's events keep their order.
      const order = ids(backend.log);
      expect(order.filter((id) => id.startsWith('tab-a'))).to.deep.equal(ids(fromA));
      expect(order.filter((id) => id.startsWith('tab-b'))).to.deep.equal(ids(fromB));
    });

    it('without Web Locks: both tabs send, the backend dedupes to exactly one copy each', async () => {
      Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
      try {
        const { backend, events, elapsed } = await twoTabs(true);
        timings.push(
          `two tabs without Web Locks: ${elapsed.toFixed(0)} ms, ${backend.calls.length} sends for ${COUNT} events`,
        );
        // Both tabs sent: some events went twice, the backend kept one of each, in order.
        expect(backend.calls.length).to.be.above(COUNT);
        expectExactlyOnceInOrder(backend, events);
      } finally {
        Reflect.deleteProperty(navigator, 'locks');
      }
      expect(typeof navigator.locks.request).to.equal('function');
    });
  });
});
