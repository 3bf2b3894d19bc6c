import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error(
    'No Chromium found. Install one (apt-get install -y chromium) or set CHROME_PATH.',
  );
}

/**
 * The reference server at /api of the test server, on an in-memory database, so browser tests
 * run `HttpAdapter` and the elements against the real backend, same origin.
 */
const { mountReferenceServer } = await tsImport('./server/dev.ts', import.meta.url);
const api = await mountReferenceServer({ dataDir: 'memory://' });

/** Koa middleware handing /api/* to the reference server. */
async function referenceServer(context, next) {
  if (!context.path.startsWith('/api/')) return next();
  context.respond = false;
  context.req.url = context.req.url.slice('/api'.length);
  await api.handle(context.req, context.res);
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

/**
 * `bring-to-front`: makes the calling test's page the visible, focused tab. With two files at a
 * time one page is in the background, where Chrome does not deliver some events (a modal
 * dialog's `close` after Escape, for one); a test that needs the foreground asks for it.
 */
function bringToFrontPlugin() {
  return {
    name: 'kit-bring-to-front',
    async executeCommand({ command, session }) {
      if (command !== 'bring-to-front') return undefined;
      await session.browser.getPage(session.id).bringToFront();
      return true;
    },
  };
}

/**
 * `emulate-media-features`: sets CSS media features of the calling test's page, such as
 * `forced-colors: active` (Chrome's own emulation, which also applies the forced palette).
 * `emulateMedia` of the commands package does not pass `forced-colors` to Chrome.
 */
function mediaFeaturesPlugin() {
  /** One DevTools session per page: the emulation lasts as long as its session. */
  const sessions = new Map();
  return {
    name: 'kit-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', { features: payload });
      return true;
    },
  };
}

export default {
  reporters: [defaultReporter(), totalsReporter()],
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  middleware: [referenceServer],
  concurrency: 2,
  testsFinishTimeout: 180_000,
  plugins: [
    bringToFrontPlugin(),
    mediaFeaturesPlugin(),
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
