import { expect, fixture, html } from '@open-wc/testing';
import '../src/define/index.js';
import type { AzureDeviceCompliance } from '../src/index.js';

describe('smoke', () => {
  it('renders the composite', async () => {
    localStorage.clear();
    const el = await fixture<AzureDeviceCompliance>(html`<azure-device-compliance client-id="11111111-2222-3333-4444-555555555555"></azure-device-compliance>`);
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(el.state.status).to.equal('choosing');
    const picker = el.shadowRoot!.querySelector('tenant-type-picker')!;
    await picker.updateComplete;
    expect(picker.shadowRoot!.textContent).to.contain('GCC High');
    await expect(el).to.be.accessible();
  });
});
