// Captures three Storybook docs pages in light and dark, for the README and reviews:
// docs/storybook/<name>-<theme>.png for the composite's page, the consent dialog's page and the
// Design tokens page. It serves a static Storybook build with a small HTTP server and opens each
// page in headless Chromium (CHROME_PATH, or the usual places), dark through the `theme` global.
//
//   node scripts/storybook-screenshots.mjs            (builds into .tmp/sb-shots when missing)
//   node scripts/storybook-screenshots.mjs --build    (builds again first)
//   STORYBOOK_DIR=storybook-static node scripts/storybook-screenshots.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildDir = resolve(root, process.env.STORYBOOK_DIR ?? '.tmp/sb-shots');
const outputDir = join(root, 'docs', 'storybook');

/** The pages: the file name, and the docs entry's id. */
const PAGES = [
  { name: 'azure-device-compliance', id: 'elements-azure-device-compliance--docs' },
  { name: 'consent-dialog', id: 'elements-consent-dialog--docs' },
  { name: 'design-tokens', id: 'design-tokens--docs' },
];
const THEMES = ['light', 'dark'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

function build() {
  console.log(`Building Storybook into ${buildDir}…`);
  const result = spawnSync('npx', ['storybook', 'build', '--quiet', '-o', buildDir], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  if (result.status !== 0) throw new Error('storybook build failed');
}

/** Serves `dir` on a free local port; only files inside it. */
async function serve(dir) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== dir && !file.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/**
 * True once every story of the page has rendered and its play function has ended: the inline
 * stories of a docs page, or the story of a story frame.
 */
function storiesDone() {
  const preview = globalThis.__STORYBOOK_PREVIEW__;
  const renders = [...(preview?.storyRenders ?? [])];
  if (preview?.currentRender?.phase !== undefined) renders.push(preview.currentRender);
  return renders.every((render) => ['completed', 'afterEach', 'finished'].includes(render.phase));
}

/**
 * Waits until the docs page and every story on it have rendered. The composite's and the
 * dialog's stories each have their own frame, loaded lazily: the viewport is made as tall as the
 * page, so every frame is in view and loads, and each one is awaited until its story has
 * rendered and its play function has ended.
 */
async function settle(page) {
  await page.waitForSelector('#storybook-docs .sbdocs-content', { timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready);
  const width = page.viewportSize()?.width ?? 1200;
  for (let round = 0; round < 5; round += 1) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height: Math.min(height, 20_000) });
    for (const frame of await page.$$('#storybook-docs iframe')) {
      const content = await frame.contentFrame();
      if (!content) continue;
      await content.waitForFunction(
        () => document.querySelector('#storybook-root')?.childElementCount,
        undefined,
        { timeout: 30_000 },
      );
      await content.waitForFunction(storiesDone, undefined, { timeout: 30_000 });
    }
    const after = await page.evaluate(() => document.documentElement.scrollHeight);
    if (after === height) break;
  }
  // Inline stories (Design tokens) render in the page itself.
  await page.waitForFunction(storiesDone, undefined, { timeout: 30_000 });
}

/** How much of each docs page is captured, from its top, in CSS pixels. */
const TOP_HEIGHT = 1600;

async function main() {
  if (process.argv.includes('--build') || !existsSync(join(buildDir, 'iframe.html'))) build();
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROME_PATH.');
  await mkdir(outputDir, { recursive: true });
  const server = await serve(buildDir);
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    for (const { name, id } of PAGES) {
      for (const theme of THEMES) {
        const url = `${server.url}/iframe.html?id=${id}&viewMode=docs&globals=theme:${theme}`;
        await page.setViewportSize({ width: 1200, height: 900 });
        await page.goto(url, { waitUntil: 'load' });
        await settle(page);
        const path = join(outputDir, `${name}-${theme}.png`);
        // The top of each page: its description, first story and the start of its tables
        // (the whole page of the composite is over 13,000 pixels tall).
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({
          path,
          clip: { x: 0, y: 0, width: 1200, height: Math.min(height, TOP_HEIGHT) },
        });
        console.log(`Saved ${path.slice(root.length)}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
