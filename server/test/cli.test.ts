/**
 * The commands of the README, run as a user runs them: `npm run server`, `npm run conformance`
 * against it, `npm run audit:verify`, and `openapi.json` kept current.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openApiText } from '../openapi.js';
import { openDatabase } from '../index.js';
import { app, as } from './helpers.js';

interface Finished {
  readonly code: number | null;
  readonly output: string;
}

type Command = ChildProcess & { output: () => string; closed: Promise<Finished> };

function npm(args: string[], env: Record<string, string> = {}): Command {
  // Without NODE_TEST_CONTEXT, the conformance command reports like it does for a user (TAP),
  // not in the protocol this test runner speaks with its own subprocesses.
  const inherited = { ...process.env };
  delete inherited.NODE_TEST_CONTEXT;
  // Its own process group, so `stop` reaches npm, the shell and the server alike.
  const child = spawn('npm', ['run', '-s', ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const closed = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
  return Object.assign(child, { output: () => output, closed });
}

const finished = (child: Command) => child.closed;

const run = (args: string[], env?: Record<string, string>) => finished(npm(args, env));

/** Sends SIGTERM to the command's whole process group, as a terminal's Ctrl-C would. */
function stop(child: Command): Promise<Finished> {
  const done = finished(child);
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  return done;
}

async function freePort(): Promise<number> {
  const probe = createHttpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitFor(
  child: ChildProcess & { output: () => string },
  pattern: RegExp,
  ms = 60_000,
) {
  const started = Date.now();
  while (!pattern.test(child.output())) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${child.output()}`);
    if (Date.now() - started > ms)
      throw new Error(`timed out waiting for ${pattern}:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm run server and npm run conformance', () => {
  let dataDir: string;
  let port: number;
  let server: Command;

  before(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'acc-server-')), 'pglite');
    port = await freePort();
    server = npm(['server'], { PORT: String(port), DATA_DIR: dataDir });
    await waitFor(server, /Reference server on http:\/\/127\.0\.0\.1:\d+/);
  });

  after(async () => {
    await stop(server);
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('the conformance command passes against the development server with no other argument', async () => {
    const result = await run(['conformance', '--', '--url', `http://127.0.0.1:${port}`]);
    assert.equal(result.code, 0, result.output.slice(-3000));
    assert.match(result.output, /# pass 36/);
    assert.match(result.output, /# fail 0/);
    // And again on the same server: the suite makes its own consoles.
    const again = await run(['conformance', '--', '--url', `http://127.0.0.1:${port}`]);
    assert.equal(again.code, 0, again.output.slice(-3000));
  });

  it('a second server on the same data directory stops with a clear message', async () => {
    const second = await run(['server'], { PORT: String(await freePort()), DATA_DIR: dataDir });
    assert.equal(second.code, 1);
    assert.match(second.output, /is in use by process \d+/);
  });

  it('a server on a busy port stops with a clear message', async () => {
    const other = join(await mkdtemp(join(tmpdir(), 'acc-server-')), 'pglite');
    after(() => rm(join(other, '..'), { recursive: true, force: true }));
    const busy = await run(['server'], { PORT: String(port), DATA_DIR: other });
    assert.equal(busy.code, 1);
    assert.match(busy.output, new RegExp(`port ${port} is in use`));
  });

  it('stops on SIGTERM and releases the data directory', async () => {
    const done = await stop(server);
    assert.doesNotMatch(done.output, /Error/);
    await assert.rejects(readFile(`${dataDir}.lock`), { code: 'ENOENT' });
  });
});

describe('npm run server in production', () => {
  it('refuses to start with the development authenticator', async () => {
    const result = await run(['server'], {
      NODE_ENV: 'production',
      PORT: String(await freePort()),
    });
    assert.equal(result.code, 1);
    assert.match(result.output, /cannot run with NODE_ENV=production/);
  });
});

describe('the conformance command', () => {
  it('refuses bad arguments with its usage (exit 2)', async () => {
    for (const args of [
      [],
      ['--url', 'ftp://example.test'],
      ['--url', 'http://127.0.0.1:1', '--header', 'Authorization: Bearer a'],
    ]) {
      const result = await run(['conformance', '--', ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.output}`);
      assert.match(result.output, /Usage: azure-compliance-connect-conformance/);
    }
  });

  it('fails (exit 1) against a backend that does not keep the contract', async () => {
    // Answers every request with 200 and `null`: plausible at first sight, wrong everywhere.
    const fake = createHttpServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('null');
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    after(() => new Promise((resolve) => fake.close(resolve)));
    const { port } = fake.address() as AddressInfo;
    const result = await run(['conformance', '--', '--url', `http://127.0.0.1:${port}`]);
    assert.equal(result.code, 1);
    assert.match(result.output, /# pass \d+/);
    const failed = Number(/# fail (\d+)/.exec(result.output)?.[1]);
    assert.ok(failed >= 30, `only ${failed} checks failed`);
  });
});

describe('npm run audit:verify', () => {
  let dir: string;
  let consoleId: string;

  before(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'acc-verify-')), 'pglite');
    const db = await openDatabase({ dataDir: dir });
    const admin = as(app(db));
    consoleId = admin.consoleId;
    await admin.connect();
    await admin.delete('/connection');
    await db.close();
  });
  after(() => rm(join(dir, '..'), { recursive: true, force: true }));

  it('reports an intact chain (exit 0), then the first broken link after tampering (exit 1)', async () => {
    const intact = await run(['audit:verify', '--', '--console', consoleId], { DATA_DIR: dir });
    assert.equal(intact.code, 0, intact.output);
    assert.match(intact.output, new RegExp(`${consoleId}: 3 events, chain intact`));
    const db = await openDatabase({ dataDir: dir });
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await tx.query(
        "UPDATE audit_events SET outcome = 'failure' WHERE console_id = $1 AND seq = 2",
        [consoleId],
      );
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
    await db.close();
    const broken = await run(['audit:verify', '--', '--all'], { DATA_DIR: dir });
    assert.equal(broken.code, 1, broken.output);
    assert.match(
      broken.output,
      new RegExp(
        `${consoleId}: BROKEN at event 2 \\(id [0-9a-f-]+\\): event 2 no longer matches its hash`,
      ),
    );
  });

  it('refuses a missing or malformed console (exit 2)', async () => {
    for (const args of [[], ['--console', 'a b'], ['--console', 'x', '--all'], ['--nope']]) {
      const result = await run(['audit:verify', '--', ...args], { DATA_DIR: dir });
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.output}`);
    }
  });
});

describe('openapi.json', () => {
  it('is what the contract generates today', async () => {
    const committed = await readFile(new URL('../../openapi.json', import.meta.url), 'utf8');
    assert.equal(committed, await openApiText(), 'openapi.json is stale: run npm run openapi');
  });
});
