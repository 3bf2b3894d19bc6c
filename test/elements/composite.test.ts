import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/define/index.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import {
  en,
  type AuditEvent,
  type AzureConnectForm,
  type AzureDeviceCompliance,
  type Connection,
  type ConnectionActions,
  type ConnectionAdapter,
  type ConsentDialog,
  type TenantTypePicker,
  type WizardStatus,
} from '../../src/index.js';
import {
  clickWithMouse,
  deepActiveElement,
  describeNode,
  expectNone,
  find,
  MemoryAdapter,
  text,
  pressEscape,
} from './helpers.js';

const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ACTOR = 'admin@example.com';
const KEY = 'azure-compliance-connect';
const signal = () => new AbortController().signal;

type Kit = LitElement & HTMLElement;

async function settle(el: AzureDeviceCompliance): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await el.updateComplete;
    const inner = el.shadowRoot!.querySelectorAll<Kit>(
      'tenant-type-picker, azure-connect-form, consent-dialog, connection-actions',
    );
    await Promise.all([...inner].map((child) => child.updateComplete));
  }
}

async function waitForStatus(el: AzureDeviceCompliance, status: WizardStatus): Promise<void> {
  await waitUntil(() => el.state.status === status, `expected the wizard to reach "${status}"`, {
    timeout: 3000,
  });
  await settle(el);
}

let mounts = 0;

async function mount(adapter?: ConnectionAdapter, timeoutMs?: number) {
  // Each test gets its own session, ledger and outbox; the default adapter's data stays shared.
  mounts += 1;
  const el = await fixture<AzureDeviceCompliance>(html`
    <azure-device-compliance
      storage-key=${`composite-test-${Date.now()}-${mounts}`}
      client-id=${CLIENT}
      actor=${ACTOR}
      timeout-ms=${timeoutMs ?? 15000}
      .adapter=${adapter}
    ></azure-device-compliance>
  `);
  const changes: (Connection | null)[] = [];
  const audits: AuditEvent[] = [];
  el.addEventListener('connection-change', (e) => {
    if (e.detail.reason !== 'loaded') changes.push(e.detail.connection);
  });
  el.addEventListener('audit-event', (e) => audits.push(e.detail.event));
  await waitUntil(() => el.state.status !== 'loading', 'the connection should load', {
    timeout: 3000,
  });
  await settle(el);
  return { el, changes, audits };
}

const picker = (el: AzureDeviceCompliance) => find<TenantTypePicker>(el, 'tenant-type-picker');
/** Once the form is open, the tenant type is its first field. */
const formPicker = (el: AzureDeviceCompliance) =>
  find<TenantTypePicker>(form(el), 'tenant-type-picker');
const form = (el: AzureDeviceCompliance) => find<AzureConnectForm>(el, 'azure-connect-form');
const consent = (el: AzureDeviceCompliance) => find<ConsentDialog>(el, 'consent-dialog');
const actions = (el: AzureDeviceCompliance) => find<ConnectionActions>(el, 'connection-actions');
const field = (el: AzureDeviceCompliance, id: string) =>
  find<HTMLInputElement>(form(el), `input#${id}`);

/** Replaces what a field holds by typing, as the admin would. */
async function retype(el: AzureDeviceCompliance, id: string, value: string): Promise<void> {
  const input = field(el, id);
  input.focus();
  input.select();
  if (value === '') await sendKeys({ press: 'Backspace' });
  else await sendKeys({ type: value });
  await settle(el);
}

/**
 * Ends the dialog's opening animation, so that axe measures the final colours. `finish()` rather
 * than waiting: a page the runner keeps in the background may not run animations at all.
 */
function endAnimations(dialog: ConsentDialog): void {
  for (const animation of find<HTMLDialogElement>(dialog, 'dialog').getAnimations()) {
    animation.finish();
  }
}

/** choosing -> GCC High -> Add -> tenant typed -> Connect account -> consent dialog open. */
async function reachConsent(
  el: AzureDeviceCompliance,
  values: { tenantId: string; enrollmentUrl?: string; remediationUrl?: string },
): Promise<void> {
  await clickWithMouse(find(picker(el), 'label[for="type-gcc-high"]'));
  await clickWithMouse(find(picker(el), '[part="add-button"]'));
  await waitForStatus(el, 'filling');
  await retype(el, 'tenantId', values.tenantId);
  if (values.enrollmentUrl) await retype(el, 'enrollmentUrl', values.enrollmentUrl);
  if (values.remediationUrl) await retype(el, 'remediationUrl', values.remediationUrl);
  await clickWithMouse(find(form(el), '[part="submit-button"]'));
  await waitForStatus(el, 'awaiting-consent');
}

async function tickAndConfirm(el: AzureDeviceCompliance): Promise<void> {
  await clickWithMouse(find(consent(el), '[part="checkbox"]'));
  await settle(el);
  await clickWithMouse(find(consent(el), '[part="confirm-button"]'));
}

async function seed(connection: Partial<Connection> = {}): Promise<Connection> {
  const adapter = new BrowserStorageAdapter();
  const saved = await adapter.saveConnection(
    { tenantType: 'gcc-high', tenantId: TENANT, actor: ACTOR, ...connection },
    { signal: signal() },
  );
  return saved;
}

function detail(el: ConnectionActions, label: string): HTMLElement {
  const term = [...el.shadowRoot!.querySelectorAll('dt')].find((dt) => text(dt) === label);
  if (!term) throw new Error(`no "${label}" in the details`);
  return term.nextElementSibling as HTMLElement;
}

describe('<azure-device-compliance> on the default browser-storage adapter', () => {
  beforeEach(() => {
    localStorage.removeItem(`${KEY}:connection`);
    localStorage.removeItem(`${KEY}:audit`);
  });
  afterEach(() => {
    localStorage.removeItem(`${KEY}:connection`);
    localStorage.removeItem(`${KEY}:audit`);
  });

  it('connects a GCC High tenant through the UI, audits it and survives a reload', async function () {
    this.timeout(30_000);
    const { el, changes, audits } = await mount();
    expect(el.state.status).to.equal('choosing');
    expect(text(find(el, '#heading'))).to.equal(en.sectionTitle);

    // Tenant type, then Add.
    await clickWithMouse(find(picker(el), 'label[for="type-gcc-high"]'));
    await settle(el);
    expect(picker(el).value).to.equal('gcc-high');
    await clickWithMouse(find(picker(el), '[part="add-button"]'));
    await waitForStatus(el, 'filling');
    // The tenant type moved into the form (shown once, without Add).
    expectNone(el, 'tenant-type-picker');
    expect(formPicker(el).hasAttribute('hide-add')).to.be.true;
    expect(formPicker(el).value).to.equal('gcc-high');
    await waitUntil(
      () => deepActiveElement() === field(el, 'tenantId'),
      `focus should move to the tenant ID, not ${describeNode(deepActiveElement())}`,
    );

    // A bad tenant ID: the error is on the field and no dialog opens.
    await retype(el, 'tenantId', 'common');
    await clickWithMouse(find(form(el), '[part="submit-button"]'));
    await settle(el);
    expect(el.state.status).to.equal('filling');
    expect(field(el, 'tenantId').getAttribute('aria-invalid')).to.equal('true');
    expect(text(find(form(el), '#tenantId-error'))).to.equal(
      `${en.errorPrefix} ${en.fieldErrors['tenant-multi']}`,
    );
    expect(find<HTMLDialogElement>(consent(el), 'dialog').open).to.be.false;
    expect(field(el, 'tenantId').value).to.equal('common');
    await waitUntil(() => deepActiveElement() === field(el, 'tenantId'), 'focus on the error');

    // Fixed (typed in upper case), with an enrollment URL.
    await retype(el, 'tenantId', TENANT.toUpperCase());
    expect(field(el, 'tenantId').getAttribute('aria-invalid')).to.equal('false');
    await retype(el, 'enrollmentUrl', 'https://enrol.example.com/start');
    expect(text(find(form(el), '[part="submit-button"]'))).to.equal('Connect account');
    await clickWithMouse(find(form(el), '[part="submit-button"]'));
    await waitForStatus(el, 'awaiting-consent');

    // The consent dialog, with a link to the .us admin-consent page of that tenant.
    const dialog = consent(el);
    expect(find<HTMLDialogElement>(dialog, 'dialog').open).to.be.true;
    expect(text(find(dialog, '[part="title"]'))).to.equal('Azure client validation');
    const link = find<HTMLAnchorElement>(dialog, '[part="consent-link"]');
    const href = link.getAttribute('href')!;
    expect(href.startsWith(`https://login.microsoftonline.us/${TENANT}/adminconsent?`)).to.be.true;
    const url = new URL(href);
    expect(url.searchParams.get('client_id')).to.equal(CLIENT);
    expect(url.searchParams.get('redirect_uri')).to.equal(`${location.origin}${location.pathname}`);
    expect(url.searchParams.get('state')).to.match(/^[A-Za-z0-9_-]{16,}$/);
    expect(link.target).to.equal('_blank');
    // Confirm waits (focusable, aria-disabled) until the box is ticked.
    expect(find(dialog, '[part="confirm-button"]').getAttribute('aria-disabled')).to.equal('true');

    await tickAndConfirm(el);
    await waitForStatus(el, 'connected');

    // Connected.
    const status = actions(el);
    expect(text(detail(status, 'Azure tenant ID'))).to.equal(TENANT);
    expect(text(detail(status, 'Tenant type'))).to.equal('GCC High');
    expect(detail(status, 'Enrollment URL').querySelector('a')?.getAttribute('href')).to.equal(
      'https://enrol.example.com/start',
    );
    expect(text(detail(status, 'Remediation URL'))).to.equal('Not set');
    await waitUntil(
      () => deepActiveElement() === find(status, '#status-title'),
      `focus should move to the status, not ${describeNode(deepActiveElement())}`,
    );

    // Events on the host, and the audit log.
    expect(changes.length).to.equal(1);
    expect(changes[0]?.tenantId).to.equal(TENANT);
    expect(changes[0]?.tenantType).to.equal('gcc-high');
    await waitUntil(() => audits.length === 1, 'one audit-event should reach the host');
    const logged = await el.activeAdapter.listAuditEvents({ signal: signal() });
    expect(logged.length).to.equal(1);
    expect(logged[0]).to.include({
      action: 'connect',
      outcome: 'success',
      actor: ACTOR,
      tenantId: TENANT,
      tenantType: 'gcc-high',
    });
    expect(audits[0]?.id).to.equal(logged[0]?.id);
    expect(JSON.stringify(logged)).not.to.contain(url.searchParams.get('state')!);

    // Reload: a new element on the same storage is connected.
    el.remove();
    const reloaded = await mount();
    expect(reloaded.el.state.status).to.equal('connected');
    expect(text(detail(actions(reloaded.el), 'Azure tenant ID'))).to.equal(TENANT);
    expect(text(detail(actions(reloaded.el), 'Enrollment URL'))).to.equal(
      'https://enrol.example.com/start',
    );
    expect(reloaded.changes.length).to.equal(0);
  });

  it('edits the enrollment URL: saved, shown, audited with the changed field', async function () {
    this.timeout(20_000);
    await seed({ enrollmentUrl: 'https://old.example.com/' });
    const { el, changes, audits } = await mount();
    expect(el.state.status).to.equal('connected');

    await clickWithMouse(find(actions(el), '[part="edit-button"]'));
    await waitForStatus(el, 'editing');
    expect(text(find(form(el), '[part="heading"]'))).to.equal('Edit account');
    expect(text(find(form(el), '[part="submit-button"]'))).to.equal('Save changes');
    expect(field(el, 'tenantId').value).to.equal(TENANT);
    expect(field(el, 'enrollmentUrl').value).to.equal('https://old.example.com/');

    await retype(el, 'enrollmentUrl', 'https://new.example.com/enrol');
    await clickWithMouse(find(form(el), '[part="submit-button"]'));
    await waitForStatus(el, 'connected');

    const link = detail(actions(el), 'Enrollment URL').querySelector('a');
    expect(link?.getAttribute('href')).to.equal('https://new.example.com/enrol');
    expect(changes.length).to.equal(1);
    expect(changes[0]?.enrollmentUrl).to.equal('https://new.example.com/enrol');
    expect(changes[0]?.version).to.equal(2);
    await waitUntil(() => audits.length === 1, 'the edit should be audited');
    const [latest] = await el.activeAdapter.listAuditEvents({ signal: signal(), limit: 1 });
    expect(latest).to.deep.include({
      action: 'edit',
      outcome: 'success',
      actor: ACTOR,
      tenantId: TENANT,
      tenantType: 'gcc-high',
      changes: ['enrollmentUrl'],
    });
    const stored = JSON.parse(localStorage.getItem(`${KEY}:connection`)!) as Connection;
    expect(stored.enrollmentUrl).to.equal('https://new.example.com/enrol');
  });

  it('Cancel in edit mode goes back to the connection unchanged', async () => {
    await seed();
    const { el, changes } = await mount();
    await clickWithMouse(find(actions(el), '[part="edit-button"]'));
    await waitForStatus(el, 'editing');
    await retype(el, 'remediationUrl', 'https://fix.example.com/');
    await clickWithMouse(find(form(el), '[part="cancel-button"]'));
    await waitForStatus(el, 'connected');
    expect(text(detail(actions(el), 'Remediation URL'))).to.equal('Not set');
    expect(changes.length).to.equal(0);
  });

  it('disconnects after confirmation: back to choosing, audited', async () => {
    await seed();
    const { el, changes, audits } = await mount();
    await clickWithMouse(find(actions(el), '[part="disconnect-button"]'));
    await settle(el);
    const confirm = find<HTMLDialogElement>(actions(el), 'dialog');
    expect(confirm.open).to.be.true;
    expect(text(confirm)).to.contain(TENANT);
    await clickWithMouse(find(actions(el), 'dialog button.danger'));
    await waitForStatus(el, 'choosing');

    expect(localStorage.getItem(`${KEY}:connection`)).to.equal(null);
    expect(changes).to.deep.equal([null]);
    expect(picker(el).value).to.equal('gcc-high');
    await waitUntil(() => audits.length === 1, 'the disconnect should be audited');
    const [latest] = await el.activeAdapter.listAuditEvents({ signal: signal(), limit: 1 });
    expect(latest).to.include({
      action: 'disconnect',
      outcome: 'success',
      actor: ACTOR,
      tenantId: TENANT,
      tenantType: 'gcc-high',
    });
  });

  it('a console vetoes a disconnect by cancelling the composite disconnect-request', async () => {
    await seed();
    const { el } = await mount();
    const requests: boolean[] = [];
    el.addEventListener('disconnect-request', (event) => {
      requests.push(event.detail.reconnect);
      event.preventDefault();
    });
    await clickWithMouse(find(actions(el), '[part="disconnect-button"]'));
    await settle(el);
    expect(requests).to.deep.equal([false]);
    expect(find<HTMLDialogElement>(actions(el), 'dialog').open).to.be.false;
    expect(el.state.status).to.equal('connected');
    expect(localStorage.getItem(`${KEY}:connection`)).to.not.equal(null);
  });

  it('reconnects for macOS: disconnects, then the consent dialog opens again prefilled', async function () {
    this.timeout(20_000);
    await seed({ remediationUrl: 'https://fix.example.com/' });
    const { el, audits } = await mount();
    await clickWithMouse(find(actions(el), '[part="reconnect-button"]'));
    await settle(el);
    expect(text(find(actions(el), '#confirm-title'))).to.equal(en.reconnectTitle);
    await clickWithMouse(find(actions(el), 'dialog button.danger'));
    await waitForStatus(el, 'awaiting-consent');

    const dialog = consent(el);
    expect(find<HTMLDialogElement>(dialog, 'dialog').open).to.be.true;
    expect(text(find(dialog, '#intro'))).to.contain(TENANT);
    const href = find(dialog, '[part="consent-link"]').getAttribute('href')!;
    expect(href.startsWith(`https://login.microsoftonline.us/${TENANT}/adminconsent?`)).to.be.true;
    expect(field(el, 'tenantId').value).to.equal(TENANT);
    expect(field(el, 'remediationUrl').value).to.equal('https://fix.example.com/');
    expect(formPicker(el).value).to.equal('gcc-high');
    await waitUntil(() => audits.some((event) => event.action === 'disconnect'), 'audited');

    await tickAndConfirm(el);
    await waitForStatus(el, 'connected');
    await waitUntil(() => audits.length === 2, 'the new connection should be audited');
    expect(audits.map((event) => event.action)).to.deep.equal(['disconnect', 'connect']);
    expect(text(detail(actions(el), 'Remediation URL'))).to.equal('https://fix.example.com/');
  });

  it('cancelling the consent of a reconnect moves focus to the form, not the page body', async () => {
    await seed();
    const { el } = await mount();
    await clickWithMouse(find(actions(el), '[part="reconnect-button"]'));
    await settle(el);
    await clickWithMouse(find(actions(el), 'dialog button.danger'));
    await waitForStatus(el, 'awaiting-consent');
    await pressEscape();
    await waitForStatus(el, 'filling');
    await waitUntil(
      () => deepActiveElement() === field(el, 'tenantId'),
      `focus should move to the form, not ${describeNode(deepActiveElement())}`,
    );
    expect(field(el, 'tenantId').value).to.equal(TENANT);
  });

  it('Escape in the consent dialog goes back to the form with everything typed', async () => {
    const { el } = await mount();
    await reachConsent(el, { tenantId: TENANT, enrollmentUrl: 'https://enrol.example.com/' });
    const submit = find(form(el), '[part="submit-button"]');
    const cancels: Event[] = [];
    consent(el).addEventListener('consent-cancel', (event) => cancels.push(event));
    await pressEscape();
    await waitForStatus(el, 'filling');
    expect(find<HTMLDialogElement>(consent(el), 'dialog').open).to.be.false;
    expect(field(el, 'tenantId').value).to.equal(TENANT);
    expect(field(el, 'enrollmentUrl').value).to.equal('https://enrol.example.com/');
    await waitUntil(
      () => deepActiveElement() === submit,
      `focus should return to Connect account, not ${describeNode(deepActiveElement())}`,
    );
    expect(cancels.length).to.equal(1);
  });

  it('is accessible in each state: choosing, filling with errors, consent open, connected', async function () {
    this.timeout(30_000);
    const { el } = await mount();
    await expect(el).to.be.accessible();

    await clickWithMouse(find(picker(el), '[part="add-button"]'));
    await waitForStatus(el, 'filling');
    await retype(el, 'enrollmentUrl', 'http://enrol.example.com/');
    await clickWithMouse(find(form(el), '[part="submit-button"]'));
    await settle(el);
    expect(field(el, 'tenantId').getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, 'enrollmentUrl').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    await retype(el, 'tenantId', 'contoso.onmicrosoft.com');
    await retype(el, 'enrollmentUrl', 'https://enrol.example.com/');
    await clickWithMouse(find(form(el), '[part="submit-button"]'));
    await waitForStatus(el, 'awaiting-consent');
    endAnimations(consent(el));
    await expect(el).to.be.accessible();

    await tickAndConfirm(el);
    await waitForStatus(el, 'connected');
    await expect(el).to.be.accessible();
  });
});

describe('<azure-device-compliance> failure paths on a custom adapter', () => {
  it('a failed save shows an alert in the dialog, keeps the form and is audited; Confirm retries', async function () {
    this.timeout(20_000);
    const adapter = new MemoryAdapter();
    const save = adapter.saveConnection.bind(adapter);
    let failing = true;
    adapter.saveConnection = async (input) => {
      if (failing) throw new Error('The backend is down');
      return save(input);
    };
    const { el, changes } = await mount(adapter);
    const typed = {
      tenantId: TENANT.toUpperCase(),
      enrollmentUrl: 'https://enrol.example.com/a',
      remediationUrl: 'https://fix.example.com/b',
    };
    await reachConsent(el, typed);
    await tickAndConfirm(el);
    await waitUntil(
      () => el.state.status === 'awaiting-consent' && 'error' in el.state && !!el.state.error,
      'the failure should come back to the dialog',
    );
    await settle(el);

    const alert = find(consent(el), '[part="alert"] [role="alert"]');
    expect(text(alert)).to.contain(en.errors.adapter);
    expect(alert.querySelector('button'), 'no Retry beside Confirm').to.equal(null);
    expect(find<HTMLDialogElement>(consent(el), 'dialog').open).to.be.true;
    expect(field(el, 'tenantId').value).to.equal(typed.tenantId);
    expect(field(el, 'enrollmentUrl').value).to.equal(typed.enrollmentUrl);
    expect(field(el, 'remediationUrl').value).to.equal(typed.remediationUrl);
    await waitUntil(() => adapter.audit.length === 1, 'the failure should be audited');
    expect(adapter.audit[0]).to.include({
      action: 'connect',
      outcome: 'failure',
      error: 'adapter',
      actor: ACTOR,
      tenantId: TENANT,
      tenantType: 'gcc-high',
    });
    expect(changes.length).to.equal(0);

    failing = false;
    // One button per action: Confirm (the box stays ticked) is the retry.
    const retry = find(consent(el), '[part="confirm-button"]');
    expect(retry.getAttribute('aria-disabled')).to.equal('false');
    await clickWithMouse(retry);
    await waitForStatus(el, 'connected');
    expect(adapter.connection?.tenantId).to.equal(TENANT);
    expect(changes.length).to.equal(1);
  });

  it('an adapter that never answers times out after timeout-ms', async function () {
    this.timeout(20_000);
    const adapter = new MemoryAdapter();
    adapter.verifyConsent = () => new Promise(() => undefined);
    // Long enough to see "verifying" on a busy machine, short enough to wait for.
    const { el } = await mount(adapter, 1000);
    await reachConsent(el, { tenantId: TENANT });
    await tickAndConfirm(el);
    await waitForStatus(el, 'verifying');
    expect(text(find(consent(el), 'dialog [role="status"]#status'))).to.equal(en.verifying);
    await waitUntil(() => el.state.status === 'awaiting-consent', 'the call should time out', {
      timeout: 3000,
    });
    await settle(el);
    expect(text(find(consent(el), '[part="alert"]'))).to.contain(en.errors.timeout);
    await waitUntil(() => adapter.audit.length === 1, 'the timeout should be audited');
    expect(adapter.audit[0]).to.include({
      action: 'connect',
      outcome: 'failure',
      error: 'timeout',
    });
  });

  it('malformed data from loadConnection shows load-failed with a Retry that recovers', async () => {
    const adapter = new MemoryAdapter();
    let answer: unknown = { tenantType: 'gcc-high', tenantId: 'common', version: 'one' };
    adapter.loadConnection = async () => answer as Connection;
    const { el } = await mount(adapter);
    expect(el.state.status).to.equal('load-failed');
    const alert = find(el, '[role="alert"]');
    expect(text(alert)).to.equal(`${en.loadFailedTitle} ${en.errors['malformed-response']}`);
    expectNone(el, 'tenant-type-picker');
    await expect(el).to.be.accessible();

    answer = null;
    // Retry is under the message, outside the announced region.
    expect(alert.querySelector('button')).to.equal(null);
    const retry = find(el, '[part="load-alert"] [part="retry-button"]');
    expect(text(retry)).to.equal('Retry');
    await clickWithMouse(retry!);
    await waitForStatus(el, 'choosing');
    expectNone(el, '[role="alert"]');
  });
});
