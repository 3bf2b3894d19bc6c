import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import type { Connection } from '../../src/core/connection.js';
import type { WizardEventType, WizardStatus } from '../../src/core/machine.js';
import type { AzureDeviceCompliance } from '../../src/elements/azure-device-compliance/azure-device-compliance.js';
import type { ConnectionChangeReason } from '../../src/events.js';
import { MemoryAdapter } from './helpers.js';

const TENANT = '3f2b8c1d-7e6a-4d5c-9b8a-1c2d3e4f5a6b';
const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const CONSENT_STATE = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const CONNECTION: Connection = {
  tenantType: 'standard',
  tenantId: TENANT,
  connectedAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  version: 1,
};

interface Heard {
  readonly changes: { connection: Connection | null; reason: ConnectionChangeReason }[];
  readonly states: { status: WizardStatus; previous: WizardStatus; reason: WizardEventType }[];
}

let mounts = 0;

/**
 * The composite with its listeners attached before it is connected, as a console that registers
 * them first: nothing it fires can be missed.
 */
async function mount(adapter: MemoryAdapter): Promise<{ el: AzureDeviceCompliance } & Heard> {
  mounts += 1;
  const el = document.createElement('azure-device-compliance');
  el.storageKey = `composite-events-${Date.now()}-${mounts}`;
  el.clientId = CLIENT;
  el.actor = 'admin@contoso.example';
  el.adapter = adapter;
  const heard: Heard = { changes: [], states: [] };
  el.addEventListener('connection-change', (event) => {
    heard.changes.push({ ...event.detail });
  });
  el.addEventListener('wizard-state-change', (event) => {
    const { state, previous, reason } = event.detail;
    heard.states.push({ status: state.status, previous, reason });
  });
  document.body.append(el);
  await waitUntil(() => el.state.status !== 'loading', 'the connection should load');
  return { el, ...heard };
}

/** Waits until the wizard reaches `status` (the adapter's answers are asynchronous). */
async function reach(el: AzureDeviceCompliance, status: WizardStatus): Promise<void> {
  await waitUntil(() => el.state.status === status, `should reach ${status}`);
}

afterEach(() => {
  fixtureCleanup();
  for (const el of document.querySelectorAll('azure-device-compliance')) el.remove();
});

describe('<azure-device-compliance>: connection-change', () => {
  it('fires once after the first load with the connection found, reason "loaded"', async () => {
    const adapter = new MemoryAdapter();
    adapter.connection = CONNECTION;
    const { el, changes } = await mount(adapter);
    expect(el.state.status).to.equal('connected');
    expect(changes).to.deep.equal([{ connection: CONNECTION, reason: 'loaded' }]);
  });

  it('fires once after the first load with null when no tenant is connected', async () => {
    const { el, changes } = await mount(new MemoryAdapter());
    expect(el.state.status).to.equal('choosing');
    expect(changes).to.deep.equal([{ connection: null, reason: 'loaded' }]);
  });

  it('says connected, edited and disconnected as the tenant changes, once each', async () => {
    const { el, changes } = await mount(new MemoryAdapter());
    el.send({ type: 'ADD' });
    el.send({ type: 'EDIT_FIELD', field: 'tenantId', value: TENANT });
    el.send({ type: 'SUBMIT', consentState: CONSENT_STATE });
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    el.send({ type: 'CONFIRM' });
    await reach(el, 'connected');
    el.send({ type: 'EDIT' });
    el.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://mdm.example.com/enrol' });
    el.send({ type: 'SUBMIT', consentState: CONSENT_STATE });
    await waitUntil(() => changes.length === 3, 'the edit should be reported');
    el.send({ type: 'DISCONNECT', reconnect: false });
    await reach(el, 'choosing');
    expect(changes.map(({ reason }) => reason)).to.deep.equal([
      'loaded',
      'connected',
      'edited',
      'disconnected',
    ]);
    expect(changes[1]?.connection?.tenantId).to.equal(TENANT);
    expect(changes[2]?.connection?.enrollmentUrl).to.equal('https://mdm.example.com/enrol');
    expect(changes[3]?.connection).to.equal(null);
  });
});

describe('<azure-device-compliance>: wizard-state-change', () => {
  it('fires once per change of state, with the event that caused it and the status before', async () => {
    const { el, states } = await mount(new MemoryAdapter());
    expect(states).to.deep.equal([{ status: 'choosing', previous: 'loading', reason: 'LOADED' }]);
    states.length = 0;

    el.send({ type: 'SELECT_TENANT_TYPE', tenantType: 'gcc-high' });
    el.send({ type: 'ADD' });
    for (const value of ['c', 'co', 'con', 'cont']) {
      el.send({ type: 'EDIT_FIELD', field: 'tenantId', value });
    }
    // An invalid tenant: the form shows its errors, in the same status.
    el.send({ type: 'SUBMIT', consentState: CONSENT_STATE });
    el.send({ type: 'EDIT_FIELD', field: 'tenantId', value: TENANT });
    el.send({ type: 'SUBMIT', consentState: CONSENT_STATE });
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    el.send({ type: 'SET_CONSENT_GIVEN', value: false });
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    el.send({ type: 'CONFIRM' });
    await reach(el, 'connected');

    expect(states).to.deep.equal([
      { status: 'filling', previous: 'choosing', reason: 'ADD' },
      { status: 'filling', previous: 'filling', reason: 'SUBMIT' },
      { status: 'awaiting-consent', previous: 'filling', reason: 'SUBMIT' },
      { status: 'verifying', previous: 'awaiting-consent', reason: 'CONFIRM' },
      { status: 'connected', previous: 'verifying', reason: 'VERIFIED' },
    ]);
  });

  it('reports a failure in the same status, with its reason', async () => {
    const adapter = new MemoryAdapter();
    adapter.verifyConsent = async () => ({ verified: false, error: 'consent-missing' });
    const { el, states } = await mount(adapter);
    states.length = 0;
    el.send({ type: 'ADD' });
    el.send({ type: 'EDIT_FIELD', field: 'tenantId', value: TENANT });
    el.send({ type: 'SUBMIT', consentState: CONSENT_STATE });
    el.send({ type: 'SET_CONSENT_GIVEN', value: true });
    el.send({ type: 'CONFIRM' });
    await waitUntil(() => states.length === 4, 'the failure should be reported');
    expect(states.at(-1)).to.deep.equal({
      status: 'awaiting-consent',
      previous: 'verifying',
      reason: 'VERIFY_FAILED',
    });
    const state = el.state;
    expect(state.status === 'awaiting-consent' && state.error?.code).to.equal('consent-missing');
  });
});
