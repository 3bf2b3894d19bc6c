import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/index.js';
import { en, type AzureConnectForm, type DraftField, type FieldError } from '../../src/index.js';
import {
  clickWithMouse,
  deepActiveElement,
  expectFocused,
  expectNone,
  find,
  maybe,
  text,
} from './helpers.js';

const GUID = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';

function input(el: AzureConnectForm, field: DraftField): HTMLInputElement {
  return find<HTMLInputElement>(el, `input#${field}`);
}

/** Types like the admin: real key presses for short values, one `input` event for long ones. */
async function typeInto(el: AzureConnectForm, field: DraftField, value: string): Promise<void> {
  const target = input(el, field);
  target.focus();
  if (value.length <= 120) {
    await sendKeys({ type: value });
  } else {
    target.value = value;
    target.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }
  await el.updateComplete;
}

/** Collects `connect-form-submit` events while the test runs. */
function submissions(el: AzureConnectForm) {
  const seen: CustomEvent[] = [];
  el.addEventListener('connect-form-submit', (e) => seen.push(e));
  return seen;
}

async function expectFieldError(el: AzureConnectForm, field: DraftField, code: FieldError) {
  const target = input(el, field);
  expect(target.getAttribute('aria-invalid'), `${field} aria-invalid`).to.equal('true');
  const describedBy = (target.getAttribute('aria-describedby') ?? '').split(/\s+/);
  const error = find(el, `#${field}-error`);
  expect(describedBy).to.include(error.id);
  // The "Error:" prefix (visually hidden) is read first, then the sentence.
  expect(text(error)).to.equal(`${en.errorPrefix} ${en.fieldErrors[code]}`);
  expect(error.querySelector('svg.icon'), 'error icon').to.exist;
  await waitUntil(() => deepActiveElement() === target, `focus should move to ${field}`);
}

const tenantCases: [string, string, FieldError][] = [
  ['empty', '', 'tenant-required'],
  ['blank', '    ', 'tenant-required'],
  ['common', 'common', 'tenant-multi'],
  ['organizations', 'organizations', 'tenant-multi'],
  ['consumers', 'Consumers', 'tenant-multi'],
  ['the nil GUID', '00000000-0000-0000-0000-000000000000', 'tenant-nil'],
  ['the personal-accounts tenant', '9188040d-6c67-4c5b-b112-36a304b66dad', 'tenant-personal'],
  ['double dots', 'contoso..onmicrosoft.com', 'tenant-invalid'],
  ['spaces', 'contoso onmicrosoft.com', 'tenant-invalid'],
  ['markup', '<img src=x onerror=alert(1)>', 'tenant-invalid'],
  ['a 300-character label', `${'a'.repeat(300)}.com`, 'tenant-too-long'],
  ['a GUID one character short', GUID.slice(0, -1), 'tenant-invalid'],
];

const urlCases: [string, string, FieldError][] = [
  ['http:', 'http://example.com/enrol', 'url-not-https'],
  ['javascript:', 'javascript:alert(1)', 'url-not-https'],
  ['data:', 'data:text/html,<script>alert(1)</script>', 'url-not-https'],
  ['ftp:', 'ftp://example.com/enrol', 'url-not-https'],
  ['no scheme', 'example.com/enrol', 'url-not-https'],
  ['a space in the host', 'https://exa mple.com/enrol', 'url-whitespace'],
  ['user:pass@', 'https://user:pass@example.com/enrol', 'url-credentials'],
  ['more than 2048 characters', `https://example.com/${'a'.repeat(2100)}`, 'url-too-long'],
];

describe('<azure-connect-form>', () => {
  it('renders the three fields with labels, help and the Connect account button', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    expect(text(find(el, '[part="heading"]'))).to.equal('Connect account');
    expect(text(find(el, 'label[for="tenantId"]'))).to.equal('Azure tenant ID');
    expect(text(find(el, 'label[for="enrollmentUrl"]'))).to.equal('Enrollment URL (optional)');
    expect(text(find(el, 'label[for="remediationUrl"]'))).to.equal('Remediation URL (optional)');
    expect(input(el, 'tenantId').required).to.be.true;
    expect(input(el, 'enrollmentUrl').required).to.be.false;
    expect(input(el, 'tenantId').getAttribute('aria-describedby')).to.equal('tenantId-help');
    expect(text(find(el, '#tenantId-help'))).to.equal(en.tenantIdHelp);
    expect(text(find(el, '[part="submit-button"]'))).to.equal('Connect account');
    expect(el.fields.length).to.equal(3);
  });

  it('fires connect-form-input with field, value and the whole draft while typing', async () => {
    const el = await fixture<AzureConnectForm>(
      html`<azure-connect-form tenant-type="gcc-high"></azure-connect-form>`,
    );
    const events: CustomEvent[] = [];
    el.addEventListener('connect-form-input', (e) => events.push(e));
    await typeInto(el, 'tenantId', 'abc');
    expect(events.map((e) => e.detail.value)).to.deep.equal(['a', 'ab', 'abc']);
    await typeInto(el, 'enrollmentUrl', 'https://x');
    const last = events[events.length - 1]!;
    expect(last.bubbles).to.be.true;
    expect(last.detail).to.deep.equal({
      field: 'enrollmentUrl',
      value: 'https://x',
      draft: {
        tenantType: 'gcc-high',
        tenantId: 'abc',
        enrollmentUrl: 'https://x',
        remediationUrl: '',
      },
    });
    expect(el.tenantId).to.equal('abc');
  });

  describe('refuses a bad tenant ID', () => {
    for (const [name, value, code] of tenantCases) {
      it(`${name} -> ${code}`, async () => {
        const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
        const submitted = submissions(el);
        await typeInto(el, 'tenantId', value);
        await clickWithMouse(find(el, '[part="submit-button"]'));
        await el.updateComplete;
        await expectFieldError(el, 'tenantId', code);
        expect(input(el, 'enrollmentUrl').getAttribute('aria-invalid')).to.equal('false');
        expectNone(el, '#enrollmentUrl-error');
        expect(submitted.length).to.equal(0);
        expect(input(el, 'tenantId').value).to.equal(value);
        expect(el.tenantId).to.equal(value);
      });
    }
  });

  for (const field of ['enrollmentUrl', 'remediationUrl'] as const) {
    describe(`refuses a bad ${field}`, () => {
      for (const [name, value, code] of urlCases) {
        it(`${name} -> ${code}`, async () => {
          const el = await fixture<AzureConnectForm>(
            html`<azure-connect-form tenant-id=${GUID}></azure-connect-form>`,
          );
          const submitted = submissions(el);
          await typeInto(el, field, value);
          await clickWithMouse(find(el, '[part="submit-button"]'));
          await el.updateComplete;
          await expectFieldError(el, field, code);
          expect(input(el, 'tenantId').getAttribute('aria-invalid')).to.equal('false');
          expect(submitted.length).to.equal(0);
          expect(input(el, field).value).to.equal(value);
          for (const link of el.shadowRoot!.querySelectorAll('a')) {
            expect(link.getAttribute('href')).not.to.match(/^\s*(javascript|data):/i);
          }
        });
      }
    });
  }

  it('shows every error at once and focuses the first invalid field', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    await typeInto(el, 'enrollmentUrl', 'http://a.example');
    await typeInto(el, 'remediationUrl', 'ftp://b.example');
    await clickWithMouse(find(el, '[part="submit-button"]'));
    await el.updateComplete;
    await expectFieldError(el, 'tenantId', 'tenant-required');
    expect(input(el, 'enrollmentUrl').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'remediationUrl').getAttribute('aria-invalid')).to.equal('true');
    expect(text(find(el, '[aria-live="polite"]'))).to.equal(en.fixFields);

    // Editing a field clears its own error only.
    await typeInto(el, 'tenantId', 'contoso.com');
    expect(input(el, 'tenantId').getAttribute('aria-invalid')).to.equal('false');
    expect(input(el, 'tenantId').getAttribute('aria-describedby')).to.equal('tenantId-help');
    expectNone(el, '#tenantId-error');
    expect(input(el, 'remediationUrl').getAttribute('aria-invalid')).to.equal('true');
  });

  it('focuses a later invalid field when the earlier ones are valid', async () => {
    const el = await fixture<AzureConnectForm>(
      html`<azure-connect-form tenant-id="contoso.onmicrosoft.com"></azure-connect-form>`,
    );
    await typeInto(el, 'remediationUrl', 'http://fix.example');
    await clickWithMouse(find(el, '[part="submit-button"]'));
    await el.updateComplete;
    await expectFieldError(el, 'remediationUrl', 'url-not-https');
  });

  it('submits a normalised input: upper-case GUID becomes lower case', async () => {
    const el = await fixture<AzureConnectForm>(
      html`<azure-connect-form tenant-type="gcc-high"></azure-connect-form>`,
    );
    const typed = GUID.toUpperCase();
    await typeInto(el, 'tenantId', typed);
    await typeInto(el, 'enrollmentUrl', 'https://Enrol.Example.com');
    const submit = oneEvent(el, 'connect-form-submit');
    await clickWithMouse(find(el, '[part="submit-button"]'));
    const { detail } = await submit;
    expect(detail.input).to.deep.equal({
      tenantType: 'gcc-high',
      tenantId: GUID,
      enrollmentUrl: 'https://enrol.example.com/',
    });
    expect(detail.draft.tenantId).to.equal(typed);
    expect(input(el, 'tenantId').value).to.equal(typed);
    expect(input(el, 'tenantId').getAttribute('aria-invalid')).to.equal('false');
  });

  it('submits with the Enter key', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    await typeInto(el, 'tenantId', 'contoso.onmicrosoft.com');
    const submit = oneEvent(el, 'connect-form-submit');
    await sendKeys({ press: 'Enter' });
    expect((await submit).detail.input.tenantId).to.equal('contoso.onmicrosoft.com');
  });

  it('Enter with an invalid field shows the error instead of submitting', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    const submitted = submissions(el);
    await typeInto(el, 'tenantId', 'common');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await expectFieldError(el, 'tenantId', 'tenant-multi');
    expect(submitted.length).to.equal(0);
  });

  it('checkValidity() validates, shows the errors and focuses the first invalid field', async () => {
    const el = await fixture<AzureConnectForm>(
      html`<azure-connect-form tenant-id="organizations"></azure-connect-form>`,
    );
    expect(el.checkValidity()).to.be.false;
    await el.updateComplete;
    await expectFieldError(el, 'tenantId', 'tenant-multi');
    el.tenantId = GUID;
    expect(el.checkValidity()).to.be.true;
  });

  it('fires connect-form-cancel from Cancel, and hide-cancel hides it', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    const cancel = oneEvent(el, 'connect-form-cancel');
    await clickWithMouse(find(el, '[part="cancel-button"]'));
    expect((await cancel).detail).to.deep.equal({});
    el.hideCancel = true;
    await el.updateComplete;
    expectNone(el, '[part="cancel-button"]');
  });

  it('edit mode says "Edit account" and "Save changes" and keeps the values', async () => {
    const el = await fixture<AzureConnectForm>(html`
      <azure-connect-form
        mode="edit"
        tenant-id=${GUID}
        enrollment-url="https://enrol.example.com/"
      ></azure-connect-form>
    `);
    expect(text(find(el, '[part="heading"]'))).to.equal('Edit account');
    expect(text(find(el, '[part="submit-button"]'))).to.equal('Save changes');
    expect(input(el, 'tenantId').value).to.equal(GUID);
    expect(input(el, 'enrollmentUrl').value).to.equal('https://enrol.example.com/');
    await expect(el).to.be.accessible();
  });

  it('busy: the submit button waits and nothing is submitted', async () => {
    const el = await fixture<AzureConnectForm>(
      html`<azure-connect-form busy tenant-id=${GUID}></azure-connect-form>`,
    );
    const submitted = submissions(el);
    const button = find<HTMLButtonElement>(el, '[part="submit-button"]');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(maybe(el, '[part="submit-button"] .spinner')).to.exist;
    const cancel = find<HTMLButtonElement>(el, '[part="cancel-button"]');
    expect(cancel.getAttribute('aria-disabled')).to.equal('true');
    let cancels = 0;
    el.addEventListener('connect-form-cancel', () => cancels++);
    await clickWithMouse(cancel);
    expect(cancels, 'a waiting Cancel does nothing').to.equal(0);
    await clickWithMouse(button);
    input(el, 'tenantId').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(submitted.length).to.equal(0);
    el.busy = false;
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    const submit = oneEvent(el, 'connect-form-submit');
    await clickWithMouse(button);
    await submit;
  });

  it('shows a failed save as an error box with a title and no Retry: the submit button retries', async () => {
    const el = await fixture<AzureConnectForm>(
      html`<azure-connect-form
        mode="edit"
        tenant-id=${GUID}
        .error=${{ code: 'timeout' }}
      ></azure-connect-form>`,
    );
    const alert = find(el, '[role="alert"]');
    expect(text(alert)).to.equal(`${en.saveFailedTitle} ${en.errors.timeout}`);
    expect(find(el, '[part="alert"] svg.icon')).to.exist;
    const buttons = [...el.shadowRoot!.querySelectorAll('button')].map((b) => text(b));
    expect(buttons, 'one button per action').to.deep.equal(['Save changes', 'Cancel']);
    // The submit button is the retry, and focus waits on it.
    expectFocused(find(el, '[part="submit-button"]'));
    const retry = oneEvent(el, 'connect-form-submit');
    await sendKeys({ press: 'Enter' });
    await retry;
    await expect(el).to.be.accessible();
    el.error = undefined;
    await el.updateComplete;
    expectNone(el, '[role="alert"]');
  });

  it('renders typed markup as text, never as elements', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    const markup = '<img src=x onerror=alert(1)>';
    await typeInto(el, 'tenantId', markup);
    await clickWithMouse(find(el, '[part="submit-button"]'));
    await el.updateComplete;
    el.enrollmentUrl = '<b id="injected">bold</b>';
    el.tenantType = '<i>x</i>' as never;
    await el.updateComplete;
    expectNone(el, 'img, b, i, script');
    expect(input(el, 'tenantId').value).to.equal(markup);
    expect(input(el, 'enrollmentUrl').value).to.equal('<b id="injected">bold</b>');
  });

  it('is accessible without and with errors', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    await expect(el).to.be.accessible();
    el.enrollmentUrl = 'http://x.example';
    el.checkValidity();
    await el.updateComplete;
    expect(maybe(el, '#tenantId-error')).to.exist;
    await expect(el).to.be.accessible();
  });
});
