// `npm run bench`: how fast the kit is in real Chromium, on the standalone bundle (minified,
// Lit's production build). Not part of `npm test`: it measures, it does not judge, and prints a
// table with each figure beside its goal.
//
// - Cold render: each element, and the composite up to its first step, mounted 60 times (after 10
//   warm-up mounts), against a hand-written vanilla element with the same DOM (the kit element's
//   rendered shadow tree, cloned from a <template> into a shadow root with the same style sheets,
//   nested elements included). Median time from creation to the rendered tree; goal: at most 1.5
//   times the vanilla element.
// - Input: from a key press in the tenant ID field (a real key event through DevTools) to the
//   next frame; goal: under one frame (16 ms). Median and worst of 40 presses.
// - Connect account: from the click on the submit button to the consent dialog open, in the
//   next frame; goal: under 16 ms. Median and worst of 20 runs.
// - Memory: the JS heap after a forced garbage collection, before and after 1000 connect /
//   disconnect cycles of the composite on an in-memory adapter (after 100 warm-up cycles), each
//   time once the audit outbox has delivered everything; goal: flat (within 10 %).
//
//   npm run bench            (BENCH_SKIP_BUILD=1 to reuse dist/standalone)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';
import { serveStandalone } from './serve-standalone.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (!process.env.BENCH_SKIP_BUILD) {
  const built = spawnSync('npx', ['vite', 'build', '--config', 'vite.standalone.config.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Bench</title></head>
  <body><main id="stage"></main></body>
</html>`;

const server = await serveStandalone(PAGE);
const url = server.url;

const executablePath = findChromium();
if (!executablePath) throw new Error('No Chromium found: install one or set CHROME_PATH.');
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
});

/** Installs the kit and the helpers the measurements share, in the page. */
async function setUp(page) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(async () => {
    const kit = await import('/dist/standalone/define.js');
    const now = () => new Date().toISOString();
    /** An adapter in memory that answers at once: the bench measures the kit, not a backend. */
    class MemoryAdapter {
      connection = null;
      authorsAudit = false;
      async loadConnection() {
        return this.connection;
      }
      async verifyConsent(request) {
        return { verified: true, tenantGuid: request.tenantId };
      }
      async saveConnection({ tenantType, tenantId, enrollmentUrl, remediationUrl }) {
        const at = now();
        this.connection = { tenantType, tenantId, connectedAt: at, updatedAt: at, version: 1 };
        if (enrollmentUrl) this.connection.enrollmentUrl = enrollmentUrl;
        if (remediationUrl) this.connection.remediationUrl = remediationUrl;
        return this.connection;
      }
      async updateConnection({ enrollmentUrl, remediationUrl }) {
        const { version } = this.connection;
        this.connection = { ...this.connection, updatedAt: now(), version: version + 1 };
        if (enrollmentUrl) this.connection.enrollmentUrl = enrollmentUrl;
        if (remediationUrl) this.connection.remediationUrl = remediationUrl;
        return this.connection;
      }
      async removeConnection() {
        this.connection = null;
      }
      appended = 0;
      async appendAuditEvent() {
        this.appended++;
      }
      async listAuditEvents() {
        return [];
      }
    }
    const nextFrame = () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          // The frame is produced after the rAF callbacks: a task queued here runs after it.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        }),
      );
    const median = (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    };
    /** A composite on a fresh in-memory adapter, alone on the stage, at its first step. */
    const mountComposite = async (storageKey) => {
      const stage = document.getElementById('stage');
      stage.replaceChildren();
      const element = document.createElement('azure-device-compliance');
      element.adapter = new MemoryAdapter();
      element.clientId = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
      element.redirectUri = `${location.origin}/callback`;
      element.storageKey = storageKey;
      stage.append(element);
      while (element.state.status !== 'choosing') await new Promise((r) => setTimeout(r, 0));
      return element;
    };
    Object.assign(window, { kit, MemoryAdapter, nextFrame, median, mountComposite });
  });
}

/** Mounts each element and a vanilla twin, and returns the medians. */
async function coldRender(page) {
  return page.evaluate(async () => {
    const { MemoryAdapter, median } = window;
    const stage = document.getElementById('stage');
    const connection = {
      tenantId: '3f2b8c1d-7e6a-4d5c-9b8a-1c2d3e4f5a6b',
      tenantType: 'standard',
      enrollmentUrl: 'https://mdm.contoso.example/enroll',
      remediationUrl: 'https://mdm.contoso.example/help',
      connectedAt: '2026-11-29T10:00:00.000Z',
      updatedAt: '2026-11-29T10:00:00.000Z',
      version: 1,
    };
    const KIT_TAGS = [
      'tenant-type-picker',
      'azure-connect-form',
      'consent-dialog',
      'connection-actions',
      'azure-connection-health',
      'azure-device-compliance',
    ];
    const setUpElement = {
      'connection-actions': (element) => (element.connection = connection),
      'consent-dialog': (element) => {
        element.tenantId = connection.tenantId;
        element.consentUrl = 'https://login.microsoftonline.com/common/adminconsent';
      },
      'azure-device-compliance': (element) => {
        element.adapter = new MemoryAdapter();
        element.clientId = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
        element.storageKey = `bench-${Math.random()}`;
      },
    };
    const rendered = async (element) => {
      if (element.localName === 'azure-device-compliance' && element.state.status !== 'choosing') {
        await new Promise((resolve) => {
          const listener = (event) => {
            if (event.detail.state.status !== 'choosing') return;
            element.removeEventListener('wizard-state-change', listener);
            resolve();
          };
          element.addEventListener('wizard-state-change', listener);
        });
      }
      const pending = [element, ...element.shadowRoot.querySelectorAll('*')].filter(
        (node) => 'updateComplete' in node,
      );
      await Promise.all(pending.map((node) => node.updateComplete));
      const nested = [...element.shadowRoot.querySelectorAll('*')].filter((node) =>
        KIT_TAGS.includes(node.localName),
      );
      for (const child of nested) await rendered(child);
    };

    /** A vanilla custom element per kit tag, with the kit element's rendered tree. */
    const vanilla = new Map();
    const defineVanilla = (element) => {
      const tag = `vanilla-${element.localName}`;
      if (vanilla.has(tag)) return tag;
      const template = document.createElement('template');
      // The kit's rendered markup, copied node by node (no HTML parsing of strings).
      const copy = (from, to) => {
        for (const node of from.childNodes) {
          if (node.nodeType === Node.COMMENT_NODE) continue;
          if (node.nodeType === Node.TEXT_NODE) {
            to.append(node.data);
            continue;
          }
          const name = KIT_TAGS.includes(node.localName)
            ? defineVanilla(node)
            : node.localName === 'svg' || node.namespaceURI !== 'http://www.w3.org/1999/xhtml'
              ? null
              : node.localName;
          const clone = name === null ? node.cloneNode(true) : document.createElement(name);
          if (name !== null) {
            for (const attribute of node.attributes)
              clone.setAttribute(attribute.name, attribute.value);
            if (!KIT_TAGS.includes(node.localName)) copy(node, clone);
          }
          to.append(clone);
        }
      };
      copy(element.shadowRoot, template.content);
      const sheets = element.shadowRoot.adoptedStyleSheets;
      vanilla.set(tag, true);
      customElements.define(
        tag,
        class extends HTMLElement {
          connectedCallback() {
            if (this.shadowRoot) return;
            const shadowRoot = this.attachShadow({ mode: 'open' });
            shadowRoot.adoptedStyleSheets = sheets;
            shadowRoot.append(template.content.cloneNode(true));
          }
        },
      );
      return tag;
    };
    const flushLayout = (element) => element.getBoundingClientRect();

    const results = [];
    for (const tag of KIT_TAGS) {
      const mountKit = async () => {
        const started = performance.now();
        const element = document.createElement(tag);
        setUpElement[tag]?.(element);
        stage.append(element);
        await rendered(element);
        flushLayout(element);
        const took = performance.now() - started;
        return { element, took };
      };
      const sample = await mountKit();
      const twin = defineVanilla(sample.element);
      sample.element.remove();
      const mountVanilla = async () => {
        const started = performance.now();
        const element = document.createElement(twin);
        stage.append(element);
        await Promise.resolve();
        flushLayout(element);
        const took = performance.now() - started;
        return { element, took };
      };
      const run = async (mount, count) => {
        const times = [];
        for (let i = 0; i < count; i++) {
          const { element, took } = await mount();
          times.push(took);
          element.remove();
        }
        return times;
      };
      await run(mountKit, 10);
      await run(mountVanilla, 10);
      const kitTimes = await run(mountKit, 60);
      const vanillaTimes = await run(mountVanilla, 60);
      results.push({ tag, kit: median(kitTimes), vanilla: median(vanillaTimes) });
    }
    return results;
  });
}

/** Key presses in the tenant ID field, each timed from the key event to the next frame. */
async function typing(page) {
  await page.evaluate(async () => {
    const element = await window.mountComposite('bench-typing');
    element.send({ type: 'ADD' });
    await element.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const form = element.shadowRoot.querySelector('azure-connect-form');
    const input = form.shadowRoot.querySelector('input#tenantId');
    input.focus();
    window.keyTimes = [];
    input.addEventListener('keydown', (event) => {
      const pressed = event.timeStamp;
      void window.nextFrame().then((painted) => window.keyTimes.push(painted - pressed));
    });
  });
  const keys = 'contoso.onmicrosoft.com'.split('');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(keys[i % keys.length]);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return page.evaluate(() => window.keyTimes);
}

/** Connect account clicked, timed to the next frame after the consent dialog opened. */
async function connectToDialog(page) {
  const times = [];
  for (let i = 0; i < 20; i++) {
    await page.evaluate(async (run) => {
      const element = await window.mountComposite(`bench-dialog-${run}`);
      element.send({ type: 'ADD' });
      element.send({
        type: 'EDIT_FIELD',
        field: 'tenantId',
        value: '3f2b8c1d-7e6a-4d5c-9b8a-1c2d3e4f5a6b',
      });
      await new Promise((r) => setTimeout(r, 50));
    }, i);
    const submit = await page.waitForSelector('>>> [part="submit-button"]');
    await page.evaluate(() => {
      window.dialogTime = new Promise((resolve) => {
        const element = document.querySelector('azure-device-compliance');
        const form = element.shadowRoot.querySelector('azure-connect-form');
        form.shadowRoot.addEventListener(
          'click',
          (event) => {
            const clicked = event.timeStamp;
            const dialog = element.shadowRoot
              .querySelector('consent-dialog')
              ?.shadowRoot?.querySelector('dialog');
            const painted = () => void window.nextFrame().then((time) => resolve(time - clicked));
            if (dialog?.open) {
              painted();
              return;
            }
            // The dialog opens with showModal(), which sets its `open` attribute.
            const observer = new MutationObserver(() => {
              if (!dialog?.open) return;
              observer.disconnect();
              painted();
            });
            if (dialog) observer.observe(dialog, { attributes: true, attributeFilter: ['open'] });
          },
          { capture: true, once: true },
        );
      });
    });
    await submit.click();
    times.push(await page.evaluate(() => window.dialogTime));
  }
  return times;
}

/** The JS heap before and after 1000 connect / disconnect cycles. */
async function memory(page) {
  const cdp = await page.createCDPSession();
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  };
  await page.evaluate(async () => {
    const element = await window.mountComposite('bench-memory');
    const until = async (status) => {
      for (let i = 0; i < 1000 && element.state.status !== status; i++) {
        await new Promise((r) => setTimeout(r, 0));
      }
      if (element.state.status !== status)
        throw new Error(`stuck in ${element.state.status}: ${JSON.stringify(element.state)}`);
      await element.updateComplete;
    };
    window.cycles = async (count) => {
      for (let i = 0; i < count; i++) {
        element.send({ type: 'ADD' });
        element.send({
          type: 'EDIT_FIELD',
          field: 'tenantId',
          value: '3f2b8c1d-7e6a-4d5c-9b8a-1c2d3e4f5a6b',
        });
        element.send({ type: 'SUBMIT', consentState: window.kit.createConsentState() });
        await until('awaiting-consent');
        element.send({ type: 'SET_CONSENT_GIVEN', value: true });
        element.send({ type: 'CONFIRM' });
        await until('connected');
        element.send({ type: 'DISCONNECT', reconnect: false });
        await until('choosing');
      }
    };
    /** Until the audit outbox has delivered everything and stopped: its backlog is not a leak. */
    window.settled = async () => {
      let seen = -1;
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const pending = (await element.auditOutbox?.pending())?.length ?? 0;
        if (pending === 0 && element.adapter.appended === seen) return;
        seen = element.adapter.appended;
      }
    };
    // Warm-up: the engine compiles and caches the code of a cycle once; that is not a leak.
    await window.cycles(100);
    await window.settled();
  });
  const before = await heap();
  const samples = [];
  for (let step = 0; step < 4; step++) {
    await page.evaluate(async () => {
      await window.cycles(250);
      await window.settled();
    });
    samples.push(await heap());
  }
  return { before, samples };
}

const ms = (value) => `${value.toFixed(2)} ms`;
const mib = (value) => `${(value / 1024 / 1024).toFixed(2)} MiB`;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await setUp(page);

  const renders = await coldRender(page);
  console.log('\nCold render (median of 60 mounts; goal: at most 1.5 x the vanilla element)\n');
  console.log('| Element | Kit | Vanilla, same DOM | Ratio |');
  console.log('|---|---|---|---|');
  for (const { tag, kit, vanilla } of renders) {
    console.log(`| \`<${tag}>\` | ${ms(kit)} | ${ms(vanilla)} | ${(kit / vanilla).toFixed(2)} x |`);
  }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const keys = await typing(page);
  const dialogs = await connectToDialog(page);
  console.log('\nInteraction to next frame (goal: under 16 ms)\n');
  console.log('| Interaction | Median | Worst | Runs |');
  console.log('|---|---|---|---|');
  console.log(
    `| Key press in the tenant ID field | ${ms(median(keys))} | ${ms(Math.max(...keys))} | ${keys.length} |`,
  );
  console.log(
    `| Connect account to the consent dialog | ${ms(median(dialogs))} | ${ms(Math.max(...dialogs))} | ${dialogs.length} |`,
  );

  const { before, samples } = await memory(page);
  console.log('\nJS heap after garbage collection (goal: flat, within 10 %)\n');
  console.log('| After cycles | Heap | Change |');
  console.log('|---|---|---|');
  console.log(`| 0 | ${mib(before)} | |`);
  samples.forEach((size, index) => {
    const change = ((size - before) / before) * 100;
    console.log(
      `| ${(index + 1) * 250} | ${mib(size)} | ${change >= 0 ? '+' : ''}${change.toFixed(1)} % |`,
    );
  });
  if (errors.length > 0) throw new Error(`Page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
