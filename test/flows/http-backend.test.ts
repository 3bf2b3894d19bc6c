/**
 * The kit against the real reference server (mounted at /api by the test runner, on an
 * in-memory database): the adapter conformance suite for `HttpAdapter` and for the
 * browser-storage adapter, and the composite's whole flow through `HttpAdapter` - the server
 * writes the audit trail, the browser reports only what it alone saw, and server refusals show
 * as the kit's own messages with the admin's typing kept.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import { consentChannelName } from '../../src/callback/protocol.js';
import { defineAdapterConformanceSuite } from '../../src/conformance/adapter-suite.js';
import type { AuditRecord } from '../../src/contract/index.js';
import type { WizardStatus } from '../../src/core/machine.js';
import { en, type AzureDeviceCompliance, type ConsentDialog } from '../../src/index.js';
import { find, text } from '../elements/helpers.js';

const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ACTOR = 'page-claims-to-be@example.com';
const SERVER_ACTOR = 'admin@contoso.example';

let run = 0;
const unique = (what: string) => `${what}-${Date.now()}-${++run}`;

/** An HttpAdapter signed in (development authenticator) as a new console. */
function httpAdapter(consoleId = unique('browser-test'), actor = SERVER_ACTOR) {
  return new HttpAdapter({
    baseUrl: '/api',
    headers: () => ({ 'X-Dev-Console': consoleId, 'X-Dev-Actor': actor }),
  });
}

describe('adapter conformance: HttpAdapter against the reference server', () => {
  defineAdapterConformanceSuite({
    test: (name, body) => it(name, body),
    createAdapter: () => httpAdapter(),
  });
});

describe('adapter conformance: BrowserStorageAdapter', () => {
  const keys: string[] = [];
  after(() => {
    for (const key of keys) {
      localStorage.removeItem(`${key}:connection`);
      localStorage.removeItem(`${key}:audit`);
    }
  });
  defineAdapterConformanceSuite({
    test: (name, body) => it(name, body),
    createAdapter: () => {
      const key = unique('conformance-storage');
      keys.push(key);
      return new BrowserStorageAdapter({ key });
    },
  });
});

describe('the composite on the reference server', () => {
  const storageKeys: string[] = [];
  afterEach(() => {
    for (const storage of [localStorage, sessionStorage]) {
      for (const name of Object.keys(storage)) {
        if (storageKeys.some((key) => name.startsWith(key))) storage.removeItem(name);
      }
    }
  });

  async function mount(adapter: HttpAdapter) {
    const storageKey = unique('http-composite');
    storageKeys.push(storageKey);
    const el = await fixture<AzureDeviceCompliance>(
      html`<azure-device-compliance
        client-id=${CLIENT}
        actor=${ACTOR}
        storage-key=${storageKey}
        .adapter=${adapter}
      ></azure-device-compliance>`,
    );
    await reach(el, (status) => status !== 'loading');
    return { el, storageKey };
  }

  async function reach(el: AzureDeviceCompliance, test: (status: WizardStatus) => boolean) {
    await waitUntil(() => test(el.state.status), `stuck in ${el.state.status}`, { timeout: 5000 });
    await el.updateComplete;
  }

  /** Choosing → filling → awaiting consent for TENANT, through the wizard's events. */
  function startConsent(el: AzureDeviceCompliance, tenantId = TENANT) {
    expect(el.send({ type: 'ADD' })).to.be.true;
    el.send({ type: 'EDIT_FIELD', field: 'tenantId', value: tenantId });
    el.send({
      type: 'EDIT_FIELD',
      field: 'enrollmentUrl',
      value: 'https://mdm.contoso.example/enroll',
    });
    expect(el.send({ type: 'SUBMIT', consentState: 'A'.repeat(43) })).to.be.true;
  }

  async function trail(adapter: HttpAdapter): Promise<AuditRecord[]> {
    const page = await adapter.listAuditPage({ signal: new AbortController().signal, limit: 100 });
    return page.events;
  }

  it('connects, edits and disconnects; the server writes every event with the session’s actor', async function () {
    this.timeout(20_000);
    const adapter = httpAdapter();
    const { el } = await mount(adapter);
    expect(el.state.status).to.equal('choosing');
    const delivered: string[] = [];
    el.addEventListener('audit-event', (event) => delivered.push(event.detail.event.action));

    startConsent(el);
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    el.send({ type: 'CONFIRM' });
    await reach(el, (status) => status === 'connected');
    const connected = el.state.status === 'connected' ? el.state.connection : undefined;
    expect(connected?.tenantId).to.equal(TENANT);
    expect(connected?.connectedBy).to.equal(SERVER_ACTOR);

    el.send({ type: 'EDIT' });
    el.send({
      type: 'EDIT_FIELD',
      field: 'remediationUrl',
      value: 'https://mdm.contoso.example/fix',
    });
    el.send({ type: 'SUBMIT', consentState: 'B'.repeat(43) });
    await reach(el, (status) => status === 'connected');
    el.send({ type: 'DISCONNECT', reconnect: false });
    await reach(el, (status) => status === 'choosing');

    const events = await trail(adapter);
    expect(events.map((e) => [e.action, e.outcome, e.source, e.actor])).to.deep.equal([
      ['disconnect', 'success', 'server', SERVER_ACTOR],
      ['edit', 'success', 'server', SERVER_ACTOR],
      ['connect', 'success', 'server', SERVER_ACTOR],
      ['verify-consent', 'success', 'server', SERVER_ACTOR],
    ]);
    expect(events[1]?.changes).to.deep.equal(['remediationUrl']);
    // The page's own `actor` attribute appears nowhere, and the browser sent no copies.
    expect(events.some((e) => e.actor === ACTOR)).to.be.false;
    expect(delivered).to.deep.equal([]);
  });

  it('a refused callback is reported by the browser, validated, and recorded as client-reported', async function () {
    this.timeout(20_000);
    const adapter = httpAdapter();
    const { el, storageKey } = await mount(adapter);
    startConsent(el);
    await el.updateComplete;
    const delivered = new Promise<string>((resolve) =>
      el.addEventListener('audit-event', (event) => resolve(event.detail.event.id), { once: true }),
    );
    const channel = new BroadcastChannel(consentChannelName(storageKey));
    channel.postMessage({
      type: 'consent-callback',
      id: unique('relay'),
      params: {
        state: 'forged-state-value-123456',
        adminConsent: 'True',
        tenant: `${TENANT}\nadmin=yes`,
      },
    });
    channel.close();
    const id = await delivered;
    const events = await trail(adapter);
    const reported = events.find((e) => e.id === id);
    expect(reported).to.include({
      action: 'consent-rejected',
      outcome: 'failure',
      error: 'state-mismatch',
      source: 'client',
      actor: SERVER_ACTOR,
      tenantId: TENANT,
    });
    const dialog = find<ConsentDialog>(el, 'consent-dialog');
    await dialog.updateComplete;
    expect(text(find(dialog, '[part="alert"]'))).to.contain(en.errors['state-mismatch']);
  });

  it('an expired session shows “sign in again” with Retry, and keeps what the admin typed', async function () {
    this.timeout(20_000);
    let signedIn = true;
    const consoleId = unique('expiring');
    const adapter = new HttpAdapter({
      baseUrl: '/api',
      headers: (): Record<string, string> =>
        signedIn ? { 'X-Dev-Console': consoleId, 'X-Dev-Actor': SERVER_ACTOR } : {},
    });
    const { el } = await mount(adapter);
    startConsent(el);
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    signedIn = false;
    el.send({ type: 'CONFIRM' });
    await reach(el, (status) => status === 'awaiting-consent');
    expect(el.state.status === 'awaiting-consent' && el.state.error?.code).to.equal('unauthorized');
    expect(el.state.status === 'awaiting-consent' && el.state.draft.enrollmentUrl).to.equal(
      'https://mdm.contoso.example/enroll',
    );
    const dialog = find<ConsentDialog>(el, 'consent-dialog');
    await dialog.updateComplete;
    expect(text(find(dialog, '[part="alert"]'))).to.contain(
      'Your session has expired; sign in again.',
    );
    // Signed in again, Retry goes through on the same attempt.
    signedIn = true;
    el.send({ type: 'CONFIRM' });
    await reach(el, (status) => status === 'connected');
  });

  it('a server that refuses the load shows the kit’s message with Retry', async function () {
    this.timeout(20_000);
    const adapter = new HttpAdapter({ baseUrl: '/api' });
    const { el } = await mount(adapter);
    expect(el.state.status).to.equal('load-failed');
    const alert = el.shadowRoot!.querySelector('[part="load-alert"]');
    expect(text(alert?.querySelector('[role="alert"]'))).to.contain(en.errors.unauthorized);
    // Retry is under the message, outside the announced text.
    expect(alert?.querySelector('[role="alert"] button')).to.equal(null);
    expect(text(alert?.querySelector('[part="retry-button"]'))).to.equal(en.retry);
  });

  it('an edit that lost the race shows the conflict and saves nothing', async function () {
    this.timeout(20_000);
    const consoleId = unique('race');
    const adapter = httpAdapter(consoleId);
    const { el } = await mount(adapter);
    startConsent(el);
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    el.send({ type: 'CONFIRM' });
    await reach(el, (status) => status === 'connected');
    // Another administrator saves first.
    const other = httpAdapter(consoleId, 'other-admin@contoso.example');
    await other.updateConnection(
      {
        tenantType: 'standard',
        tenantId: TENANT,
        remediationUrl: 'https://other.contoso.example/',
        expectedVersion: 1,
      },
      { signal: new AbortController().signal },
    );
    el.send({ type: 'EDIT' });
    el.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://mine.contoso.example/' });
    el.send({ type: 'SUBMIT', consentState: 'C'.repeat(43) });
    await reach(el, (status) => status === 'editing');
    expect(el.state.status === 'editing' && el.state.error?.code).to.equal('conflict');
    expect(el.state.status === 'editing' && el.state.draft.enrollmentUrl).to.equal(
      'https://mine.contoso.example/',
    );
    const saved = await adapter.loadConnection({ signal: new AbortController().signal });
    expect(saved?.remediationUrl).to.equal('https://other.contoso.example/');
    expect(saved?.enrollmentUrl).to.equal(undefined);
  });
});
