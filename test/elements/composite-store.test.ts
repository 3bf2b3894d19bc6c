import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define/index.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import {
  AdapterError,
  en,
  IndexedDbAuditStore,
  type AuditEvent,
  type AzureDeviceCompliance,
  type ConnectionAdapter,
} from '../../src/index.js';
import { deleteDatabase, makeEvents } from '../audit/fixtures/helpers.js';
import {
  deepActiveElement,
  find,
  maybe,
  MemoryAdapter,
  text,
  pressEscape,
  finishAnimations,
} from './helpers.js';

const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const VALID_CONNECTION = {
  tenantType: 'standard',
  tenantId: TENANT,
  connectedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  version: 1,
};

let mounts = 0;
let keys: string[] = [];
let databases: string[] = [];

function uniqueKey(): string {
  mounts += 1;
  const key = `composite-store-${Date.now()}-${mounts}`;
  keys.push(key);
  return key;
}

async function mount(adapter: ConnectionAdapter, storageKey = uniqueKey()) {
  databases.push(`${storageKey}-outbox`);
  const el = await fixture<AzureDeviceCompliance>(html`
    <azure-device-compliance
      storage-key=${storageKey}
      client-id=${CLIENT}
      actor="admin@example.com"
      .adapter=${adapter}
    ></azure-device-compliance>
  `);
  await waitUntil(() => el.state.status !== 'loading', 'the connection should load', {
    timeout: 3000,
  });
  await el.updateComplete;
  return el;
}

const resetButton = (el: AzureDeviceCompliance) =>
  maybe<HTMLButtonElement>(el, '[part="reset-button"]');
const resetDialog = (el: AzureDeviceCompliance) => find<HTMLDialogElement>(el, 'dialog.reset');

describe('<azure-device-compliance>: a damaged embedded store', () => {
  afterEach(async () => {
    for (const key of keys) {
      localStorage.removeItem(`${key}:connection`);
      localStorage.removeItem(`${key}:audit`);
    }
    keys = [];
    await Promise.all(databases.map((name) => deleteDatabase(name).catch(() => undefined)));
    databases = [];
  });

  it('a connection that is not JSON: the load error offers Reset next to Retry, accessibly', async () => {
    const key = uniqueKey();
    localStorage.setItem(`${key}:connection`, '{not json');
    const el = await mount(new BrowserStorageAdapter({ key }));
    expect(el.state.status).to.equal('load-failed');
    const alert = find(el, '[part="load-alert"]');
    // Title and sentence are announced; Retry and Reset sit under them, outside the alert.
    expect(text(alert.querySelector('[role="alert"]'))).to.equal(
      `${en.loadFailedTitle} ${en.embeddedStoreCorrupt}`,
    );
    expect(text(find(el, '[part="retry-button"]'))).to.equal(en.retry);
    expect(alert.querySelector('[role="alert"] button')).to.equal(null);
    expect(text(resetButton(el))).to.equal(en.resetEmbeddedStore);
    expect(resetButton(el)!.classList.contains('danger-outline')).to.be.true;
    expect(el.embeddedStoreCorruption).to.deep.equal([
      { part: 'connection', key: `${key}:connection`, problem: 'not-json' },
    ]);
    await expect(el).to.be.accessible();
  });

  it('the confirmation works by keyboard: Escape and Cancel keep everything, confirming empties the store', async () => {
    await executeServerCommand('bring-to-front');
    const key = uniqueKey();
    const log = JSON.stringify(makeEvents(2, 'kept'));
    localStorage.setItem(`${key}:connection`, JSON.stringify({ tenantId: 'not a connection' }));
    localStorage.setItem(`${key}:audit`, log);
    const el = await mount(new BrowserStorageAdapter({ key }));
    const reset = resetButton(el)!;
    expect(reset).to.exist;

    // Open with Enter: modal, labelled, the safe choice (Cancel) focused.
    reset.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const dialog = resetDialog(el);
    expect(dialog.open).to.be.true;
    expect(dialog.matches(':modal')).to.be.true;
    expect(text(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!))).to.equal(
      en.resetEmbeddedStoreTitle,
    );
    expect(deepActiveElement()).to.equal(dialog.querySelector('.dismiss'));
    finishAnimations(dialog);
    await expect(el).to.be.accessible();

    // Escape: closed, focus back on Reset, nothing erased.
    await pressEscape();
    await waitUntil(() => !dialog.open, 'Escape should close the confirmation');
    await waitUntil(() => deepActiveElement() === reset, 'focus should return to Reset');
    expect(localStorage.getItem(`${key}:audit`)).to.equal(log);
    expect(el.state.status).to.equal('load-failed');

    // Cancel with Enter: same.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(resetDialog(el).open).to.be.true;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !resetDialog(el).open, 'Cancel should close the confirmation');
    await waitUntil(() => deepActiveElement() === reset, 'focus should return to Reset');
    expect(localStorage.getItem(`${key}:audit`)).to.equal(log);
    expect(localStorage.getItem(`${key}:connection`)).to.not.equal(null);
    expect(el.state.status).to.equal('load-failed');

    // Confirm: Shift+Tab from Cancel reaches the confirm button.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(text(deepActiveElement())).to.equal(en.resetEmbeddedStoreConfirm);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.state.status === 'choosing', 'the wizard should be back at choosing');
    expect(localStorage.getItem(`${key}:connection`)).to.equal(null);
    expect(localStorage.getItem(`${key}:audit`)).to.equal(null);
    expect(el.embeddedStoreCorruption).to.deep.equal([]);
    const picker = find(el, 'tenant-type-picker');
    await waitUntil(() => picker.matches(':focus-within'), 'focus should move to the tenant type');
  });

  it('a damaged audit log (with a valid connection) offers Reset; confirming clears both', async () => {
    const key = uniqueKey();
    localStorage.setItem(`${key}:connection`, JSON.stringify(VALID_CONNECTION));
    localStorage.setItem(`${key}:audit`, JSON.stringify([{ id: 'half an event' }]));
    const el = await mount(new BrowserStorageAdapter({ key }));
    expect(el.state.status).to.equal('load-failed');
    expect(el.embeddedStoreCorruption.map((c) => c.part)).to.deep.equal(['audit']);
    resetButton(el)!.click();
    await el.updateComplete;
    const dialog = resetDialog(el);
    expect(dialog.open).to.be.true;
    (dialog.querySelector('button.confirm') as HTMLButtonElement).click();
    await waitUntil(() => el.state.status === 'choosing', 'the wizard should be back at choosing');
    expect(localStorage.getItem(`${key}:connection`)).to.equal(null);
    expect(localStorage.getItem(`${key}:audit`)).to.equal(null);
  });

  it('Retry alone (no Reset) when the error does not come from the embedded store', async () => {
    const adapter = new MemoryAdapter();
    adapter.loadConnection = async () => {
      throw new AdapterError('malformed-response', 'bad answer');
    };
    const el = await mount(adapter);
    expect(el.state.status).to.equal('load-failed');
    expect(resetButton(el)).to.equal(null);
    expect(el.embeddedStoreCorruption).to.deep.equal([]);
    expect(el.resetEmbeddedStore()).to.equal(false);
    expect(text(find(el, '[part="load-alert"]'))).to.contain(en.errors['malformed-response']);
  });

  it('Retry alone when the embedded store is readable but the load failed otherwise', async () => {
    const key = uniqueKey();
    const adapter = new BrowserStorageAdapter({ key });
    adapter.loadConnection = async () => {
      throw new AdapterError('malformed-response', 'not the store');
    };
    const el = await mount(adapter);
    expect(el.state.status).to.equal('load-failed');
    expect(resetButton(el)).to.equal(null);
  });
});

describe('<azure-device-compliance>: audit rows set aside', () => {
  afterEach(async () => {
    await Promise.all(databases.map((name) => deleteDatabase(name).catch(() => undefined)));
    databases = [];
  });

  it('counts a bad outbox row, fires audit-set-aside, and still delivers the later events in order', async () => {
    const storageKey = uniqueKey();
    const dbName = `${storageKey}-outbox`;
    const store = new IndexedDbAuditStore(dbName);
    const [before, after] = makeEvents(2, 'composite') as [AuditEvent, AuditEvent];
    await store.put(before);
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onsuccess = () => {
        const db = open.result;
        const transaction = db.transaction('events', 'readwrite');
        transaction.objectStore('events').add({ id: 'bad', event: null });
        transaction.oncomplete = () => {
          db.close();
          resolve();
        };
        transaction.onerror = () => reject(transaction.error);
      };
      open.onerror = () => reject(open.error);
    });
    await store.put(after);
    store.close();

    const notices: { reason: string; count: number }[] = [];
    const onSetAside = (event: Event) =>
      notices.push((event as CustomEvent<{ reason: string; count: number }>).detail);
    document.addEventListener('audit-set-aside', onSetAside);
    try {
      const adapter = new MemoryAdapter();
      const el = await mount(adapter, storageKey);
      await waitUntil(() => adapter.audit.length === 2, 'both valid events should be delivered');
      expect(adapter.audit.map((event) => event.id)).to.deep.equal([before.id, after.id]);
      expect(el.auditSetAsideCount).to.equal(1);
      expect(el.auditOutbox?.setAsideCount).to.equal(1);
      expect(notices).to.deep.equal([{ reason: 'invalid', count: 1 }]);
    } finally {
      document.removeEventListener('audit-set-aside', onSetAside);
    }
  });
});
