import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import {
  en,
  fr,
  type AzureConnectForm,
  type AzureDeviceCompliance,
  type Connection,
  type ConnectionActions,
  type ConsentDialog,
  type TenantTypePicker,
} from '../../src/index.js';
import { find, text, mountWrapper } from './helpers.js';

const TENANT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const CONSENT_URL = `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${TENANT}&state=abcdefghijklmnopqrst&redirect_uri=https%3A%2F%2Fconsole.example.com%2F`;
const connection: Connection = {
  tenantType: 'standard',
  tenantId: TENANT,
  connectedAt: '2025-03-04T10:20:00.000Z',
  updatedAt: '2025-03-04T10:20:00.000Z',
  version: 1,
};

interface Elements {
  picker: TenantTypePicker;
  form: AzureConnectForm;
  dialog: ConsentDialog;
  actions: ConnectionActions;
}

/** One of each element under an ancestor with `lang`. */
async function mountIn(lang: string): Promise<Elements> {
  const root = await mountWrapper<HTMLDivElement>(html`
    <div lang=${lang}>
      <tenant-type-picker></tenant-type-picker>
      <azure-connect-form></azure-connect-form>
      <consent-dialog open consent-url=${CONSENT_URL} tenant-id=${TENANT}></consent-dialog>
      <connection-actions .connection=${connection}></connection-actions>
    </div>
  `);
  const elements = {
    picker: root.querySelector('tenant-type-picker')!,
    form: root.querySelector('azure-connect-form')!,
    dialog: root.querySelector('consent-dialog')!,
    actions: root.querySelector('connection-actions')!,
  };
  await Promise.all(Object.values(elements).map((element) => element.updateComplete));
  return elements;
}

/** The visible labels that tell French from English, one per element. */
function labels({ picker, form, dialog, actions }: Elements) {
  return {
    add: text(find(picker, '[part="add-button"]')),
    legend: text(find(picker, 'legend')),
    tenantId: text(find(form, 'label[for="tenantId"]')),
    submit: text(find(form, '[part="submit-button"]')),
    dialogTitle: text(find(dialog, '[part="title"]')),
    consentGiven: text(find(dialog, 'label.consent')),
    confirm: text(find(dialog, '[part="confirm-button"]')),
    edit: text(find(actions, '[part="edit-button"]')),
    disconnect: text(find(actions, '[part="disconnect-button"]')),
  };
}

const french = {
  add: 'Ajouter',
  legend: 'Type de locataire',
  tenantId: 'ID locataire Azure',
  submit: 'Connecter le compte',
  dialogTitle: 'Validation du client Azure',
  consentGiven: 'J’ai donné mon consentement',
  confirm: 'Confirmer',
  edit: 'Modifier le compte',
  disconnect: 'Déconnecter le compte',
};

const english = {
  add: 'Add',
  legend: 'Tenant type',
  tenantId: 'Azure tenant ID',
  submit: 'Connect account',
  dialogTitle: 'Azure client validation',
  consentGiven: 'I have given my consent',
  confirm: 'Confirm',
  edit: 'Edit account',
  disconnect: 'Disconnect account',
};

describe('languages', () => {
  it('lang="fr" on an ancestor gives every element the French catalog', async () => {
    const elements = await mountIn('fr');
    expect(labels(elements)).to.deep.equal(french);
    expect(text(find(elements.actions, '.note'))).to.equal(fr.macosNote);
    expect(text(find(elements.form, '#tenantId-help'))).to.equal(fr.tenantIdHelp);
  });

  it('French field errors and dates', async () => {
    const { form, actions } = await mountIn('fr');
    form.checkValidity();
    await form.updateComplete;
    expect(text(find(form, '#tenantId-error'))).to.equal(fr.fieldErrors['tenant-required']);
    const dates = [...actions.shadowRoot!.querySelectorAll('dd')].map((dd) => text(dd));
    expect(dates.some((value) => value.includes('mars 2025'))).to.be.true;
  });

  it('fr-CA gets French', async () => {
    expect(labels(await mountIn('fr-CA'))).to.deep.equal(french);
  });

  it('fr_FR (underscore form) gets French', async () => {
    expect(labels(await mountIn('fr_FR'))).to.deep.equal(french);
  });

  it('an unknown language gets English', async () => {
    expect(labels(await mountIn('de'))).to.deep.equal(english);
    expect(labels(await mountIn('x-klingon'))).to.deep.equal(english);
  });

  it('an invalid language tag (en_US) still renders, in English', async () => {
    const elements = await mountIn('en_US');
    expect(labels(elements)).to.deep.equal(english);
    const dates = [...elements.actions.shadowRoot!.querySelectorAll('dd')].map((dd) => text(dd));
    expect(dates.some((value) => value.includes('March') && value.includes('2025'))).to.be.true;
  });

  it('the element’s own lang counts too', async () => {
    const el = await fixture<TenantTypePicker>(
      html`<tenant-type-picker lang="fr"></tenant-type-picker>`,
    );
    expect(text(find(el, '[part="add-button"]'))).to.equal('Ajouter');
  });

  it('follows a change of lang on an ancestor at run time', async () => {
    const elements = await mountIn('fr');
    const root = elements.picker.parentElement!;
    root.setAttribute('lang', 'en');
    await waitUntil(() => labels(elements).add === 'Add', 'the picker should switch to English');
    await Promise.all(Object.values(elements).map((element) => element.updateComplete));
    expect(labels(elements)).to.deep.equal(english);
  });

  describe('with the page language', () => {
    let original: string | null;
    beforeEach(() => {
      original = document.documentElement.getAttribute('lang');
      document.documentElement.lang = 'en';
    });
    afterEach(() => {
      if (original === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', original);
    });

    it('re-renders when document.documentElement.lang changes from en to fr', async () => {
      const elements = await mountIn('');
      // `lang=""` is "unknown", so remove it: the page's lang must be the nearest one.
      elements.picker.parentElement!.removeAttribute('lang');
      await waitUntil(() => labels(elements).add === 'Add', 'English first');
      expect(labels(elements)).to.deep.equal(english);

      document.documentElement.lang = 'fr';
      await waitUntil(() => labels(elements).add === 'Ajouter', 'the page switched to French');
      await Promise.all(Object.values(elements).map((element) => element.updateComplete));
      expect(labels(elements)).to.deep.equal(french);

      document.documentElement.lang = 'en';
      await waitUntil(() => labels(elements).add === 'Add', 'and back to English');
    });

    it('reaches the elements inside the composite', async () => {
      localStorage.removeItem('azure-compliance-connect:connection');
      const el = await fixture<AzureDeviceCompliance>(
        html`<azure-device-compliance></azure-device-compliance>`,
      );
      await waitUntil(() => el.state.status === 'choosing', 'loaded');
      const picker = () => find<TenantTypePicker>(el, 'tenant-type-picker');
      await waitUntil(() => text(find(picker(), '[part="add-button"]')) === 'Add', 'English');
      document.documentElement.lang = 'fr-CA';
      await waitUntil(
        () =>
          text(find(el, '#heading')) === fr.sectionTitle &&
          text(find(picker(), '[part="add-button"]')) === 'Ajouter',
        'the composite and its picker should switch to French',
      );
    });
  });

  describe('strings overrides', () => {
    it('replace one label and keep the rest of the catalog', async () => {
      const el = await fixture<TenantTypePicker>(
        html`<tenant-type-picker .strings=${{ add: 'Add tenant' }}></tenant-type-picker>`,
      );
      expect(text(find(el, '[part="add-button"]'))).to.equal('Add tenant');
      expect(text(find(el, 'legend'))).to.equal(en.tenantTypeLegend);
      expect(text(find(el, 'label[for="type-gcc-high"]'))).to.equal(en.gccHigh);
    });

    it('apply on top of French', async () => {
      const root = await mountWrapper<HTMLDivElement>(html`
        <div lang="fr">
          <azure-connect-form
            .strings=${{ connectAccount: 'Lier le locataire' }}
          ></azure-connect-form>
        </div>
      `);
      const form = root.querySelector('azure-connect-form')!;
      await form.updateComplete;
      expect(text(find(form, '[part="submit-button"]'))).to.equal('Lier le locataire');
      expect(text(find(form, 'label[for="tenantId"]'))).to.equal('ID locataire Azure');
    });

    it('may override a single field error', async () => {
      const form = await fixture<AzureConnectForm>(html`
        <azure-connect-form
          enrollment-url="http://x.example"
          .strings=${{ fieldErrors: { 'tenant-required': 'Which tenant?' } }}
        ></azure-connect-form>
      `);
      form.checkValidity();
      await form.updateComplete;
      expect(text(find(form, '#tenantId-error'))).to.equal('Which tenant?');
      expect(text(find(form, '#enrollmentUrl-error'))).to.equal(en.fieldErrors['url-not-https']);
    });

    it('take effect when set again at run time', async () => {
      const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
      el.strings = { add: 'Next' };
      await el.updateComplete;
      expect(text(find(el, '[part="add-button"]'))).to.equal('Next');
      el.strings = undefined;
      await el.updateComplete;
      expect(text(find(el, '[part="add-button"]'))).to.equal('Add');
    });

    it('on the composite reach the elements inside it', async () => {
      localStorage.removeItem('azure-compliance-connect:connection');
      const el = await fixture<AzureDeviceCompliance>(html`
        <azure-device-compliance
          .strings=${{ add: 'Continue', sectionTitle: 'Compliance' }}
        ></azure-device-compliance>
      `);
      await waitUntil(() => el.state.status === 'choosing', 'loaded');
      const picker = find<TenantTypePicker>(el, 'tenant-type-picker');
      await picker.updateComplete;
      expect(text(find(el, '#heading'))).to.equal('Compliance');
      expect(text(find(picker, '[part="add-button"]'))).to.equal('Continue');
      expect(text(find(picker, 'legend'))).to.equal(en.tenantTypeLegend);
    });
  });
});
