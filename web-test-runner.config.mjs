import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error(
    'No Chromium found. Install one (apt-get install -y chromium) or set CHROME_PATH.',
  );
}

/** Counts every test of every file and prints the total as the run's last line. */
function totalsReporter() {
  const count = (suite, totals) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite?.suites ?? []) count(child, totals);
    return totals;
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
      const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
      console.log(`\ntests: ${line}`);
      if (process.env.WTR_TOTALS_FILE) writeFileSync(process.env.WTR_TOTALS_FILE, line);
    },
  };
}

export default {
  reporters: [defaultReporter(), totalsReporter()],
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testsFinishTimeout: 180_000,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  coverageConfig: {
    include: ['src/**/*.ts'],
    report: true,
    reportDir: 'coverage',
    reporters: ['text-summary', 'lcov', 'json-summary'],
    threshold: { statements: 85, branches: 75, functions: 80, lines: 85 },
  },
  testFramework: {
    config: { timeout: 10_000 },
  },
};
