/**
 * Same-task click storms: several clicks dispatched in one task (a script, an assistive tool, a
 * double dispatch) make one request, because the busy state that disables a control only renders
 * after the task. And a Reconnect that failed and is retried stays a Reconnect, however it began.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import type { Connection } from '../../src/core/connection.js';
import type {
  AzureConnectForm,
  AzureDeviceCompliance,
  ConnectionActions,
  ConnectionHealthPanel,
  ConsentDialog,
  TenantTypePicker,
} from '../../src/index.js';
import { AdapterError } from '../../src/core/errors.js';
import { MemoryAdapter, find, mountWrapper } from './helpers.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const URL_STANDARD = `https://login.microsoftonline.com/${TENANT}/v2.0/adminconsent?client_id=11111111-2222-3333-4444-555555555555&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&redirect_uri=https%3A%2F%2Fconsole.example.com%2Fcb&state=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
const CONNECTION: Connection = {
  tenantType: 'standard',
  tenantId: TENANT,
  connectedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

/** Counts the events of `type` fired by `el` while `body` clicks. */
function count(el: Element, type: string, body: () => void): unknown[] {
  const details: unknown[] = [];
  const listener = (event: Event) => details.push((event as CustomEvent).detail);
  el.addEventListener(type, listener);
  body();
  el.removeEventListener(type, listener);
  return details;
}

const clickThrice = (button: HTMLElement) => () => {
  button.click();
  button.click();
  button.click();
};

describe('same-task click storms', () => {
  it('Add: one tenant-type-add', async () => {
    const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
    const add = find(el, '[part="add-button"], button');
    expect(count(el, 'tenant-type-add', clickThrice(add))).to.have.length(1);
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
    expect(
      count(el, 'tenant-type-add', () => add.click()),
      'a later task may add again',
    ).to.have.length(1);
  });

  it('Connect account: one connect-form-submit', async () => {
    const el = await fixture<AzureConnectForm>(html`
      <azure-connect-form tenant-id=${TENANT}></azure-connect-form>
    `);
    const submit = find(el, 'button[type="submit"]');
    expect(count(el, 'connect-form-submit', clickThrice(submit))).to.have.length(1);
  });

  it('Confirm: one consent-confirm', async () => {
    const el = await fixture<ConsentDialog>(html`
      <consent-dialog
        open
        consent-given
        tenant-id=${TENANT}
        consent-url=${URL_STANDARD}
      ></consent-dialog>
    `);
    const confirm = [...el.shadowRoot!.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Confirm',
    )!;
    expect(count(el, 'consent-confirm', clickThrice(confirm))).to.have.length(1);
  });

  it('Disconnect, then Disconnect account in the confirmation: one request, one confirm', async () => {
    const el = await fixture<ConnectionActions>(
      html`<connection-actions .connection=${CONNECTION}></connection-actions>`,
    );
    const disconnect = find(el, '[part="disconnect-button"]');
    expect(count(el, 'disconnect-request', clickThrice(disconnect))).to.deep.equal([
      { reconnect: false },
    ]);
    await el.updateComplete;
    const confirm = find(el, 'dialog button.danger');
    expect(count(el, 'disconnect-confirm', clickThrice(confirm))).to.deep.equal([
      { reconnect: false },
    ]);
  });

  it('Check now: one health-check', async () => {
    const el = await fixture<ConnectionHealthPanel>(
      html`<azure-connection-health status="ready"></azure-connection-health>`,
    );
    el.health = {
      checkedAt: '2026-01-01T00:00:00.000Z',
      partner: null,
      partnerProblem: 'not-configured',
      lastVerification: null,
      heartbeatMaxAgeMinutes: 60,
    };
    await el.updateComplete;
    const check = find(el, '[part="check-button"]');
    expect(count(el, 'health-check', clickThrice(check))).to.have.length(1);
  });

  it('a Reconnect that failed and is retried stays a Reconnect, also when a console started it', async () => {
    const adapter = new MemoryAdapter();
    adapter.connection = CONNECTION;
    let fail = true;
    const remove = adapter.removeConnection.bind(adapter);
    adapter.removeConnection = async () => {
      if (fail) throw new AdapterError('unavailable');
      return remove();
    };
    const wrapper = await mountWrapper<HTMLDivElement>(html`
      <div>
        <azure-device-compliance
          storage-key=${`storms-${Date.now()}`}
          client-id="11111111-2222-3333-4444-555555555555"
          redirect-uri="https://console.example.com/cb"
          .adapter=${adapter}
        ></azure-device-compliance>
      </div>
    `);
    const el = wrapper.querySelector<AzureDeviceCompliance>('azure-device-compliance')!;
    await waitUntil(() => el.state.status === 'connected', 'connected');
    expect(el.send({ type: 'DISCONNECT', reconnect: true })).to.equal(true);
    await waitUntil(
      () => el.state.status === 'connected' && 'error' in el.state && !!el.state.error,
      'the reconnect should fail',
    );
    await el.updateComplete;
    const actions = find<ConnectionActions>(el, 'connection-actions');
    await actions.updateComplete;
    fail = false;
    // No Retry of its own (one button per action): the Reconnect button is the retry, and it
    // asks again before it disconnects.
    const retry = find(actions, '[part="reconnect-button"]');
    expect(count(actions, 'disconnect-request', clickThrice(retry))).to.deep.equal([
      { reconnect: true },
    ]);
    await actions.updateComplete;
    const confirm = find(actions, 'dialog button.danger');
    const confirms = count(actions, 'disconnect-confirm', clickThrice(confirm));
    expect(confirms).to.deep.equal([{ reconnect: true }]);
    await waitUntil(
      () => el.state.status === 'awaiting-consent',
      'the retried reconnect asks for consent again',
    );
  });
});
