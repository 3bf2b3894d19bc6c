/**
 * The consent round trip on the composite: callbacks relayed over the same-origin channel (valid,
 * forged, replayed, stale, wrong tenant, `error` with admin_consent=True), a console reload in the
 * middle of an attempt, and two consoles ("tabs") on the same storage.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import { consentChannelName, type ConsentCallbackMessage } from '../../src/callback/protocol.js';
import type { ConsentCallbackParams } from '../../src/core/consent.js';
import type { WizardState, WizardStatus } from '../../src/core/machine.js';
import type { AuditEvent, AzureDeviceCompliance, ConsentDialog } from '../../src/index.js';
import { find, text } from '../elements/helpers.js';

const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
const ACTOR = 'admin@example.com';

let run = 0;
let key = '';
let channel: BroadcastChannel;

beforeEach(() => {
  run += 1;
  key = `round-trip-${Date.now()}-${run}`;
  channel = new BroadcastChannel(consentChannelName(key));
});

afterEach(() => {
  channel.close();
  for (const storage of [localStorage, sessionStorage]) {
    for (const name of Object.keys(storage)) if (name.startsWith(key)) storage.removeItem(name);
  }
});

async function mount(storageKey = key, host?: HTMLElement) {
  const adapter = new BrowserStorageAdapter({ key: storageKey });
  const template = html`<azure-device-compliance
    client-id=${CLIENT}
    actor=${ACTOR}
    storage-key=${storageKey}
    .adapter=${adapter}
  ></azure-device-compliance>`;
  const el = host
    ? await fixture<AzureDeviceCompliance>(template, { parentNode: host })
    : await fixture<AzureDeviceCompliance>(template);
  await waitFor(el, (status) => status !== 'loading');
  return { el, adapter };
}

async function waitFor(el: AzureDeviceCompliance, test: (status: WizardStatus) => boolean) {
  await waitUntil(() => test(el.state.status), `unexpected status ${el.state.status}`, {
    timeout: 4000,
  });
  await el.updateComplete;
}

function stateOf<S extends WizardStatus>(el: AzureDeviceCompliance, status: S) {
  expect(el.state.status).to.equal(status);
  return el.state as Extract<WizardState, { status: S }>;
}

/** Choose GCC High, fill the form and submit: the consent dialog is waiting. */
async function startAttempt(el: AzureDeviceCompliance, tenantId = TENANT): Promise<string> {
  el.send({ type: 'SELECT_TENANT_TYPE', tenantType: 'gcc-high' });
  el.send({ type: 'ADD' });
  el.send({ type: 'EDIT_FIELD', field: 'tenantId', value: tenantId });
  el.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://mdm.example.com/enroll' });
  el.send({ type: 'SUBMIT', consentState: `attempt-${crypto.randomUUID()}` });
  await el.updateComplete;
  return stateOf(el, 'awaiting-consent').attempt.state;
}

function relay(params: ConsentCallbackParams, id = crypto.randomUUID()): void {
  const message: ConsentCallbackMessage = { type: 'consent-callback', id, params };
  channel.postMessage(message);
}

async function auditLog(adapter: BrowserStorageAdapter, count: number): Promise<AuditEvent[]> {
  let events: AuditEvent[] = [];
  await waitUntil(
    async () => {
      events = await adapter.listAuditEvents({ signal: new AbortController().signal });
      return events.length >= count;
    },
    `expected ${count} audit events`,
    { timeout: 4000 },
  );
  return events;
}

function dialogAlert(el: AzureDeviceCompliance): string {
  return text(find(find(el, 'consent-dialog'), '[role="alert"]'));
}

describe('consent callback', () => {
  it('a valid callback connects without ticking the box, and is audited', async () => {
    const { el, adapter } = await mount();
    const state = await startAttempt(el);
    relay({ adminConsent: 'True', tenant: TENANT, state });
    await waitFor(el, (status) => status === 'connected');
    expect(stateOf(el, 'connected').connection).to.include({
      tenantId: TENANT,
      tenantType: 'gcc-high',
    });
    const [event] = await auditLog(adapter, 1);
    expect(event).to.include({ action: 'connect', outcome: 'success', tenantId: TENANT });
    expect(JSON.stringify(event)).not.to.contain(state);
    // Delivered events leave the durable outbox.
    await waitUntil(async () => (await el.auditOutbox!.pending()).length === 0, 'outbox empty');
  });

  it('a forged state is refused with a message, audited, and the draft kept', async () => {
    const { el, adapter } = await mount();
    await startAttempt(el);
    relay({ adminConsent: 'True', tenant: TENANT, state: 'forged-state-value-000000000000' });
    await waitUntil(() => stateOf(el, 'awaiting-consent').error !== undefined);
    await el.updateComplete;
    expect(stateOf(el, 'awaiting-consent').error).to.deep.equal({ code: 'state-mismatch' });
    expect(stateOf(el, 'awaiting-consent').draft.tenantId).to.equal(TENANT);
    await find<ConsentDialog>(el, 'consent-dialog').updateComplete;
    expect(dialogAlert(el)).to.contain('did not belong to this connection attempt');
    await auditLog(adapter, 1);
    // Give any further event the time to arrive: the refusal is the whole audit log.
    await aTimeout(200);
    const events = await adapter.listAuditEvents({ signal: new AbortController().signal });
    expect(events.map(({ id: _id, at: _at, ...rest }) => rest)).to.deep.equal([
      {
        actor: ACTOR,
        action: 'consent-rejected',
        outcome: 'failure',
        error: 'state-mismatch',
        tenantId: TENANT,
        tenantType: 'gcc-high',
      },
    ]);
  });

  it('a replayed callback is refused and audited; a burst of replays is counted, not lost', async () => {
    const { el, adapter } = await mount();
    const state = await startAttempt(el);
    const params = { adminConsent: 'True', tenant: TENANT, state };
    relay(params);
    await waitFor(el, (status) => status === 'connected');
    relay(params);
    const events = await auditLog(adapter, 2);
    expect(events[0]).to.include({ action: 'consent-rejected', error: 'state-replayed' });
    expect(el.state.status).to.equal('connected');
    // Later replays in the same minute are counted into one event, recorded when the minute
    // ends or the console leaves the page (its outbox keeps it for the next visit).
    for (let n = 0; n < 3; n++) relay(params);
    await aTimeout(100);
    expect(await adapter.listAuditEvents({ signal: new AbortController().signal })).to.have.length(
      2,
    );
    el.remove();
    await mount();
    const again = await auditLog(adapter, 3);
    const replays = again.filter((event) => event.error === 'state-replayed');
    expect(replays).to.have.length(2);
    expect(replays[0]).to.include({ count: 3, tenantId: TENANT, tenantType: 'gcc-high' });
  });

  it('a callback of an older attempt is stale while a newer attempt waits', async () => {
    const { el, adapter } = await mount();
    const old = await startAttempt(el);
    el.send({ type: 'CANCEL' });
    el.send({ type: 'SUBMIT', consentState: `attempt-${crypto.randomUUID()}` });
    const current = stateOf(el, 'awaiting-consent').attempt.state;
    expect(current).not.to.equal(old);
    relay({ adminConsent: 'True', tenant: TENANT, state: old });
    await waitUntil(() => stateOf(el, 'awaiting-consent').error !== undefined);
    expect(stateOf(el, 'awaiting-consent').error).to.deep.equal({ code: 'state-stale' });
    const [event] = await auditLog(adapter, 1);
    expect(event).to.include({ action: 'consent-rejected', error: 'state-stale' });
    // The current attempt still works.
    relay({ adminConsent: 'True', tenant: TENANT, state: current });
    await waitFor(el, (status) => status === 'connected');
  });

  it('a callback for another tenant is refused: tenant-mismatch', async () => {
    const { el, adapter } = await mount();
    const state = await startAttempt(el);
    relay({ adminConsent: 'True', tenant: OTHER_TENANT, state });
    await waitUntil(() => stateOf(el, 'awaiting-consent').error !== undefined);
    expect(stateOf(el, 'awaiting-consent').error).to.deep.equal({ code: 'tenant-mismatch' });
    const [event] = await auditLog(adapter, 1);
    expect(event).to.include({ action: 'consent-rejected', error: 'tenant-mismatch' });
    expect(await adapter.loadConnection({ signal: new AbortController().signal })).to.equal(null);
  });

  it('`error` wins over admin_consent=True', async () => {
    const { el, adapter } = await mount();
    const state = await startAttempt(el);
    relay({
      adminConsent: 'True',
      tenant: TENANT,
      state,
      error: 'access_denied',
      errorDescription: 'AADSTS65004: User declined to consent to access the app.',
    });
    await waitUntil(() => stateOf(el, 'awaiting-consent').error !== undefined);
    expect(stateOf(el, 'awaiting-consent').error).to.deep.equal({
      code: 'consent-declined',
      aadsts: 'AADSTS65004',
    });
    await find<ConsentDialog>(el, 'consent-dialog').updateComplete;
    expect(dialogAlert(el)).to.contain('AADSTS65004');
    const [event] = await auditLog(adapter, 1);
    expect(event).to.include({ error: 'consent-declined', aadsts: 'AADSTS65004' });
    expect(await adapter.loadConnection({ signal: new AbortController().signal })).to.equal(null);
  });

  it('a message that is not a callback is ignored', async () => {
    const { el } = await mount();
    await startAttempt(el);
    channel.postMessage({ type: 'consent-callback', params: { state: 42 } });
    channel.postMessage('<script>alert(1)</script>');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stateOf(el, 'awaiting-consent').error).to.equal(undefined);
  });
});

describe('reload', () => {
  it('restores the draft and the pending attempt, and accepts its callback afterwards', async () => {
    const first = await mount();
    const state = await startAttempt(first.el);
    first.el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    first.el.remove();

    const { el } = await mount();
    const restored = stateOf(el, 'awaiting-consent');
    expect(restored.attempt.state).to.equal(state);
    expect(restored.consentGiven).to.equal(true);
    expect(restored.draft).to.deep.equal({
      tenantType: 'gcc-high',
      tenantId: TENANT,
      enrollmentUrl: 'https://mdm.example.com/enroll',
      remediationUrl: '',
    });
    await find<ConsentDialog>(el, 'consent-dialog').updateComplete;
    expect(find<HTMLDialogElement>(find(el, 'consent-dialog'), 'dialog').open).to.equal(true);

    relay({ adminConsent: 'True', tenant: TENANT, state });
    await waitFor(el, (status) => status === 'connected');
  });

  it('restores a half-typed, invalid draft verbatim', async () => {
    const first = await mount();
    first.el.send({ type: 'ADD' });
    first.el.send({ type: 'EDIT_FIELD', field: 'tenantId', value: 'not a tenant<b>' });
    first.el.send({ type: 'EDIT_FIELD', field: 'remediationUrl', value: 'http://insecure' });
    first.el.remove();
    const { el } = await mount();
    expect(stateOf(el, 'filling').draft).to.include({
      tenantId: 'not a tenant<b>',
      remediationUrl: 'http://insecure',
    });
  });

  it('drops a draft that no longer fits: another tab connected meanwhile', async () => {
    const first = await mount();
    await startAttempt(first.el);
    first.el.remove();
    await new BrowserStorageAdapter({ key }).saveConnection(
      { tenantType: 'standard', tenantId: OTHER_TENANT, actor: 'someone@example.com' },
      { signal: new AbortController().signal },
    );
    const { el } = await mount();
    expect(stateOf(el, 'connected').connection.tenantId).to.equal(OTHER_TENANT);
  });
});

describe('two consoles on the same storage (two tabs)', () => {
  it('connecting in one updates the other', async () => {
    const a = await mount();
    const b = await mount();
    expect(b.el.state.status).to.equal('choosing');
    const state = await startAttempt(a.el);
    a.el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    a.el.send({ type: 'CONFIRM' });
    await waitFor(a.el, (status) => status === 'connected');
    await waitFor(b.el, (status) => status === 'connected');
    expect(stateOf(b.el, 'connected').connection.tenantId).to.equal(TENANT);
    expect(state).to.be.a('string');

    a.el.send({ type: 'DISCONNECT', reconnect: false });
    await waitFor(b.el, (status) => status === 'choosing');
  });

  it('console B relays its valid callback: console A neither shows nor audits a rejection; a real replay is reported once', async () => {
    // B is mounted first, so it hears the relayed answer first and uses it; A hears it after.
    const b = await mount();
    const a = await mount();
    const state = await startAttempt(b.el);
    relay({ adminConsent: 'True', tenant: TENANT, state });
    await waitFor(b.el, (status) => status === 'connected');
    await waitFor(a.el, (status) => status === 'connected');
    await aTimeout(150);
    expect('error' in a.el.state && a.el.state.error, 'A shows no rejection').to.not.be.ok;
    const rejected = async () =>
      (await b.adapter.listAuditEvents({ signal: new AbortController().signal })).filter(
        (event) => event.action === 'consent-rejected',
      );
    expect(await rejected(), 'nothing was replayed').to.deep.equal([]);
    // The same answer sent again later, as a new message, is a replay: recorded once, not once
    // per console.
    relay({ adminConsent: 'True', tenant: TENANT, state });
    await waitUntil(async () => (await rejected()).length > 0, 'the replay is audited');
    await aTimeout(200);
    const replays = await rejected();
    expect(replays).to.have.length(1);
    expect(replays[0]).to.include({ error: 'state-replayed' });
  });

  it('the attempt’s own late callback after a manual Confirm is not a replay; the next one is', async () => {
    const { el, adapter } = await mount();
    const state = await startAttempt(el);
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    el.send({ type: 'CONFIRM' });
    await waitFor(el, (status) => status === 'connected');
    relay({ adminConsent: 'True', tenant: TENANT, state });
    await aTimeout(200);
    const rejected = async () =>
      (await adapter.listAuditEvents({ signal: new AbortController().signal })).filter(
        (event) => event.action === 'consent-rejected',
      );
    expect(await rejected(), 'the late answer is not audited').to.deep.equal([]);
    relay({ adminConsent: 'True', tenant: TENANT, state });
    await waitUntil(async () => (await rejected()).length === 1, 'the second answer is a replay');
    expect((await rejected())[0]).to.include({ error: 'state-replayed' });
  });

  it('a save that races the other tab is reported as a conflict, never overwritten', async () => {
    const a = await mount();
    const state = await startAttempt(a.el);
    relay({ adminConsent: 'True', tenant: TENANT, state });
    await waitFor(a.el, (status) => status === 'connected');
    const b = await mount();
    expect(b.el.state.status).to.equal('connected');

    a.el.send({ type: 'EDIT' });
    b.el.send({ type: 'EDIT' });
    a.el.send({ type: 'EDIT_FIELD', field: 'remediationUrl', value: 'https://a.example.com/fix' });
    b.el.send({ type: 'EDIT_FIELD', field: 'remediationUrl', value: 'https://b.example.com/fix' });
    a.el.send({ type: 'SUBMIT', consentState: `attempt-${crypto.randomUUID()}` });
    await waitFor(a.el, (status) => status === 'connected');
    b.el.send({ type: 'SUBMIT', consentState: `attempt-${crypto.randomUUID()}` });
    await waitUntil(
      () => b.el.state.status === 'editing' && 'error' in b.el.state && !!b.el.state.error,
    );
    const editing = stateOf(b.el, 'editing');
    expect(editing.error?.code).to.equal('conflict');
    expect(editing.draft.remediationUrl).to.equal('https://b.example.com/fix');
    const stored = await a.adapter.loadConnection({ signal: new AbortController().signal });
    expect(stored?.remediationUrl).to.equal('https://a.example.com/fix');
    await b.el.updateComplete;
    const formEl = find(b.el, 'azure-connect-form');
    await (formEl as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(text(find(formEl, '[role="alert"]'))).to.contain('changed elsewhere');
    expect(find(formEl, '[role="alert"]').querySelector('button') === null, 'no Retry').to.equal(
      true,
    );

    // Cancel: the tab loads the latest version instead of showing its stale copy.
    b.el.send({ type: 'CANCEL' });
    await waitUntil(
      () =>
        b.el.state.status === 'connected' &&
        b.el.state.connection.remediationUrl === 'https://a.example.com/fix',
      'the tab should load the version saved by the other tab',
    );
  });

  it('a tab busy in a flow when another tab changes the connection catches up once idle', async () => {
    const a = await mount();
    const state = await startAttempt(a.el);
    relay({ adminConsent: 'True', tenant: TENANT, state });
    await waitFor(a.el, (status) => status === 'connected');
    const b = await mount();
    b.el.send({ type: 'EDIT' });
    a.el.send({ type: 'DISCONNECT', reconnect: false });
    await waitFor(a.el, (status) => status === 'choosing');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(b.el.state.status).to.equal('editing');
    b.el.send({ type: 'CANCEL' });
    await waitFor(b.el, (status) => status === 'choosing');
  });
});
