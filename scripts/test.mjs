// `npm test`: every check, in order, stopping at the first failure with its exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const totalsFile = '.tmp/test-totals.txt';
rmSync(totalsFile, { force: true });

const steps = [
  ['lint (ESLint + Prettier)', 'npm', ['run', '-s', 'lint']],
  ['type-check', 'npm', ['run', '-s', 'typecheck']],
  [
    'unit and browser tests (Chromium, coverage)',
    'npx',
    ['web-test-runner', '--config', 'web-test-runner.config.mjs', '--coverage'],
  ],
  ['custom-elements.json is current', 'npm', ['run', '-s', 'manifest:check']],
  ['package build and exports', 'npm', ['run', '-s', 'package:check']],
  ['Storybook build', 'npm', ['run', '-s', 'build-storybook']],
];

const env = {
  ...process.env,
  WTR_TOTALS_FILE: totalsFile,
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

// The closing line: the browser test totals, alone on the last line.
if (existsSync(totalsFile)) console.log(`\ntests: ${readFileSync(totalsFile, 'utf8')}`);
