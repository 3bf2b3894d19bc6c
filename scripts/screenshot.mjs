// Takes docs/screenshot.png of the demo console: it serves the demo with Vite (or uses DEMO_URL),
// runs the whole flow in headless Chromium on the demo's default backend, the reference server at
// /api (Add, Connect account, the link to the local consent stand-in that the demo puts inside the
// consent dialog through the `consent-extra` slot, Accept, an edit) and captures the connected
// state with the server's audit trail. The temporary server keeps its data in memory
// (DATA_DIR=memory://), never in the developer's database. Set SCREENSHOT_EXTRA=<folder> to also
// save the consent dialog, French and dark views. With --states it also saves the kit's main
// states (choosing, form errors, the consent dialog, a refused consent, connected, the
// disconnect confirmation) in light, dark and French, to docs/states/.
//
//   node scripts/screenshot.mjs            (PORT, default 5199, for the temporary server)
//   node scripts/screenshot.mjs --states
//   DEMO_URL=http://localhost:5173/ node scripts/screenshot.mjs
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const extra = process.env.SCREENSHOT_EXTRA;
const states = process.argv.includes('--states');
const statesDir = fileURLToPath(new URL('../docs/states/', import.meta.url));

const TENANT = '7c1f3e2a-58d4-4b6e-9f0a-2d3c4b5a6e7f';
const ENROLLMENT = 'https://mdm.contoso.example/enroll';
const REMEDIATION = 'https://mdm.contoso.example/compliance-help';

async function startServer() {
  if (process.env.DEMO_URL) return { url: process.env.DEMO_URL, close: async () => {} };
  const port = Number(process.env.PORT ?? 5199);
  // Read by vite.config.ts when it mounts the reference server: a throwaway in-memory database.
  process.env.DATA_DIR = 'memory://';
  delete process.env.DATABASE_URL;
  const server = await createServer({
    root: `${root}demo`,
    configFile: `${root}vite.config.ts`,
    logLevel: 'warn',
    server: { port, strictPort: true, host: 'localhost' },
  });
  await server.listen();
  return { url: `http://localhost:${port}/`, close: () => server.close() };
}

/** Waits for an element, looking through shadow roots (`>>>`). */
async function find(page, selector) {
  const handle = await page.waitForSelector(selector, { visible: true, timeout: 10_000 });
  if (!handle) throw new Error(`Not found: ${selector}`);
  return handle;
}

async function click(page, selector) {
  await (await find(page, selector)).click();
}

async function type(page, selector, value) {
  const input = await find(page, selector);
  await input.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await input.type(value);
}

/**
 * Captures once running animations that end (the dialog's fade-in) have finished. The document's list
 * leaves out shadow trees, so every shadow root is asked too.
 */
async function capture(page, options) {
  await page.evaluate(() => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i].querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    // A spinner runs forever: only animations that end are waited for.
    const animations = roots
      .flatMap((root) => root.getAnimations())
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    return Promise.all(animations.map((animation) => animation.finished.catch(() => {})));
  });
  await page.screenshot(options);
}

async function status(page) {
  return page.$eval('azure-device-compliance', (el) => el.state.status);
}

async function waitForStatus(page, expected) {
  await page.waitForFunction(
    (wanted) => document.querySelector('azure-device-compliance')?.state.status === wanted,
    { timeout: 10_000 },
    expected,
  );
}

/** Waits for the audit table to show a row of this action, read back from the server. */
async function auditRow(page, action) {
  await page.waitForFunction(
    (wanted) => document.querySelector(`#audit-body tr[data-action="${wanted}"] time`) !== null,
    { timeout: 10_000 },
    action,
  );
}

/** A new, empty demo console in this language and theme, on the reference server. */
async function freshConsole(page, lang, theme) {
  await page.evaluate(
    (language, scheme) => {
      localStorage.clear();
      sessionStorage.clear();
      localStorage.setItem('azure-compliance-connect-demo:lang', language);
      localStorage.setItem('azure-compliance-connect-demo:theme', scheme);
    },
    lang,
    theme,
  );
  await page.reload({ waitUntil: 'networkidle0' });
  await waitForStatus(page, 'choosing');
}

/** The card that holds the kit, as a console shows it. */
async function captureCard(page, path) {
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  const card = await find(page, '#compliance-card');
  await capture(card, { path });
}

/** Opens the stand-in from the consent dialog and answers there (`#accept` or `#cancel`). */
async function answerOnStandIn(browser, page, button) {
  const standInTarget = browser.waitForTarget(
    (target) => target.url().includes('consent-stand-in.html'),
    { timeout: 10_000 },
  );
  await click(page, 'azure-device-compliance > [slot="consent-extra"] a');
  const standIn = await (await standInTarget).page();
  if (!standIn) throw new Error('The stand-in tab did not open.');
  await standIn.waitForSelector(`${button}:not([disabled])`, { visible: true });
  const closed = new Promise((resolve) => standIn.once('close', resolve));
  await standIn.click(button);
  await closed;
  await page.bringToFront();
}

/** The viewport, for the states shown in a modal dialog. */
async function captureDialog(page, path) {
  await capture(page, { path });
}

/**
 * The kit's main states, each in English light, English dark and French light. The refused
 * consent is real: the admin cancels on the stand-in, whose answer the callback page relays.
 */
async function captureStates(browser, url) {
  await mkdir(statesDir, { recursive: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  await page.goto(url, { waitUntil: 'networkidle0' });
  const saved = [];
  for (const [lang, theme] of [
    ['en', 'light'],
    ['en', 'dark'],
    ['fr', 'light'],
  ]) {
    const name = (state) => `${statesDir}${state}-${lang}-${theme}.png`;
    await freshConsole(page, lang, theme);
    await captureCard(page, name('choosing'));
    await click(page, '>>> [part="add-button"]');
    await waitForStatus(page, 'filling');
    await type(page, '>>> input#tenantId', 'not a tenant');
    await type(page, '>>> input#enrollmentUrl', 'http://mdm.contoso.example/enroll');
    await click(page, '>>> [part="submit-button"]');
    await find(page, '>>> [part="error"]');
    await captureCard(page, name('form-errors'));
    await type(page, '>>> input#tenantId', TENANT);
    await type(page, '>>> input#enrollmentUrl', ENROLLMENT);
    await click(page, '>>> [part="submit-button"]');
    await waitForStatus(page, 'awaiting-consent');
    await find(page, '>>> [part="consent-link"]');
    await captureDialog(page, name('consent-dialog'));
    // The admin cancels on the stand-in for Microsoft's page: the dialog shows why, and stays.
    await answerOnStandIn(browser, page, '#cancel');
    await page
      .waitForFunction(
        () => {
          const state = document.querySelector('azure-device-compliance')?.state;
          return state?.status === 'awaiting-consent' && state.error !== undefined;
        },
        { timeout: 15_000 },
      )
      .catch(async (error) => {
        const state = await page.$eval('azure-device-compliance', (el) => JSON.stringify(el.state));
        throw new Error(`No refused consent: ${state}`, { cause: error });
      });
    await find(page, '>>> [part="alert"]');
    await captureDialog(page, name('consent-declined'));
    // Through the stand-in again, accepted this time: connected.
    await answerOnStandIn(browser, page, '#accept');
    await waitForStatus(page, 'connected');
    await captureCard(page, name('connected'));
    await click(page, '>>> [part="disconnect-button"]');
    await find(page, '>>> [part="confirm-dialog"]');
    await captureDialog(page, name('disconnect-dialog'));
    await page.keyboard.press('Escape');
    saved.push(`${lang}-${theme}`);
  }
  await page.close();
  console.log(`Saved the states (${saved.join(', ')}) to ${statesDir}`);
}

const server = await startServer();
const executablePath = findChromium();
if (!executablePath) throw new Error('No Chromium found: install one or set CHROME_PATH.');
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...CHROMIUM_ARGS, '--hide-scrollbars'],
});

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));

  // A clean start, in English and light, on the reference server (the default backend) with a
  // new demo console.
  await page.goto(server.url, { waitUntil: 'networkidle0' });
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('azure-compliance-connect-demo:lang', 'en');
    localStorage.setItem('azure-compliance-connect-demo:theme', 'light');
  });
  await page.reload({ waitUntil: 'networkidle0' });
  await waitForStatus(page, 'choosing');

  // Add, then fill Connect account.
  await click(page, '>>> [part="add-button"]');
  await waitForStatus(page, 'filling');
  await type(page, '>>> input#tenantId', TENANT);
  await type(page, '>>> input#enrollmentUrl', ENROLLMENT);

  // Connect account: the dialog opens, with the demo's stand-in link slotted inside it.
  await click(page, '>>> [part="submit-button"]');
  await waitForStatus(page, 'awaiting-consent');
  await find(page, '>>> [part="consent-link"]');
  const consentHref = await page.$eval('>>> [part="consent-link"]', (a) => a.href);
  if (!consentHref.startsWith('https://login.microsoftonline.com/')) {
    throw new Error(`Unexpected consent link: ${consentHref}`);
  }
  const standInLink = await find(page, 'azure-device-compliance > [slot="consent-extra"] a');
  const placement = await standInLink.evaluate((a) => {
    // The light-DOM link is assigned to the composite's slot, which is assigned to the dialog's.
    const extraSlot = a.closest('[slot="consent-extra"]')?.assignedSlot;
    const dialog = extraSlot?.assignedSlot?.closest('dialog');
    a.focus();
    return {
      href: a.getAttribute('href') ?? '',
      inOpenDialog: dialog?.open === true && dialog.matches(':modal'),
      focused: document.activeElement === a,
    };
  });
  if (!placement.href.startsWith('consent-stand-in.html?') || !placement.inOpenDialog) {
    throw new Error(`Stand-in link not inside the open dialog: ${JSON.stringify(placement)}`);
  }
  if (!placement.focused) throw new Error('The stand-in link cannot take focus.');
  if (extra) {
    await mkdir(extra, { recursive: true });
    await capture(page, { path: `${extra}/consent-dialog.png` });
  }

  // Click it: the stand-in opens in a new tab.
  const standInTarget = browser.waitForTarget(
    (target) => target.url().includes('consent-stand-in.html'),
    { timeout: 10_000 },
  );
  await standInLink.click();
  const standIn = await (await standInTarget).page();
  if (!standIn) throw new Error('The stand-in tab did not open.');
  await standIn.setViewport({ width: 1000, height: 800 });
  await standIn.waitForSelector('#accept:not([disabled])', { visible: true });
  if (extra) await standIn.screenshot({ path: `${extra}/stand-in.png` });
  // Accept: the callback page relays the answer to the console and closes itself; the console
  // connects without the tick-and-Confirm fallback.
  const closed = new Promise((resolve) => standIn.once('close', resolve));
  await standIn.click('#accept');
  await closed;
  await page.bringToFront();
  await waitForStatus(page, 'connected');
  await auditRow(page, 'connect');

  // An edit, so that the audit log shows more than one line.
  await click(page, '>>> [part="edit-button"]');
  await waitForStatus(page, 'editing');
  await type(page, '>>> input#remediationUrl', REMEDIATION);
  await click(page, '>>> [part="submit-button"]');
  await waitForStatus(page, 'connected');
  await auditRow(page, 'edit');
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    scrollTo(0, 0);
  });

  // The picture must show the reference server's trail, taken under the page's strict CSP.
  const shown = await page.evaluate(() => ({
    backend: document.querySelector('#backend-select')?.value,
    sources: [...document.querySelectorAll('#audit-body td.source')].map((td) => td.dataset.source),
    violations: document.querySelector('#csp-count')?.dataset.violations,
  }));
  if (shown.backend !== 'http' || shown.sources.length < 3 || shown.violations !== '0') {
    throw new Error(`Not the reference server's trail: ${JSON.stringify(shown)}`);
  }

  await mkdir(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true });
  // The whole page: the connected tenant and, below it, the audit log.
  await capture(page, { path: output, fullPage: true });
  console.log(`Saved ${output} (status: ${await status(page)})`);

  if (extra) {
    await page.select('#lang-select', 'fr');
    await page.select('#theme-select', 'dark');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await capture(page, { path: `${extra}/connected-fr-dark.png`, fullPage: true });
    await page.select('#lang-select', 'en');
    await page.select('#theme-select', 'light');
  }
  if (errors.length > 0) throw new Error(`Page errors: ${errors.join('; ')}`);
  if (states) await captureStates(browser, server.url);
} finally {
  await browser.close();
  await server.close();
}
