// <azure-device-compliance> through its React component: the adapter arrives as a property, the
// composite's events reach the `on…` handlers, a re-render updates the element, and unmounting
// disconnects it.
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AzureDeviceCompliance as AzureDeviceComplianceElement } from '../../src/elements/azure-device-compliance/azure-device-compliance.js';
import { AzureDeviceCompliance } from '../../src/react/index.js';
import {
  CONNECTION,
  MemoryAdapter,
  detailsOf,
  find,
  handler,
  inside,
  mount,
  storageKey,
  unmountAll,
} from './helpers.js';

const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const ACTOR = 'admin@contoso.example';

const composite = (container: HTMLElement) =>
  find<AzureDeviceComplianceElement>(container, 'azure-device-compliance');

afterEach(unmountAll);

describe('AzureDeviceCompliance', () => {
  it('sets the adapter as a property: the composite shows its connection', async () => {
    const adapter = new MemoryAdapter(CONNECTION);
    const ref = createRef<AzureDeviceComplianceElement>();
    const onConnectionChange = handler('connection-change');
    const onWizardStateChange = handler('wizard-state-change');
    const { container } = await mount(
      <AzureDeviceCompliance
        ref={ref}
        adapter={adapter}
        storageKey={storageKey()}
        clientId={CLIENT}
        actor={ACTOR}
        className="compliance"
        onConnectionChange={onConnectionChange}
        onWizardStateChange={onWizardStateChange}
      />,
    );
    const el = composite(container);
    expect(ref.current).toBe(el);
    expect(el.adapter).toBe(adapter);
    expect(el.hasAttribute('adapter')).toBe(false);
    expect(el.clientId).toBe(CLIENT);
    expect(el.actor).toBe(ACTOR);
    expect(el.getAttribute('class')).toBe('compliance');

    await vi.waitFor(() => expect(onConnectionChange).toHaveBeenCalledTimes(1));
    expect(detailsOf(onConnectionChange)).toEqual([{ connection: CONNECTION, reason: 'loaded' }]);
    const [loaded] = detailsOf(onWizardStateChange);
    expect(loaded?.state.status).toBe('connected');
    expect(loaded?.previous).toBe('loading');
    expect(loaded?.reason).toBe('LOADED');

    // Not the "not connected to its backend" alert of an adapter given as an attribute.
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part="config-alert"]')).toBeNull();
    const actions = inside(el, 'connection-actions');
    await vi.waitFor(() => expect(actions.shadowRoot?.textContent).toContain(CONNECTION.tenantId));
  });

  it('hears the audit event and the connection change of a disconnection', async () => {
    const adapter = new MemoryAdapter(CONNECTION);
    const onConnectionChange = handler('connection-change');
    const onAuditEvent = handler('audit-event');
    const { container } = await mount(
      <AzureDeviceCompliance
        adapter={adapter}
        storageKey={storageKey()}
        actor={ACTOR}
        onConnectionChange={onConnectionChange}
        onAuditEvent={onAuditEvent}
      />,
    );
    const el = composite(container);
    await vi.waitFor(() => expect(el.state.status).toBe('connected'));

    expect(el.send({ type: 'DISCONNECT', reconnect: false })).toBe(true);
    await vi.waitFor(() => expect(onAuditEvent).toHaveBeenCalledTimes(1));
    const [audited] = detailsOf(onAuditEvent);
    expect(audited?.event).toMatchObject({
      action: 'disconnect',
      outcome: 'success',
      actor: ACTOR,
      tenantId: CONNECTION.tenantId,
    });
    expect(adapter.audit.map((event) => event.id)).toEqual([audited?.event.id]);
    expect(detailsOf(onConnectionChange).at(-1)).toEqual({
      connection: null,
      reason: 'disconnected',
    });
  });

  it('passes a new adapter on a re-render, and the composite loads from it', async () => {
    const key = storageKey();
    const onConnectionChange = handler('connection-change');
    const mounted = await mount(
      <AzureDeviceCompliance
        adapter={new MemoryAdapter(null)}
        storageKey={key}
        onConnectionChange={onConnectionChange}
      />,
    );
    const el = composite(mounted.container);
    await vi.waitFor(() => expect(onConnectionChange).toHaveBeenCalledTimes(1));
    expect(el.state.status).toBe('choosing');

    const connected = new MemoryAdapter(CONNECTION);
    await mounted.render(
      <AzureDeviceCompliance
        adapter={connected}
        storageKey={key}
        onConnectionChange={onConnectionChange}
      />,
    );
    expect(composite(mounted.container)).toBe(el);
    expect(el.adapter).toBe(connected);
    await vi.waitFor(() => expect(onConnectionChange).toHaveBeenCalledTimes(2));
    expect(detailsOf(onConnectionChange)).toEqual([
      { connection: null, reason: 'loaded' },
      { connection: CONNECTION, reason: 'loaded' },
    ]);
    expect(el.state.status).toBe('connected');
  });

  it('takes the element out of the page on unmount, which stops the composite', async () => {
    const errors = vi.spyOn(console, 'error');
    const onConnectionChange = handler('connection-change');
    const mounted = await mount(
      <AzureDeviceCompliance
        adapter={new MemoryAdapter(CONNECTION)}
        storageKey={storageKey()}
        onConnectionChange={onConnectionChange}
      />,
    );
    const el = composite(mounted.container);
    await vi.waitFor(() => expect(onConnectionChange).toHaveBeenCalledTimes(1));
    expect(el.auditOutbox).toBeDefined();

    await mounted.unmount();
    expect(el.isConnected).toBe(false);
    expect(document.querySelector('azure-device-compliance')).toBeNull();
    // The audit outbox runs while the element is in the page and stops when it leaves.
    expect(el.auditOutbox).toBeUndefined();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
