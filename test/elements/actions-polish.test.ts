import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define/index.js';
import { fr } from '../../src/i18n/fr.js';
import {
  AdapterError,
  en,
  type AzureDeviceCompliance,
  type Connection,
  type ConnectionActions,
  type ConnectionHealth,
  type ConnectionHealthPanel,
  type Strings,
} from '../../src/index.js';
import {
  deepActiveElement,
  describeNode,
  expectFocused,
  expectNone,
  find,
  focusWalk,
  MemoryAdapter,
  mountWrapper,
  text,
  finishAnimations,
} from './helpers.js';

const TENANT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const LONG_URL =
  'https://enrollment.contoso-devices.example.com/compliance/partners/onboarding/start?tenant=2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b&platform=macos';

const CONNECTION: Connection = {
  tenantType: 'standard',
  tenantId: TENANT,
  enrollmentUrl: 'https://enrol.example.com/start',
  connectedAt: '2025-03-04T10:20:00.000Z',
  updatedAt: '2025-03-04T10:20:00.000Z',
  version: 1,
};

const NOW = new Date('2026-03-10T12:00:00.000Z');
const HEALTH: ConnectionHealth = {
  checkedAt: '2026-03-10T11:59:00.000Z',
  partner: {
    state: 'enabled',
    lastHeartbeatAt: '2026-03-10T11:48:00.000Z',
    platforms: { ios: true, android: true, macos: false },
  },
  lastVerification: { at: '2026-03-10T09:00:00.000Z', verified: true },
  heartbeatMaxAgeMinutes: 60,
};

const isBody = (node: Element | null | undefined) => !node || node === document.body;

/** Names of the focused elements, for messages (never DOM nodes: see `describeNode`). */
const names = (nodes: (Element | null | undefined)[]) => nodes.map((node) => describeNode(node));

/**
 * Walks the focus with Tab from `start` to `end` and back with Shift+Tab, asserting that focus
 * is never on `<body>` on the way; returns what had focus going forward.
 */
async function walkBetween(start: HTMLElement, end: HTMLElement): Promise<(Element | null)[]> {
  await executeServerCommand('bring-to-front');
  start.focus();
  const forward: (Element | null)[] = [];
  for (let i = 0; i < 20 && deepActiveElement() !== end; i++) {
    forward.push(...(await focusWalk(1)));
  }
  expect(
    names(forward).filter((_, i) => isBody(forward[i])),
    `Tab reached body: ${names(forward).join(', ')}`,
  ).to.deep.equal([]);
  expect(deepActiveElement() === end, `Tab walk ended on ${describeNode(deepActiveElement())}`).to
    .be.true;
  const backward: (Element | null)[] = [];
  for (let i = 0; i < 20 && deepActiveElement() !== start; i++) {
    await focusWalk(1, true);
    backward.push(deepActiveElement());
  }
  expect(
    names(backward).filter((_, i) => isBody(backward[i])),
    `Shift+Tab reached body: ${names(backward).join(', ')}`,
  ).to.deep.equal([]);
  expect(deepActiveElement() === start, 'Shift+Tab walk ends where it started').to.be.true;
  return forward;
}

function expectIn(walk: (Element | null)[], element: Element, what: string): void {
  expect(walk.includes(element), `${what} should be in the Tab order: ${names(walk).join(', ')}`).to
    .be.true;
}

/** A connection-actions between two plain buttons, under `lang`. */
async function mountActions(lang = 'en', connection: Connection = CONNECTION, width = '') {
  const root = await mountWrapper<HTMLDivElement>(html`
    <div lang=${lang} style=${width ? `inline-size: ${width}` : ''}>
      <button id="before">Before</button>
      <connection-actions .connection=${connection}></connection-actions>
      <button id="after">After</button>
    </div>
  `);
  return {
    root,
    el: root.querySelector<ConnectionActions>('connection-actions')!,
    before: root.querySelector<HTMLButtonElement>('#before')!,
    after: root.querySelector<HTMLButtonElement>('#after')!,
  };
}

async function mountHealth(props: Partial<ConnectionHealthPanel> = {}, lang = 'en') {
  const root = await mountWrapper<HTMLDivElement>(html`
    <div lang=${lang}>
      <button id="before">Before</button>
      <azure-connection-health
        .health=${props.health ?? HEALTH}
        .status=${props.status ?? 'ready'}
        .checking=${props.checking ?? false}
        .error=${props.error}
        .now=${NOW}
      ></azure-connection-health>
      <button id="after">After</button>
    </div>
  `);
  return {
    root,
    el: root.querySelector<ConnectionHealthPanel>('azure-connection-health')!,
    before: root.querySelector<HTMLButtonElement>('#before')!,
    after: root.querySelector<HTMLButtonElement>('#after')!,
  };
}

/** The first ancestor (through shadow roots) with aria-busy="true", or null. */
function busyAncestor(node: Element): Element | null {
  let current: Element | null = node;
  while (current) {
    if (current.getAttribute('aria-busy') === 'true') return current;
    const parent: Element | null = current.parentElement;
    if (parent) current = parent;
    else {
      const root = current.getRootNode();
      current = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return null;
}

describe('connection actions and health: focus, announcements, narrow widths, hierarchy', () => {
  describe('focus never falls to <body> in a busy state', function () {
    // Keyboard walks: a key press is a round trip to the test runner.
    this.timeout(30_000);
    it('Disconnect confirmed by keyboard: focus stays on Disconnect while busy and after a failure; Tab and Shift+Tab never reach body', async () => {
      const { el, before, after } = await mountActions();
      const disconnect = find<HTMLButtonElement>(el, '[part="disconnect-button"]');
      const edit = find<HTMLButtonElement>(el, '[part="edit-button"]');
      const reconnect = find<HTMLButtonElement>(el, '[part="reconnect-button"]');
      // The host starts the disconnect when it is confirmed, as the composite does.
      el.addEventListener('disconnect-confirm', () => (el.busy = true));

      await executeServerCommand('bring-to-front');
      disconnect.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const dialog = find<HTMLDialogElement>(el, 'dialog');
      expect(dialog.open).to.be.true;
      expectFocused(find(el, 'dialog .dismiss'));
      // Shift+Tab from Cancel reaches the confirm button; Enter confirms.
      await focusWalk(1, true);
      expectFocused(find(el, 'dialog button.danger'));
      const confirmed = oneEvent(el, 'disconnect-confirm');
      await sendKeys({ press: 'Enter' });
      await confirmed;
      await el.updateComplete;
      await waitUntil(() => !dialog.open, 'the confirmation closes');
      await el.updateComplete;

      expect(el.busy).to.be.true;
      expect(isBody(deepActiveElement()), 'focus after confirming').to.be.false;
      expectFocused(disconnect, 'focus while disconnecting');
      for (const button of [edit, disconnect, reconnect]) {
        expect(button.disabled, describeNode(button)).to.be.false;
        expect(button.getAttribute('aria-disabled'), describeNode(button)).to.equal('true');
      }
      const busyWalk = await walkBetween(before, after);
      for (const button of [edit, disconnect, reconnect]) {
        expectIn(busyWalk, button, describeNode(button));
      }
      // Enter on a busy button does nothing.
      const requests: Event[] = [];
      el.addEventListener('disconnect-request', (event) => requests.push(event));
      disconnect.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(requests.length).to.equal(0);
      expect(dialog.open).to.be.false;
      await expect(el).to.be.accessible();

      // It fails: the Disconnect button, which is the retry, still has focus.
      el.busy = false;
      el.error = { code: 'network' };
      await el.updateComplete;
      expectFocused(disconnect, 'focus after the failure');
      expect(disconnect.getAttribute('aria-disabled')).to.equal('false');
      await walkBetween(before, after);
      await expect(el).to.be.accessible();
    });

    it('after a failure with focus lost to the page, focus goes to the button that retries (Disconnect, or Reconnect for a reconnect)', async () => {
      for (const reconnect of [false, true]) {
        const { el } = await mountActions();
        const opener = find<HTMLButtonElement>(
          el,
          reconnect ? '[part="reconnect-button"]' : '[part="disconnect-button"]',
        );
        opener.click();
        await el.updateComplete;
        find<HTMLButtonElement>(el, 'dialog button.danger').click();
        el.busy = true;
        await el.updateComplete;
        await waitUntil(() => !find<HTMLDialogElement>(el, 'dialog').open, 'closed');
        await new Promise((resolve) => setTimeout(resolve, 0));
        (deepActiveElement() as HTMLElement | null)?.blur();
        expect(isBody(deepActiveElement()), 'focus lost before the failure').to.be.true;
        el.busy = false;
        el.error = { code: 'network' };
        await el.updateComplete;
        expectFocused(opener, `focus after a failed ${reconnect ? 'reconnect' : 'disconnect'}`);
      }
    });

    it('a disconnect started elsewhere closes an open confirmation and focus goes back to its opener', async () => {
      const { el } = await mountActions();
      const disconnect = find<HTMLButtonElement>(el, '[part="disconnect-button"]');
      await executeServerCommand('bring-to-front');
      disconnect.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const dialog = find<HTMLDialogElement>(el, 'dialog');
      expect(dialog.open).to.be.true;
      el.busy = true;
      await el.updateComplete;
      await waitUntil(() => !dialog.open, 'the confirmation closes');
      await waitUntil(() => deepActiveElement() === disconnect, 'focus back on Disconnect');
      await expect(el).to.be.accessible();
    });

    it('in the composite: a held disconnect, then a failed one, walked by keyboard', async () => {
      const adapter = new MemoryAdapter();
      adapter.connection = CONNECTION;
      let release: (error?: Error) => void = () => {};
      adapter.removeConnection = () =>
        new Promise<void>((resolve, reject) => {
          release = (error) => (error ? reject(error) : resolve());
        });
      const root = await mountWrapper<HTMLDivElement>(html`
        <div>
          <button id="before">Before</button>
          <azure-device-compliance
            storage-key=${`actions-polish-${Date.now()}`}
            client-id="11111111-2222-3333-4444-555555555555"
            redirect-uri="https://console.example.com/cb"
            .adapter=${adapter}
          ></azure-device-compliance>
          <button id="after">After</button>
        </div>
      `);
      const composite = root.querySelector<AzureDeviceCompliance>('azure-device-compliance')!;
      const before = root.querySelector<HTMLButtonElement>('#before')!;
      const after = root.querySelector<HTMLButtonElement>('#after')!;
      await waitUntil(() => composite.state.status === 'connected', 'connected');
      await composite.updateComplete;
      const actions = find<ConnectionActions>(composite, 'connection-actions');
      await actions.updateComplete;
      const disconnect = find<HTMLButtonElement>(actions, '[part="disconnect-button"]');

      await executeServerCommand('bring-to-front');
      disconnect.focus();
      await sendKeys({ press: 'Enter' });
      await actions.updateComplete;
      await focusWalk(1, true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => composite.state.status === 'disconnecting', 'disconnecting');
      await composite.updateComplete;
      await actions.updateComplete;
      await waitUntil(() => !find<HTMLDialogElement>(actions, 'dialog').open, 'closed');
      expectFocused(disconnect, 'focus while the composite disconnects');
      expect(text(find(actions, '[role="status"]'))).to.equal(en.disconnecting);
      await walkBetween(before, after);
      await expect(composite).to.be.accessible();

      disconnect.focus();
      release(new AdapterError('unavailable'));
      await waitUntil(
        () => composite.state.status === 'connected' && !!actions.error,
        'the disconnect fails',
      );
      await composite.updateComplete;
      await actions.updateComplete;
      expectFocused(disconnect, 'focus after the failed disconnect');
      expect(text(find(actions, '[role="alert"] .alert-title'))).to.equal(en.disconnectFailedTitle);
      await walkBetween(before, after);
      await expect(composite).to.be.accessible();
    });

    it('health: Check now keeps focus while checking; Tab and Shift+Tab never reach body', async () => {
      const { el, before, after } = await mountHealth();
      const check = find<HTMLButtonElement>(el, '[part="check-button"]');
      el.addEventListener('health-check', () => (el.checking = true));
      await executeServerCommand('bring-to-front');
      check.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.checking).to.be.true;
      expectFocused(check, 'focus while checking');
      expect(check.getAttribute('aria-disabled')).to.equal('true');
      expect(check.disabled).to.be.false;
      const walk = await walkBetween(before, after);
      expectIn(walk, check, 'Check now');
      expectIn(walk, find(el, '[part="reconnect-button"]'), 'Reconnect to add macOS');
      await expect(el).to.be.accessible();
    });

    it('health: Retry by keyboard after a failed load moves focus to the heading, not the page', async () => {
      const { el, before, after } = await mountHealth({
        status: 'failed',
        error: { code: 'network' },
      });
      el.addEventListener('kit-retry', () => (el.status = 'loading'));
      const retry = find<HTMLButtonElement>(el, '[part="alert"] button');
      await executeServerCommand('bring-to-front');
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.status).to.equal('loading');
      expectNone(el, '[part="alert"]');
      expectFocused(find(el, '#health-title'), 'focus after Retry');
      await walkBetween(before, after);
      await expect(el).to.be.accessible();
    });
  });

  describe('busy states are announced', () => {
    for (const [lang, t] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      it(`"${t.disconnecting}" in a status region that was there before, under no aria-busy (${lang})`, async () => {
        const { el } = await mountActions(lang);
        const region = find(el, '[role="status"]');
        expect(text(region)).to.equal('');
        el.busy = true;
        await el.updateComplete;
        expect(find(el, '[role="status"]') === region, 'the same region, its text changed').to.be
          .true;
        expect(text(region)).to.equal(t.disconnecting);
        expect(describeNode(busyAncestor(region))).to.equal('null');
        expect(region.closest('dialog'), 'not inside the closed confirmation').to.equal(null);
        await expect(el).to.be.accessible();
        el.busy = false;
        await el.updateComplete;
        expect(text(region)).to.equal('');
      });
    }

    it('the composite’s disconnecting status is under no aria-busy either', async () => {
      const adapter = new MemoryAdapter();
      adapter.connection = CONNECTION;
      adapter.removeConnection = () => new Promise<void>(() => {});
      const root = await mountWrapper<HTMLDivElement>(html`
        <div>
          <azure-device-compliance
            storage-key=${`actions-polish-busy-${Date.now()}`}
            client-id="11111111-2222-3333-4444-555555555555"
            .adapter=${adapter}
          ></azure-device-compliance>
        </div>
      `);
      const composite = root.querySelector<AzureDeviceCompliance>('azure-device-compliance')!;
      await waitUntil(() => composite.state.status === 'connected', 'connected');
      composite.send({ type: 'DISCONNECT', reconnect: false });
      const actions = find<ConnectionActions>(composite, 'connection-actions');
      await waitUntil(() => actions.busy, 'busy');
      await actions.updateComplete;
      const region = find(actions, '[role="status"]');
      expect(text(region)).to.equal(en.disconnecting);
      expect(describeNode(busyAncestor(region))).to.equal('null');
    });

    it('health: "Checking…" in the status region, under no aria-busy', async () => {
      const { el } = await mountHealth();
      const region = find(el, '[role="status"]');
      el.checking = true;
      await el.updateComplete;
      expect(find(el, '[role="status"]') === region).to.be.true;
      expect(text(region)).to.equal(en.checking);
      expect(describeNode(busyAncestor(region))).to.equal('null');
    });
  });

  describe('at 320 CSS px', () => {
    afterEach(async () => {
      await setViewport({ width: 800, height: 600 });
    });

    /** The value shown under a <dt> label. */
    function detail(root: Element, label: string): HTMLElement {
      const terms = [...root.shadowRoot!.querySelectorAll('dt')];
      const term = terms.find((dt) => text(dt) === label);
      if (!term) throw new Error(`no "${label}" in ${terms.map((dt) => text(dt)).join(', ')}`);
      return term.nextElementSibling as HTMLElement;
    }

    /** How many lines a node's text takes. */
    function lines(node: Node): number {
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      return tops.size;
    }

    function expectNoSideways(host: HTMLElement, what: string): void {
      const page = document.documentElement;
      expect(page.scrollWidth, `${what}: the page scrolls sideways`).to.be.at.most(
        page.clientWidth,
      );
      expect(host.scrollWidth, `${what}: the element overflows`).to.be.at.most(host.clientWidth);
      for (const node of host.shadowRoot!.querySelectorAll<HTMLElement>('section, dl, dd')) {
        expect(node.scrollWidth, `${what}: ${describeNode(node)} overflows`).to.be.at.most(
          node.clientWidth,
        );
        expect(
          node.getBoundingClientRect().right,
          `${what}: ${describeNode(node)} goes past the element`,
        ).to.be.at.most(host.getBoundingClientRect().right + 0.5);
      }
    }

    for (const [lang, t] of [
      ['en', en],
      ['fr', fr],
    ] as [string, Strings][]) {
      it(`connection details stack label over value; "${t.standard}" on one line, a long URL wraps inside (${lang})`, async () => {
        await setViewport({ width: 320, height: 640 });
        const { el } = await mountActions(lang, {
          ...CONNECTION,
          remediationUrl: LONG_URL,
          attention: { error: 'consent-missing', since: '2025-03-05T08:00:00.000Z' },
        });
        el.error = { code: 'network' };
        await el.updateComplete;
        expectNoSideways(el, lang);

        const type = detail(el, t.tenantTypeLabel);
        const term = type.previousElementSibling!;
        expect(text(type)).to.equal(t.standard);
        expect(type.getBoundingClientRect().top, 'the value sits under its label').to.be.at.least(
          term.getBoundingClientRect().bottom - 0.5,
        );
        expect(lines(type), `"${t.standard}" on one line`).to.equal(1);

        const url = detail(el, t.remediationUrl);
        const link = url.querySelector('a')!;
        expect(lines(link), 'the URL wraps').to.be.greaterThan(1);
        expect(link.getBoundingClientRect().right).to.be.at.most(
          el.getBoundingClientRect().right + 0.5,
        );
        // Every line of the URL has the whole width, not a sliver beside its label.
        expect(url.getBoundingClientRect().width).to.be.greaterThan(
          el.getBoundingClientRect().width * 0.9,
        );
        await expect(el).to.be.accessible();
      });

      it(`health details stack and nothing scrolls sideways (${lang})`, async () => {
        await setViewport({ width: 320, height: 640 });
        const { el } = await mountHealth({}, lang);
        expectNoSideways(el, lang);
        const state = detail(el, t.partnerStateLabel);
        expect(state.getBoundingClientRect().top).to.be.at.least(
          state.previousElementSibling!.getBoundingClientRect().bottom - 0.5,
        );
        await expect(el).to.be.accessible();
      });
    }

    it('a wide element keeps label beside value', async () => {
      const { el } = await mountActions('en', CONNECTION, '48rem');
      const type = detail(el, en.tenantTypeLabel);
      expect(Math.round(type.getBoundingClientRect().top)).to.equal(
        Math.round(type.previousElementSibling!.getBoundingClientRect().top),
      );
    });
  });

  describe('hierarchy and error boxes', () => {
    it('Edit is the primary action, Disconnect a destructive secondary, the confirmation keeps the strong red, Reconnect stays secondary', async () => {
      const { el } = await mountActions();
      const edit = find(el, '[part="edit-button"]');
      const disconnect = find(el, '[part="disconnect-button"]');
      const reconnect = find(el, '[part="reconnect-button"]');
      expect(edit.classList.contains('primary')).to.be.true;
      expect(disconnect.classList.contains('danger-outline')).to.be.true;
      expect(disconnect.classList.contains('danger')).to.be.false;
      expect(disconnect.classList.contains('primary')).to.be.false;
      expect([...reconnect.classList]).to.deep.equal([]);
      const editLook = getComputedStyle(edit);
      const disconnectLook = getComputedStyle(disconnect);
      expect(editLook.backgroundColor).not.to.equal(getComputedStyle(reconnect).backgroundColor);
      // Outlined: no fill of its own, red text.
      expect(disconnectLook.backgroundColor).to.equal(getComputedStyle(reconnect).backgroundColor);
      expect(disconnectLook.color).not.to.equal(getComputedStyle(reconnect).color);
      await executeServerCommand('bring-to-front');
      disconnect.click();
      await el.updateComplete;
      const confirm = find(el, 'dialog button.danger');
      expect(getComputedStyle(confirm).color).to.equal('rgb(255, 255, 255)');
      finishAnimations(find<HTMLDialogElement>(el, 'dialog'));
      await expect(el).to.be.accessible();
    });

    it('no bordered box inside the console’s card; --connection-actions-background still applies', async () => {
      const { el } = await mountActions();
      const section = find(el, '[part="status"]');
      const look = getComputedStyle(section);
      for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
        expect(look[`border${side}Width`], side).to.equal('0px');
      }
      expect(look.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
      el.style.setProperty('--connection-actions-background', 'rgb(1, 2, 3)');
      expect(getComputedStyle(section).backgroundColor).to.equal('rgb(1, 2, 3)');

      const { el: health } = await mountHealth();
      const panel = getComputedStyle(find(health, '[part="panel"]'));
      for (const side of ['Right', 'Bottom', 'Left'] as const) {
        expect(panel[`border${side}Width`], side).to.equal('0px');
      }
      // A quiet separator above, not a box around.
      expect(panel.borderTopWidth).to.equal('1px');
      health.style.setProperty('--azure-connection-health-background', 'rgb(4, 5, 6)');
      expect(getComputedStyle(find(health, '[part="panel"]')).backgroundColor).to.equal(
        'rgb(4, 5, 6)',
      );
    });

    it('the failed disconnect and the attention box use the tinted error box with a title', async () => {
      const { el } = await mountActions('en', {
        ...CONNECTION,
        attention: { error: 'consent-missing', since: '2025-03-05T08:00:00.000Z' },
      });
      el.error = { code: 'network' };
      await el.updateComplete;
      const box = find(el, '[part="alert"]');
      const attention = find(el, '[part="attention"]');
      expect(box.querySelector('svg.icon')).not.to.equal(null);
      expect(attention.querySelector('svg.icon')).not.to.equal(null);
      const tint = getComputedStyle(box).backgroundColor;
      expect(tint).not.to.equal('rgba(0, 0, 0, 0)');
      expect(getComputedStyle(attention).backgroundColor).to.equal(tint);
      expect(text(find(el, '[role="alert"] .alert-title'))).to.equal(en.disconnectFailedTitle);
      expectNone(box, 'button');
      await expect(el).to.be.accessible();
    });
  });

  describe('the confirmation dialog', () => {
    // In front: a page in the background neither runs the dialog's fade nor delivers `close`
    // promptly.
    beforeEach(() => executeServerCommand('bring-to-front'));

    for (const [lang, t] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      it(`has the shared frame: header with title and close button, body, footer (${lang})`, async () => {
        const { el } = await mountActions(lang);
        const disconnect = find<HTMLButtonElement>(el, '[part="disconnect-button"]');
        disconnect.click();
        await el.updateComplete;
        const dialog = find<HTMLDialogElement>(el, 'dialog');
        const header = dialog.querySelector('header.dialog-header')!;
        expect(header.querySelector('h2')?.id).to.equal('confirm-title');
        const close = header.querySelector<HTMLButtonElement>('[part="close-button"]')!;
        expect(close.getAttribute('aria-label')).to.equal(t.closeDialog);
        expect(dialog.querySelector('.dialog-body #confirm-body')).not.to.equal(null);
        const footer = dialog.querySelector('footer.dialog-footer')!;
        expect([...footer.querySelectorAll('button')].map((b) => text(b))).to.deep.equal([
          t.disconnectConfirm,
          t.cancel,
        ]);
        expect(getComputedStyle(dialog).display).to.equal('flex');
        finishAnimations(dialog);
        await expect(el).to.be.accessible();

        // The close button acts as Cancel: nothing confirmed, focus back on Disconnect.
        const confirms: Event[] = [];
        el.addEventListener('disconnect-confirm', (event) => confirms.push(event));
        close.click();
        await el.updateComplete;
        await waitUntil(() => !dialog.open, 'the close button closes the confirmation');
        await waitUntil(() => deepActiveElement() === disconnect, 'focus back on Disconnect');
        expect(confirms.length).to.equal(0);
      });

      it(`titles match their buttons (${lang})`, async () => {
        const { el } = await mountActions(lang);
        const title = () => text(find(el, '#confirm-title')).replace(/\s*\?$/u, '');
        const confirmLabel = () => text(find(el, 'dialog button.danger'));
        find(el, '[part="disconnect-button"]').click();
        await el.updateComplete;
        expect(title()).to.equal(confirmLabel());
        const closed = oneEvent(find(el, 'dialog'), 'close');
        find(el, 'dialog .dismiss').click();
        await closed;
        find(el, '[part="reconnect-button"]').click();
        await el.updateComplete;
        expect(title()).to.equal(confirmLabel());
        expect(confirmLabel()).to.equal(t.reconnectConfirm);
      });
    }
  });

  describe('no hard-coded colon', () => {
    for (const [lang, t] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      it(`platforms are name and state pairs, with no colon in the markup (${lang})`, async () => {
        const { el } = await mountHealth({}, lang);
        const platforms = find(el, '[part="platforms"]');
        expect(platforms.localName).to.equal('dl');
        const pairs = [...platforms.querySelectorAll(':scope > div')].map((pair) => [
          text(pair.querySelector('dt')),
          text(pair.querySelector('dd')),
        ]);
        expect(pairs).to.deep.equal([
          ['iOS', `✓ ${t.onboarded}`],
          ['Android', `✓ ${t.onboarded}`],
          ['macOS', `– ${t.notOnboarded}`],
        ]);
        expect(platforms.textContent).not.to.contain(':');
        await expect(el).to.be.accessible();
      });
    }
  });
});
