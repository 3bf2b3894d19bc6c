/** This page imports the form's define entry alone: the picker the form renders is registered. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/azure-connect-form.js';
import type { AzureConnectForm } from '../../src/elements/azure-connect-form/azure-connect-form.js';

describe('define/azure-connect-form alone', () => {
  it('registers the form and the tenant type picker it renders, which then shows its radios', async () => {
    expect(customElements.get('azure-connect-form')).to.exist;
    expect(customElements.get('tenant-type-picker')).to.exist;
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    const picker = el.shadowRoot!.querySelector('tenant-type-picker');
    expect(picker?.shadowRoot?.querySelectorAll('input[type="radio"]').length).to.equal(2);
  });
});
