// Loads the standalone bundle (dist/standalone, built by `npm run build`) in a plain page in
// Chromium, as a page without a bundler would: one <script type="module"> per entry, no import
// map. Fails when an entry does not load, requests anything outside dist/standalone, registers an
// element twice, throws, or when the composite does not reach its first step and answer a click.
// Prints each entry's size with what it loads (minified and gzip).
import { readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';
import { serveStandalone } from './serve-standalone.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const standalone = join(root, 'dist/standalone');

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Standalone bundle</title></head>
  <body>
    <azure-device-compliance storage-key="standalone-check"></azure-device-compliance>
    <script type="module" src="/dist/standalone/define.js"></script>
    <script type="module" src="/dist/standalone/define/consent-dialog.js"></script>
    <script type="module" src="/dist/standalone/http-adapter.js"></script>
  </body>
</html>`;

const requests = [];
const server = await serveStandalone(PAGE, { onRequest: (path) => requests.push(path) });
const url = server.url;

const problems = [];
const executablePath = findChromium();
if (!executablePath) throw new Error('No Chromium found: install one or set CHROME_PATH.');
const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url, { waitUntil: 'networkidle0' });
  const status = await page
    .waitForFunction(
      () => document.querySelector('azure-device-compliance')?.state?.status === 'choosing',
      { timeout: 10_000 },
    )
    .then(() => 'choosing')
    .catch(() => 'not choosing');
  if (status !== 'choosing') problems.push('the composite did not reach its first step');
  const found = await page.evaluate(async () => {
    const composite = document.querySelector('azure-device-compliance');
    const add = composite?.shadowRoot
      ?.querySelector('tenant-type-picker')
      ?.shadowRoot?.querySelector('[part="add-button"]');
    add?.click();
    for (let i = 0; i < 50 && composite?.state?.status !== 'filling'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const tags = [
      'tenant-type-picker',
      'azure-connect-form',
      'consent-dialog',
      'connection-actions',
      'azure-connection-health',
      'azure-device-compliance',
    ];
    return {
      defined: tags.filter((tag) => customElements.get(tag) !== undefined),
      status: composite?.state?.status,
      lit: typeof globalThis.litElementVersions === 'object' ? globalThis.litElementVersions : [],
    };
  });
  if (found.defined.length !== 6) problems.push(`registered: ${found.defined.join(', ')}`);
  if (found.status !== 'filling') problems.push(`Add led to "${found.status}", not "filling"`);
  if (found.lit.length !== 1) problems.push(`Lit loaded ${found.lit.length} times`);
  for (const path of requests) {
    if (path !== '/' && path !== '/favicon.ico' && !path.startsWith('/dist/standalone/'))
      problems.push(`requested ${path}, outside the bundle`);
  }
} finally {
  await browser.close();
  await server.close();
}

/** The files an entry loads: itself and, transitively, the chunks it imports. */
function closure(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(standalone, entry), 'utf8');
  for (const match of text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    const target = normalize(join(entry, '..', match[1]));
    closure(target, seen);
  }
  return seen;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const entry of ['define.js', 'define/azure-device-compliance.js', 'http-adapter.js']) {
  const files = [...closure(entry)];
  const raw = files.reduce((sum, file) => sum + statSync(join(standalone, file)).size, 0);
  const gzip = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(standalone, file))).length,
    0,
  );
  console.log(`standalone ${entry}: ${files.length} files, ${kib(raw)}, ${kib(gzip)} gzip`);
  if (files.length > 40) problems.push(`${entry} loads ${files.length} files`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`standalone check: ${problem}`);
  process.exit(1);
}
console.log('standalone check: the bundle loads in a plain page, every element once, Lit once');
