/**
 * `npm run bench:server`: what the audit trail costs as it grows, on the embedded PGlite (on
 * disk in a temporary directory, as `npm start` runs it) and on a real PostgreSQL with
 * production durability (fsync, synchronous_commit and full_page_writes on).
 *
 *   --sizes 10000,100000,1000000   events in the measured console, in turn
 *   --databases pglite,postgres    the databases to measure
 *   --samples 200                  timed requests per page measurement (after warm-up requests)
 *   --appends 2000                 events appended per throughput measurement
 *   --writers 8                    concurrent writers, each on its own console
 *   --consoles 1000                other consoles seeded beside the measured one
 *
 * After each fill the table is vacuumed and analysed and a checkpoint is taken, as a trail that
 * grows slowly would be; the timings are of that steady state.
 *
 * Seeding bypasses HTTP but writes what the server writes: the same columns, `seq`, `prev_hash`
 * and `hash` through `chainHash`, and the console's `audit_seq` / `audit_head`, in large
 * parameterised batches (`INSERT ... SELECT FROM unnest(...)`). Every measurement goes through
 * the real server (`createServer`, `app.request`) with the development authenticator.
 *
 * The report (markdown) goes to standard output, progress to standard error. The exit code is 0
 * even when a goal is missed (it is a report), 1 on errors, 2 on bad options, 130 when stopped.
 * Ctrl-C stops the run after its current step and removes its databases (a PostgreSQL server
 * started with `startPostgres`, a PGlite directory in the system's temporary directory); the
 * directory of a run killed outright is removed by the next run.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Hono } from 'hono';
import { startPostgres, type PostgresServer } from '../scripts/postgres.mjs';
import { GENESIS_HASH, chainHash, type ChainedContent } from './audit/chain.js';
import { AUDIT_COLUMNS, recordOf, type AuditRow } from './audit/log.js';
import { encodeCursor } from './audit/query.js';
import {
  DEV_ACTOR_HEADER,
  DEV_CONSOLE_HEADER,
  createDevAuthenticator,
  createServer,
  openDatabase,
  verifyChain,
  type Database,
  type Queryable,
} from './index.js';

export type DatabaseName = 'pglite' | 'postgres';
export const DATABASE_NAMES: readonly DatabaseName[] = ['pglite', 'postgres'];

export interface BenchOptions {
  /** Events in the measured console, in turn (ascending). */
  readonly sizes: readonly number[];
  readonly databases: readonly DatabaseName[];
  /** Timed requests per page measurement. */
  readonly samples: number;
  /** Untimed requests before each page measurement. Default 20. */
  readonly warmup?: number;
  /** Events appended per throughput measurement. Default 2000. */
  readonly appends?: number;
  /** Concurrent writers, each on its own console. Default 8. */
  readonly writers?: number;
  /** Other consoles seeded beside the measured one (a few events each). Default 1000. */
  readonly consoles?: number;
  /**
   * Rows per seeding statement. Default: 500 on PGlite, whose statements hold this process while
   * they run (small ones keep Ctrl-C answered; larger ones are no faster), 5000 on PostgreSQL.
   */
  readonly batch?: number;
  /** Walk the whole chain of the measured console with `verifyChain` up to this size. Default 100 000. */
  readonly fullVerifyUpTo?: number;
  /** Progress messages. Default: standard error. */
  readonly log?: (message: string) => void;
  /** Stops the run after its current step (it still removes what it created). */
  readonly signal?: AbortSignal;
}

/** The options with their defaults filled in (`batch` stays per database unless given). */
export type ResolvedOptions = Required<Omit<BenchOptions, 'log' | 'batch' | 'signal'>> & {
  readonly batch?: number;
};

export interface Timing {
  readonly p50: number;
  readonly p95: number;
}

export interface PageResult extends Timing {
  readonly requests: number;
  /** Fewest events a page held (50 expected). */
  readonly events: number;
  /** `seq` of the newest event of the page. */
  readonly firstSeq: number;
}

export interface AppendResult {
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Latency of one append (ms). */
  readonly latency: Timing;
  /**
   * CPU time per append (ms): of this process (server, driver, and PGlite itself), and of the
   * PostgreSQL server processes (0 for PGlite, which runs in this process).
   */
  readonly cpu: { readonly process: number; readonly database: number };
  /** Write-ahead log written per append (bytes), or undefined when it cannot be read. */
  readonly walBytes?: number;
}

export interface ChainCheck {
  /** Whether the whole chain of the measured console was walked (else: sampled windows). */
  readonly full: boolean;
  /** Events of the measured console whose hash and link were recomputed. */
  readonly checked: number;
  /** Small consoles walked whole with `verifyChain`. */
  readonly smallConsoles: number;
  readonly ms: number;
}

export interface SizeResult {
  /** Events in the measured console when its pages were read. */
  readonly size: number;
  /** Events seeded to reach this size, and how long it took. */
  readonly seeded: number;
  readonly seedMs: number;
  readonly chain: ChainCheck;
  readonly newest: PageResult;
  readonly deep: PageResult & { readonly cursorSeq: number };
  /** `POST /audit` (client events): one console, then `writers` consoles at once. */
  readonly clientSequential: AppendResult;
  readonly clientConcurrent: AppendResult;
  /** `POST /consent/verify` (server-authored events): likewise. */
  readonly serverSequential: AppendResult;
  readonly serverConcurrent: AppendResult;
}

/** Where the time of one sequential `POST /audit` goes. */
export interface ProfileLine {
  /** A statement (its SQL), a transaction's own cost, or the time outside the database. */
  readonly kind: 'statement' | 'transaction' | 'outside';
  readonly step: string;
  readonly callsPerAppend: number;
  readonly msPerAppend: number;
}

export interface DatabaseResult {
  readonly database: DatabaseName;
  readonly version: string;
  readonly consoles: number;
  readonly consolesSeedMs: number;
  readonly sizes: readonly SizeResult[];
  /** Empty transactions that take a transaction id (one commit record each): the commit floor. */
  readonly commitFloor: { readonly sequential: number; readonly concurrent: number };
  /** The sequential `POST /audit` run at the largest size, step by step. */
  readonly profile: readonly ProfileLine[];
  readonly finalCheck: ChainCheck;
}

export interface BenchResult {
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
    readonly node: string;
    readonly platform: string;
    /** One-minute load average when the run started and ended (other work slows the run). */
    readonly load: { readonly start: number; readonly end: number };
  };
  readonly options: ResolvedOptions;
  readonly databases: readonly DatabaseResult[];
  readonly totalMs: number;
}

const ACTOR = 'admin@contoso.example';
const TENANT = '6a1e2f3d-4c5b-4a69-8877-665544332211';
const MAIN_CONSOLE = 'bench-console-main';
const PAGE = 50;
const SAMPLE_WINDOW = 1000;

/** Temporary directories not removed yet, for the Ctrl-C handler of the command line. */
const liveDirs = new Set<string>();
/** PostgreSQL servers not destroyed yet, likewise. */
const liveServers = new Set<PostgresServer>();
const TEMP_PREFIX = 'acc-bench-';
/** In each temporary directory: the id of the process that uses it. */
const OWNER_FILE = 'owner.pid';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary databases of runs that were killed before they could clean up (a
 * process killed outright runs no handler): those whose owner no longer runs.
 */
function removeAbandonedDirs(log: (message: string) => void): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isSafeInteger(owner) || owner <= 0 || isRunning(owner)) continue;
    rmSync(dir, { recursive: true, force: true });
    log(`Removed ${dir}, left by a run that was killed.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Seeding: chained events computed here, inserted in batches.

/** The seeded event `seq` of a console: the mix of what the server records. */
function seededContent(seq: number, at: string): ChainedContent {
  const base = { seq, at, actor: ACTOR, tenantId: TENANT, tenantType: 'standard' as const };
  switch (seq % 10) {
    case 6:
      return {
        ...base,
        id: `client-${randomUUID()}`,
        action: 'consent-rejected',
        outcome: 'failure',
        tenantId: '',
        error: 'access-denied',
        source: 'client',
      };
    case 7:
      return { ...base, id: randomUUID(), action: 'connect', outcome: 'success', source: 'server' };
    case 8:
      return {
        ...base,
        id: randomUUID(),
        action: 'edit',
        outcome: 'success',
        changes: ['enrollmentUrl', 'remediationUrl'],
        source: 'server',
      };
    case 9:
      return {
        ...base,
        id: randomUUID(),
        action: 'disconnect',
        outcome: 'success',
        source: 'server',
      };
    default:
      return {
        ...base,
        id: randomUUID(),
        action: 'verify-consent',
        outcome: 'success',
        source: 'server',
      };
  }
}

/** Rows of `audit_events`, column by column (the parameters of `INSERT_EVENTS`). */
class EventBatch {
  readonly consoleId: string[] = [];
  readonly seq: number[] = [];
  readonly id: string[] = [];
  readonly at: string[] = [];
  readonly actor: string[] = [];
  readonly action: string[] = [];
  readonly outcome: string[] = [];
  readonly tenantId: string[] = [];
  readonly tenantType: string[] = [];
  /** JSON arrays (the column is text[]; see `INSERT_EVENTS`). */
  readonly changes: (string | null)[] = [];
  readonly error: (string | null)[] = [];
  readonly aadsts: (string | null)[] = [];
  readonly count: (number | null)[] = [];
  readonly source: string[] = [];
  readonly prevHash: string[] = [];
  readonly hash: string[] = [];

  get size(): number {
    return this.seq.length;
  }

  /** Adds the event after `previous` in the console's chain; returns its hash. */
  add(consoleId: string, content: ChainedContent, previous: string): string {
    const hash = chainHash(previous, consoleId, content);
    this.consoleId.push(consoleId);
    this.seq.push(content.seq);
    this.id.push(content.id);
    this.at.push(content.at);
    this.actor.push(content.actor);
    this.action.push(content.action);
    this.outcome.push(content.outcome);
    this.tenantId.push(content.tenantId);
    this.tenantType.push(content.tenantType);
    this.changes.push(content.changes ? JSON.stringify(content.changes) : null);
    this.error.push(content.error ?? null);
    this.aadsts.push(content.aadsts ?? null);
    this.count.push(content.count ?? null);
    this.source.push(content.source);
    this.prevHash.push(previous);
    this.hash.push(hash);
    return hash;
  }

  params(): unknown[] {
    return [
      this.consoleId,
      this.seq,
      this.id,
      this.at,
      this.actor,
      this.action,
      this.outcome,
      this.tenantId,
      this.tenantType,
      this.changes,
      this.error,
      this.aadsts,
      this.count,
      this.source,
      this.prevHash,
      this.hash,
    ];
  }
}

const INSERT_EVENTS = `INSERT INTO audit_events (console_id, seq, event_id, at, actor, action,
    outcome, tenant_id, tenant_type, changes, error, aadsts, count, source, prev_hash, hash)
  SELECT c, s, i, t, ac, an, o, ti, tt,
    CASE WHEN ch IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(ch::jsonb)) END,
    e, aa, n, so, p, h
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[],
    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::integer[],
    $14::text[], $15::text[], $16::text[])
    AS u(c, s, i, t, ac, an, o, ti, tt, ch, e, aa, n, so, p, h)`;

/** Runs a seeding statement; its error names the statement, never the (huge) parameters. */
async function seedQuery(tx: Queryable, what: string, sql: string, params: unknown[]) {
  try {
    await tx.query(sql, params);
  } catch (error) {
    const { message, code } = error as { message?: string; code?: string };
    throw new Error(
      `Seeding failed (${what}): ${message ?? String(error)}${code ? ` [${code}]` : ''}`,
    );
  }
}

/**
 * Lets the event loop run (signals, timers), then stops the run if it was aborted. PGlite answers
 * through promises alone: without this, a long run would never reach the event loop.
 */
async function breathe(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}

/** Waits for every promise to settle (nothing is left running), then throws the first error. */
async function settleAll(promises: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find(
    (result): result is PromiseRejectedResult => result.status === 'rejected',
  );
  if (failed) throw failed.reason;
}

/** The ids of the other consoles. */
const otherConsole = (index: number) => `bench-console-${String(index).padStart(4, '0')}`;

/** Seeds `count` other consoles with 3 to 5 chained events each, in one transaction. */
async function seedOtherConsoles(db: Database, count: number): Promise<void> {
  const batch = new EventBatch();
  const ids: string[] = [];
  const seqs: number[] = [];
  const heads: string[] = [];
  const lastTimes: string[] = [];
  const start = Date.now() - 24 * 60 * 60 * 1000;
  for (let index = 1; index <= count; index++) {
    const consoleId = otherConsole(index);
    let previous = GENESIS_HASH;
    const events = 3 + (index % 3);
    for (let seq = 1; seq <= events; seq++) {
      const at = new Date(start + index * 1000 + seq).toISOString();
      previous = batch.add(consoleId, seededContent(seq, at), previous);
    }
    ids.push(consoleId);
    seqs.push(events);
    heads.push(previous);
    lastTimes.push(new Date(start + index * 1000 + events).toISOString());
  }
  await db.transaction(async (tx) => {
    await seedQuery(
      tx,
      'consoles',
      `INSERT INTO consoles (console_id, audit_seq, audit_head, audit_at)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[])`,
      [ids, seqs, heads, lastTimes],
    );
    await seedQuery(tx, 'events of the other consoles', INSERT_EVENTS, batch.params());
  });
}

/**
 * Appends chained events to the console until it holds `target`, a batch per transaction (the
 * next batch is computed while the database writes the previous one). Events are one
 * millisecond apart, ending about now, and never before the console's last event.
 */
async function fillConsole(
  db: Database,
  consoleId: string,
  target: number,
  batchSize: number,
  signal?: AbortSignal,
): Promise<number> {
  await db.query(
    'INSERT INTO consoles (console_id) VALUES ($1) ON CONFLICT (console_id) DO NOTHING',
    [consoleId],
  );
  const [head] = await db.query<{ audit_seq: unknown; audit_head: string }>(
    'SELECT audit_seq, audit_head FROM consoles WHERE console_id = $1',
    [consoleId],
  );
  if (!head) throw new Error(`console ${consoleId} is missing`);
  let seq = Number(head.audit_seq);
  let previous = head.audit_head;
  if (seq >= target) return 0;
  let lastAt = -Infinity;
  if (seq > 0) {
    const [last] = await db.query<{ at: Date }>(
      'SELECT at FROM audit_events WHERE console_id = $1 AND seq = $2',
      [consoleId, seq],
    );
    if (last) lastAt = last.at.getTime();
  }
  const added = target - seq;
  let at = Math.max(lastAt + 1, Date.now() - added);
  let pending: Promise<void> = Promise.resolve();
  try {
    while (seq < target) {
      const batch = new EventBatch();
      const size = Math.min(batchSize, target - seq);
      for (let i = 0; i < size; i++) {
        seq += 1;
        previous = batch.add(consoleId, seededContent(seq, new Date(at).toISOString()), previous);
        at += 1;
        if (i % 1000 === 999) await breathe(signal);
      }
      const headSeq = seq;
      const headHash = previous;
      const headAt = new Date(at - 1).toISOString();
      await pending;
      await breathe(signal);
      pending = db.transaction(async (tx) => {
        await seedQuery(tx, `events up to ${headSeq}`, INSERT_EVENTS, batch.params());
        await seedQuery(
          tx,
          'console head',
          'UPDATE consoles SET audit_seq = $2, audit_head = $3, audit_at = $4 WHERE console_id = $1',
          [consoleId, headSeq, headHash, headAt],
        );
      });
      pending.catch(() => undefined); // handled by the next `await pending`
    }
  } finally {
    await pending.catch(() => undefined); // never leave a batch running
  }
  await pending;
  return added;
}

// ---------------------------------------------------------------------------------------------
// Chain checks.

/**
 * Recomputes the hashes and links of `count` events from `fromSeq` (a window of the chain), and
 * checks the first links to the genesis hash when the window starts at 1.
 */
async function verifyWindow(
  db: Queryable,
  consoleId: string,
  fromSeq: number,
  count: number,
): Promise<number> {
  const rows = await db.query<AuditRow & Record<string, unknown>>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE console_id = $1 AND seq >= $2
     ORDER BY seq LIMIT $3`,
    [consoleId, fromSeq, count],
  );
  const first = rows[0];
  if (!first) throw new Error(`${consoleId}: no events from ${fromSeq}`);
  let previous = fromSeq === 1 ? GENESIS_HASH : first.prev_hash;
  let expected = fromSeq;
  for (const row of rows) {
    const { hash, ...content } = recordOf(row);
    const where = `${consoleId}, event ${content.seq}`;
    if (content.seq !== expected) throw new Error(`${where}: expected event ${expected}`);
    if (row.prev_hash !== previous) throw new Error(`${where}: does not link to its predecessor`);
    if (chainHash(previous, consoleId, content) !== hash) {
      throw new Error(`${where}: does not match its hash`);
    }
    previous = hash;
    expected += 1;
  }
  return rows.length;
}

/**
 * Checks the seed is a valid chain: the measured console whole (up to `fullUpTo` events) or in
 * three windows (first, middle, last) with its recorded head; and small consoles whole with
 * `verifyChain`, the server's own check.
 */
async function checkChains(
  db: Database,
  size: number,
  smallConsoles: readonly string[],
  fullUpTo: number,
  signal?: AbortSignal,
): Promise<ChainCheck> {
  const started = performance.now();
  let checked = 0;
  const full = size <= fullUpTo;
  if (full) {
    const verdict = await verifyChain(db, MAIN_CONSOLE);
    if (!verdict.ok) throw new Error(`${MAIN_CONSOLE}: chain broken: ${verdict.reason}`);
    if (verdict.events !== size) {
      throw new Error(`${MAIN_CONSOLE}: ${verdict.events} events, expected ${size}`);
    }
    checked = verdict.events;
  } else {
    const middle = 1 + Math.floor(Math.random() * (size - SAMPLE_WINDOW));
    for (const from of [1, middle, size - SAMPLE_WINDOW + 1]) {
      checked += await verifyWindow(db, MAIN_CONSOLE, from, SAMPLE_WINDOW);
      await breathe(signal);
    }
    const [head] = await db.query<{ audit_seq: unknown; audit_head: string }>(
      'SELECT audit_seq, audit_head FROM consoles WHERE console_id = $1',
      [MAIN_CONSOLE],
    );
    const [last] = await db.query<{ seq: unknown; hash: string }>(
      'SELECT seq, hash FROM audit_events WHERE console_id = $1 ORDER BY seq DESC LIMIT 1',
      [MAIN_CONSOLE],
    );
    if (
      !head ||
      !last ||
      Number(head.audit_seq) !== size ||
      Number(last.seq) !== size ||
      head.audit_head !== last.hash
    ) {
      throw new Error(`${MAIN_CONSOLE}: the recorded head does not match the last event`);
    }
  }
  for (const consoleId of smallConsoles) {
    await breathe(signal);
    const verdict = await verifyChain(db, consoleId);
    if (!verdict.ok) throw new Error(`${consoleId}: chain broken: ${verdict.reason}`);
  }
  return {
    full,
    checked,
    smallConsoles: smallConsoles.length,
    ms: performance.now() - started,
  };
}

// ---------------------------------------------------------------------------------------------
// Profiling: a transparent wrapper of the server's database that times every statement.

interface StatementStats {
  calls: number;
  ms: number;
}

class Profiler {
  active = false;
  readonly statements = new Map<string, StatementStats>();
  transactions = 0;
  /** Time in transactions beyond their statements: BEGIN, COMMIT, pool checkout, queueing. */
  transactionOverheadMs = 0;
  /** All time inside the database interface. */
  databaseMs = 0;

  reset(): void {
    this.statements.clear();
    this.transactions = 0;
    this.transactionOverheadMs = 0;
    this.databaseMs = 0;
  }

  record(sql: string, ms: number): void {
    const key = sql.replace(/\s+/g, ' ').trim();
    const stats = this.statements.get(key) ?? { calls: 0, ms: 0 };
    stats.calls += 1;
    stats.ms += ms;
    this.statements.set(key, stats);
  }
}

function profiled(db: Database, profiler: Profiler): Database {
  const wrap = (target: Queryable, inner?: { ms: number }): Queryable => ({
    async query(sql, params) {
      if (!profiler.active) return target.query(sql, params);
      const started = performance.now();
      try {
        return await target.query(sql, params);
      } finally {
        const ms = performance.now() - started;
        profiler.record(sql, ms);
        if (inner) inner.ms += ms;
        else profiler.databaseMs += ms;
      }
    },
    exec: (sql) => target.exec(sql),
  });
  return {
    kind: db.kind,
    ...wrap(db),
    async transaction(work) {
      if (!profiler.active) return db.transaction(work);
      const inner = { ms: 0 };
      const started = performance.now();
      try {
        return await db.transaction((tx) => work(wrap(tx, inner)));
      } finally {
        const ms = performance.now() - started;
        profiler.transactions += 1;
        profiler.transactionOverheadMs += ms - inner.ms;
        profiler.databaseMs += ms;
      }
    },
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements through the server.

type App = Hono<{ Variables: { session: { consoleId: string; actor: string } } }>;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    NaN
  );
}

const timing = (values: readonly number[]): Timing => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
});

function headers(consoleId: string, json = false): Record<string, string> {
  return {
    [DEV_CONSOLE_HEADER]: consoleId,
    [DEV_ACTOR_HEADER]: ACTOR,
    ...(json ? { 'Content-Type': 'application/json' } : {}),
  };
}

interface Page {
  events: { seq: number }[];
  nextCursor: string | null;
}

async function measurePage(
  app: App,
  path: string,
  warmup: number,
  samples: number,
  expectFirstSeq: number,
  signal?: AbortSignal,
): Promise<PageResult> {
  const times: number[] = [];
  let fewest = Infinity;
  for (let i = 0; i < warmup + samples; i++) {
    const started = performance.now();
    const response = await app.request(path, { headers: headers(MAIN_CONSOLE) });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) {
      throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    const page = JSON.parse(text) as Page;
    const first = page.events[0]?.seq;
    if (first !== expectFirstSeq) {
      throw new Error(`GET ${path} started at event ${first}, expected ${expectFirstSeq}`);
    }
    fewest = Math.min(fewest, page.events.length);
    if (i >= warmup) times.push(ms);
    await breathe(signal);
  }
  return { ...timing(times), requests: samples, events: fewest, firstSeq: expectFirstSeq };
}

type AppendKind = 'client' | 'server';

/** One append through the server; returns its latency (ms). */
async function appendOne(app: App, consoleId: string, kind: AppendKind): Promise<number> {
  const started = performance.now();
  const response =
    kind === 'client'
      ? await app.request('/audit', {
          method: 'POST',
          headers: headers(consoleId, true),
          body: JSON.stringify({
            id: `bench-${randomUUID()}`,
            action: 'consent-rejected',
            outcome: 'failure',
            tenantType: 'standard',
            error: 'access-denied',
          }),
        })
      : await app.request('/consent/verify', {
          method: 'POST',
          headers: headers(consoleId, true),
          body: JSON.stringify({ tenantType: 'standard', tenantId: TENANT, via: 'manual' }),
        });
  const text = await response.text();
  const ms = performance.now() - started;
  const expected = kind === 'client' ? 201 : 200;
  if (response.status !== expected) {
    throw new Error(`append (${kind}) answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return ms;
}

/** `count` appends by each of the consoles' writers at once (one writer: sequential). */
async function measureAppends(
  target: Target,
  consoles: readonly string[],
  perConsole: number,
  kind: AppendKind,
  signal?: AbortSignal,
): Promise<AppendResult> {
  const { app } = target;
  for (const consoleId of consoles) await appendOne(app, consoleId, kind); // warm-up
  await breathe(signal);
  const latencies: number[] = [];
  const walBefore = await target.walPosition();
  const processBefore = process.cpuUsage();
  const databaseBefore = target.databaseCpuMs();
  const started = performance.now();
  await settleAll(
    consoles.map(async (consoleId) => {
      for (let i = 0; i < perConsole; i++) {
        latencies.push(await appendOne(app, consoleId, kind));
        await breathe(signal);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(processBefore);
  const database = target.databaseCpuMs() - databaseBefore;
  const walAfter = await target.walPosition();
  const events = perConsole * consoles.length;
  return {
    events,
    seconds,
    perSecond: events / seconds,
    latency: timing(latencies),
    cpu: { process: (used.user + used.system) / 1000 / events, database: database / events },
    ...(walBefore !== undefined && walAfter !== undefined
      ? { walBytes: Number(walAfter - walBefore) / events }
      : {}),
  };
}

interface Target {
  readonly app: App;
  /** CPU time used so far by the database's own processes (ms). */
  readonly databaseCpuMs: () => number;
  /** The current write-ahead log position (bytes), or undefined when it cannot be read. */
  readonly walPosition: () => Promise<bigint | undefined>;
}

/** The write-ahead log position of a database, as a number of bytes. */
async function walPosition(db: Queryable): Promise<bigint | undefined> {
  try {
    const [row] = await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const [high, low] = (row?.lsn ?? '').split('/');
    if (high === undefined || low === undefined) return undefined;
    return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
  } catch {
    return undefined;
  }
}

let clockTicks: number | undefined;

/**
 * CPU time used so far by a PostgreSQL server and its backends (ms), from /proc (Linux; 0
 * elsewhere). Backends that ended are no longer counted; the pool keeps its connections.
 */
function postgresCpuMs(dataDir: string): number {
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      // pid (comm) state ppid ... utime stime: fields 14 and 15; comm may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      if (Number(entry) === postmaster || ppid === postmaster) {
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    }
    return (ticks * 1000) / clockTicks;
  } catch {
    return 0;
  }
}

/** Commits per second of transactions that only take a transaction id: the fsync floor. */
async function commitFloor(db: Database, count: number, writers: number, signal?: AbortSignal) {
  const run = async (parallel: number) => {
    const each = Math.max(1, Math.floor(count / parallel));
    const started = performance.now();
    await settleAll(
      Array.from({ length: parallel }, async () => {
        for (let i = 0; i < each; i++) {
          await db.transaction((tx) => tx.query('SELECT pg_current_xact_id()'));
          if (i % 100 === 99) await breathe(signal);
        }
      }),
    );
    return (each * parallel) / ((performance.now() - started) / 1000);
  };
  await run(1); // warm-up
  return { sequential: await run(1), concurrent: await run(writers) };
}

// ---------------------------------------------------------------------------------------------
// One database.

interface OpenedDatabase {
  readonly db: Database;
  readonly databaseCpuMs: () => number;
  close(): Promise<void>;
}

async function openBenchDatabase(
  name: DatabaseName,
  log: (message: string) => void,
): Promise<OpenedDatabase> {
  if (name === 'pglite') {
    removeAbandonedDirs(log);
    const dir = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
    liveDirs.add(dir);
    const removeDir = () => {
      rmSync(dir, { recursive: true, force: true });
      liveDirs.delete(dir);
    };
    try {
      writeFileSync(join(dir, OWNER_FILE), String(process.pid));
      const db = await openDatabase({ dataDir: join(dir, 'pglite') });
      return {
        db,
        databaseCpuMs: () => 0,
        async close() {
          try {
            await db.close();
          } finally {
            removeDir();
          }
        },
      };
    } catch (error) {
      removeDir();
      throw error;
    }
  }
  let server: PostgresServer | undefined;
  try {
    server = await startPostgres({ durable: true, log });
    liveServers.add(server);
    const url = await server.createDatabase('acc_bench');
    const db = await openDatabase({ url, postgres: { onError: () => undefined } });
    const started = server;
    return {
      db,
      databaseCpuMs: () => postgresCpuMs(started.dataDir),
      async close() {
        try {
          await db.close();
        } finally {
          await destroyServer(started);
        }
      },
    };
  } catch (error) {
    if (server) await destroyServer(server);
    throw error;
  }
}

/**
 * Stops a PostgreSQL server and removes its directory. Removing it right after an immediate
 * shutdown sometimes meets files still being written: it is then tried again.
 */
async function destroyServer(server: PostgresServer): Promise<void> {
  try {
    await server.destroy();
  } catch {
    // its directory is removed below
  }
  rmSync(server.baseDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  liveServers.delete(server);
}

const count = (n: number) => n.toLocaleString('en-US');

async function benchDatabase(
  name: DatabaseName,
  options: ResolvedOptions,
  log: (message: string) => void,
  signal?: AbortSignal,
): Promise<DatabaseResult> {
  const label = name === 'pglite' ? 'PGlite' : 'PostgreSQL';
  log(`${label}: opening`);
  const opened = await openBenchDatabase(name, log);
  try {
    const profiler = new Profiler();
    const db = profiled(opened.db, profiler);
    const [version] = await db.query<{ server_version: string }>('SHOW server_version');
    const app: App = createServer({
      database: db,
      authenticate: createDevAuthenticator({}),
      clientEvents: { perWindow: Number.MAX_SAFE_INTEGER },
    });
    const bench: Target = {
      app,
      databaseCpuMs: opened.databaseCpuMs,
      walPosition: () => walPosition(opened.db), // not profiled
    };

    const consolesStarted = performance.now();
    await breathe(signal);
    await seedOtherConsoles(db, options.consoles);
    const consolesSeedMs = performance.now() - consolesStarted;
    log(`${label}: ${count(options.consoles)} other consoles seeded in ${seconds(consolesSeedMs)}`);

    const writers = Array.from({ length: options.writers }, (_, i) => otherConsole(i + 1));
    const smallConsoles = [otherConsole(1), otherConsole(options.consoles)].filter(
      (id, i, all) => all.indexOf(id) === i,
    );
    const perWriter = Math.max(1, Math.floor(options.appends / options.writers));
    const sizes: SizeResult[] = [];
    let profile: ProfileLine[] = [];

    for (const target of options.sizes) {
      const seedStarted = performance.now();
      const seeded = await fillConsole(
        db,
        MAIN_CONSOLE,
        target,
        options.batch ?? (name === 'pglite' ? 500 : 5000),
        signal,
      );
      const seedMs = performance.now() - seedStarted;
      const [head] = await db.query<{ audit_seq: unknown }>(
        'SELECT audit_seq FROM consoles WHERE console_id = $1',
        [MAIN_CONSOLE],
      );
      const size = Number(head?.audit_seq ?? 0);
      log(`${label}: ${count(size)} events (${count(seeded)} seeded in ${seconds(seedMs)})`);

      // A bulk load leaves work a slowly growing trail never has at once (statistics, the
      // visibility map, dirty pages): do it now, so the timings below are of the steady state.
      await db.query('VACUUM (ANALYZE) audit_events');
      await db.query('CHECKPOINT');
      const chain = await checkChains(db, size, smallConsoles, options.fullVerifyUpTo, signal);
      log(
        `${label}: chain ${chain.full ? 'verified whole' : `sampled (${count(chain.checked)} events) and head checked`} in ${seconds(chain.ms)}`,
      );

      const newest = await measurePage(
        app,
        `/audit?limit=${PAGE}`,
        options.warmup,
        options.samples,
        size,
        signal,
      );
      const cursorSeq = Math.min(size, Math.max(PAGE + 1, Math.round(size * 0.01)));
      const deepPage = await measurePage(
        app,
        `/audit?limit=${PAGE}&cursor=${encodeCursor(cursorSeq)}`,
        options.warmup,
        options.samples,
        cursorSeq - 1,
        signal,
      );
      log(
        `${label}: newest page p50 ${ms(newest.p50)}, deep page (before ${count(cursorSeq)}) p50 ${ms(deepPage.p50)}`,
      );

      profiler.reset();
      profiler.active = true;
      const profileStarted = performance.now();
      const clientSequential = await measureAppends(
        bench,
        [MAIN_CONSOLE],
        options.appends,
        'client',
        signal,
      );
      const profileMs = performance.now() - profileStarted;
      profiler.active = false;
      profile = profileOf(profiler, profileMs, options.appends + 1);
      const clientConcurrent = await measureAppends(bench, writers, perWriter, 'client', signal);
      const serverSequential = await measureAppends(
        bench,
        [MAIN_CONSOLE],
        options.appends,
        'server',
        signal,
      );
      const serverConcurrent = await measureAppends(bench, writers, perWriter, 'server', signal);
      log(
        `${label}: appends/s: POST /audit ${rate(clientSequential)} (1 console), ${rate(clientConcurrent)} (${options.writers}); ` +
          `POST /consent/verify ${rate(serverSequential)}, ${rate(serverConcurrent)}`,
      );
      sizes.push({
        size,
        seeded,
        seedMs,
        chain,
        newest,
        deep: { ...deepPage, cursorSeq },
        clientSequential,
        clientConcurrent,
        serverSequential,
        serverConcurrent,
      });
    }

    const floor = await commitFloor(db, Math.min(options.appends, 1000), options.writers, signal);
    log(
      `${label}: commit floor ${Math.round(floor.sequential)}/s sequential, ${Math.round(floor.concurrent)}/s with ${options.writers} writers`,
    );
    const [head] = await db.query<{ audit_seq: unknown }>(
      'SELECT audit_seq FROM consoles WHERE console_id = $1',
      [MAIN_CONSOLE],
    );
    const finalCheck = await checkChains(
      db,
      Number(head?.audit_seq ?? 0),
      [...smallConsoles, ...writers],
      options.fullVerifyUpTo,
      signal,
    );
    return {
      database: name,
      version: version?.server_version ?? '?',
      consoles: options.consoles,
      consolesSeedMs,
      sizes,
      commitFloor: floor,
      profile,
      finalCheck,
    };
  } finally {
    log(`${label}: cleaning up`);
    await opened.close();
  }
}

/** The profiled run, per append, largest steps first. */
function profileOf(profiler: Profiler, totalMs: number, appends: number): ProfileLine[] {
  const lines: ProfileLine[] = [...profiler.statements].map(([sql, stats]) => ({
    kind: 'statement' as const,
    step: sql.length > 110 ? `${sql.slice(0, 107)}...` : sql,
    callsPerAppend: stats.calls / appends,
    msPerAppend: stats.ms / appends,
  }));
  lines.push({
    kind: 'transaction',
    step: 'BEGIN, COMMIT and getting a connection (each transaction minus its statements)',
    callsPerAppend: profiler.transactions / appends,
    msPerAppend: profiler.transactionOverheadMs / appends,
  });
  lines.push({
    kind: 'outside',
    step: 'outside the database: routing, validation, hashing, JSON, the request itself',
    callsPerAppend: 1,
    msPerAppend: (totalMs - profiler.databaseMs) / appends,
  });
  return lines.sort((a, b) => b.msPerAppend - a.msPerAppend);
}

// ---------------------------------------------------------------------------------------------
// The whole benchmark, and its report.

export const DEFAULTS: ResolvedOptions = {
  sizes: [10_000, 100_000, 1_000_000],
  databases: DATABASE_NAMES,
  samples: 200,
  warmup: 20,
  appends: 2000,
  writers: 8,
  consoles: 1000,
  fullVerifyUpTo: 100_000,
};

/** The options with their defaults; throws an Error naming an option that cannot be measured. */
export function resolveOptions(options: Partial<BenchOptions> = {}): ResolvedOptions {
  const settings: ResolvedOptions = {
    sizes: [...new Set(options.sizes ?? DEFAULTS.sizes)].sort((a, b) => a - b),
    databases: options.databases ?? DEFAULTS.databases,
    samples: options.samples ?? DEFAULTS.samples,
    warmup: options.warmup ?? DEFAULTS.warmup,
    appends: options.appends ?? DEFAULTS.appends,
    writers: options.writers ?? DEFAULTS.writers,
    consoles: options.consoles ?? DEFAULTS.consoles,
    ...(options.batch === undefined ? {} : { batch: options.batch }),
    fullVerifyUpTo: options.fullVerifyUpTo ?? DEFAULTS.fullVerifyUpTo,
  };
  const positive = (name: string, value: number) => {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`${name} must be a whole number from 1, not ${value}`);
    }
  };
  for (const size of settings.sizes) positive('each size', size);
  if (settings.sizes.length === 0) throw new Error('give at least one size');
  if ((settings.sizes[0] ?? 0) <= PAGE) throw new Error(`sizes must be above ${PAGE}`);
  positive('samples', settings.samples);
  if (settings.warmup < 0 || !Number.isSafeInteger(settings.warmup)) {
    throw new Error(`warmup must be a whole number, not ${settings.warmup}`);
  }
  positive('appends', settings.appends);
  positive('writers', settings.writers);
  if (settings.batch !== undefined) positive('batch', settings.batch);
  positive('consoles', settings.consoles);
  if (settings.writers > settings.consoles) throw new Error('writers cannot exceed consoles');
  if (settings.databases.length === 0) throw new Error('give at least one database');
  for (const name of settings.databases) {
    if (!DATABASE_NAMES.includes(name)) throw new Error(`unknown database ${name}`);
  }
  return settings;
}

/** Runs the benchmark on each database in turn; removes what it created, even on errors. */
export async function runBenchmark(options: Partial<BenchOptions> = {}): Promise<BenchResult> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const log = options.log ?? ((message: string) => console.error(message));
  const settings = resolveOptions(options);

  const databases: DatabaseResult[] = [];
  for (const name of settings.databases) {
    databases.push(await benchDatabase(name, settings, log, options.signal));
  }
  const cpu = cpus();
  return {
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      load: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    },
    options: settings,
    databases,
    totalMs: performance.now() - started,
  };
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const rate = (append: AppendResult) => `${Math.round(append.perSecond)}/s`;

export interface Verdict {
  readonly goal: string;
  readonly met: boolean;
  readonly detail: string;
}

/** The two goals: deep pages do not slow down with the trail; PostgreSQL appends 1000 events/s. */
export function verdicts(result: BenchResult): Verdict[] {
  const out: Verdict[] = [];
  for (const database of result.databases) {
    const label = database.database === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const first = database.sizes[0];
    const last = database.sizes.at(-1);
    if (!first || !last) continue;
    const ratio = last.deep.p50 / first.deep.p50;
    out.push({
      goal: `${label}: deep page at ${count(last.size)} within 1.5x of its time at ${count(first.size)} (p50)`,
      met: ratio <= 1.5,
      detail: `${ms(last.deep.p50)} vs ${ms(first.deep.p50)}: ${ratio.toFixed(2)}x`,
    });
  }
  const postgres = result.databases.find((database) => database.database === 'postgres');
  if (postgres) {
    const worst = (pick: (size: SizeResult) => AppendResult) =>
      Math.min(...postgres.sizes.map((size) => pick(size).perSecond));
    const sequential = worst((size) => size.clientSequential);
    const concurrent = worst((size) => size.clientConcurrent);
    const writers = result.options.writers;
    const server = worst((size) => size.serverConcurrent);
    out.push({
      goal: `PostgreSQL: >= 1000 appends/s (POST /audit, ${writers} writers on ${writers} consoles, at every size)`,
      met: concurrent >= 1000,
      detail:
        `lowest ${Math.round(concurrent)}/s; one console alone: lowest ${Math.round(sequential)}/s; ` +
        `POST /consent/verify with ${writers} writers: lowest ${Math.round(server)}/s; ` +
        `commit floor ${Math.round(postgres.commitFloor.sequential)}/s sequential, ${Math.round(postgres.commitFloor.concurrent)}/s with ${writers} writers`,
    });
  }
  return out;
}

/** The report, in markdown. */
export function formatReport(result: BenchResult): string {
  const { machine, options } = result;
  const lines: string[] = [];
  lines.push('# Audit trail benchmark', '');
  lines.push(
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}; ` +
      `load average ${machine.load.start.toFixed(2)} at the start, ${machine.load.end.toFixed(2)} at the end (other processes share the CPUs).`,
  );
  lines.push(
    `Options: sizes ${options.sizes.map(count).join(', ')}; ${options.samples} timed requests per page (after ${options.warmup} warm-up); ` +
      `${count(options.appends)} appends per run, concurrent runs with ${options.writers} writers on ${options.writers} consoles; ` +
      `${count(options.consoles)} other consoles.`,
  );
  lines.push(
    '',
    'Method: the measured console is filled in Node-computed chains (`chainHash`) inserted in batches ' +
      '(`INSERT ... SELECT FROM unnest(...)`, a transaction per batch), so its rows lie together in the table; ' +
      'its chain is checked at each size. Pages and appends go through the real server (`createServer`, ' +
      '`app.request` in this process, no HTTP sockets), one transaction per append as in production. ' +
      'CPU per append: this process (server, driver, the requests themselves, and PGlite) and the PostgreSQL processes (from /proc).',
  );
  for (const database of result.databases) {
    const label =
      database.database === 'pglite'
        ? `PGlite ${database.version} (embedded, on disk)`
        : `PostgreSQL ${database.version} (fsync, synchronous_commit and full_page_writes on)`;
    lines.push('', `## ${label}`, '');
    lines.push(
      `${count(database.consoles)} other consoles seeded in ${seconds(database.consolesSeedMs)}. ` +
        `Pages: GET /audit?limit=${PAGE}, p50 / p95. Appends: events per second through the server, one transaction each.`,
      '',
    );
    lines.push(
      `| events | seeded (time) | chain check | newest page | deep page (cursor) | POST /audit, 1 console | POST /audit, ${options.writers} consoles | POST /consent/verify, 1 console | POST /consent/verify, ${options.writers} consoles |`,
      '|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const size of database.sizes) {
      lines.push(
        `| ${count(size.size)} | ${count(size.seeded)} (${seconds(size.seedMs)}) | ` +
          `${size.chain.full ? 'whole chain' : `${count(size.chain.checked)} sampled + head`} (${seconds(size.chain.ms)}) | ` +
          `${ms(size.newest.p50)} / ${ms(size.newest.p95)} | ` +
          `${ms(size.deep.p50)} / ${ms(size.deep.p95)} (${count(size.deep.cursorSeq)}) | ` +
          `${rate(size.clientSequential)} | ${rate(size.clientConcurrent)} | ` +
          `${rate(size.serverSequential)} | ${rate(size.serverConcurrent)} |`,
      );
    }
    lines.push(
      '',
      `Commit floor (empty transactions that take a transaction id): ${Math.round(database.commitFloor.sequential)}/s sequential, ` +
        `${Math.round(database.commitFloor.concurrent)}/s with ${options.writers} writers.`,
    );
    const last = database.sizes.at(-1);
    if (last) {
      const cpuLine = (name: string, append: AppendResult) => {
        const total = append.cpu.process + append.cpu.database;
        const where =
          database.database === 'pglite'
            ? `${append.cpu.process.toFixed(2)} ms (server, driver and PGlite, all in this process)`
            : `${total.toFixed(2)} ms: ${append.cpu.process.toFixed(2)} ms in this process (server and driver), ` +
              `${append.cpu.database.toFixed(2)} ms in PostgreSQL`;
        return `${name}: ${where}; ${machine.cpus} CPUs allow at most ${Math.round((machine.cpus * 1000) / total)}/s`;
      };
      lines.push(
        '',
        `CPU per append at ${count(last.size)} events:`,
        '',
        `- ${cpuLine('POST /audit, 1 console', last.clientSequential)}.`,
        `- ${cpuLine(`POST /audit, ${options.writers} consoles`, last.clientConcurrent)}.`,
        `- ${cpuLine(`POST /consent/verify, ${options.writers} consoles`, last.serverConcurrent)}.`,
      );
      const wal = (append: AppendResult) =>
        append.walBytes === undefined ? '?' : `${(append.walBytes / 1024).toFixed(1)} kB`;
      lines.push(
        '',
        `Write-ahead log per append (POST /audit, ${options.writers} consoles; POST /consent/verify, ${options.writers} consoles): ` +
          database.sizes
            .map(
              (size) =>
                `${count(size.size)} events: ${wal(size.clientConcurrent)}, ${wal(size.serverConcurrent)}`,
            )
            .join('; ') +
          '.',
      );
      const total = database.profile.reduce((sum, line) => sum + line.msPerAppend, 0);
      const calls = (kind: ProfileLine['kind']) =>
        database.profile
          .filter((line) => line.kind === kind)
          .reduce((sum, line) => sum + line.callsPerAppend, 0);
      const statements = calls('statement');
      const transactions = calls('transaction');
      lines.push(
        '',
        `Where the time of one sequential POST /audit goes (at ${count(last.size)} events: ${ms(total)} per append, ` +
          `${(statements + 2 * transactions).toFixed(0)} round trips to the database: ${statements.toFixed(0)} statements, ` +
          `BEGIN and COMMIT of ${transactions.toFixed(0)} transaction${transactions >= 1.5 ? 's' : ''}; latency p50 ${ms(last.clientSequential.latency.p50)} / p95 ${ms(last.clientSequential.latency.p95)}):`,
        '',
        '| step | calls per append | ms per append | share |',
        '|---|---:|---:|---:|',
      );
      for (const line of database.profile) {
        lines.push(
          `| ${line.step.replaceAll('|', '\\|')} | ${line.callsPerAppend.toFixed(2)} | ${line.msPerAppend.toFixed(3)} | ${((100 * line.msPerAppend) / total).toFixed(0)}% |`,
        );
      }
    }
  }
  lines.push('', '## Verdicts', '');
  for (const verdict of verdicts(result)) {
    lines.push(`- ${verdict.met ? 'MET' : 'MISSED'}: ${verdict.goal}: ${verdict.detail}.`);
  }
  lines.push('', `Total time: ${seconds(result.totalMs)}.`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Command line.

const USAGE =
  'Usage: npm run bench:server -- [--sizes 10000,100000,1000000] [--databases pglite,postgres] ' +
  '[--samples 200] [--appends 2000] [--writers 8] [--consoles 1000]';

/** The options of the command line, or an Error naming the bad one. */
export function parseCommandLine(args: readonly string[]): Partial<BenchOptions> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      sizes: { type: 'string' },
      databases: { type: 'string' },
      samples: { type: 'string' },
      appends: { type: 'string' },
      writers: { type: 'string' },
      consoles: { type: 'string' },
    },
    strict: true,
  });
  const number = (name: string, value: string) => {
    const n = Number(value.replace(/_/g, ''));
    if (!/^[\d_]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw new Error(`--${name} takes whole numbers from 1, not ${JSON.stringify(value)}`);
    }
    return n;
  };
  const list = (value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const options: { -readonly [K in keyof BenchOptions]?: BenchOptions[K] } = {};
  if (values.sizes !== undefined) options.sizes = list(values.sizes).map((v) => number('sizes', v));
  if (values.databases !== undefined) {
    options.databases = list(values.databases).map((name) => {
      if (!DATABASE_NAMES.includes(name as DatabaseName)) {
        throw new Error(
          `--databases takes ${DATABASE_NAMES.join(', ')}, not ${JSON.stringify(name)}`,
        );
      }
      return name as DatabaseName;
    });
  }
  if (values.samples !== undefined) options.samples = number('samples', values.samples);
  if (values.appends !== undefined) options.appends = number('appends', values.appends);
  if (values.writers !== undefined) options.writers = number('writers', values.writers);
  if (values.consoles !== undefined) options.consoles = number('consoles', values.consoles);
  return options;
}

async function main(): Promise<void> {
  let options: Partial<BenchOptions>;
  try {
    options = parseCommandLine(process.argv.slice(2));
    resolveOptions(options);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  // Ctrl-C stops the run after its current step; the run then removes its databases. tsx
  // relays the signal once more and kills a process that leaves it unanswered, so the handler
  // stays short and the run lets the event loop turn often (see `breathe`).
  const controller = new AbortController();
  let stopping = false;
  const interrupted = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping after the current step; removing the temporary databases.`);
    controller.abort();
    // Should a step hang, remove what is left and leave anyway.
    setTimeout(() => void removeLeftovers().finally(() => process.exit(130)), 60_000).unref();
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    const result = await runBenchmark({ ...options, signal: controller.signal });
    console.log(formatReport(result));
  } catch (error) {
    if (stopping) process.exit(130);
    console.error(`bench:server failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  }
}

/** Stops the PostgreSQL servers and removes the directories a stopped run left. */
async function removeLeftovers(): Promise<void> {
  for (const server of liveServers) await destroyServer(server).catch(() => undefined);
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) await main();
