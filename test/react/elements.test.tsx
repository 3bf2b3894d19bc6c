// The components of the other elements: properties set on the element and kept up to date by
// re-renders, each of the element's events on its `on…` handler with the element's `detail`, and
// every event of custom-elements.json covered.
import { createElement, type ComponentType } from 'react';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { AzureConnectForm as AzureConnectFormElement } from '../../src/elements/azure-connect-form/azure-connect-form.js';
import type { ConnectionActions as ConnectionActionsElement } from '../../src/elements/connection-actions/connection-actions.js';
import type { ConsentDialog as ConsentDialogElement } from '../../src/elements/consent-dialog/consent-dialog.js';
import type { TenantTypePicker as TenantTypePickerElement } from '../../src/elements/tenant-type-picker/tenant-type-picker.js';
import * as components from '../../src/react/index.js';
import {
  AzureConnectForm,
  ConnectionActions,
  ConsentDialog,
  TenantTypePicker,
} from '../../src/react/index.js';
import {
  CONNECTION,
  click,
  detailsOf,
  find,
  handler,
  inside,
  mount,
  storageKey,
  unmountAll,
} from './helpers.js';

afterEach(unmountAll);

describe('TenantTypePicker', () => {
  const picker = (container: HTMLElement) =>
    find<TenantTypePickerElement>(container, 'tenant-type-picker');

  it('sets its props on the element and updates them on a re-render', async () => {
    const mounted = await mount(
      <TenantTypePicker value="gcc-high" strings={{ addAzureAccount: 'Link a tenant' }} />,
    );
    const el = picker(mounted.container);
    await el.updateComplete;
    expect(el.value).toBe('gcc-high');
    expect(inside<HTMLInputElement>(el, '#type-gcc-high').checked).toBe(true);
    expect(inside(el, '[part="add-button"]').textContent?.trim()).toBe('Link a tenant');

    await mounted.render(<TenantTypePicker value="standard" hideAdd />);
    await el.updateComplete;
    expect(picker(mounted.container)).toBe(el);
    expect(el.value).toBe('standard');
    expect(inside<HTMLInputElement>(el, '#type-standard').checked).toBe(true);
    expect(el.hideAdd).toBe(true);
    expect(el.shadowRoot?.querySelector('[part="add-button"]')).toBeNull();
  });

  it('calls onTenantTypeChange, onChange and onTenantTypeAdd', async () => {
    const onTenantTypeChange = handler('tenant-type-change');
    const onTenantTypeAdd = handler('tenant-type-add');
    const onChange = vi.fn<(event: Event) => void>();
    const { container } = await mount(
      <TenantTypePicker
        value="standard"
        onTenantTypeChange={onTenantTypeChange}
        onTenantTypeAdd={onTenantTypeAdd}
        onChange={onChange}
      />,
    );
    const el = picker(container);
    await el.updateComplete;

    await click(inside(el, '#type-gcc-high'));
    expect(detailsOf(onTenantTypeChange)).toEqual([{ tenantType: 'gcc-high' }]);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]?.[0].type).toBe('change');

    await click(inside(el, '[part="add-button"]'));
    expect(detailsOf(onTenantTypeAdd)).toEqual([{ tenantType: 'gcc-high' }]);
  });

  it('moves a listener to the new handler on a re-render, and drops it with the handler', async () => {
    const first = handler('tenant-type-add');
    const second = handler('tenant-type-add');
    const mounted = await mount(<TenantTypePicker onTenantTypeAdd={first} />);
    const el = picker(mounted.container);
    await el.updateComplete;

    await mounted.render(<TenantTypePicker onTenantTypeAdd={second} />);
    await click(inside(el, '[part="add-button"]'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);

    await mounted.render(<TenantTypePicker />);
    // A new task: the element takes one Add per task.
    await new Promise((resolve) => setTimeout(resolve));
    await click(inside(el, '[part="add-button"]'));
    expect(second).toHaveBeenCalledTimes(1);
  });
});

describe('AzureConnectForm', () => {
  it('calls onConnectFormInput, onTenantTypeChange, onConnectFormSubmit and onConnectFormCancel', async () => {
    const onConnectFormInput = handler('connect-form-input');
    const onTenantTypeChange = handler('tenant-type-change');
    const onConnectFormSubmit = handler('connect-form-submit');
    const onConnectFormCancel = handler('connect-form-cancel');
    const { container } = await mount(
      <AzureConnectForm
        tenantType="standard"
        onConnectFormInput={onConnectFormInput}
        onTenantTypeChange={onTenantTypeChange}
        onConnectFormSubmit={onConnectFormSubmit}
        onConnectFormCancel={onConnectFormCancel}
      />,
    );
    const el = find<AzureConnectFormElement>(container, 'azure-connect-form');
    await el.updateComplete;

    const tenant = inside<HTMLInputElement>(el, 'input#tenantId');
    tenant.value = CONNECTION.tenantId.toUpperCase();
    tenant.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const [typed] = detailsOf(onConnectFormInput);
    expect(typed?.field).toBe('tenantId');
    expect(typed?.value).toBe(CONNECTION.tenantId.toUpperCase());
    expect(typed?.draft.tenantId).toBe(CONNECTION.tenantId.toUpperCase());

    const picker = inside<TenantTypePickerElement>(el, 'tenant-type-picker');
    await picker.updateComplete;
    await click(inside(picker, '#type-gcc-high'));
    expect(detailsOf(onTenantTypeChange)).toEqual([{ tenantType: 'gcc-high' }]);

    await click(inside(el, '[part="submit-button"]'));
    const [submitted] = detailsOf(onConnectFormSubmit);
    // The form normalises what was typed: the tenant ID in lower case.
    expect(submitted?.input).toMatchObject({
      tenantType: 'gcc-high',
      tenantId: CONNECTION.tenantId,
    });

    await click(inside(el, '[part="cancel-button"]'));
    expect(detailsOf(onConnectFormCancel)).toEqual([{}]);
  });
});

describe('ConsentDialog', () => {
  it('opens from its props and calls onConsentChange, onConsentConfirm and onConsentCancel', async () => {
    const onConsentChange = handler('consent-change');
    const onConsentConfirm = handler('consent-confirm');
    const onConsentCancel = handler('consent-cancel');
    const props = {
      consentUrl: 'https://login.microsoftonline.com/common/adminconsent',
      tenantId: CONNECTION.tenantId,
      onConsentChange,
      onConsentConfirm,
      onConsentCancel,
    };
    const mounted = await mount(<ConsentDialog {...props} />);
    const el = find<ConsentDialogElement>(mounted.container, 'consent-dialog');
    await el.updateComplete;
    expect(inside<HTMLDialogElement>(el, 'dialog').open).toBe(false);

    await mounted.render(<ConsentDialog {...props} open />);
    await el.updateComplete;
    expect(inside<HTMLDialogElement>(el, 'dialog').open).toBe(true);
    expect(inside(el, 'dialog').textContent).toContain(CONNECTION.tenantId);

    await click(inside(el, '[part="checkbox"]'));
    expect(detailsOf(onConsentChange)).toEqual([{ given: true }]);
    await mounted.render(<ConsentDialog {...props} open consentGiven />);
    await el.updateComplete;
    await click(inside(el, '[part="confirm-button"]'));
    expect(detailsOf(onConsentConfirm)).toEqual([{}]);
    await click(inside(el, '[part="cancel-button"]'));
    expect(detailsOf(onConsentCancel)).toEqual([{}]);
  });
});

describe('ConnectionActions', () => {
  it('shows the connection it is given and calls onConnectionEdit and onDisconnectRequest', async () => {
    const onConnectionEdit = handler('connection-edit');
    const onDisconnectRequest = handler('disconnect-request');
    const { container } = await mount(
      <ConnectionActions
        connection={CONNECTION}
        onConnectionEdit={onConnectionEdit}
        onDisconnectRequest={onDisconnectRequest}
      />,
    );
    const el = find<ConnectionActionsElement>(container, 'connection-actions');
    await el.updateComplete;
    expect(el.connection).toBe(CONNECTION);
    expect(inside(el, '[part="details"]').textContent).toContain(CONNECTION.tenantId);

    await click(inside(el, '[part="edit-button"]'));
    expect(detailsOf(onConnectionEdit)).toEqual([{}]);
    await click(inside(el, '[part="disconnect-button"]'));
    expect(detailsOf(onDisconnectRequest)).toEqual([{ reconnect: false }]);
  });
});

describe('every event of custom-elements.json', () => {
  /** The component of each tag: its name is the tag in PascalCase. */
  const byTag = new Map<string, ComponentType<Record<string, unknown>>>(
    // Read as plain values: letting the type checker compare the six components' prop types
    // with each other (the union that `Object.entries` builds) costs it about 25 seconds.
    Object.entries(components as Record<string, unknown>).map(([name, component]) => [
      name.replace(/(?<!^)[A-Z]/g, (letter) => `-${letter}`).toLowerCase(),
      component as ComponentType<Record<string, unknown>>,
    ]),
  );
  /** `connection-change` is heard through `onConnectionChange`. */
  const prop = (event: string) =>
    `on${event.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase())}`;
  const kitEvents = inject('kitEvents');

  it('has a component for each element', () => {
    expect([...byTag.keys()].sort()).toEqual(Object.keys(kitEvents).sort());
  });

  for (const [tag, events] of Object.entries(kitEvents)) {
    it(`calls the handler of each event of <${tag}>: ${events.join(', ')}`, async () => {
      const component = byTag.get(tag);
      if (!component) throw new Error(`no component for <${tag}>`);
      const handlers = Object.fromEntries(events.map((event) => [prop(event), vi.fn()]));
      // The composite gets a storage key of its own, like every composite of these tests.
      const props = tag === 'azure-device-compliance' ? { storageKey: storageKey() } : {};
      const { container } = await mount(createElement(component, { ...props, ...handlers }));
      const el = find(container, tag);
      for (const event of events) {
        const sent = new CustomEvent(event, { detail: { probe: event } });
        el.dispatchEvent(sent);
        expect(handlers[prop(event)], prop(event)).toHaveBeenCalledExactlyOnceWith(sent);
      }
    });
  }
});
