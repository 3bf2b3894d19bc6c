// Which React these tests run on (the `react` project: React 19; `react-18`: React 18), and why
// the components matter there: React 18 gives a bare custom element its props as attributes, so
// an adapter object never reaches the composite, while the component sets it as a property.
import { createElement, version } from 'react';
import { version as domVersion } from 'react-dom';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { AzureDeviceCompliance as AzureDeviceComplianceElement } from '../../src/elements/azure-device-compliance/azure-device-compliance.js';
import { AzureDeviceCompliance } from '../../src/react/index.js';
import { CONNECTION, MemoryAdapter, find, mount, storageKey, unmountAll } from './helpers.js';

const major = inject('reactMajor');

afterEach(unmountAll);

describe(`React ${major}`, () => {
  it('is the React that renders these tests', () => {
    expect(version.split('.')[0]).toBe(String(major));
    expect(domVersion.split('.')[0]).toBe(String(major));
  });

  it(`gives the bare tag an adapter ${major >= 19 ? 'as a property' : 'as an attribute only'}`, async () => {
    const adapter = new MemoryAdapter(CONNECTION);
    // The element reports the attribute on the console: kept out of the test's output.
    const reports = [
      vi.spyOn(console, 'warn').mockImplementation(() => undefined),
      vi.spyOn(console, 'error').mockImplementation(() => undefined),
    ];
    const { container } = await mount(
      createElement('azure-device-compliance', { adapter, 'storage-key': storageKey() }),
    );
    const el = find<AzureDeviceComplianceElement>(container, 'azure-device-compliance');
    await el.updateComplete;
    const alert = el.shadowRoot?.querySelector('[part="config-alert"]') ?? null;
    const reported = reports.flatMap((spy) => spy.mock.calls.map((args) => args.join(' ')));
    for (const spy of reports) spy.mockRestore();
    if (major >= 19) {
      expect(el.adapter).toBe(adapter);
      expect(alert).toBeNull();
    } else {
      expect(el.adapter).toBeUndefined();
      expect(el.getAttribute('adapter')).toBe('[object Object]');
      expect(alert?.textContent).toContain('not connected to its backend');
      expect(reported.join('\n')).toContain('"adapter" was given as an attribute');
    }
  });

  it('gives the component an adapter as a property, whichever the React', async () => {
    const adapter = new MemoryAdapter(CONNECTION);
    const { container } = await mount(
      <AzureDeviceCompliance adapter={adapter} storageKey={storageKey()} />,
    );
    const el = find<AzureDeviceComplianceElement>(container, 'azure-device-compliance');
    expect(el.adapter).toBe(adapter);
    expect(el.hasAttribute('adapter')).toBe(false);
    await vi.waitFor(() => expect(el.state.status).toBe('connected'));
    expect(el.shadowRoot?.querySelector('[part="config-alert"]')).toBeNull();
  });
});
