/**
 * Two real tabs of the console: the second is opened with window.open (noopener, so it gets its
 * own sessionStorage, as a tab the admin opens does) and talks to the test over a channel.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/define/index.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import type { WizardEvent } from '../../src/core/machine.js';
import type { AzureDeviceCompliance } from '../../src/index.js';
import type { TabCommand, TabReport } from './fixtures/tab-page.js';

const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

let key = '';
let channel: BroadcastChannel;
let last: TabReport | undefined;
let history: string[] = [];

function command(message: TabCommand): void {
  channel.postMessage(message);
}

async function tabReaches(test: (report: TabReport) => boolean, what: string): Promise<TabReport> {
  try {
    await waitUntil(() => last !== undefined && test(last), what, { timeout: 5000 });
  } catch {
    throw new Error(`the second tab should ${what}; it reported: ${history.join(' > ')}`);
  }
  return last!;
}

/** Opens the second tab from a real click, as a browser allows a script to open a tab. */
async function openSecondTab(): Promise<void> {
  const button = document.createElement('button');
  button.textContent = 'Open the console in a new tab';
  button.style.cssText = 'position:fixed;left:0;top:0;width:200px;height:40px';
  const url = new URL('./fixtures/tab-page.html', import.meta.url);
  url.searchParams.set('key', key);
  button.addEventListener('click', () => window.open(url, '_blank', 'noopener'));
  document.body.append(button);
  await sendMouse({ type: 'click', position: [100, 20] });
  button.remove();
}

beforeEach(() => {
  key = `two-tabs-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  last = undefined;
  history = [];
  channel = new BroadcastChannel(`${key}/test`);
  channel.onmessage = (event: MessageEvent<TabReport>) => {
    if (event.data.from === 'tab') {
      last = event.data;
      history.push(`${event.data.status}${event.data.error ? `:${event.data.error}` : ''}`);
    }
  };
});

afterEach(() => {
  command({ to: 'tab', close: true });
  channel.close();
  for (const name of Object.keys(localStorage))
    if (name.startsWith(key)) localStorage.removeItem(name);
});

async function mountHere() {
  const el = await fixture<AzureDeviceCompliance>(
    html`<azure-device-compliance
      client-id="2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b"
      actor="first-tab@example.com"
      storage-key=${key}
      .adapter=${new BrowserStorageAdapter({ key })}
    ></azure-device-compliance>`,
  );
  await waitUntil(() => el.state.status === 'choosing', 'this tab should load', { timeout: 4000 });
  return el;
}

function send(el: AzureDeviceCompliance, event: WizardEvent): void {
  expect(el.send(event), event.type).to.equal(true);
}

async function connect(el: AzureDeviceCompliance): Promise<void> {
  send(el, { type: 'ADD' });
  send(el, { type: 'EDIT_FIELD', field: 'tenantId', value: TENANT });
  send(el, { type: 'SUBMIT', consentState: `attempt-${crypto.randomUUID()}` });
  send(el, { type: 'SET_CONSENT_GIVEN', value: true });
  send(el, { type: 'CONFIRM' });
  await waitUntil(() => el.state.status === 'connected', 'this tab should connect', {
    timeout: 4000,
  });
}

describe('two real tabs of the console', () => {
  it('connecting in one tab updates the other; disconnecting too', async () => {
    const here = await mountHere();
    sessionStorage.setItem(`${key}:marker`, 'only in this tab');
    await openSecondTab();
    const first = await tabReaches((report) => report.status === 'choosing', 'load');
    expect(first.sessionKeys, 'the new tab has its own, empty sessionStorage').to.equal(0);
    sessionStorage.removeItem(`${key}:marker`);
    await connect(here);
    await tabReaches((report) => report.status === 'connected', 'show the connection');
    send(here, { type: 'DISCONNECT', reconnect: false });
    await tabReaches((report) => report.status === 'choosing', 'show the disconnection');
  });

  it('conflicting edits: the second save is reported, never written over the first', async () => {
    const here = await mountHere();
    await connect(here);
    await openSecondTab();
    await tabReaches((report) => report.status === 'connected', 'load the connection');
    command({ to: 'tab', event: { type: 'EDIT' } });
    command({
      to: 'tab',
      event: {
        type: 'EDIT_FIELD',
        field: 'remediationUrl',
        value: 'https://tab-b.example.com/fix',
      },
    });
    await tabReaches((report) => report.status === 'editing', 'edit');

    send(here, { type: 'EDIT' });
    send(here, {
      type: 'EDIT_FIELD',
      field: 'remediationUrl',
      value: 'https://tab-a.example.com/fix',
    });
    send(here, { type: 'SUBMIT', consentState: `attempt-${crypto.randomUUID()}` });
    await waitUntil(() => here.state.status === 'connected', 'this tab should save', {
      timeout: 4000,
    });

    command({
      to: 'tab',
      event: { type: 'SUBMIT', consentState: `attempt-${crypto.randomUUID()}` },
    });
    const refused = await tabReaches((report) => report.error === 'conflict', 'report a conflict');
    expect(refused.status).to.equal('editing');
    const stored = await new BrowserStorageAdapter({ key }).loadConnection({
      signal: new AbortController().signal,
    });
    expect(stored?.remediationUrl).to.equal('https://tab-a.example.com/fix');

    command({ to: 'tab', event: { type: 'CANCEL' } });
    await tabReaches(
      (report) =>
        report.status === 'connected' && report.remediationUrl === 'https://tab-a.example.com/fix',
      'load the version the first tab saved',
    );
  });
});
