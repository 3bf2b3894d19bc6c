// `npm test`: every check, in order, stopping at the first failure with its exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const totalsFile = '.tmp/test-totals.txt';
const serverTotalsFile = '.tmp/server-totals.txt';
rmSync(totalsFile, { force: true });
rmSync(serverTotalsFile, { force: true });

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
];

const env = {
  ...process.env,
  WTR_TOTALS_FILE: totalsFile,
  SERVER_TOTALS_FILE: serverTotalsFile,
  STORYBOOK_DISABLE_TELEMETRY: '1',
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

// The closing lines: the test totals, browser then server, the last line of the run.
if (existsSync(totalsFile)) console.log(`\nbrowser tests: ${readFileSync(totalsFile, 'utf8')}`);
if (existsSync(serverTotalsFile)) {
  console.log(`server tests: ${readFileSync(serverTotalsFile, 'utf8')}`);
}
