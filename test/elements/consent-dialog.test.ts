import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define/index.js';
import { en, type ConsentDialog, type TenantType } from '../../src/index.js';
import {
  clickWithMouse,
  deepActiveElement,
  expectNone,
  find,
  text,
  mountWrapper,
  pressEscape,
  refusedClipboardWrite,
  stubClipboardWrite,
} from './helpers.js';

const TENANT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const CLIENT = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
const QUERY = `client_id=${CLIENT}&state=abcdefghijklmnopqrstuvwxyz&redirect_uri=https%3A%2F%2Fconsole.example.com%2Fcb`;
const STANDARD_URL = `https://login.microsoftonline.com/${TENANT}/adminconsent?${QUERY}`;
const GCC_URL = `https://login.microsoftonline.us/${TENANT}/adminconsent?${QUERY}`;

interface Mounted {
  el: ConsentDialog;
  opener: HTMLButtonElement;
}

/** A page with an opener button that opens the dialog, like a console would. */
async function mount(url = STANDARD_URL, tenantType: TenantType = 'standard'): Promise<Mounted> {
  const wrapper = await mountWrapper<HTMLDivElement>(html`
    <div>
      <button id="opener">Connect</button>
      <consent-dialog
        consent-url=${url}
        tenant-type=${tenantType}
        tenant-id=${TENANT}
      ></consent-dialog>
    </div>
  `);
  const el = wrapper.querySelector('consent-dialog')!;
  const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
  opener.addEventListener('click', () => (el.open = true));
  await el.updateComplete;
  return { el, opener };
}

async function openWithMouse({ el, opener }: Mounted): Promise<void> {
  await clickWithMouse(opener);
  await el.updateComplete;
}

/**
 * Ends the dialog's opening animation, so that axe measures the final colours. `finish()` rather
 * than waiting: a page the runner keeps in the background may not run animations at all.
 */
async function settled(el: ConsentDialog): Promise<ConsentDialog> {
  await el.updateComplete;
  for (const animation of dialog(el).getAnimations()) animation.finish();
  return el;
}

function dialog(el: ConsentDialog): HTMLDialogElement {
  return find<HTMLDialogElement>(el, 'dialog');
}

function checkbox(el: ConsentDialog): HTMLInputElement {
  return find<HTMLInputElement>(el, '[part="checkbox"]');
}

function confirmButton(el: ConsentDialog): HTMLButtonElement {
  return find<HTMLButtonElement>(el, '[part="confirm-button"]');
}

describe('<consent-dialog>', () => {
  it('is closed until open is set', async () => {
    const { el } = await mount();
    expect(dialog(el).open).to.be.false;
    expect(el.hasAttribute('open')).to.be.false;
    await expect(await settled(el)).to.be.accessible();
  });

  it('opens as a modal, moves focus inside, and returns it to the opener when closed', async () => {
    const mounted = await mount();
    const { el, opener } = mounted;
    await openWithMouse(mounted);
    expect(dialog(el).open).to.be.true;
    expect(dialog(el).matches(':modal')).to.be.true;
    const active = deepActiveElement();
    expect(active === dialog(el) || dialog(el).contains(active)).to.be.true;
    expect(text(find(el, '[part="title"]'))).to.equal('Azure client validation');
    expect(text(find(el, '#intro')))
      .to.contain(TENANT)
      .and.contain('login.microsoftonline.com');

    el.open = false;
    await el.updateComplete;
    expect(dialog(el).open).to.be.false;
    await waitUntil(() => document.activeElement === opener, 'focus should return to the opener');
  });

  it('renders a link to the consent page, in a new tab, without opener', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    const links = mounted.el.shadowRoot!.querySelectorAll('a');
    expect(links.length).to.equal(1);
    const link = links[0]!;
    expect(link.getAttribute('part')).to.equal('consent-link');
    expect(link.getAttribute('href')).to.equal(STANDARD_URL);
    expect(link.target).to.equal('_blank');
    expect(link.rel.split(' ')).to.include('noopener');
    expect(text(link)).to.equal(`${en.consentLink} ${en.newTab}`);
    expectNone(mounted.el, '[role="alert"]');
  });

  it('renders the .us link for GCC High', async () => {
    const mounted = await mount(GCC_URL, 'gcc-high');
    await openWithMouse(mounted);
    expect(find(mounted.el, 'a').getAttribute('href')).to.equal(GCC_URL);
    expect(text(find(mounted.el, '#intro'))).to.contain('GCC High, login.microsoftonline.us');
  });

  const refused: [string, string, TenantType][] = [
    ['a Standard link for GCC High', STANDARD_URL, 'gcc-high'],
    ['a GCC High link for Standard', GCC_URL, 'standard'],
    ['javascript:', 'javascript:alert(document.domain)', 'standard'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'standard'],
    ['http:', STANDARD_URL.replace('https:', 'http:'), 'standard'],
    [
      'another host',
      `https://login.microsoftonline.com.evil.example/${TENANT}/adminconsent`,
      'standard',
    ],
    ['credentials', `https://x@login.microsoftonline.com/${TENANT}/adminconsent`, 'standard'],
    ['another path', `https://login.microsoftonline.com/${TENANT}/oauth2/authorize`, 'standard'],
    ['nothing', '', 'standard'],
  ];
  for (const [name, url, tenantType] of refused) {
    it(`renders no link for ${name}, and says why`, async () => {
      const mounted = await mount(url, tenantType);
      await openWithMouse(mounted);
      const { el } = mounted;
      expectNone(el, 'a');
      expectNone(el, '[href]');
      expectNone(el, '[part="copy-button"]');
      expect(text(find(el, '[part="link-alert"] [role="alert"]'))).to.equal(
        `${en.consentLinkUnavailableTitle} ${en.noConsentUrl}`,
      );
    });
  }

  it('keeps Confirm unavailable (aria-disabled) until consent is ticked, then fires consent-confirm', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    const { el } = mounted;
    const confirms: Event[] = [];
    el.addEventListener('consent-confirm', (e) => confirms.push(e));
    expect(text(confirmButton(el))).to.equal('Confirm');
    expect(confirmButton(el).disabled).to.be.false;
    expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('true');
    await clickWithMouse(confirmButton(el));
    expect(confirms.length).to.equal(0);

    let change = oneEvent(el, 'consent-change');
    await clickWithMouse(checkbox(el));
    expect((await change).detail).to.deep.equal({ given: true });
    await el.updateComplete;
    expect(el.consentGiven).to.be.true;
    expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('false');

    change = oneEvent(el, 'consent-change');
    checkbox(el).click();
    expect((await change).detail).to.deep.equal({ given: false });
    await el.updateComplete;
    expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('true');
    await clickWithMouse(confirmButton(el));
    expect(confirms.length).to.equal(0);

    checkbox(el).click();
    await el.updateComplete;
    const confirm = oneEvent(el, 'consent-confirm');
    await clickWithMouse(confirmButton(el));
    await confirm;
    expect(confirms.length).to.equal(1);
  });

  it('ticks the box from the keyboard (Space on the checkbox)', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    const { el } = mounted;
    checkbox(el).focus();
    const change = oneEvent(el, 'consent-change');
    await sendKeys({ press: 'Space' });
    expect((await change).detail.given).to.be.true;
    await el.updateComplete;
    expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('false');
  });

  it('Escape fires consent-cancel, closes and returns focus to the opener', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    const { el, opener } = mounted;
    const cancels: Event[] = [];
    el.addEventListener('consent-cancel', (e) => cancels.push(e));
    await pressEscape();
    await waitUntil(() => !dialog(el).open, 'the dialog should close');
    expect(cancels.length).to.equal(1);
    expect(el.open).to.be.false;
    await waitUntil(() => document.activeElement === opener, 'focus should return to the opener');
  });

  it('Cancel fires consent-cancel and closes', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    const { el, opener } = mounted;
    const cancel = oneEvent(el, 'consent-cancel');
    await clickWithMouse(find(el, '[part="cancel-button"]'));
    await cancel;
    await el.updateComplete;
    expect(dialog(el).open).to.be.false;
    await waitUntil(() => document.activeElement === opener, 'focus should return to the opener');
  });

  it('busy: Escape, Cancel, the close button, Confirm and the checkbox wait, and "Verifying" is announced', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    const { el } = mounted;
    checkbox(el).click();
    el.busy = true;
    await el.updateComplete;
    const cancels: Event[] = [];
    const confirms: Event[] = [];
    el.addEventListener('consent-cancel', (e) => cancels.push(e));
    el.addEventListener('consent-confirm', (e) => confirms.push(e));
    const changes: Event[] = [];
    el.addEventListener('consent-change', (e) => changes.push(e));
    const cancel = find<HTMLButtonElement>(el, '[part="cancel-button"]');
    const close = find<HTMLButtonElement>(el, '[part="close-button"]');
    for (const control of [confirmButton(el), cancel, close, checkbox(el)]) {
      expect(control.disabled, `${control.getAttribute('part')} keeps the focus`).to.be.false;
      expect(control.getAttribute('aria-disabled'), String(control.getAttribute('part'))).to.equal(
        'true',
      );
    }
    expect(text(find(el, '#status[role="status"]'))).to.equal(en.verifying);
    await pressEscape();
    await el.updateComplete;
    expect(cancels.length).to.equal(0);
    expect(dialog(el).open).to.be.true;
    expect(el.open).to.be.true;
    await clickWithMouse(confirmButton(el));
    await clickWithMouse(cancel);
    await clickWithMouse(close);
    await clickWithMouse(checkbox(el));
    await el.updateComplete;
    expect(confirms.length).to.equal(0);
    expect(cancels.length).to.equal(0);
    expect(changes.length).to.equal(0);
    expect(checkbox(el).checked).to.be.true;
    expect(dialog(el).open).to.be.true;
    await expect(await settled(el)).to.be.accessible();
  });

  it('Escape while busy keeps the dialog open even without any earlier user activation', async () => {
    // In a background tab (another file running beside this one) Chrome closes the modal on
    // Escape but does not deliver its `close` event: the admin's tab is always in front.
    await executeServerCommand('bring-to-front');
    const el = await fixture<ConsentDialog>(html`
      <consent-dialog open busy consent-given consent-url=${STANDARD_URL}></consent-dialog>
    `);
    expect(dialog(el).open).to.be.true;
    const cancels: Event[] = [];
    el.addEventListener('consent-cancel', (e) => cancels.push(e));
    await pressEscape();
    await pressEscape();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(cancels.length).to.equal(0);
    expect(el.open).to.be.true;
    expect(dialog(el).open).to.be.true;
  });

  describe('copy link', () => {
    let restoreClipboard: (() => void) | undefined;
    afterEach(() => {
      restoreClipboard?.();
      restoreClipboard = undefined;
    });

    it('reports a copy that worked', async () => {
      const written: string[] = [];
      restoreClipboard = stubClipboardWrite(async (data: string) => void written.push(data));
      const mounted = await mount();
      await openWithMouse(mounted);
      const { el } = mounted;
      const copy = oneEvent(el, 'consent-link-copy');
      await clickWithMouse(find(el, '[part="copy-button"]'));
      expect((await copy).detail).to.deep.equal({ url: STANDARD_URL, copied: true });
      await el.updateComplete;
      expect(written).to.deep.equal([STANDARD_URL]);
      expect(text(find(el, '.copy [role="status"]'))).to.equal(en.linkCopied);
      expectNone(el, 'input[readonly]');
    });

    it('on a refused copy, says so and shows the link in a read-only field', async () => {
      restoreClipboard = stubClipboardWrite(refusedClipboardWrite);
      const mounted = await mount();
      await openWithMouse(mounted);
      const { el } = mounted;
      const copy = oneEvent(el, 'consent-link-copy');
      await clickWithMouse(find(el, '[part="copy-button"]'));
      expect((await copy).detail).to.deep.equal({ url: STANDARD_URL, copied: false });
      await el.updateComplete;
      expect(text(find(el, '.copy [role="status"]'))).to.equal(en.copyFailed);
      const field = find<HTMLInputElement>(el, 'input[readonly]');
      expect(field.value).to.equal(STANDARD_URL);
      await expect(await settled(el)).to.be.accessible();
    });

    it('with the real clipboard, the status matches what the event reports', async () => {
      const mounted = await mount();
      await openWithMouse(mounted);
      const { el } = mounted;
      const copy = oneEvent(el, 'consent-link-copy');
      await clickWithMouse(find(el, '[part="copy-button"]'));
      const { detail } = await copy;
      await el.updateComplete;
      expect(detail.url).to.equal(STANDARD_URL);
      const status = text(find(el, '.copy [role="status"]'));
      if (detail.copied) {
        expect(status).to.equal(en.linkCopied);
        expectNone(el, 'input[readonly]');
      } else {
        expect(status).to.equal(en.copyFailed);
        expect(find<HTMLInputElement>(el, 'input[readonly]').value).to.equal(STANDARD_URL);
      }
    });
  });

  it('shows a failed verification as an alert with a title; Confirm retries once consent is ticked', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    const { el } = mounted;
    el.error = { code: 'consent-missing', aadsts: 'AADSTS65001' };
    await el.updateComplete;
    const alert = find(el, '[part="alert"]');
    const message = alert.querySelector('[role="alert"]')!;
    expect(text(message)).to.equal(`${en.verificationFailedTitle} ${en.errors['consent-missing']}`);
    expect(alert.querySelectorAll('button').length).to.equal(0);
    await expect(await settled(el)).to.be.accessible();

    el.consentGiven = true;
    await el.updateComplete;
    expect(alert.querySelectorAll('button').length, 'no Retry beside Confirm').to.equal(0);
    expect(el.shadowRoot!.querySelectorAll('button.primary').length).to.equal(1);
    const confirm = oneEvent(el, 'consent-confirm');
    await clickWithMouse(confirmButton(el));
    await confirm;
  });

  it('shows the tenant as text even when it holds markup', async () => {
    const mounted = await mount();
    mounted.el.tenantId = '<img src=x onerror=alert(1)>';
    await openWithMouse(mounted);
    expectNone(mounted.el, 'img');
    expect(text(find(mounted.el, '#intro'))).to.contain('<img src=x onerror=alert(1)>');
  });

  it('is accessible when open', async () => {
    const mounted = await mount();
    await openWithMouse(mounted);
    await expect(await settled(mounted.el)).to.be.accessible();
  });
});
