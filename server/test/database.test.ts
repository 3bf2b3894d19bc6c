/**
 * Opening the database: migrations applied once and guarded against edits, the embedded
 * directory locked against a second process, and start-up errors that say what to do.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readMigrations } from '../db/migrate.js';
import { DatabaseStartError, IN_MEMORY, migrate, openDatabase } from '../index.js';
import { openPostgres } from '../db/postgres.js';

/** Runs a TypeScript snippet in a new Node process; resolves with its exit code and output. */
function runNode(code: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (exit) => resolve({ code: exit, output }));
  });
}

const openInChild = (dir: string) => `
  import { openDatabase } from './server/index.ts';
  try {
    const db = await openDatabase({ dataDir: ${JSON.stringify(dir)} });
    await db.close();
    console.log('opened');
  } catch (error) {
    console.log(error.name + ': ' + error.message);
    process.exit(3);
  }`;

describe('migrations', () => {
  it('are applied once, recorded, and refused when a file changed after it was applied', async () => {
    const db = await openDatabase({ dataDir: IN_MEMORY });
    after(() => db.close());
    const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
    const files = await readMigrations();
    assert.deepEqual(
      recorded.map((row) => row.name),
      files.map((file) => file.name),
    );
    assert.deepEqual(await migrate(db), []);
    const [first] = files;
    assert.ok(first);
    await assert.rejects(
      migrate(db, [{ name: first.name, sql: `${first.sql}\n-- edited` }]),
      (error: Error) =>
        error instanceof DatabaseStartError && /changed after it was applied/.test(error.message),
    );
  });
});

describe('the embedded database directory', () => {
  it('refuses a second process with a message naming the first, and opens once it is free', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'acc-lock-')), 'pglite');
    after(() => rm(dir, { recursive: true, force: true }));
    const db = await openDatabase({ dataDir: dir });
    const lock = JSON.parse(await readFile(`${dir}.lock`, 'utf8')) as { pid: number };
    assert.equal(lock.pid, process.pid);
    const second = await runNode(openInChild(dir));
    assert.equal(second.code, 3, second.output);
    assert.match(
      second.output,
      /DatabaseStartError: The embedded database in .* is in use by process \d+/,
    );
    assert.match(second.output, /set DATA_DIR to another directory/);
    await db.close();
    await assert.rejects(readFile(`${dir}.lock`), { code: 'ENOENT' });
    const third = await runNode(openInChild(dir));
    assert.equal(third.code, 0, third.output);
    assert.match(third.output, /opened/);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'acc-lock-')), 'pglite');
    after(() => rm(dir, { recursive: true, force: true }));
    const { hostname } = await import('node:os');
    await writeFile(
      `${dir}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), since: '2026-01-01T00:00:00Z' }),
    );
    const db = await openDatabase({ dataDir: dir });
    await db.close();
  });
});

describe('PostgreSQL at start', () => {
  it('stops with what to do, without the password, when it cannot be reached', async () => {
    await assert.rejects(
      openPostgres('postgres://app:s3cret-pass@127.0.0.1:1/console'),
      (error: Error) => {
        assert.ok(error instanceof DatabaseStartError);
        assert.match(
          error.message,
          /^Cannot reach PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/console/,
        );
        assert.match(error.message, /unset DATABASE_URL to use the embedded database/);
        assert.ok(!error.message.includes('s3cret-pass'));
        return true;
      },
    );
  });
});
