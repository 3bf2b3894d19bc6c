// `npm test`: every check, in order, stopping at the first failure with its exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const totalsFile = '.tmp/test-totals.txt';
const serverTotalsFile = '.tmp/server-totals.txt';
const storiesFile = '.tmp/story-results.xml';
const reactFile = '.tmp/react-results.xml';
for (const file of [totalsFile, serverTotalsFile, storiesFile, reactFile]) {
  rmSync(file, { force: true });
}

const steps = [
  ['lint (ESLint + Prettier)', 'npm', ['run', '-s', 'lint']],
  ['type-check (with the React 19 and Vue type tests)', 'npm', ['run', '-s', 'typecheck']],
  [
    'unit and browser tests (Chromium, coverage)',
    'npx',
    ['web-test-runner', '--config', 'web-test-runner.config.mjs', '--coverage'],
  ],
  [
    'server tests (Node: reference server on PGlite and PostgreSQL, conformance suite)',
    'node',
    ['scripts/test-server.mjs'],
  ],
  ['openapi.json is current', 'npm', ['run', '-s', 'openapi', '--', '--check']],
  ['custom-elements.json and types/ are current', 'npm', ['run', '-s', 'manifest:check']],
  ['package build, exports and the standalone bundle', 'npm', ['run', '-s', 'package:check']],
  ['Storybook build', 'npm', ['run', '-s', 'build-storybook']],
  [
    'Storybook stories as tests (play functions and accessibility, Chromium)',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'storybook',
      '--reporter=default',
      '--reporter=junit',
      `--outputFile.junit=${storiesFile}`,
    ],
  ],
  [
    'React components under React 19 and React 18 (Chromium)',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.react.config.ts',
      '--reporter=default',
      '--reporter=junit',
      `--outputFile.junit=${reactFile}`,
    ],
  ],
];

const env = {
  ...process.env,
  WTR_TOTALS_FILE: totalsFile,
  SERVER_TOTALS_FILE: serverTotalsFile,
  STORYBOOK_DISABLE_TELEMETRY: '1',
  // The React tests run under React 18 too; its absence is a failure here, not a skip.
  KIT_REQUIRE_REACT_18: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
};
for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n=== FAILED: ${name} (exit ${result.status ?? result.signal}, ${seconds} s)`);
    process.exit(result.status || 1);
  }
  console.log(`=== ok: ${name} (${seconds} s)`);
}

/** `passed, failed, skipped` from a Vitest JUnit report (its JSON one carries every axe result). */
function junitTotals(file) {
  const report = readFileSync(file, 'utf8');
  const count = (pattern) => [...report.matchAll(pattern)].reduce((n, m) => n + Number(m[1]), 0);
  const total = count(/<testsuites [^>]*?\btests="(\d+)"/g);
  const failed = count(/<testsuites [^>]*?\bfailures="(\d+)"/g);
  const skipped = count(/<testsuite [^>]*?\bskipped="(\d+)"/g);
  return `${total - failed - skipped} passed, ${failed} failed, ${skipped} skipped`;
}

// The closing lines: the test totals of each runner.
if (existsSync(totalsFile)) console.log(`\nbrowser tests: ${readFileSync(totalsFile, 'utf8')}`);
if (existsSync(serverTotalsFile)) {
  console.log(`server tests: ${readFileSync(serverTotalsFile, 'utf8')}`);
}
if (existsSync(storiesFile)) console.log(`story tests: ${junitTotals(storiesFile)}`);
if (existsSync(reactFile)) console.log(`React tests: ${junitTotals(reactFile)}`);
