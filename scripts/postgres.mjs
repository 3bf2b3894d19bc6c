// A throwaway, real PostgreSQL server for tests and benchmarks, using Node built-ins only.
//
// Library:  findPostgresBin(), ensurePostgres({ log }), startPostgres({ durable, install, binDir, log })
// CLI:      node scripts/postgres.mjs ensure          install PostgreSQL if missing, print its bin dir
//           node scripts/postgres.mjs run [--durable] start a server, print its URL, run until Ctrl-C
//
// PostgreSQL refuses to run as root, so when this process is root every PostgreSQL command runs
// as the `postgres` system user (created by the Debian package) through runuser, or su.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} EnsureOptions
 * @property {(message: string) => void} [log] Progress messages (default: standard error).
 */

/**
 * @typedef {object} StartOptions
 * @property {boolean} [durable] Keep fsync, synchronous_commit and full_page_writes on, and let
 *   initdb sync its files (default false: faster, but a machine crash may lose data).
 * @property {boolean} [install] Install PostgreSQL with apt-get when it is missing and this process
 *   is root, as ensurePostgres() does (default true). With false, a missing server throws.
 * @property {string} [binDir] The directory holding initdb, pg_ctl and postgres
 *   (default: ensurePostgres(), or findPostgresBin() with install false).
 * @property {(message: string) => void} [log] Progress messages (default: standard error).
 */

/**
 * @typedef {object} PostgresServer
 * @property {string} url `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth, no password).
 * @property {string} host Always 127.0.0.1.
 * @property {number} port The TCP port, kept across stop() and start().
 * @property {string} dataDir The cluster's data directory.
 * @property {string} baseDir The temporary directory holding the data, the log and the socket.
 * @property {string} logFile The server log.
 * @property {string} binDir The PostgreSQL bin directory in use.
 * @property {() => Promise<void>} stop Fast shutdown (clients are disconnected); no-op when stopped.
 * @property {() => Promise<void>} start Starts again on the same port and data; no-op when running.
 * @property {() => Promise<void>} destroy Immediate shutdown, then removes baseDir; idempotent.
 * @property {(name: string) => Promise<string>} createDatabase Creates a database named
 *   /^[a-z_][a-z0-9_]{0,62}$/ and returns its URL.
 */

/** @typedef {{ uid: number, gid: number, wrap: (command: string, args: string[]) => [string, string[]] }} RunAs */

const HOST = '127.0.0.1';
const SERVER_BINARIES = ['initdb', 'pg_ctl', 'postgres'];
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Characters pg_ctl cannot pass safely: it puts the data and log paths in "…" in a shell line. */
const SHELL_UNSAFE_PATH = /["$`\\\n\r]/;
/** Unix socket paths must fit in sockaddr_un.sun_path (108 bytes on Linux, with the NUL). */
const MAX_SOCKET_PATH = 107;
const START_ATTEMPTS = 5;

/** @param {string} message */
const defaultLog = (message) => console.error(message);

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** @param {string} path */
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** @param {string} dir */
const hasServerBinaries = (dir) =>
  SERVER_BINARIES.every((name) => isExecutableFile(join(dir, name)));

/** The directories of PATH, then the sbin ones a minimal root PATH may lack. */
function searchPath() {
  const fromEnv = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [
    ...fromEnv,
    '/usr/local/sbin',
    '/usr/local/bin',
    '/usr/sbin',
    '/usr/bin',
    '/sbin',
    '/bin',
  ];
}

/**
 * The full path of a program found on PATH (or in the usual system directories), or undefined.
 * @param {string} name
 */
function findProgram(name) {
  return searchPath()
    .map((dir) => join(dir, name))
    .find(isExecutableFile);
}

/**
 * Subdirectories of `parent` whose names match `pattern` (one capture group: the version),
 * joined with `suffix`, the highest version first.
 * @param {string} parent
 * @param {RegExp} pattern
 * @param {string} suffix
 */
function versionedDirs(parent, pattern, suffix) {
  let names;
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const version = pattern.exec(name)?.[1];
      return version === undefined ? [] : [{ version, dir: join(parent, name, suffix) }];
    })
    .sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))
    .map((entry) => entry.dir);
}

function pgConfigBindir() {
  const pgConfig = findProgram('pg_config');
  if (!pgConfig) return undefined;
  try {
    const output = execFileSync(pgConfig, ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return output.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The directory holding initdb, pg_ctl and postgres, or undefined: PG_BIN when set (and then only
 * PG_BIN), else `pg_config --bindir`, else the highest version under /usr/lib/postgresql/ (Debian,
 * Ubuntu), else the other usual places (PGDG RPMs, source builds, Homebrew, /usr/bin, PATH).
 * @returns {string | undefined}
 */
export function findPostgresBin() {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return hasServerBinaries(fromEnv) ? resolve(fromEnv) : undefined;
  const candidates = [
    pgConfigBindir(),
    ...versionedDirs('/usr/lib/postgresql', /^(\d+(?:\.\d+)?)$/, 'bin'),
    ...versionedDirs('/usr', /^pgsql-(\d+(?:\.\d+)?)$/, 'bin'),
    '/usr/local/pgsql/bin',
    ...versionedDirs('/opt/homebrew/opt', /^postgresql@(\d+(?:\.\d+)?)$/, 'bin'),
    ...versionedDirs('/usr/local/opt', /^postgresql@(\d+(?:\.\d+)?)$/, 'bin'),
    '/opt/homebrew/bin',
    ...searchPath(),
  ];
  return candidates.find((dir) => dir !== undefined && hasServerBinaries(dir));
}

/**
 * Runs a command with its output on our standard error (standard output stays for results).
 * @param {string} command
 * @param {string[]} args
 * @param {(message: string) => void} log
 * @returns {Promise<void>}
 */
function runInherited(command, args, log) {
  log(`> ${command} ${args.join(' ')}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

const INSTALL_HINT = [
  'Install it, for example:  sudo apt-get install -y postgresql',
  'or point PG_BIN at the bin directory of an existing installation (the output of',
  'pg_config --bindir, the directory holding initdb, pg_ctl and postgres), then run again.',
].join('\n');

/**
 * The PostgreSQL bin directory; when none is found and this process is root with apt-get, installs
 * the `postgresql` package first. Otherwise throws an Error that says how to install it.
 * @param {EnsureOptions} [options]
 * @returns {Promise<string>}
 */
export async function ensurePostgres({ log = defaultLog } = {}) {
  const found = findPostgresBin();
  if (found) return found;
  if (process.env.PG_BIN) {
    throw new Error(
      `PG_BIN is set to ${process.env.PG_BIN}, which does not hold initdb, pg_ctl and postgres.\n` +
        'Point PG_BIN at the bin directory of a PostgreSQL installation, or unset it.',
    );
  }
  const aptGet = findProgram('apt-get');
  if (isRoot() && aptGet) {
    log('PostgreSQL was not found; installing it with apt-get.');
    try {
      await runInherited(aptGet, ['update', '-qq'], log);
      await runInherited(
        aptGet,
        ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'],
        log,
      );
    } catch (error) {
      throw new Error(
        `Installing PostgreSQL failed: ${/** @type {Error} */ (error).message}\n${INSTALL_HINT}`,
        { cause: error },
      );
    }
    const installed = findPostgresBin();
    if (installed) return installed;
  }
  throw new Error(
    `The tests need a PostgreSQL server (initdb, pg_ctl and postgres), and none was found.\n${INSTALL_HINT}`,
  );
}

/**
 * Quotes one word for a POSIX shell.
 * @param {string} word
 */
function shellQuote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * How to run PostgreSQL commands as the `postgres` user, for a root process.
 * @returns {RunAs}
 */
function postgresUser() {
  /** @param {string} flag */
  const id = (flag) => {
    try {
      return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }));
    } catch {
      return NaN;
    }
  };
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error(
      'PostgreSQL refuses to run as root, and there is no `postgres` user to run it as.\n' +
        'Install the Debian package (sudo apt-get install -y postgresql), which creates one, or run as a non-root user.',
    );
  }
  const runuser = findProgram('runuser');
  if (runuser) {
    return {
      uid,
      gid,
      wrap: (command, args) => [runuser, ['-u', 'postgres', '--', command, ...args]],
    };
  }
  const su = findProgram('su');
  if (!su)
    throw new Error('Running PostgreSQL as root needs runuser or su to switch to `postgres`.');
  return {
    uid,
    gid,
    wrap: (command, args) => [
      su,
      ['postgres', '-s', '/bin/sh', '-c', ['exec', command, ...args].map(shellQuote).join(' ')],
    ],
  };
}

/**
 * The environment for PostgreSQL commands: the C locale (so a missing system locale cannot make
 * initdb or the server fail), and none of the PG* variables that would redirect client tools.
 */
function childEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG') && !key.startsWith('LC_') && key !== 'LANG') env[key] = value;
  }
  return { ...env, LANG: 'C', LC_ALL: 'C' };
}

/**
 * The last lines of a text (or of the part of a file after `from` bytes), for error messages.
 * @param {string} text
 * @param {number} [lines]
 */
function lastLines(text, lines = 30) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * @param {string} file
 * @param {number} [from]
 */
function fileTail(file, from = 0) {
  try {
    return lastLines(readFileSync(file).subarray(from).toString('utf8'));
  } catch {
    return '';
  }
}

/** @param {string} file */
function fileSize(file) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * @param {string} dir
 * @param {number} uid
 * @param {number} gid
 */
function chownRecursive(dir, uid, gid) {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chownRecursive(path, uid, gid);
    else chownSync(path, uid, gid);
  }
}

/**
 * The first ancestor of `dir` that others cannot enter (the `postgres` user would be stopped there).
 * @param {string} dir
 */
function closedAncestor(dir) {
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    try {
      if ((statSync(parent).mode & 0o001) === 0) return parent;
    } catch {
      return parent;
    }
    if (dirname(parent) === parent) return undefined;
  }
}

/** Ports handed out by this process, so two servers started at once never pick the same one. */
const usedPorts = new Set();

/** A TCP port free on 127.0.0.1 right now: the kernel's pick for a listener on port 0. */
async function freePort() {
  for (;;) {
    const port = await new Promise((resolvePromise, reject) => {
      const server = createServer();
      server.unref();
      server.on('error', reject);
      server.listen(0, HOST, () => {
        const address = server.address();
        server.close(() =>
          resolvePromise(typeof address === 'object' && address ? address.port : 0),
        );
      });
    });
    if (port && !usedPorts.has(port)) {
      usedPorts.add(port);
      return port;
    }
  }
}

/**
 * Runs a PostgreSQL command (as `postgres` when root) and captures its output.
 * @param {RunAs | undefined} runAs
 * @param {string} cwd
 * @param {string} command
 * @param {string[]} args
 * @param {number} [timeout]
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
function runPg(runAs, cwd, command, args, timeout = 120_000) {
  const [file, argv] = runAs ? runAs.wrap(command, args) : [command, args];
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      argv,
      { cwd, env: childEnv(), encoding: 'utf8', timeout, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise({ stdout, stderr });
        const output = lastLines(`${stdout}\n${stderr}`);
        reject(
          Object.assign(new Error(`${command} ${args.join(' ')} failed: ${error.message}`), {
            output,
            cause: error,
          }),
        );
      },
    );
  });
}

/** Servers not destroyed yet, stopped and removed synchronously when the process exits. */
/** @type {Set<() => void>} */
const live = new Set();
const EXIT_SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

function cleanupAllSync() {
  for (const cleanup of [...live]) cleanup();
}

/** @param {NodeJS.Signals} signal */
function onSignal(signal) {
  // Someone else handles this signal and decides when to exit; 'exit' cleans up then.
  if (process.listenerCount(signal) > 1) return;
  cleanupAllSync();
  unwatch();
  process.kill(process.pid, signal);
}

function watch() {
  if (live.size > 0) return;
  process.on('exit', cleanupAllSync);
  for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
}

function unwatch() {
  if (live.size > 0) return;
  process.removeListener('exit', cleanupAllSync);
  for (const signal of EXIT_SIGNALS) process.removeListener(signal, onSignal);
}

/**
 * Starts a throwaway PostgreSQL cluster in a new temporary directory, listening on a free port of
 * 127.0.0.1 with trust authentication for the user `postgres`.
 * @param {StartOptions} [options]
 * @returns {Promise<PostgresServer>}
 */
export async function startPostgres(options = {}) {
  const log = options.log ?? defaultLog;
  const durable = options.durable === true;
  let binDir = options.binDir;
  if (binDir === undefined) {
    if (options.install === false) {
      binDir = findPostgresBin();
      if (!binDir) throw new Error(`PostgreSQL was not found.\n${INSTALL_HINT}`);
    } else {
      binDir = await ensurePostgres({ log });
    }
  }
  const bin = /** @param {string} name */ (name) => join(/** @type {string} */ (binDir), name);
  const runAs = isRoot() ? postgresUser() : undefined;

  const baseDir = mkdtempSync(join(tmpdir(), 'pg-'));
  const dataDir = join(baseDir, 'data');
  const logFile = join(baseDir, 'log');
  const pidFile = join(dataDir, 'postmaster.pid');
  let port = 0;
  let destroyed = false;

  /** @param {string[]} args */
  const pgCtl = (args, timeout = 120_000) => runPg(runAs, baseDir, bin('pg_ctl'), args, timeout);
  const isRunning = async () => {
    if (!existsSync(pidFile)) return false;
    try {
      await pgCtl(['-D', dataDir, 'status'], 10_000);
      return true;
    } catch {
      return false; // exit 3: a stale postmaster.pid, no server running
    }
  };

  const cleanupSync = () => {
    live.delete(cleanupSync);
    if (existsSync(pidFile)) {
      const [file, argv] = runAs
        ? runAs.wrap(bin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
        : [bin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']];
      spawnSync(file, argv, { cwd: baseDir, env: childEnv(), stdio: 'ignore', timeout: 30_000 });
    }
    rmSync(baseDir, { recursive: true, force: true });
  };
  watch();
  live.add(cleanupSync);

  /** Starts the server on `port`; on failure, the error has the new part of the server log. */
  const startServer = async () => {
    const postgresOptions = [
      ['-p', String(port)],
      ['-k', baseDir],
      ['-c', `listen_addresses=${HOST}`],
      ...(durable
        ? []
        : [
            ['-c', 'fsync=off'],
            ['-c', 'synchronous_commit=off'],
            ['-c', 'full_page_writes=off'],
          ]),
    ]
      .flat()
      .map(shellQuote) // pg_ctl hands -o to /bin/sh
      .join(' ');
    const logStart = fileSize(logFile);
    try {
      await pgCtl(['-D', dataDir, '-w', '-t', '30', '-l', logFile, 'start', '-o', postgresOptions]);
    } catch (error) {
      const serverLog = fileTail(logFile, logStart);
      throw Object.assign(
        new Error(
          `PostgreSQL did not start on port ${port}.\n` +
            `--- pg_ctl:\n${/** @type {{ output?: string }} */ (error).output ?? ''}\n` +
            `--- ${logFile}:\n${serverLog}`,
          { cause: error },
        ),
        { serverLog },
      );
    }
  };

  try {
    if (SHELL_UNSAFE_PATH.test(baseDir)) {
      throw new Error(
        `The temporary directory ${JSON.stringify(baseDir)} has characters pg_ctl cannot pass to its shell; set TMPDIR to a plainer path.`,
      );
    }
    if (Buffer.byteLength(join(baseDir, '.s.PGSQL.65535.lock')) > MAX_SOCKET_PATH) {
      throw new Error(
        `The temporary directory ${baseDir} is too long for a Unix socket path; set TMPDIR to a shorter path.`,
      );
    }
    if (runAs) chownRecursive(baseDir, runAs.uid, runAs.gid);

    const initdbArgs = [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
    ];
    if (!durable) initdbArgs.push('--no-sync');
    try {
      await runPg(runAs, baseDir, bin('initdb'), initdbArgs);
    } catch (error) {
      const closed = runAs ? closedAncestor(baseDir) : undefined;
      throw new Error(
        `initdb failed.\n${/** @type {{ output?: string }} */ (error).output ?? ''}` +
          (closed
            ? `\nThe postgres user cannot enter ${closed}; set TMPDIR to a directory it can reach.`
            : ''),
        { cause: error },
      );
    }

    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await startServer();
        break;
      } catch (error) {
        // Another process took the port between our check and the server's bind: try another.
        const serverLog = /** @type {{ serverLog?: string }} */ (error).serverLog ?? '';
        const portTaken = /could not bind|Address already in use|could not create any TCP\/IP/i;
        if (attempt >= START_ATTEMPTS || !portTaken.test(serverLog)) throw error;
        log(`Port ${port} was taken; trying another.`);
        if (await isRunning()) await pgCtl(['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      }
    }
  } catch (error) {
    cleanupSync();
    unwatch();
    throw error;
  }

  // One operation at a time, in call order, so stop(), start() and destroy() never overlap.
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();
  /**
   * @template T
   * @param {() => Promise<T>} operation
   * @returns {Promise<T>}
   */
  const serial = (operation) => {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  };
  const assertAlive = () => {
    if (destroyed) throw new Error(`The PostgreSQL server in ${baseDir} was destroyed.`);
  };
  const url = (/** @type {string} */ database) => `postgres://postgres@${HOST}:${port}/${database}`;

  return {
    url: url('postgres'),
    host: HOST,
    port,
    dataDir,
    baseDir,
    logFile,
    binDir,
    stop: () =>
      serial(async () => {
        assertAlive();
        if (!existsSync(pidFile)) return;
        try {
          await pgCtl(['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
        } catch (error) {
          if (await isRunning()) throw error;
        }
      }),
    start: () =>
      serial(async () => {
        assertAlive();
        if (await isRunning()) return;
        await startServer();
      }),
    destroy: () =>
      serial(async () => {
        if (destroyed) return;
        destroyed = true;
        if (existsSync(pidFile)) {
          try {
            await pgCtl(['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
          } catch {
            // not running (a stale postmaster.pid); cleanupSync tries once more anyway
          }
        }
        cleanupSync();
        unwatch();
      }),
    createDatabase: (name) =>
      serial(async () => {
        if (typeof name !== 'string' || !DATABASE_NAME.test(name)) {
          throw new Error(
            `Refusing to create database ${JSON.stringify(name)}: names must match ${DATABASE_NAME}.`,
          );
        }
        assertAlive();
        try {
          await runPg(runAs, baseDir, bin('createdb'), [
            '-h',
            HOST,
            '-p',
            String(port),
            '-U',
            'postgres',
            name,
          ]);
        } catch (error) {
          throw new Error(
            `Creating database ${name} failed.\n${/** @type {{ output?: string }} */ (error).output ?? ''}`,
            { cause: error },
          );
        }
        return url(name);
      }),
  };
}

/** @param {string[]} args */
async function main(args) {
  const [command, ...rest] = args;
  if (command === 'ensure') {
    try {
      console.log(await ensurePostgres());
    } catch (error) {
      console.error(/** @type {Error} */ (error).message);
      process.exitCode = 1;
    }
    return;
  }
  if (command === 'run') {
    const started = performance.now();
    let server;
    try {
      server = await startPostgres({ durable: rest.includes('--durable') });
    } catch (error) {
      console.error(/** @type {Error} */ (error).message);
      process.exitCode = 1;
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(server.url);
    console.error(`PostgreSQL ready in ${seconds} s; data in ${server.dataDir}. Ctrl-C stops it.`);
    const keepAlive = setInterval(() => undefined, 1 << 30);
    let stopping = false;
    /** @param {NodeJS.Signals} signal */
    const shutdown = (signal) => {
      if (stopping) return;
      stopping = true;
      console.error(`${signal}: stopping PostgreSQL.`);
      server.destroy().finally(() => {
        clearInterval(keepAlive);
        process.exit(0);
      });
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    return;
  }
  console.error(
    'Usage: node scripts/postgres.mjs ensure        install PostgreSQL if missing, print its bin dir\n' +
      '       node scripts/postgres.mjs run [--durable]  start a throwaway server, print its URL',
  );
  process.exitCode = 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
