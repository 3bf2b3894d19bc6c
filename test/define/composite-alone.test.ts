/**
 * Registration that cannot half-work: this page imports the composite's define entry and nothing
 * else (each test file runs in a page of its own), and every element the composite renders is
 * registered and upgraded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/azure-device-compliance.js';
import type { AzureDeviceCompliance } from '../../src/elements/azure-device-compliance/azure-device-compliance.js';

const RENDERED = [
  'tenant-type-picker',
  'azure-connect-form',
  'consent-dialog',
  'connection-actions',
  'azure-connection-health',
];

describe('define/azure-device-compliance alone', () => {
  it('registers the composite and every element it renders', async () => {
    expect(customElements.get('azure-device-compliance')).to.exist;
    for (const tag of RENDERED) expect(customElements.get(tag), tag).to.exist;
  });

  it('renders a working first step, not an empty section', async () => {
    const el = await fixture<AzureDeviceCompliance>(html`
      <azure-device-compliance storage-key=${`alone-${Date.now()}`}></azure-device-compliance>
    `);
    await waitUntil(() => el.state.status === 'choosing', 'the first step should show');
    await el.updateComplete;
    const picker = el.shadowRoot!.querySelector('tenant-type-picker');
    expect(picker?.shadowRoot?.querySelector('[part="add-button"]')).to.exist;
  });
});
