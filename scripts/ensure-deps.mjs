// Installs what `npm start` and `npm test` need on a fresh machine, using Node built-ins only:
// the npm packages (npm ci) when node_modules is missing or older than the lockfile, and with
// --browser a headless Chromium, and with --postgres a PostgreSQL server (both with apt-get, when
// running as root) when none is found. With --browser it also installs React 18 into
// test/react-18 (its own small package, beside the React 19 of the main tree) for the React tests.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';
import { ensurePostgres } from './postgres.mjs';

const wantBrowser = process.argv.includes('--browser');
const wantPostgres = process.argv.includes('--postgres');

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit' });
}

const marker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(marker) ||
  (existsSync('package-lock.json') &&
    statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  run(
    'npm',
    existsSync('package-lock.json')
      ? ['ci', '--no-audit', '--no-fund']
      : ['install', '--no-audit', '--no-fund'],
  );
}

/** Installs the package at `dir` (npm ci) when its node_modules is missing or older than its lock. */
function ensurePackage(dir) {
  const lock = `${dir}/package-lock.json`;
  const installed = `${dir}/node_modules/.package-lock.json`;
  const outdated =
    !existsSync(installed) ||
    (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000);
  if (outdated) run('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund']);
}

if (wantBrowser) ensurePackage('test/react-18');

if (wantBrowser && !findChromium()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  }
  if (!findChromium()) {
    console.error(
      [
        'The browser tests need Chromium or Chrome, and none was found.',
        'Install one, for example:  sudo apt-get install -y chromium',
        'or point CHROME_PATH at an existing Chrome or Chromium binary, then run npm test again.',
      ].join('\n'),
    );
    process.exit(1);
  }
}

if (wantPostgres) {
  try {
    await ensurePostgres({ log: (message) => console.log(message) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
