/**
 * The demo console (`npm start`) in real Chromium: Vite with the repository's config, the
 * reference server mounted at /api on an in-memory database, and the demo on its default
 * backend, `HttpAdapter`. It connects a tenant through the local consent stand-in, edits and
 * disconnects it, reads the server's audit trail back in the table, exports it as CSV, survives a
 * reload and a new console, and then switches to the browser-storage adapter.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TENANT = '3f2b8c1d-7e6a-4d5c-9b8a-1c2d3e4f5a6b';
/** A 60-character verified domain: the longest tenant name the demo must lay out. */
const LONG_DOMAIN = 'northwind-traders-device-compliance-eu-west1.onmicrosoft.com';
const ENROLLMENT = 'https://mdm.contoso.example/enroll';
const REMEDIATION = 'https://mdm.contoso.example/compliance-help';
const ACTOR = 'admin@contoso.example';
const HTTP_KEY = /^azure-compliance-connect-http-(demo-[0-9a-f]{16})$/;
const CSV_HEADER =
  '"seq","at","actor","action","outcome","tenantId","tenantType","changes","error","aadsts","count","source","id","hash"';

/** What the test reads of `<azure-device-compliance>` in the page. */
type ComplianceElement = HTMLElement & {
  readonly state: { readonly status: string };
  readonly storageKey: string;
  readonly adapter?: { readonly baseUrl?: string; readonly authorsAudit?: boolean };
  readonly activeAdapter: { readonly authorsAudit?: boolean };
  readonly auditOutbox?: { pending(): Promise<{ readonly action: string }[]> };
};

/** One line of the demo's audit table, as the page shows it. */
interface Row {
  readonly action: string;
  readonly actor: string;
  readonly tenant: string;
  readonly outcome: string;
  readonly source: string | null;
  readonly detail: string;
  readonly at: string;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

let vite: ViteDevServer;
let browser: Browser;
let page: Page;
let url: string;
let downloads: string;
/** Every CSP violation csp-watch.ts logged, on every load of the console. */
const violations: string[] = [];
const pageErrors: string[] = [];
/** The text of every confirm() the demo asked (each one is accepted). */
const dialogs: string[] = [];

async function waitForStatus(status: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      document.querySelector<ComplianceElement>('azure-device-compliance')?.state.status === wanted,
    { timeout: 10_000 },
    status,
  );
}

async function click(selector: string): Promise<void> {
  const handle = await page.waitForSelector(selector, { visible: true, timeout: 10_000 });
  assert.ok(handle, `not found: ${selector}`);
  await handle.click();
}

async function type(selector: string, value: string): Promise<void> {
  const input = await page.waitForSelector(selector, { visible: true, timeout: 10_000 });
  assert.ok(input, `not found: ${selector}`);
  await input.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await input.type(value);
}

/** The audit table once it shows `count` event rows. */
async function rows(count: number): Promise<Row[]> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#audit-body tr[data-action]').length === n,
    { timeout: 10_000 },
    count,
  );
  return page.$$eval('#audit-body tr[data-action]', (trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
      return {
        action: tr.getAttribute('data-action') ?? '',
        actor: cells[1] ?? '',
        tenant: cells[3] ?? '',
        outcome: cells[5] ?? '',
        source: tr.querySelector<HTMLElement>('td.source')?.dataset['source'] ?? null,
        detail: cells.at(-1) ?? '',
        at: tr.querySelector('time')?.getAttribute('datetime') ?? '',
      };
    }),
  );
}

async function storageKey(): Promise<string> {
  return page.$eval(
    'azure-device-compliance',
    (element) => (element as ComplianceElement).storageKey,
  );
}

/** The console id of the HTTP mode, from the element's storage key. */
async function consoleId(): Promise<string> {
  const key = await storageKey();
  const id = HTTP_KEY.exec(key)?.[1];
  assert.ok(id, `not an HTTP-mode storage key: ${key}`);
  return id;
}

/** The server's trail of a console, newest first, asked directly (not through the page). */
async function serverTrail(id: string): Promise<{ action: string; seq: number }[]> {
  const response = await fetch(new URL('api/audit', url), {
    headers: { 'X-Dev-Console': id, 'X-Dev-Actor': 'test' },
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { events: { action: string; seq: number }[] };
  return body.events.map(({ action, seq }) => ({ action, seq }));
}

async function textOf(selector: string): Promise<string> {
  return page.$eval(selector, (element) => element.textContent?.trim() ?? '');
}

async function hidden(selector: string): Promise<boolean> {
  return page.$eval(selector, (element) => (element as HTMLElement).hidden);
}

async function disabled(selector: string): Promise<boolean> {
  return page.$eval(selector, (element) => (element as HTMLButtonElement).disabled);
}

async function value(selector: string): Promise<string> {
  return page.$eval(selector, (element) => (element as HTMLSelectElement).value);
}

async function cspViolationsShown(): Promise<string | undefined> {
  return page.$eval('#csp-count', (element) => (element as HTMLElement).dataset['violations']);
}

/** The page never scrolls sideways: the table scrolls inside its own container. */
async function scrollsSideways(): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** An element's text with runs of ASCII white space as one space (U+202F is kept). */
async function textIn(selector: string): Promise<string> {
  return page.$eval(selector, (element) =>
    (element.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim(),
  );
}

/** Switches the page's language with its select, as a visitor does. */
async function selectLanguage(lang: 'en' | 'fr'): Promise<void> {
  await page.select('#lang-select', lang);
  await page.waitForFunction((wanted) => document.documentElement.lang === wanted, {}, lang);
}

/**
 * French typography of a text: a narrow no-break space (U+202F) before : ; ? ! and inside « »,
 * and "appareil" rather than "périphérique". URLs, times and `{placeholders}` are left out.
 */
function frenchProblems(text: string): string[] {
  const prose = text
    .replace(/https?:\/\/\S*/g, 'URL')
    .replace(/\d{1,2}:\d{2}(:\d{2})?/g, 'T')
    .replace(/\{\w+\}/g, 'X');
  const problems: string[] = [];
  for (const match of prose.matchAll(/(^|.)([:;?!])/gu)) {
    if (match[1] !== '\u202f')
      problems.push(`“${prose.slice(Math.max(0, match.index - 30), match.index + 2)}”`);
  }
  if (/«(?!\u202f)|(?<!\u202f)»/.test(prose)) problems.push('« » without narrow no-break spaces');
  if (/périphérique/i.test(prose)) problems.push('périphérique');
  return problems;
}

/** The cells of the audit table's Action column that take more than one line. */
async function wrappedActions(): Promise<{ checked: number; wrapped: string[] }> {
  return page.evaluate(() => {
    const headers = [...document.querySelectorAll('#audit-table thead th')];
    const column = headers.findIndex((th) => th.getAttribute('data-text') === 'colAction');
    const cells = [...document.querySelectorAll('#audit-body tr[data-action]')].map(
      (tr) => tr.children[column],
    );
    const wrapped = cells.filter((cell) => {
      if (!cell) return true;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      return lines.size !== 1;
    });
    return { checked: cells.length, wrapped: wrapped.map((cell) => cell?.textContent ?? '') };
  });
}

/** Add, Connect account: the consent dialog is open afterwards. */
async function startConnecting(tenant: string): Promise<void> {
  await waitForStatus('choosing');
  await click('>>> [part="add-button"]');
  await waitForStatus('filling');
  await type('>>> input#tenantId', tenant);
  await type('>>> input#enrollmentUrl', ENROLLMENT);
  await click('>>> [part="submit-button"]');
  await waitForStatus('awaiting-consent');
}

before(async () => {
  const executablePath = findChromium();
  assert.ok(executablePath, 'No Chromium found: install one or set CHROME_PATH.');
  // Read by vite.config.ts when it mounts the reference server: a throwaway database.
  process.env.DATA_DIR = 'memory://';
  delete process.env.DATABASE_URL;
  const port = await freePort();
  vite = await createServer({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'demo'),
    logLevel: 'warn',
    // No hot reload: a file saved while the test runs must not reload the page under it.
    server: { port, strictPort: true, host: 'localhost', hmr: false },
  });
  await vite.listen();
  url = `http://localhost:${port}/`;
  downloads = await mkdtemp(join(tmpdir(), 'demo-downloads-'));
  browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.text().startsWith('CSP violation')) violations.push(message.text());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await page.goto(url, { waitUntil: 'networkidle0' });
  await page.evaluate(() => localStorage.setItem('azure-compliance-connect-demo:lang', 'en'));
  await page.reload({ waitUntil: 'networkidle0' });
});

after(async () => {
  await browser?.close();
  await vite?.close();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

describe('the demo console on the reference server (the default backend)', () => {
  let firstConsole = '';

  it('starts on HttpAdapter, with a console of its own and an empty trail', async () => {
    assert.equal(await value('#backend-select'), 'http');
    assert.deepEqual(
      await page.$eval('azure-device-compliance', (element) => {
        const { adapter, activeAdapter } = element as ComplianceElement;
        return { baseUrl: adapter?.baseUrl, authorsAudit: activeAdapter.authorsAudit };
      }),
      { baseUrl: `${url}api`, authorsAudit: true },
    );
    firstConsole = await consoleId();
    // Every event the element's outbox delivers, from now until the next reload.
    await page.$eval('azure-device-compliance', (element) => {
      const delivered: string[] = [];
      Object.assign(window, { delivered });
      element.addEventListener('audit-event', (event) => {
        delivered.push((event as CustomEvent<{ event: { action: string } }>).detail.event.action);
      });
    });
    assert.equal(
      await page.evaluate(() => localStorage.getItem('azure-compliance-connect-demo:console')),
      firstConsole,
    );
    await waitForStatus('choosing');
    await page.waitForFunction(
      () => document.querySelector('#audit-body td')?.textContent?.includes('No activity yet'),
      { timeout: 10_000 },
    );
    assert.equal(await hidden('#col-source'), false);
    assert.equal(await hidden('#audit-tools'), false);
    assert.equal(await hidden('#audit-pages'), false);
    assert.equal(await textOf('#reset-demo'), 'Start a new demo console');
  });

  it('connects through the local consent stand-in: the callback relays the answer', async () => {
    // Two more tabs of the same console hear the relayed answer too, and neither may take it for
    // a replay (nothing shown there, nothing reported to the server):
    // - a tab opened on its own, which runs in its own process and may hear the answer before
    //   this tab has used it;
    // - a tab this console opened (`window.open`), which shares this tab's event loop and so hears
    //   the answer strictly after this tab has marked the attempt used.
    const separate = await browser.newPage();
    await separate.goto(url, { waitUntil: 'networkidle0' });
    await page.bringToFront();
    const popupOpened = browser.waitForTarget(
      (t) => t.type() === 'page' && t.opener() === page.target(),
      { timeout: 10_000 },
    );
    await page.evaluate((address) => {
      window.open(address, '_blank');
    }, url);
    const opened = await (await popupOpened).page();
    assert.ok(opened, 'the opened tab did not open');
    await opened.waitForFunction(
      () =>
        document.querySelector<ComplianceElement>('azure-device-compliance')?.state.status ===
        'choosing',
      { timeout: 10_000, polling: 100 },
    );
    const others = [separate, opened];
    for (const other of others) {
      await other.evaluate(() => {
        const heard: unknown[] = [];
        Object.assign(window, { heard });
        const key =
          document.querySelector<ComplianceElement>('azure-device-compliance')?.storageKey;
        if (key === undefined) throw new Error('no console in this tab');
        new BroadcastChannel(`${key}/consent`).addEventListener('message', (event) =>
          heard.push(event.data),
        );
      });
    }
    await page.bringToFront();
    await startConnecting(TENANT);
    const link = await page.waitForSelector(
      'azure-device-compliance > [slot="consent-extra"] a#stand-in-link',
      { visible: true, timeout: 10_000 },
    );
    assert.ok(link);
    const standInOpened = browser.waitForTarget((t) => t.url().includes('consent-stand-in.html'), {
      timeout: 10_000,
    });
    await link.click();
    const standIn = await (await standInOpened).page();
    assert.ok(standIn, 'the stand-in tab did not open');
    await standIn.waitForSelector('#accept:not([disabled])', { visible: true, timeout: 10_000 });
    const closed = new Promise((resolve) => standIn.once('close', resolve));
    await standIn.click('#accept');
    await closed;
    await page.bringToFront();
    await waitForStatus('connected');
    const details = await page.$eval('>>> [part="details"]', (dl) => dl.textContent ?? '');
    assert.ok(details.includes(TENANT), details);
    assert.ok(details.includes(ENROLLMENT), details);
    for (const other of others) {
      // It heard the answer: the test covers the case it names.
      await other.waitForFunction(
        () => (window as unknown as { heard: unknown[] }).heard.length === 1,
        { timeout: 10_000, polling: 100 },
      );
      await other.waitForFunction(
        () =>
          document.querySelector<ComplianceElement>('azure-device-compliance')?.state.status ===
          'connected',
        { timeout: 10_000, polling: 100 },
      );
      const otherState = await other.evaluate(() =>
        JSON.stringify(document.querySelector<ComplianceElement>('azure-device-compliance')?.state),
      );
      assert.ok(!otherState.includes('"error"'), `the other tab shows no rejection: ${otherState}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const trail = await serverTrail(await consoleId());
    assert.deepEqual(
      trail.filter((event) => event.action === 'consent-rejected'),
      [],
      'no tab reported the answer as refused',
    );
    await Promise.all(others.map((other) => other.close()));
    await page.bringToFront();
  });

  it('shows the server’s verify-consent and connect rows, newest first', async () => {
    const shown = await rows(2);
    assert.deepEqual(
      shown.map(({ action, actor, tenant, outcome, source }) => ({
        action,
        actor,
        tenant,
        outcome,
        source,
      })),
      [
        { action: 'connect', actor: ACTOR, tenant: TENANT, outcome: 'Success', source: 'server' },
        {
          action: 'verify-consent',
          actor: ACTOR,
          tenant: TENANT,
          outcome: 'Success',
          source: 'server',
        },
      ],
    );
    const [newest, oldest] = shown;
    assert.ok(newest && oldest && newest.at >= oldest.at);
    // The same trail, in the same order, as the server gives it to anyone of that console.
    assert.deepEqual(
      (await serverTrail(firstConsole)).map(({ action }) => action),
      shown.map(({ action }) => action),
    );
    assert.equal(await textOf('#audit-count'), 'Events 1 to 2, newest first.');
  });

  it('never scrolls sideways at 320 px or 640 px (200 % zoom), connected, in English and French', async () => {
    await waitForStatus('connected');
    await rows(2);
    try {
      for (const lang of ['en', 'fr'] as const) {
        await selectLanguage(lang);
        for (const width of [320, 640]) {
          await page.setViewport({ width, height: 800 });
          assert.equal(await scrollsSideways(), false, `${lang} at ${width} px`);
          // The connected state and the audit rows are on screen, each in its card.
          assert.equal(
            await page.$eval(
              'azure-device-compliance',
              (el) => el.getBoundingClientRect().width > 0,
            ),
            true,
          );
          assert.equal((await rows(2)).length, 2);
        }
        // At 320 px the table is wider than its card: it scrolls inside its own region.
        assert.equal(
          await page.$eval('.table-wrap', (wrap) => wrap.scrollWidth > wrap.clientWidth),
          true,
        );
      }
    } finally {
      await page.setViewport({ width: 1280, height: 900 });
      await selectLanguage('en');
    }
  });

  it('records an edit as a new edit row', async () => {
    await click('>>> [part="edit-button"]');
    await waitForStatus('editing');
    await type('>>> input#remediationUrl', REMEDIATION);
    await click('>>> [part="submit-button"]');
    await waitForStatus('connected');
    const shown = await rows(3);
    assert.deepEqual(
      shown.map(({ action }) => action),
      ['edit', 'connect', 'verify-consent'],
    );
    assert.equal(shown[0]?.source, 'server');
    assert.equal(shown[0]?.actor, ACTOR);
    assert.equal(shown[0]?.detail, 'Changed: Remediation URL');
  });

  it('filters the trail by action', async () => {
    await page.select('#audit-action', 'connect');
    const connectOnly = await rows(1);
    assert.equal(connectOnly[0]?.action, 'connect');
    await page.select('#audit-outcome', 'failure');
    await page.waitForFunction(
      () =>
        document.querySelector('#audit-body td')?.textContent === 'No event matches these filters.',
      { timeout: 10_000 },
    );
    await page.select('#audit-action', '');
    await page.select('#audit-outcome', '');
    await rows(3);
    assert.equal(await disabled('#audit-older'), true);
    assert.equal(await disabled('#audit-newer'), true);
  });

  it('leaves connect and edit events to the server: none goes through the outbox', async () => {
    const outbox = await page.$eval('azure-device-compliance', async (element) => ({
      pending: (await (element as ComplianceElement).auditOutbox?.pending())?.map(
        (event) => event.action,
      ),
      delivered: (window as unknown as { delivered: string[] }).delivered,
    }));
    assert.deepEqual(outbox, { pending: [], delivered: [] });
  });

  it('keeps the connection and the console across a reload, with no CSP violation', async () => {
    assert.equal(await cspViolationsShown(), '0');
    await page.reload({ waitUntil: 'networkidle0' });
    await waitForStatus('connected');
    assert.equal(await consoleId(), firstConsole);
    const details = await page.$eval('>>> [part="details"]', (dl) => dl.textContent ?? '');
    assert.ok(details.includes(REMEDIATION), details);
    assert.equal((await rows(3))[0]?.action, 'edit');
  });

  it('records a disconnect as a new disconnect row', async () => {
    await click('>>> [part="disconnect-button"]');
    await click('>>> [part="confirm-dialog"] button.danger');
    await waitForStatus('choosing');
    const shown = await rows(4);
    assert.deepEqual(
      shown.map(({ action, source }) => `${action}/${source}`),
      ['disconnect/server', 'edit/server', 'connect/server', 'verify-consent/server'],
    );
  });

  it('pages through a longer trail, the browser’s reports shown as client-reported', async () => {
    // 20 consent callbacks refused in the browser, reported the way HttpAdapter reports them.
    const statuses = await page.evaluate(
      async (console, tenant) => {
        const answers: number[] = [];
        for (let i = 0; i < 20; i++) {
          const response = await fetch('/api/audit', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-Dev-Console': console,
              'X-Dev-Actor': 'admin@contoso.example',
            },
            body: JSON.stringify({
              id: `demo-test-${i}`,
              action: 'consent-rejected',
              outcome: 'failure',
              tenantType: 'standard',
              tenantId: tenant,
              error: 'state-mismatch',
            }),
          });
          answers.push(response.status);
        }
        return answers;
      },
      firstConsole,
      TENANT,
    );
    assert.deepEqual(statuses, Array(20).fill(201));
    await click('#audit-refresh');
    await page.waitForFunction(
      () =>
        document.querySelector('#audit-body tr')?.getAttribute('data-action') ===
        'consent-rejected',
      { timeout: 10_000 },
    );
    const newest = await rows(20);
    assert.ok(newest.every((row) => row.action === 'consent-rejected' && row.source === 'client'));
    assert.equal(newest[0]?.detail, en.errors['state-mismatch']);
    assert.equal(await textOf('#audit-body td.source'), 'Client-reported');
    assert.equal(await textOf('#audit-count'), 'Events 1 to 20, newest first.');
    assert.equal(await textOf('#audit-page'), 'Page 1');
    assert.equal(await disabled('#audit-newer'), true);
    assert.equal(await disabled('#audit-older'), false);

    // From the keyboard: Older shows the last page and, now disabled, hands focus to Newer.
    await page.focus('#audit-older');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('#audit-page')?.textContent === 'Page 2',
    );
    assert.deepEqual(
      (await rows(4)).map(({ action }) => action),
      ['disconnect', 'edit', 'connect', 'verify-consent'],
    );
    assert.equal(await textOf('#audit-count'), 'Events 21 to 24, newest first.');
    assert.equal(await disabled('#audit-older'), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'audit-newer');
    await page.keyboard.press('Enter');
    await rows(20);
    assert.equal(await textOf('#audit-page'), 'Page 1');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'audit-older');
  });

  it('names the audit table with its visible heading; the count of events is not a live region', async () => {
    const heading = await page.$eval('#audit-table', (table) => {
      const id = table.getAttribute('aria-labelledby') ?? '';
      const element = document.getElementById(id);
      if (!element) return null;
      const box = element.getBoundingClientRect();
      return { tag: element.tagName, text: element.textContent?.trim(), shown: box.height > 0 };
    });
    assert.deepEqual(heading, { tag: 'H2', text: 'Audit log', shown: true });
    const table = await page.$('#audit-table');
    assert.ok(table);
    const node = await page.accessibility.snapshot({ root: table, interestingOnly: false });
    assert.deepEqual({ role: node?.role, name: node?.name }, { role: 'table', name: 'Audit log' });
    assert.equal(node?.description, 'Events 1 to 20, newest first.');
    // Neither the count nor anything around it is live: a new event does not read it out again.
    const live = await page.$eval('#audit-count', (element) => {
      const found: string[] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const role = node.getAttribute('role') ?? '';
        if (node.hasAttribute('aria-live')) found.push(`${node.tagName} aria-live`);
        if (['status', 'alert', 'log', 'marquee', 'timer'].includes(role)) {
          found.push(`${node.tagName} role=${role}`);
        }
      }
      return found;
    });
    assert.deepEqual(live, []);
    assert.equal(await textOf('#audit-count'), 'Events 1 to 20, newest first.');
  });

  it('keeps each action on one line, at 1280 px and at 320 px', async () => {
    try {
      for (const width of [1280, 320]) {
        await page.setViewport({ width, height: 900 });
        const { checked, wrapped } = await wrappedActions();
        assert.equal(checked, 20);
        assert.deepEqual(wrapped, [], `at ${width} px`);
      }
    } finally {
      await page.setViewport({ width: 1280, height: 900 });
    }
  });

  it('shows human labels and the kit’s sentence for an error code, in the page language', async () => {
    const [english] = await rows(20);
    assert.equal(english?.detail, en.errors['state-mismatch']);
    assert.equal(await textIn('#audit-body tr td.action'), 'Consent rejected');
    assert.equal(await textIn('#audit-body tr td.outcome-failure'), 'Failure');
    assert.equal(
      await page.$eval('#audit-body td.detail', (td) => (td as HTMLElement).dataset['error']),
      'state-mismatch',
    );
    try {
      await selectLanguage('fr');
      await page.waitForFunction(
        (sentence) => document.querySelector('#audit-body td.detail')?.textContent === sentence,
        { timeout: 10_000 },
        fr.errors['state-mismatch'],
      );
      assert.equal(await textIn('#audit-body tr td.action'), 'Consentement refusé');
      assert.equal(await textIn('#audit-body tr td.outcome-failure'), 'Échec');
      assert.equal(
        await textIn('#audit-count'),
        'Événements 1 à 20, du plus récent au plus ancien.',
      );
      assert.equal(await textIn('#audit-title'), 'Journal d’audit');
      assert.equal(await textIn('h1'), 'Conformité des appareils');
      // The page's own text is French too, with French typography.
      assert.equal(
        await textIn('.note:has(#csp-count) > span'),
        'Cette console fonctionne sous une Content-Security-Policy stricte\u202f: ni script ni style en ligne, ni eval, et Trusted Types.',
      );
      assert.equal(await textIn('#csp-count'), 'Violations CSP\u202f: 0');
      assert.deepEqual(frenchProblems(await textIn('body')), []);
      assert.equal((await wrappedActions()).wrapped.length, 0);
    } finally {
      await selectLanguage('en');
    }
    assert.equal(await textIn('#csp-count'), 'CSP violations: 0');
  });

  it('shows the kit’s text for a refused read, never the answer’s markup', async () => {
    const refuse = (request: HTTPRequest) => {
      if (request.url().includes('/api/audit')) {
        void request.respond({
          status: 401,
          contentType: 'text/html',
          body: '<b id="raw">Session expired</b>',
        });
      } else void request.continue();
    };
    await page.setRequestInterception(true);
    page.on('request', refuse);
    try {
      await click('#audit-refresh');
      await page.waitForFunction(
        () => document.querySelector('#audit-body td')?.textContent?.includes('could not be read'),
        { timeout: 10_000 },
      );
      assert.equal(
        await textOf('#audit-body td'),
        'The audit log could not be read: Your session has expired; sign in again.',
      );
      assert.equal(await page.$('#raw'), null);
    } finally {
      page.off('request', refuse);
      await page.setRequestInterception(false);
    }
    await click('#audit-refresh');
    await rows(20);
  });

  it('exports the trail as a CSV file', async () => {
    await click('#audit-export-csv');
    let file: string | undefined;
    for (let i = 0; i < 100 && file === undefined; i++) {
      file = (await readdir(downloads)).find((name) => name.endsWith('.csv'));
      if (file === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(file, 'no CSV was downloaded');
    assert.match(file, /^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(join(downloads, file), 'utf8')).trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_HEADER);
    assert.equal(lines.length, 25);
    const connect = lines.find((line) => line.includes('"connect"'));
    assert.ok(connect, lines.join('\n'));
    assert.match(
      connect,
      new RegExp(`^"2","[^"]+","${ACTOR}","connect","success","${TENANT}","standard",`),
    );
    assert.ok(connect.includes('"server"'));
    assert.equal(await textOf('#audit-status'), `Downloaded ${file}.`);
  });

  it('recorded no CSP violation and no page error, and never scrolls sideways', async () => {
    assert.equal(await cspViolationsShown(), '0');
    assert.deepEqual(violations, []);
    assert.deepEqual(pageErrors, []);
    assert.equal(await scrollsSideways(), false);
    await page.setViewport({ width: 760, height: 900 });
    try {
      assert.equal(await scrollsSideways(), false);
    } finally {
      await page.setViewport({ width: 1280, height: 900 });
    }
  });

  it('starts a new, empty console; the old trail stays on the server', async () => {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      click('#reset-demo'),
    ]);
    await waitForStatus('choosing');
    assert.match(dialogs.at(-1) ?? '', /append-only and cannot be erased/);
    const second = await consoleId();
    assert.notEqual(second, firstConsole);
    // What this browser kept for the old console goes: its audit outbox once nothing holds it.
    await page.waitForFunction(
      async (old) =>
        !(await indexedDB.databases()).some(
          (db) => db.name === `azure-compliance-connect-http-${old}-outbox`,
        ),
      { timeout: 10_000 },
      firstConsole,
    );
    await page.waitForFunction(
      () => document.querySelector('#audit-body td')?.textContent?.includes('No activity yet'),
      { timeout: 10_000 },
    );
    assert.equal((await serverTrail(firstConsole)).length, 24);
    assert.deepEqual(await serverTrail(second), []);
  });
});

describe('the demo console on the browser-storage adapter', () => {
  it('switches backend and starts empty', async () => {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.select('#backend-select', 'browser'),
    ]);
    assert.equal(
      await page.evaluate(() => localStorage.getItem('azure-compliance-connect-demo:backend')),
      'browser',
    );
    assert.equal(await storageKey(), 'azure-compliance-connect');
    assert.equal(await hidden('#col-source'), true);
    assert.equal(await hidden('#audit-tools'), true);
    assert.equal(await hidden('#audit-pages'), true);
    assert.equal(await textOf('#reset-demo'), 'Reset demo data');
    await page.waitForFunction(
      () => document.querySelector('#audit-body td')?.textContent?.includes('No activity yet'),
      { timeout: 10_000 },
    );
  });

  it('slots its offline note into the consent dialog in the page’s language', async () => {
    const note = 'azure-device-compliance > [slot="consent-extra"]';
    await startConnecting(LONG_DOMAIN);
    await page.waitForSelector(`${note} a#stand-in-link`, { visible: true, timeout: 10_000 });
    const english = await textIn(note);
    assert.match(english, /^Offline demo: open the local stand-in/);
    assert.ok(english.includes(`tick “${en.consentGiven}” and click ${en.confirm}.`), english);
    try {
      // The dialog is modal; the language can still change (from another tab, or here).
      await selectLanguage('fr');
      await page.waitForFunction(
        (selector) => document.querySelector(selector)?.textContent?.includes('Démo hors ligne'),
        { timeout: 10_000 },
        note,
      );
      const french = await textIn(note);
      assert.match(french, /^Démo hors ligne\u202f: ouvrir la page de substitution locale/);
      assert.ok(
        french.includes(`cochez «\u202f${fr.consentGiven}\u202f» et cliquez sur ${fr.confirm}.`),
        french,
      );
      assert.ok(french.includes(fr.newTab), french);
      assert.ok(french.includes(LONG_DOMAIN), french);
      assert.deepEqual(frenchProblems(french), []);
      await page.waitForFunction(
        (title) =>
          document
            .querySelector('azure-device-compliance')
            ?.shadowRoot?.querySelector('consent-dialog')
            ?.shadowRoot?.textContent?.includes(title),
        { timeout: 10_000 },
        fr.dialogTitle,
      );
    } finally {
      await selectLanguage('en');
    }
    assert.match(await textIn(note), /^Offline demo:/);
  });

  it('connects a 60-character domain with tick and Confirm', async () => {
    assert.equal(LONG_DOMAIN.length, 60);
    await click('>>> [part="checkbox"]');
    await click('>>> [part="confirm-button"]:not([disabled])');
    await waitForStatus('connected');
    const shown = await rows(1);
    assert.deepEqual(
      shown.map(({ action, tenant, actor, source }) => ({ action, tenant, actor, source })),
      [{ action: 'connect', tenant: LONG_DOMAIN, actor: ACTOR, source: null }],
    );
    assert.equal(await textOf('#audit-count'), '1 event.');
    // Kept in this browser, not on the server.
    const stored = await page.evaluate(() =>
      localStorage.getItem('azure-compliance-connect:connection'),
    );
    assert.ok(stored?.includes(LONG_DOMAIN));
  });

  it('never scrolls sideways with a 60-character tenant domain, at 1280 px or 320 px', async () => {
    const details = await page.$eval('>>> [part="details"]', (dl) => dl.textContent ?? '');
    assert.ok(details.includes(LONG_DOMAIN), details);
    try {
      for (const width of [1280, 320]) {
        await page.setViewport({ width, height: 900 });
        assert.equal(await scrollsSideways(), false, `at ${width} px`);
      }
    } finally {
      await page.setViewport({ width: 1280, height: 900 });
    }
    assert.deepEqual(violations, []);
    assert.equal(await cspViolationsShown(), '0');
    assert.deepEqual(pageErrors, []);
  });
});
