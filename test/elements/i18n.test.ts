import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import { fr } from '../../src/i18n/fr.js';
import {
  en,
  type AzureConnectForm,
  type AzureDeviceCompliance,
  type Connection,
  type ConnectionActions,
  type ConsentDialog,
  type TenantTypePicker,
} from '../../src/index.js';
import { find, text, mountWrapper, spaced } from './helpers.js';

/** The text of a sentence as `text()` reads it: every run of white space as one space. */

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
  add: 'Ajouter un compte Azure',
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
  add: 'Add Azure account',
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
    expect(text(find(elements.actions, '.note'))).to.equal(spaced(fr.macosNote));
    expect(text(find(elements.form, '#tenantId-help'))).to.equal(spaced(fr.tenantIdHelp));
  });

  it('French field errors and dates', async () => {
    const { form, actions } = await mountIn('fr');
    form.checkValidity();
    await form.updateComplete;
    expect(text(find(form, '#tenantId-error'))).to.equal(
      spaced(`${fr.errorPrefix} ${fr.fieldErrors['tenant-required']}`),
    );
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
    expect(text(find(el, '[part="add-button"]'))).to.equal(fr.addAzureAccount);
  });

  it('follows a change of lang on an ancestor at run time', async () => {
    const elements = await mountIn('fr');
    const root = elements.picker.parentElement!;
    root.setAttribute('lang', 'en');
    await waitUntil(
      () => labels(elements).add === en.addAzureAccount,
      'the picker should switch to English',
    );
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
      await waitUntil(() => labels(elements).add === en.addAzureAccount, 'English first');
      expect(labels(elements)).to.deep.equal(english);

      document.documentElement.lang = 'fr';
      await waitUntil(
        () => labels(elements).add === fr.addAzureAccount,
        'the page switched to French',
      );
      await Promise.all(Object.values(elements).map((element) => element.updateComplete));
      expect(labels(elements)).to.deep.equal(french);

      document.documentElement.lang = 'en';
      await waitUntil(() => labels(elements).add === en.addAzureAccount, 'and back to English');
    });

    it('reaches the elements inside the composite', async () => {
      localStorage.removeItem('azure-compliance-connect:connection');
      const el = await fixture<AzureDeviceCompliance>(
        html`<azure-device-compliance></azure-device-compliance>`,
      );
      await waitUntil(() => el.state.status === 'choosing', 'loaded');
      const picker = () => find<TenantTypePicker>(el, 'tenant-type-picker');
      await waitUntil(
        () => text(find(picker(), '[part="add-button"]')) === en.addAzureAccount,
        'English',
      );
      document.documentElement.lang = 'fr-CA';
      await waitUntil(
        () =>
          text(find(el, '#heading')) === fr.sectionTitle &&
          text(find(picker(), '[part="add-button"]')) === fr.addAzureAccount,
        'the composite and its picker should switch to French',
      );
    });
  });

  describe('strings overrides', () => {
    it('replace one label and keep the rest of the catalog', async () => {
      const el = await fixture<TenantTypePicker>(
        html`<tenant-type-picker
          .strings=${{ addAzureAccount: 'Add tenant' }}
        ></tenant-type-picker>`,
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
      expect(text(find(form, '#tenantId-error'))).to.equal(`${en.errorPrefix} Which tenant?`);
      expect(text(find(form, '#enrollmentUrl-error'))).to.equal(
        `${en.errorPrefix} ${en.fieldErrors['url-not-https']}`,
      );
    });

    it('take effect when set again at run time', async () => {
      const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
      el.strings = { addAzureAccount: 'Next' };
      await el.updateComplete;
      expect(text(find(el, '[part="add-button"]'))).to.equal('Next');
      el.strings = undefined;
      await el.updateComplete;
      expect(text(find(el, '[part="add-button"]'))).to.equal(en.addAzureAccount);
    });

    it('on the composite reach the elements inside it', async () => {
      localStorage.removeItem('azure-compliance-connect:connection');
      const el = await fixture<AzureDeviceCompliance>(html`
        <azure-device-compliance
          .strings=${{ addAzureAccount: 'Continue', sectionTitle: 'Compliance' }}
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

/** Every sentence of a catalog with its path (`errors.consent-missing`), nested tables included. */
function sentences(table: object, path = ''): [string, string][] {
  return Object.entries(table).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string'
      ? [[`${path}${key}`, value]]
      : typeof value === 'object' && value !== null
        ? sentences(value as object, `${path}${key}.`)
        : [],
  );
}

/** What French typography asks of one sentence; URLs and `{placeholders}` are left out. */
function frenchTypographyProblems(sentence: string): string[] {
  const prose = sentence.replace(/https?:\/\/\S*/g, 'URL').replace(/\{\w+\}/g, 'X');
  const problems: string[] = [];
  for (const match of prose.matchAll(/(^|.)([:;?!])/gu)) {
    if (match[1] !== '\u202f') {
      const before = match[1] === ' ' ? 'a plain space' : match[1] === '' ? 'nothing' : 'no space';
      problems.push(`${before} before “${match[2]}”`);
    }
  }
  if (/«(?!\u202f)/.test(prose)) problems.push('no narrow no-break space after «');
  if (/(?<!\u202f)»/.test(prose)) problems.push('no narrow no-break space before »');
  if (/«\u202f\u202f|\u202f\u202f»/.test(prose)) problems.push('two spaces inside « »');
  if (/périphérique/i.test(prose)) problems.push('“périphérique” (Intune says “appareil”)');
  if (prose.includes("'")) problems.push('a straight apostrophe (use ’)');
  return problems;
}

describe('French typography and terms', () => {
  const all = sentences(fr);

  it('walks every French sentence, nested errors and field errors included', () => {
    expect(all.length).to.equal(sentences(en).length);
    expect(all.some(([key]) => key.startsWith('errors.'))).to.be.true;
    expect(all.some(([key]) => key.startsWith('fieldErrors.'))).to.be.true;
  });

  it('puts a narrow no-break space before : ; ? ! and inside « », and says “appareil”', () => {
    const problems = all.flatMap(([key, sentence]) =>
      frenchTypographyProblems(sentence).map((problem) => `${key}: ${problem}`),
    );
    expect(problems).to.deep.equal([]);
  });

  it('the checker itself finds each mistake', () => {
    expect(frenchTypographyProblems('Erreur : x')).to.deep.equal(['a plain space before “:”']);
    expect(frenchTypographyProblems('Erreur\u00a0: x')).to.deep.equal(['no space before “:”']);
    expect(frenchTypographyProblems('Vraiment?')).to.deep.equal(['no space before “?”']);
    expect(frenchTypographyProblems('« x »')).to.have.length(2);
    expect(frenchTypographyProblems('le périphérique')).to.have.length(1);
    expect(frenchTypographyProblems('Voir https://x.example/a:b et {tenant}.')).to.deep.equal([]);
    expect(frenchTypographyProblems('Cochez «\u202fx\u202f»\u202f!')).to.deep.equal([]);
  });

  it('calls the remediation URL “URL de correction” everywhere', () => {
    expect(fr.remediationUrl).to.equal('URL de correction');
    expect(all.filter(([, sentence]) => /remédiation/i.test(sentence))).to.deep.equal([]);
  });

  it('says “autorisations”, never “permissions”, for what the app may do', () => {
    expect(
      all.filter(([, sentence]) => /\bpermissions?\b/i.test(sentence.replace(/\{\w+\}/g, ''))),
    ).to.deep.equal([]);
  });
});

describe('dialog titles match their buttons', () => {
  /** `disconnectTitle` and `disconnectConfirm`, and every other pair named the same way. */
  function pairs(strings: typeof en): [string, string, string][] {
    const table = strings as unknown as Record<string, unknown>;
    return Object.keys(table)
      .filter((key) => key.endsWith('Title'))
      .map((key) => [key, key.replace(/Title$/, 'Confirm')] as const)
      .filter(([, confirm]) => typeof table[confirm] === 'string')
      .map(([title, confirm]) => [title, table[title] as string, table[confirm] as string]);
  }

  for (const [lang, strings] of [
    ['en', en],
    ['fr', fr],
  ] as const) {
    it(`in ${lang}: each confirmation asks the question its button answers`, () => {
      const found = pairs(strings);
      expect(found.map(([key]) => key)).to.include.members([
        'disconnectTitle',
        'reconnectTitle',
        'resetEmbeddedStoreTitle',
      ]);
      for (const [key, title, button] of found) {
        expect(title.replace(/[\s\u202f]*\?$/u, ''), key).to.equal(button);
        expect(title.endsWith('?'), `${key} is a question`).to.be.true;
      }
      // The form's title is the name of its submit button too.
      expect(strings.connectAccountTitle).to.equal(strings.connectAccount);
    });
  }
});
