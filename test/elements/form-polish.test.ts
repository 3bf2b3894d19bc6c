/**
 * Issue 10 for the form, the picker and the composite: focus never falls to <body> in a busy
 * state, saving is announced and typing while it runs loses nothing, the tenant type is shown
 * once (inside the form), accessible names keep their spaces, and nothing scrolls sideways at
 * 320 CSS px in English or French.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type { LitElement } from 'lit';
import '../../src/define/index.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import { fr } from '../../src/i18n/fr.js';
import {
  AdapterError,
  en,
  type AzureConnectForm,
  type AzureDeviceCompliance,
  type Connection,
  type ConnectionActions,
  type ConnectionAdapter,
  type TenantTypePicker,
  type WizardStatus,
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
} from './helpers.js';

const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const CONNECTION: Connection = {
  tenantType: 'standard',
  tenantId: TENANT,
  enrollmentUrl: 'https://enrol.example.com/',
  connectedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

type Kit = LitElement & HTMLElement;

/** A promise and its resolve/reject, to hold an adapter call. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((ok, ko) => {
    resolve = ok;
    reject = ko;
  });
  return { promise, resolve, reject };
}

async function settle(el: AzureDeviceCompliance): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await el.updateComplete;
    const inner = el.shadowRoot!.querySelectorAll<Kit>(
      'tenant-type-picker, azure-connect-form, consent-dialog, connection-actions',
    );
    await Promise.all([...inner].map((child) => child.updateComplete));
    const nested = [...inner].flatMap((child) => [
      ...(child.shadowRoot?.querySelectorAll<Kit>('tenant-type-picker') ?? []),
    ]);
    await Promise.all(nested.map((child) => child.updateComplete));
  }
}

async function waitForStatus(el: AzureDeviceCompliance, status: WizardStatus): Promise<void> {
  await waitUntil(() => el.state.status === status, `expected the wizard to reach "${status}"`, {
    timeout: 3000,
  });
  await settle(el);
}

let mounts = 0;

async function mount(adapter: ConnectionAdapter, lang = 'en'): Promise<AzureDeviceCompliance> {
  mounts += 1;
  const wrapper = await mountWrapper<HTMLDivElement>(html`
    <div lang=${lang}>
      <button id="before">before</button>
      <azure-device-compliance
        storage-key=${`form-polish-${Date.now()}-${mounts}`}
        client-id=${CLIENT}
        actor="admin@example.com"
        .adapter=${adapter}
      ></azure-device-compliance>
      <button id="after">after</button>
    </div>
  `);
  const el = wrapper.querySelector<AzureDeviceCompliance>('azure-device-compliance')!;
  await waitUntil(() => el.state.status !== 'loading', 'the connection should load', {
    timeout: 3000,
  });
  await settle(el);
  return el;
}

const form = (el: AzureDeviceCompliance) => find<AzureConnectForm>(el, 'azure-connect-form');
const field = (el: AzureDeviceCompliance, id: string) =>
  find<HTMLInputElement>(form(el), `input#${id}`);
const actions = (el: AzureDeviceCompliance) => find<ConnectionActions>(el, 'connection-actions');

/**
 * Tabs forwards to the button after the element, then Shift+Tabs back to the one before it:
 * focus must never be on <body> on the way.
 */
async function expectWalkKeepsFocus(what: string, steps = 12): Promise<void> {
  for (const shift of [false, true]) {
    const end = shift ? 'before' : 'after';
    const names: string[] = [];
    for (let step = 0; step < steps; step++) {
      const [node] = await focusWalk(1, shift);
      names.push(describeNode(node));
      expect(
        !node || node === document.body,
        `${what}, ${shift ? 'Shift+Tab' : 'Tab'}: ${names.join(', ')}`,
      ).to.be.false;
      if (node?.id === end) break;
    }
    expect(names.at(-1), `${what}: the walk should reach the "${end}" button`).to.equal(
      `button#${end}`,
    );
  }
}

/** An adapter whose update is held until the test lets it go (or fails it). */
function heldUpdateAdapter() {
  const adapter = new MemoryAdapter();
  adapter.connection = CONNECTION;
  const update = adapter.updateConnection.bind(adapter);
  const held: ReturnType<typeof deferred<undefined>>[] = [];
  adapter.updateConnection = async (request) => {
    const gate = deferred<undefined>();
    held.push(gate);
    await gate.promise;
    return update(request);
  };
  return { adapter, held };
}

/** connected -> Edit -> enrollment URL retyped -> Save changes by keyboard; the save is held. */
async function startHeldSave(el: AzureDeviceCompliance, held: unknown[]): Promise<void> {
  if (el.state.status === 'connected') {
    find(actions(el), '[part="edit-button"]').click();
    await waitForStatus(el, 'editing');
  }
  const enrollment = field(el, 'enrollmentUrl');
  enrollment.focus();
  enrollment.select();
  await sendKeys({ type: 'https://new.example.com/' });
  await settle(el);
  find(form(el), '[part="submit-button"]').focus();
  await sendKeys({ press: 'Enter' });
  await waitForStatus(el, 'saving');
  await waitUntil(() => held.length === 1, 'the save should reach the adapter');
}

describe('form, picker and composite: busy states keep focus', () => {
  it('saving by keyboard: focus stays on Save changes, and a Tab walk never reaches <body>', async () => {
    const { adapter, held } = heldUpdateAdapter();
    const el = await mount(adapter);
    await startHeldSave(el, held);
    const save = find(form(el), '[part="submit-button"]');
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    expect(
      find(form(el), '[part="cancel-button"]').getAttribute('aria-disabled'),
      'Cancel waits too, without losing focus',
    ).to.equal('true');
    expectFocused(save, 'while saving');
    await expectWalkKeepsFocus('while saving');
    await expect(el).to.be.accessible();
    held[0]!.resolve(undefined);
    await waitForStatus(el, 'connected');
    await waitUntil(
      () => actions(el).matches(':focus-within'),
      `focus should move to the connection, not ${describeNode(deepActiveElement())}`,
    );
  });

  it('a failed save: the error box has a title and no Retry, and focus waits on Save changes', async () => {
    const { adapter, held } = heldUpdateAdapter();
    const el = await mount(adapter);
    await startHeldSave(el, held);
    held[0]!.reject(new AdapterError('unavailable'));
    await waitForStatus(el, 'editing');
    const alert = find(form(el), '[role="alert"]');
    expect(text(alert)).to.equal(`${en.saveFailedTitle} ${en.errors.unavailable}`);
    const names = [...form(el).shadowRoot!.querySelectorAll('button')].map((b) => text(b));
    expect(names, 'one button per action').to.deep.equal([en.saveChanges, en.cancel]);
    const save = find(form(el), '[part="submit-button"]');
    expectFocused(save, 'after the failure');
    await expectWalkKeepsFocus('after a failed save');
    await expect(el).to.be.accessible();

    // Save changes is the retry.
    save.focus();
    await sendKeys({ press: 'Enter' });
    await waitForStatus(el, 'saving');
    await waitUntil(() => held.length === 2, 'the retry should reach the adapter');
    held[1]!.resolve(undefined);
    await waitForStatus(el, 'connected');
    expect(adapter.connection?.enrollmentUrl).to.equal('https://new.example.com/');
  });

  it('a conflict: focus moves to Cancel, the only way out', async () => {
    const { adapter, held } = heldUpdateAdapter();
    const el = await mount(adapter);
    await startHeldSave(el, held);
    held[0]!.reject(new AdapterError('conflict'));
    await waitForStatus(el, 'editing');
    expect(text(find(form(el), '[role="alert"]'))).to.contain(en.errors.conflict);
    await waitUntil(
      () => deepActiveElement() === find(form(el), '[part="cancel-button"]'),
      `focus should move to Cancel, not ${describeNode(deepActiveElement())}`,
    );
    await expectWalkKeepsFocus('after a conflict');
    await expect(el).to.be.accessible();
  });

  it('Add Azure account by keyboard moves focus to the tenant ID, never to <body>', async () => {
    const el = await mount(new MemoryAdapter());
    const picker = find<TenantTypePicker>(el, 'tenant-type-picker');
    const add = find(picker, '[part="add-button"]');
    expect(text(add)).to.equal(en.addAzureAccount);
    add.focus();
    await sendKeys({ press: 'Enter' });
    await waitForStatus(el, 'filling');
    await waitUntil(
      () => deepActiveElement() === field(el, 'tenantId'),
      `focus should move to the tenant ID, not ${describeNode(deepActiveElement())}`,
    );
    await expectWalkKeepsFocus('in the form');
  });

  it('Retry after a failed load keeps focus on the loading status, then on the next step', async () => {
    const adapter = new MemoryAdapter();
    let gate = deferred<Connection | null>();
    let calls = 0;
    adapter.loadConnection = async () => {
      calls += 1;
      if (calls === 1) throw new AdapterError('unavailable');
      return gate.promise;
    };
    const el = await mount(adapter);
    expect(el.state.status).to.equal('load-failed');
    const alert = find(el, '[part="load-alert"]');
    expect(text(alert.querySelector('[role="alert"]'))).to.equal(
      `${en.loadFailedTitle} ${en.errors.unavailable}`,
    );
    expect(alert.querySelector('[role="alert"] button'), 'no button in the announcement').to.equal(
      null,
    );
    const retry = find(el, '[part="retry-button"]');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitForStatus(el, 'loading');
    await waitUntil(
      () => deepActiveElement() === find(el, '[part="loading"]'),
      `focus should wait on the loading status, not ${describeNode(deepActiveElement())}`,
    );
    await expectWalkKeepsFocus('while loading', 2);
    await expect(el).to.be.accessible();

    // It fails again: focus on Retry.
    gate.reject(new AdapterError('unavailable'));
    await waitForStatus(el, 'load-failed');
    await waitUntil(
      () => deepActiveElement() === find(el, '[part="retry-button"]'),
      `focus should return to Retry, not ${describeNode(deepActiveElement())}`,
    );

    gate = deferred<Connection | null>();
    await sendKeys({ press: 'Enter' });
    await waitForStatus(el, 'loading');
    gate.resolve(null);
    await waitForStatus(el, 'choosing');
    await waitUntil(
      () => find(el, 'tenant-type-picker').matches(':focus-within'),
      `focus should move to the tenant type, not ${describeNode(deepActiveElement())}`,
    );
  });

  it('confirming the reset of the embedded store keeps focus while it reloads', async () => {
    const key = `form-polish-store-${Date.now()}`;
    localStorage.setItem(`${key}:connection`, '{not json');
    try {
      const adapter = new BrowserStorageAdapter({ key });
      const el = await mount(adapter);
      expect(el.state.status).to.equal('load-failed');
      const gate = deferred<undefined>();
      const load = adapter.loadConnection.bind(adapter);
      adapter.loadConnection = async (options) => {
        await gate.promise;
        return load(options);
      };
      const reset = find(el, '[part="reset-button"]');
      expect(reset.classList.contains('danger-outline')).to.be.true;
      reset.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const dialog = find<HTMLDialogElement>(el, 'dialog.reset');
      expect(dialog.open).to.be.true;
      // The shared dialog frame: header with a close button, body, footer with the buttons.
      expect(text(dialog.querySelector('.dialog-header h2'))).to.equal(en.resetEmbeddedStoreTitle);
      expect(dialog.querySelector('.dialog-header [part="reset-close-button"]')).to.exist;
      expect(dialog.querySelector('.dialog-body #reset-body')).to.exist;
      expect(dialog.querySelector('.dialog-footer button.danger.confirm')).to.exist;
      for (const animation of dialog.getAnimations()) animation.finish();
      await expect(el).to.be.accessible();

      find(el, '[part="reset-confirm-button"]').focus();
      await sendKeys({ press: 'Enter' });
      await waitForStatus(el, 'loading');
      await waitUntil(
        () => deepActiveElement() === find(el, '[part="loading"]'),
        `focus should wait on the loading status, not ${describeNode(deepActiveElement())}`,
      );
      await expectWalkKeepsFocus('while the store reloads', 2);
      gate.resolve(undefined);
      await waitForStatus(el, 'choosing');
      await waitUntil(
        () => find(el, 'tenant-type-picker').matches(':focus-within'),
        `focus should move to the tenant type, not ${describeNode(deepActiveElement())}`,
      );
    } finally {
      localStorage.removeItem(`${key}:connection`);
      localStorage.removeItem(`${key}:audit`);
    }
  });

  it('the close button of the reset confirmation closes it and returns focus to Reset', async () => {
    const key = `form-polish-close-${Date.now()}`;
    localStorage.setItem(`${key}:connection`, '{not json');
    try {
      const el = await mount(new BrowserStorageAdapter({ key }));
      const reset = find(el, '[part="reset-button"]');
      reset.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const dialog = find<HTMLDialogElement>(el, 'dialog.reset');
      const close = dialog.querySelector<HTMLButtonElement>('[part="reset-close-button"]')!;
      expect(close.getAttribute('aria-label')).to.equal(en.closeDialog);
      close.click();
      await waitUntil(() => !dialog.open, 'the close button should close the confirmation');
      await waitUntil(() => deepActiveElement() === reset, 'focus should return to Reset');
      expect(el.state.status).to.equal('load-failed');
    } finally {
      localStorage.removeItem(`${key}:connection`);
    }
  });
});

describe('form, picker and composite: saving is perceivable and loses nothing', () => {
  it('the status region exists before saving and then says Saving…', async () => {
    const { adapter, held } = heldUpdateAdapter();
    const el = await mount(adapter);
    find(actions(el), '[part="edit-button"]').click();
    await waitForStatus(el, 'editing');
    const status = find(form(el), '[part="status"]');
    expect(status.getAttribute('role')).to.equal('status');
    expect(text(status)).to.equal('');
    await startHeldSave(el, held);
    expect(find(form(el), '[part="status"]'), 'the same live region').to.equal(status);
    expect(text(status)).to.equal(en.saving);
    await expect(el).to.be.accessible();
    held[0]!.resolve(undefined);
    await waitForStatus(el, 'connected');
  });

  it('typing while a save is held changes nothing: the fields are read-only and the save keeps its value', async () => {
    const { adapter, held } = heldUpdateAdapter();
    const el = await mount(adapter);
    await startHeldSave(el, held);
    const tenant = field(el, 'tenantId');
    const enrollment = field(el, 'enrollmentUrl');
    for (const input of [tenant, enrollment, field(el, 'remediationUrl')]) {
      expect(input.readOnly, `${input.id} is read-only while saving`).to.be.true;
    }
    const radios = [...find(form(el), 'tenant-type-picker').shadowRoot!.querySelectorAll('input')];
    expect(radios.every((radio) => radio.matches(':disabled'))).to.be.true;

    enrollment.focus();
    await sendKeys({ type: 'typed-while-saving' });
    await settle(el);
    expect(enrollment.value).to.equal('https://new.example.com/');
    expect(el.state.status).to.equal('saving');
    if (el.state.status === 'saving') {
      expect(el.state.draft.enrollmentUrl).to.equal('https://new.example.com/');
    }

    held[0]!.resolve(undefined);
    await waitForStatus(el, 'connected');
    expect(adapter.connection?.enrollmentUrl).to.equal('https://new.example.com/');
    // Editing again: what is shown is what was saved; nothing typed was half-kept.
    find(actions(el), '[part="edit-button"]').click();
    await waitForStatus(el, 'editing');
    expect(field(el, 'enrollmentUrl').value).to.equal('https://new.example.com/');
    expect(field(el, 'enrollmentUrl').readOnly).to.be.false;
  });
});

describe('form, picker and composite: form structure', () => {
  it('once the form is open the tenant type appears once, inside the form, at the inputs’ width', async () => {
    const el = await mount(new MemoryAdapter());
    find(find(el, 'tenant-type-picker'), '#type-gcc-high').click();
    await settle(el);
    find(find(el, 'tenant-type-picker'), '[part="add-button"]').click();
    await waitForStatus(el, 'filling');
    expectNone(el, 'tenant-type-picker');
    const pickers = form(el).shadowRoot!.querySelectorAll<TenantTypePicker>('tenant-type-picker');
    expect(pickers.length).to.equal(1);
    const picker = pickers[0]!;
    expect(picker.value).to.equal('gcc-high');
    // No repeated "Tenant type: GCC High" line: the legend is the only mention.
    const shown = deepText(el);
    expect(shown.split(en.tenantTypeLabel).length - 1, shown).to.equal(1);
    expect(shown).not.to.contain(`${en.tenantTypeLabel}:`);
    const fieldset = find(picker, 'fieldset').getBoundingClientRect();
    const input = field(el, 'tenantId').getBoundingClientRect();
    expect(Math.round(fieldset.width)).to.equal(Math.round(input.width));
    expect(Math.round(fieldset.left)).to.equal(Math.round(input.left));

    // Changing it in the form changes the draft.
    find(picker, '#type-standard').click();
    await settle(el);
    expect(el.state.status === 'filling' && el.state.draft.tenantType).to.equal('standard');
    await expect(el).to.be.accessible();
  });

  it('entering Edit focuses the tenant ID without selecting it, caret at the end', async () => {
    const adapter = new MemoryAdapter();
    adapter.connection = CONNECTION;
    const el = await mount(adapter);
    find(actions(el), '[part="edit-button"]').click();
    await waitForStatus(el, 'editing');
    const tenant = field(el, 'tenantId');
    await waitUntil(
      () => deepActiveElement() === tenant,
      `focus should move to the tenant ID, not ${describeNode(deepActiveElement())}`,
    );
    expect(tenant.selectionStart).to.equal(TENANT.length);
    expect(tenant.selectionEnd).to.equal(TENANT.length);
    await sendKeys({ type: 'x' });
    expect(tenant.value, 'a key press adds, it does not replace').to.equal(`${TENANT}x`);
  });

  it('accessible names keep the space before "(optional)", in English and French', async () => {
    const wrapper = await mountWrapper<HTMLDivElement>(html`
      <div>
        <azure-connect-form></azure-connect-form>
        <azure-connect-form lang="fr"></azure-connect-form>
      </div>
    `);
    await Promise.all(
      [...wrapper.querySelectorAll<AzureConnectForm>('azure-connect-form')].map(
        (el) => el.updateComplete,
      ),
    );
    const names = [...wrapper.querySelectorAll('azure-connect-form')].flatMap((el) =>
      [...el.shadowRoot!.querySelectorAll('input')].map(accessibleName),
    );
    // Chromium drops a space that is a text node of its own between the name and the
    // "(optional)" span ("Remediation URL(optional)" in its accessibility tree, though axe and
    // innerText keep it): the space must belong to the span's text.
    const optionals = [...wrapper.querySelectorAll('azure-connect-form')].flatMap((el) => [
      ...el.shadowRoot!.querySelectorAll('label .optional'),
    ]);
    expect(optionals.length).to.equal(4);
    for (const optional of optionals) {
      expect(optional.textContent?.replace(/\s+/g, ' ')).to.match(/^ \(/);
    }
    for (const name of [
      'Enrollment URL (optional)',
      'Remediation URL (optional)',
      `${fr.enrollmentUrl} (${fr.optional})`,
      `${fr.remediationUrl} (${fr.optional})`,
    ]) {
      expect(names, `computed accessible names: ${names.join(' | ')}`).to.include(name);
    }
  });

  it('Add says what it adds, in English and French', async () => {
    const wrapper = await mountWrapper<HTMLDivElement>(html`
      <div>
        <tenant-type-picker></tenant-type-picker>
        <tenant-type-picker lang="fr"></tenant-type-picker>
      </div>
    `);
    const [english, french] = [...wrapper.querySelectorAll<TenantTypePicker>('tenant-type-picker')];
    expect(text(find(english!, '[part="add-button"]'))).to.equal('Add Azure account');
    expect(text(find(french!, '[part="add-button"]'))).to.equal('Ajouter un compte Azure');
  });

  it('the standalone form re-sends a tenant type chosen in it as tenant-type-change', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    const seen: string[] = [];
    el.addEventListener('tenant-type-change', (event) => seen.push(event.detail.tenantType));
    find(find(el, 'tenant-type-picker'), '#type-gcc-high').click();
    await el.updateComplete;
    expect(seen).to.deep.equal(['gcc-high']);
    expect(el.tenantType).to.equal('gcc-high');
    expect(el.draft.tenantType).to.equal('gcc-high');
  });
});

/** The text of an element and of every shadow root inside it, as one string. */
function deepText(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node) => {
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current instanceof Element && current.shadowRoot) walk(current.shadowRoot);
    for (const child of current.childNodes) walk(child);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

interface Axe {
  setup(root: Node): unknown;
  teardown(): void;
  utils: { getNodeFromTree(node: Node): unknown };
  commons: { text: { accessibleTextVirtual(node: unknown): string } };
}

/** The accessible name as axe computes it (through shadow roots). */
function accessibleName(element: Element): string {
  const axe = (window as unknown as { axe: Axe }).axe;
  axe.setup(document);
  try {
    return axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(element));
  } finally {
    axe.teardown();
  }
}

/** Every element's box, through shadow roots, that reaches past the viewport's right edge. */
function overflowing(root: Document | ShadowRoot, width: number, found: string[] = []): string[] {
  for (const node of root.querySelectorAll<HTMLElement>('*')) {
    const box = node.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5) found.push(describeNode(node));
    if (node.shadowRoot) overflowing(node.shadowRoot, width, found);
  }
  return found;
}

function expectNoHorizontalScroll(state: string): void {
  const width = document.documentElement.clientWidth;
  expect(document.documentElement.scrollWidth, `${state}: the page scrolls sideways`).to.be.at.most(
    width,
  );
  expect(overflowing(document, width), `${state}: past the right edge`).to.deep.equal([]);
}

describe('form, picker and composite at 320 CSS px', () => {
  before(async () => {
    await setViewport({ width: 320, height: 640 });
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const lang of ['en', 'fr']) {
    it(`nothing scrolls sideways in any state (${lang}): choosing, errors, connected, editing, failed`, async function () {
      this.timeout(20_000);
      const { adapter, held } = heldUpdateAdapter();
      adapter.connection = null;
      let el = await mount(adapter, lang);
      expectNoHorizontalScroll('choosing');

      find(find(el, 'tenant-type-picker'), '[part="add-button"]').click();
      await waitForStatus(el, 'filling');
      field(el, 'enrollmentUrl').value = 'http://a-rather-long-host-name.example.com/enrol';
      field(el, 'enrollmentUrl').dispatchEvent(new InputEvent('input', { bubbles: true }));
      find(form(el), '[part="submit-button"]').click();
      await settle(el);
      expect(field(el, 'tenantId').getAttribute('aria-invalid')).to.equal('true');
      expectNoHorizontalScroll('filling with errors');
      await expect(el).to.be.accessible();

      el.parentElement!.remove();
      adapter.connection = {
        ...CONNECTION,
        remediationUrl: 'https://remediation.example.com/a/rather/long/path/to/the/page',
      };
      el = await mount(adapter, lang);
      expect(el.state.status).to.equal('connected');
      expectNoHorizontalScroll('connected');

      find(actions(el), '[part="edit-button"]').click();
      await waitForStatus(el, 'editing');
      expectNoHorizontalScroll('editing');

      find(form(el), '[part="submit-button"]').click();
      // Unchanged: back to connected without a save. Change a field, then fail the save.
      await waitForStatus(el, 'connected');
      find(actions(el), '[part="edit-button"]').click();
      await waitForStatus(el, 'editing');
      field(el, 'enrollmentUrl').value = 'https://other.example.com/';
      field(el, 'enrollmentUrl').dispatchEvent(new InputEvent('input', { bubbles: true }));
      find(form(el), '[part="submit-button"]').click();
      await waitForStatus(el, 'saving');
      await waitUntil(() => held.length === 1, 'the save should reach the adapter');
      expectNoHorizontalScroll('saving');
      held[0]!.reject(new AdapterError('unavailable'));
      await waitForStatus(el, 'editing');
      expectNoHorizontalScroll('a failed save');
    });
  }
});
