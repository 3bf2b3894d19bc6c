/**
 * `npm run bench:server` at tiny sizes, so the benchmark cannot rot: it seeds valid chains,
 * reads full pages through the server, appends, and reports sane numbers.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import {
  formatReport,
  parseCommandLine,
  runBenchmark,
  verdicts,
  type AppendResult,
} from '../bench.js';

const positive = (value: number, what: string) =>
  assert.ok(Number.isFinite(value) && value > 0, `${what} should be a positive number: ${value}`);

function assertAppends(append: AppendResult, events: number, what: string) {
  assert.equal(append.events, events, what);
  positive(append.perSecond, `${what}: events per second`);
  positive(append.latency.p50, `${what}: p50`);
  assert.ok(append.latency.p95 >= append.latency.p50, `${what}: p95 >= p50`);
  positive(append.cpu.process, `${what}: CPU of this process`);
  positive(append.walBytes ?? NaN, `${what}: write-ahead log per append`);
}

describe('the server benchmark (npm run bench:server)', () => {
  it('reads its options from the command line', () => {
    assert.deepEqual(
      parseCommandLine(['--sizes', '200,1000', '--databases', 'pglite', '--samples', '5']),
      { sizes: [200, 1000], databases: ['pglite'], samples: 5 },
    );
    assert.deepEqual(parseCommandLine([]), {});
    assert.throws(() => parseCommandLine(['--sizes', '10,x']), /--sizes/);
    assert.throws(() => parseCommandLine(['--databases', 'sqlite']), /--databases/);
    assert.throws(() => parseCommandLine(['--frobnicate']), /frobnicate/);
  });

  it('measures tiny sizes on PGlite and PostgreSQL, through the server, on valid chains', async () => {
    const messages: string[] = [];
    const result = await runBenchmark({
      sizes: [1000, 200],
      databases: ['pglite', 'postgres'],
      samples: 5,
      warmup: 2,
      appends: 16,
      writers: 4,
      consoles: 20,
      batch: 300,
      log: (message) => messages.push(message),
    });
    assert.deepEqual(result.options.sizes, [200, 1000], 'sizes are measured in ascending order');
    assert.deepEqual(
      result.databases.map((database) => database.database),
      ['pglite', 'postgres'],
    );
    positive(result.machine.cpus, 'CPUs');
    positive(result.totalMs, 'total time');
    for (const database of result.databases) {
      const name = database.database;
      assert.match(database.version, /^\d+/, `${name}: version`);
      assert.equal(database.sizes.length, 2, name);
      const [small, large] = database.sizes;
      assert.ok(small && large);
      assert.equal(small.size, 200, `${name}: first size`);
      assert.equal(small.seeded, 200, `${name}: seeded from empty`);
      // The 16 + 1 sequential appends of each kind at 200 count towards 1000.
      assert.equal(large.size, 1000, `${name}: second size`);
      assert.equal(large.seeded, 1000 - 200 - 2 * 17, `${name}: topped up`);
      for (const size of database.sizes) {
        const what = `${name} at ${size.size}`;
        assert.equal(size.chain.full, true, `${what}: the whole chain was verified`);
        assert.equal(size.chain.checked, size.size, `${what}: every event was checked`);
        assert.equal(size.chain.smallConsoles, 2, what);
        assert.equal(size.newest.events, 50, `${what}: newest page holds 50 events`);
        assert.equal(size.newest.firstSeq, size.size, `${what}: newest page starts at the head`);
        assert.equal(size.deep.events, 50, `${what}: deep page holds 50 events`);
        assert.equal(size.deep.firstSeq, size.deep.cursorSeq - 1, `${what}: deep page position`);
        assert.equal(size.newest.requests, 5, what);
        for (const page of [size.newest, size.deep]) {
          positive(page.p50, `${what}: p50`);
          assert.ok(page.p95 >= page.p50, `${what}: p95 >= p50`);
        }
        positive(size.seedMs, `${what}: seed time`);
        assertAppends(size.clientSequential, 16, `${what}: POST /audit, 1 console`);
        assertAppends(size.clientConcurrent, 16, `${what}: POST /audit, 4 consoles`);
        assertAppends(size.serverSequential, 16, `${what}: POST /consent/verify, 1 console`);
        assertAppends(size.serverConcurrent, 16, `${what}: POST /consent/verify, 4 consoles`);
      }
      // After the last appends: the measured console, the small ones and the writers' chains.
      assert.equal(database.finalCheck.full, true, name);
      assert.equal(database.finalCheck.checked, 1000 + 2 * 17, `${name}: final chain check`);
      assert.equal(database.finalCheck.smallConsoles, 2 + 4, name);
      positive(database.commitFloor.sequential, `${name}: commit floor`);
      positive(database.commitFloor.concurrent, `${name}: commit floor`);
      assert.ok(
        database.profile.some((line) => line.step.includes('INSERT INTO audit_events')),
        `${name}: the profile names the append`,
      );
      if (name === 'postgres') {
        // Measured in clock ticks of PostgreSQL's processes: a tiny run may not reach one tick.
        const cpu = large.clientConcurrent.cpu.database;
        assert.ok(
          Number.isFinite(cpu) && cpu >= 0,
          `${name}: CPU of PostgreSQL is measured: ${cpu}`,
        );
      }
    }

    assert.equal(verdicts(result).length, 2 + 1);
    const report = formatReport(result);
    assert.match(report, /^# Audit trail benchmark/);
    assert.match(report, /## PGlite /);
    assert.match(report, /## PostgreSQL /);
    assert.match(report, /\| 1,000 \| 766 \(/);
    assert.match(report, /deep page at 1,000 within 1\.5x of its time at 200/);
    assert.match(report, />= 1000 appends\/s/);
    assert.match(report, /Total time: /);
    assert.ok(messages.some((message) => message.includes('cleaning up')));
  });

  it('stops when aborted, and removes what it created', async () => {
    const ours = () => readdirSync(tmpdir()).filter((name) => name.startsWith('acc-bench-'));
    const before = new Set(ours());
    const controller = new AbortController();
    const messages: string[] = [];
    const run = runBenchmark({
      sizes: [1000],
      databases: ['pglite'],
      samples: 5,
      consoles: 10,
      signal: controller.signal,
      log: (message) => {
        messages.push(message);
        if (message.includes('other consoles seeded')) controller.abort();
      },
    });
    await assert.rejects(run, { name: 'AbortError' });
    assert.ok(messages.includes('PGlite: cleaning up'), messages.join('\n'));
    assert.deepEqual(
      ours().filter((name) => !before.has(name)),
      [],
      'no temporary database is left',
    );
  });

  it('refuses options it cannot measure', async () => {
    await assert.rejects(runBenchmark({ sizes: [40], log: () => undefined }), /above 50/);
    await assert.rejects(runBenchmark({ samples: 0, log: () => undefined }), /samples/);
    await assert.rejects(
      runBenchmark({ sizes: [100], writers: 9, consoles: 8, log: () => undefined }),
      /writers/,
    );
  });
});
