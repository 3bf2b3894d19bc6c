import { expect } from '@open-wc/testing';
import { anySignal, backoffDelay, raceAbort, sleep } from '../../src/audit/backoff.js';
import { AuditOutbox, MemoryAuditStore } from '../../src/audit/outbox.js';
import { AdapterError } from '../../src/core/errors.js';
import {
  FaultBackend,
  hangUntilAborted,
  ids,
  makeEvents,
  uniqueName,
  waitFor,
} from './fixtures/helpers.js';

/** Records the delays the outbox asks for; answers the first `answer` at once, then hangs. */
function recordingSleep(answer: number) {
  const delays: number[] = [];
  const sleepFn = (ms: number, signal: AbortSignal): Promise<void> => {
    delays.push(ms);
    return delays.length <= answer ? Promise.resolve() : hangUntilAborted(signal);
  };
  return { delays, sleep: sleepFn };
}

describe('audit/backoff', () => {
  describe('backoffDelay', () => {
    it('doubles from the base up to the maximum with random() = 1', () => {
      const delays = Array.from({ length: 8 }, (_, attempt) =>
        backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 1_000, random: () => 1 }),
      );
      expect(delays).to.deep.equal([100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000]);
    });

    it('uses full jitter: random() scales the whole window', () => {
      const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
      expect(backoffDelay(0, { ...options, random: () => 0 })).to.equal(0);
      expect(backoffDelay(2, { ...options, random: () => 0.5 })).to.equal(200);
      expect(backoffDelay(9, { ...options, random: () => 0.25 })).to.equal(250);
    });

    it('clamps random() to [0, 1] and survives huge attempts', () => {
      const options = { baseDelayMs: 10, maxDelayMs: 80 };
      expect(backoffDelay(1, { ...options, random: () => 7 })).to.equal(20);
      expect(backoffDelay(1, { ...options, random: () => -1 })).to.equal(0);
      expect(backoffDelay(1, { ...options, random: () => Number.NaN })).to.equal(0);
      expect(backoffDelay(5_000, { ...options, random: () => 1 })).to.equal(80);
    });

    it('defaults to Math.random', () => {
      for (let i = 0; i < 50; i++) {
        const value = backoffDelay(3, { baseDelayMs: 10, maxDelayMs: 1_000 });
        expect(value).to.be.within(0, 80);
      }
    });
  });

  describe('sleep, raceAbort, anySignal', () => {
    it('sleep waits about the given time', async () => {
      const start = performance.now();
      await sleep(20, new AbortController().signal);
      expect(performance.now() - start).to.be.at.least(15);
    });

    it('sleep rejects at once with the reason when aborted', async () => {
      const controller = new AbortController();
      const start = performance.now();
      const slept = sleep(60_000, controller.signal);
      controller.abort(new AdapterError('aborted'));
      let thrown: unknown;
      await slept.catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(AdapterError);
      expect(performance.now() - start).to.be.below(1_000);
      const already = new AbortController();
      already.abort();
      thrown = undefined;
      await sleep(1, already.signal).catch((error: unknown) => (thrown = error));
      expect((thrown as DOMException).name).to.equal('AbortError');
    });

    it('raceAbort stops waiting for work that ignores the signal', async () => {
      const controller = new AbortController();
      const raced = raceAbort(() => new Promise<never>(() => undefined), controller.signal);
      setTimeout(() => controller.abort(new Error('stop')), 5);
      let thrown: unknown;
      await raced.catch((error: unknown) => (thrown = error));
      expect((thrown as Error).message).to.equal('stop');
    });

    it('raceAbort turns a synchronous throw into a rejection and passes values through', async () => {
      const signal = new AbortController().signal;
      expect(await raceAbort(async () => 42, signal)).to.equal(42);
      let thrown: unknown;
      await raceAbort(() => {
        throw new Error('sync');
      }, signal).catch((error: unknown) => (thrown = error));
      expect((thrown as Error).message).to.equal('sync');
    });

    it('anySignal aborts with the first reason and can be disposed', () => {
      const a = new AbortController();
      const b = new AbortController();
      const both = anySignal(a.signal, b.signal);
      b.abort('b went first');
      a.abort('a');
      expect(both.signal.aborted).to.equal(true);
      expect(both.signal.reason).to.equal('b went first');

      const c = new AbortController();
      const disposed = anySignal(c.signal);
      disposed.dispose();
      c.abort();
      expect(disposed.signal.aborted).to.equal(false);

      const early = new AbortController();
      early.abort('early');
      expect(anySignal(early.signal).signal.reason).to.equal('early');
    });
  });

  describe('the outbox asks for these delays', () => {
    it('with random() = 1: doubles up to maxDelayMs, then waits maxDelayMs before a new flush', async () => {
      const backend = new FaultBackend(() => 'fail');
      const { delays, sleep: sleepFn } = recordingSleep(5);
      const outbox = new AuditOutbox({
        send: backend.send,
        store: new MemoryAuditStore(),
        baseDelayMs: 1,
        maxDelayMs: 8,
        maxAttempts: 6,
        random: () => 1,
        sleep: sleepFn,
        lockName: uniqueName('lock'),
      });
      await outbox.enqueue(makeEvents(1)[0]!);
      // 6 sends with 5 backoff delays between them, then the scheduled flush (which hangs here).
      await waitFor(() => delays.length === 6, '6 requested delays');
      outbox.stop();
      expect(delays).to.deep.equal([1, 2, 4, 8, 8, 8]);
      expect(backend.calls).to.have.length(6);
    });

    it('starts over on each flush and for each event: maxAttempts counts per flush, per event', async () => {
      const backend = new FaultBackend((n) => (n < 9 ? 'fail' : 'ok'));
      const { delays, sleep: sleepFn } = recordingSleep(Infinity);
      const outbox = new AuditOutbox({
        send: backend.send,
        store: new MemoryAuditStore(),
        baseDelayMs: 10,
        maxDelayMs: 1_000,
        maxAttempts: 4,
        random: () => 1,
        sleep: sleepFn,
        lockName: uniqueName('lock'),
      });
      const [a, b] = makeEvents(2);
      await outbox.enqueue(a!);
      await outbox.enqueue(b!);
      await waitFor(async () => (await outbox.pending()).length === 0, 'delivery');
      outbox.stop();
      // Flush 1: 4 failures (3 delays) and a retry after maxDelayMs; flush 2 the same;
      // flush 3: 1 failure, then a delivers; b delivers on its first send.
      expect(delays).to.deep.equal([10, 20, 40, 1_000, 10, 20, 40, 1_000, 10]);
      expect(ids(backend.log)).to.deep.equal([a!.id, b!.id]);
    });

    it('uses full jitter: each delay is random() times the window', async () => {
      const draws = [0.5, 0.25, 0, 0.75, 1];
      let i = 0;
      const backend = new FaultBackend((n) => (n < 5 ? 'fail' : 'ok'));
      const { delays, sleep: sleepFn } = recordingSleep(Infinity);
      const outbox = new AuditOutbox({
        send: backend.send,
        store: new MemoryAuditStore(),
        baseDelayMs: 10,
        maxDelayMs: 1_000,
        maxAttempts: 10,
        random: () => draws[i++ % draws.length]!,
        sleep: sleepFn,
        lockName: uniqueName('lock'),
      });
      await outbox.enqueue(makeEvents(1)[0]!);
      await waitFor(() => backend.log.length === 1, 'delivery');
      outbox.stop();
      // Windows 10, 20, 40, 80, 160 scaled by 0.5, 0.25, 0, 0.75, 1.
      expect(delays).to.deep.equal([5, 5, 0, 60, 160]);
    });

    it('waits for real with the default sleep (base 5 ms, random() = 1)', async () => {
      const backend = new FaultBackend((n) => (n < 3 ? 'fail' : 'ok'));
      const outbox = new AuditOutbox({
        send: backend.send,
        store: new MemoryAuditStore(),
        baseDelayMs: 5,
        maxDelayMs: 1_000,
        random: () => 1,
        lockName: uniqueName('lock'),
      });
      const start = performance.now();
      await outbox.enqueue(makeEvents(1)[0]!);
      await waitFor(() => backend.log.length === 1, 'delivery');
      // 5 + 10 + 20 ms of backoff at least.
      expect(performance.now() - start).to.be.at.least(33);
      outbox.stop();
    });
  });
});
