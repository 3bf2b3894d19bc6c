import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define/index.js';
import type { ConsentVerification } from '../../src/adapter/adapter.js';
import { fr } from '../../src/i18n/fr.js';
import { en, type AzureDeviceCompliance, type ConsentDialog } from '../../src/index.js';
import {
  clickWithMouse,
  deepActiveElement,
  describeNode,
  expectFocused,
  expectNone,
  find,
  focusWalk,
  MemoryAdapter,
  mountWrapper,
  text,
  refusedClipboardWrite,
  stubClipboardWrite,
} from './helpers.js';

const TENANT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const CLIENT = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
const URL_STANDARD = `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}&state=abcdefghijklmnopqrstuvwxyz&redirect_uri=https%3A%2F%2Fconsole.example.com%2Fcb`;

function dialog(el: ConsentDialog): HTMLDialogElement {
  return find<HTMLDialogElement>(el, 'dialog');
}

const part = (el: ConsentDialog, name: string) => find<HTMLElement>(el, `[part="${name}"]`);
const confirmButton = (el: ConsentDialog) => part(el, 'confirm-button') as HTMLButtonElement;
const checkbox = (el: ConsentDialog) => part(el, 'checkbox') as HTMLInputElement;

/** Ends the opening animation so that axe and geometry see the final frame. */
async function settled(el: ConsentDialog): Promise<ConsentDialog> {
  await el.updateComplete;
  for (const animation of dialog(el).getAnimations()) animation.finish();
  return el;
}

/** Every element that had the focus is a control inside the dialog, never `<body>`. */
function expectAllInDialog(el: ConsentDialog, seen: (Element | null)[], when: string): void {
  const names = seen.map(describeNode);
  for (const [i, element] of seen.entries()) {
    expect(element === document.body, `${when}, step ${i + 1} on body: ${names.join(', ')}`).to.be
      .false;
    expect(
      element !== null && dialog(el).contains(element) && element !== dialog(el),
      `${when}, step ${i + 1} outside the dialog's controls: ${names.join(', ')}`,
    ).to.be.true;
  }
}

/**
 * Walks every control of the open dialog: from Cancel (its last control) back to the close button
 * (its first) with Shift+Tab, then forward again with Tab. The walk stays between the two ends:
 * past them a native modal lets focus go to the browser's own interface, by design.
 */
async function walkEveryControl(el: ConsentDialog, when: string): Promise<Element[]> {
  part(el, 'cancel-button').focus();
  const back = await focusWalk(5, true);
  expectAllInDialog(el, back, `${when}, Shift+Tab`);
  expectFocused(part(el, 'close-button'), `${when}: Shift+Tab ends on the close button`);
  const forward = await focusWalk(5);
  expectAllInDialog(el, forward, `${when}, Tab`);
  expectFocused(part(el, 'cancel-button'), `${when}: Tab ends on Cancel`);
  return [...back, ...forward] as Element[];
}

/** A standalone dialog, opened and ticked, whose console starts verifying on consent-confirm. */
async function mountVerifying(): Promise<ConsentDialog> {
  const el = await fixture<ConsentDialog>(html`
    <consent-dialog open consent-given tenant-id=${TENANT} consent-url=${URL_STANDARD}>
    </consent-dialog>
  `);
  el.addEventListener('consent-confirm', () => (el.busy = true));
  return settled(el);
}

describe('<consent-dialog> polish (issue 10)', function () {
  // Keyboard walks send one key at a time to the browser: slow on a busy machine.
  this.timeout(30_000);

  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  describe('focus never falls to <body>', () => {
    it('Confirm keeps the focus when verification starts, and Tab and Shift+Tab stay in the dialog while verifying', async () => {
      const el = await mountVerifying();
      confirmButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.busy).to.be.true;
      expectFocused(confirmButton(el), 'Confirm after Enter started the verification');
      const seen = await walkEveryControl(el, 'verifying');
      for (const name of ['close-button', 'consent-link', 'copy-button', 'checkbox']) {
        expect(seen, `the walk reaches ${name}`).to.include(part(el, name));
      }
      expect(el.busy, 'still verifying after the walk').to.be.true;
      await expect(el).to.be.accessible();
    });

    it('the checkbox and Cancel keep the focus when verification starts under them', async () => {
      const el = await mountVerifying();
      for (const name of ['checkbox', 'cancel-button', 'close-button']) {
        el.busy = false;
        await el.updateComplete;
        part(el, name).focus();
        el.busy = true;
        await el.updateComplete;
        expectFocused(part(el, name), `${name} once verifying`);
      }
    });

    it('after a failed verification focus is on Confirm, the one action that retries', async () => {
      const el = await mountVerifying();
      confirmButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      // The admin moved on while waiting: the failure brings focus back to Confirm.
      part(el, 'consent-link').focus();
      el.busy = false;
      el.error = { code: 'not-verified' };
      await el.updateComplete;
      expectFocused(confirmButton(el), 'after the failure');
      expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('false');
      const described = (confirmButton(el).getAttribute('aria-describedby') ?? '').split(' ');
      expect(described).to.include('error');
      expect(text(find(el, '#error'))).to.contain(en.errors['not-verified']);
      await walkEveryControl(el, 'after the failure');
      // Enter on Confirm retries.
      confirmButton(el).focus();
      const retried = oneEvent(el, 'consent-confirm');
      await sendKeys({ press: 'Enter' });
      await retried;
      await expect(await settled(el)).to.be.accessible();
    });

    it('in the composite: verifying, then a failure, by keyboard only; focus never on body', async () => {
      const adapter = new MemoryAdapter();
      let answer!: (verification: ConsentVerification) => void;
      adapter.verifyConsent = () => new Promise((resolve) => (answer = resolve));
      const storageKey = `consent-polish-${Date.now()}`;
      const wrapper = await mountWrapper<HTMLDivElement>(html`
        <div>
          <azure-device-compliance
            storage-key=${storageKey}
            client-id=${CLIENT}
            redirect-uri="https://console.example.com/cb"
            .adapter=${adapter}
          ></azure-device-compliance>
        </div>
      `);
      try {
        const host = wrapper.querySelector<AzureDeviceCompliance>('azure-device-compliance')!;
        await waitUntil(() => host.state.status === 'choosing', 'loaded');
        host.send({ type: 'ADD' });
        host.send({ type: 'EDIT_FIELD', field: 'tenantId', value: TENANT });
        host.send({ type: 'SUBMIT', consentState: 'A'.repeat(43) });
        await waitUntil(() => host.state.status === 'awaiting-consent', 'awaiting consent');
        const el = find<ConsentDialog>(host, 'consent-dialog');
        await settled(el);
        checkbox(el).focus();
        await sendKeys({ press: 'Space' });
        await el.updateComplete;
        confirmButton(el).focus();
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => host.state.status === 'verifying', 'verifying');
        await el.updateComplete;
        expectFocused(confirmButton(el), 'Confirm while verifying');
        await walkEveryControl(el, 'composite, verifying');
        answer({ verified: false, error: 'consent-missing' });
        await waitUntil(() => host.state.status === 'awaiting-consent', 'the failure');
        await el.updateComplete;
        expectFocused(confirmButton(el), 'Confirm after the failure');
        await walkEveryControl(el, 'composite, after the failure');
      } finally {
        for (const key of Object.keys(localStorage)) {
          if (key.includes(storageKey)) localStorage.removeItem(key);
        }
      }
    });
  });

  describe('busy is perceivable', () => {
    it('"Verifying consent…" is in a live region that was there before and has no aria-busy ancestor', async () => {
      const el = await mountVerifying();
      const before = find(el, '[role="status"]#status');
      expect(text(before)).to.equal('');
      el.busy = true;
      await el.updateComplete;
      const status = find(el, '[role="status"]#status');
      expect(status === before, 'the same live region, present before its text changed').to.be.true;
      expect(text(status)).to.equal(en.verifying);
      for (let node: Element | null = status; node; node = node.parentElement) {
        expect(node.getAttribute('aria-busy'), describeNode(node)).not.to.equal('true');
      }
      expect(el.shadowRoot!.querySelectorAll('[aria-busy="true"]').length).to.equal(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('one action per failure', () => {
    it('the failure is an error box with its title and no button; Confirm is the only primary action', async () => {
      const el = await mountVerifying();
      el.error = { code: 'consent-declined' };
      await el.updateComplete;
      const box = part(el, 'alert');
      expect(text(box.querySelector('.alert-title'))).to.equal(en.verificationFailedTitle);
      expect(text(box.querySelector('[role="alert"]'))).to.equal(
        `${en.verificationFailedTitle} ${en.errors['consent-declined']}`,
      );
      expect(box.querySelector('svg[aria-hidden="true"]'), 'the error icon').not.to.equal(null);
      const buttons = [...el.shadowRoot!.querySelectorAll('button')].map((b) => text(b));
      expect(buttons).not.to.include(en.retry);
      expect(buttons.filter((name) => name === en.confirm)).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('the dialog does not jump when the error appears: title and footer stay put', async () => {
      const el = await mountVerifying();
      const header = find(el, '.dialog-header').getBoundingClientRect();
      const footer = find(el, '.dialog-footer').getBoundingClientRect();
      el.busy = true;
      await el.updateComplete;
      el.busy = false;
      el.error = { code: 'permissions-missing', permissions: ['A.Read.All', 'B.ReadWrite.All'] };
      await el.updateComplete;
      const headerAfter = find(el, '.dialog-header').getBoundingClientRect();
      const footerAfter = find(el, '.dialog-footer').getBoundingClientRect();
      expect(Math.abs(headerAfter.top - header.top), 'header top').to.be.below(1);
      expect(Math.abs(footerAfter.top - footer.top), 'footer top').to.be.below(1);
      expect(Math.abs(footerAfter.bottom - footer.bottom), 'footer bottom').to.be.below(1);
      // The box is scrolled into view inside the body.
      const body = find(el, '.dialog-body').getBoundingClientRect();
      const box = part(el, 'alert').getBoundingClientRect();
      expect(box.bottom, 'the error box is visible').to.be.at.most(body.bottom + 1);
      expect(box.top).to.be.at.least(body.top - 1);
    });

    it('nor when the field shown after a failed copy appears', async () => {
      const restoreClipboard = stubClipboardWrite(refusedClipboardWrite);
      try {
        const el = await mountVerifying();
        const header = find(el, '.dialog-header').getBoundingClientRect();
        const footer = find(el, '.dialog-footer').getBoundingClientRect();
        const copy = oneEvent(el, 'consent-link-copy');
        part(el, 'copy-button').click();
        await copy;
        await el.updateComplete;
        expect(find(el, 'input[readonly]')).to.exist;
        const headerAfter = find(el, '.dialog-header').getBoundingClientRect();
        const footerAfter = find(el, '.dialog-footer').getBoundingClientRect();
        expect(Math.abs(headerAfter.top - header.top), 'header top').to.be.below(1);
        expect(Math.abs(footerAfter.bottom - footer.bottom), 'footer bottom').to.be.below(1);
        // Closed and opened again, the frame fits its content afresh.
        el.open = false;
        await el.updateComplete;
        await waitUntil(() => !dialog(el).style.getPropertyValue('--_frame-block-size'));
      } finally {
        restoreClipboard();
      }
    });

    it('the noConsentUrl message is an error box with a title', async () => {
      const el = await fixture<ConsentDialog>(html`
        <consent-dialog open tenant-id=${TENANT} consent-url="javascript:alert(1)"></consent-dialog>
      `);
      await settled(el);
      const box = part(el, 'link-alert');
      expect(box.classList.contains('alert')).to.be.true;
      expect(text(box.querySelector('.alert-title'))).to.equal(en.consentLinkUnavailableTitle);
      expect(text(box.querySelector('[role="alert"]'))).to.equal(
        `${en.consentLinkUnavailableTitle} ${en.noConsentUrl}`,
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('dialog frame', () => {
    it('has a header with the title and a close button that cancels like Cancel', async () => {
      const el = await fixture<ConsentDialog>(html`
        <consent-dialog open tenant-id=${TENANT} consent-url=${URL_STANDARD}></consent-dialog>
      `);
      await settled(el);
      const header = find(el, 'header.dialog-header');
      expect(header.querySelector('h2#title')).not.to.equal(null);
      const close = part(el, 'close-button');
      expect(header.contains(close)).to.be.true;
      expect(close.getAttribute('aria-label')).to.equal(en.closeDialog);
      const dialogStyle = getComputedStyle(dialog(el));
      expect(dialogStyle.display).to.equal('flex');
      expect(dialogStyle.paddingTop).to.equal('0px');
      const cancel = oneEvent(el, 'consent-cancel');
      await clickWithMouse(close);
      await cancel;
      await el.updateComplete;
      expect(el.open).to.be.false;
      expect(dialog(el).open).to.be.false;
    });

    it('the close button is named in French', async () => {
      const wrapper = await mountWrapper<HTMLDivElement>(html`
        <div lang="fr">
          <consent-dialog open tenant-id=${TENANT} consent-url=${URL_STANDARD}></consent-dialog>
        </div>
      `);
      const el = wrapper.querySelector('consent-dialog')!;
      await settled(el);
      expect(part(el, 'close-button').getAttribute('aria-label')).to.equal(fr.closeDialog);
      expect(find(el, '#confirm-hint').textContent?.trim()).to.equal(
        'Cochez «\u202fJ’ai donné mon consentement\u202f» pour confirmer.',
      );
    });

    it('at 640×360 the title and the buttons stay in the viewport and the body scrolls', async () => {
      await setViewport({ width: 640, height: 360 });
      const el = await mountVerifying();
      el.error = { code: 'consent-missing' };
      await settled(el);
      const body = find(el, '.dialog-body');
      expect(body.scrollHeight, 'the body has more than fits').to.be.above(body.clientHeight);
      expect(getComputedStyle(body).overflowY).to.equal('auto');
      const inView = (element: Element, name: string) => {
        const box = element.getBoundingClientRect();
        expect(box.top, `${name} top`).to.be.at.least(0);
        expect(box.bottom, `${name} bottom`).to.be.at.most(innerHeight);
      };
      inView(part(el, 'title'), 'title');
      inView(part(el, 'close-button'), 'close button');
      inView(confirmButton(el), 'Confirm');
      inView(part(el, 'cancel-button'), 'Cancel');
      body.scrollTop = body.scrollHeight;
      expect(body.scrollTop, 'the body scrolled').to.be.above(0);
      inView(part(el, 'title'), 'title after scrolling');
      inView(confirmButton(el), 'Confirm after scrolling');
      await expect(el).to.be.accessible();
    });

    it('no dead space under the checkbox: the empty status takes no line of its own', async () => {
      const el = await mountVerifying();
      const status = find(el, '#status');
      const confirm = confirmButton(el).getBoundingClientRect();
      const box = status.getBoundingClientRect();
      expect(box.top, 'status within the row of the buttons').to.be.at.least(confirm.top - 1);
      expect(box.bottom).to.be.at.most(confirm.bottom + 1);
      // Nothing but the body's own padding below the checkbox's label.
      const label = find(el, 'label.consent').getBoundingClientRect();
      const body = find(el, '.dialog-body');
      const padding = parseFloat(getComputedStyle(body).paddingBottom);
      expect(body.getBoundingClientRect().bottom - label.bottom).to.be.closeTo(padding, 1.5);
    });

    it('the backdrop follows --consent-dialog-backdrop, and the shared token by default', async () => {
      const el = await mountVerifying();
      expect(getComputedStyle(dialog(el), '::backdrop').backgroundColor).to.equal(
        'rgba(0, 0, 0, 0.45)',
      );
      el.style.setProperty('--consent-dialog-backdrop', 'rgb(10, 20, 30)');
      expect(getComputedStyle(dialog(el), '::backdrop').backgroundColor).to.equal(
        'rgb(10, 20, 30)',
      );
    });
  });

  describe('"Link copied." goes when the state moves on', () => {
    let restoreClipboard: () => void;
    beforeEach(() => {
      restoreClipboard = stubClipboardWrite(async () => undefined);
    });
    afterEach(() => restoreClipboard());

    async function copied(el: ConsentDialog): Promise<HTMLElement> {
      const copy = oneEvent(el, 'consent-link-copy');
      part(el, 'copy-button').click();
      await copy;
      await el.updateComplete;
      const status = find(el, '.copy [role="status"]');
      expect(text(status)).to.equal(en.linkCopied);
      return status;
    }

    it('when verification starts', async () => {
      const el = await mountVerifying();
      const status = await copied(el);
      el.busy = true;
      await el.updateComplete;
      expect(text(status)).to.equal('');
    });

    it('when verification fails', async () => {
      const el = await mountVerifying();
      const status = await copied(el);
      el.error = { code: 'not-verified' };
      await el.updateComplete;
      expect(text(status)).to.equal('');
    });

    it('when the dialog opens again', async () => {
      const el = await mountVerifying();
      await copied(el);
      el.open = false;
      await el.updateComplete;
      el.open = true;
      await el.updateComplete;
      expect(text(find(el, '.copy [role="status"]'))).to.equal('');
    });
  });

  describe('why Confirm is unavailable', () => {
    it('a visible hint describes Confirm while the box is unticked; Confirm stays focusable', async () => {
      const el = await fixture<ConsentDialog>(html`
        <consent-dialog open tenant-id=${TENANT} consent-url=${URL_STANDARD}></consent-dialog>
      `);
      await settled(el);
      const confirm = confirmButton(el);
      expect(confirm.disabled).to.be.false;
      expect(confirm.getAttribute('aria-disabled')).to.equal('true');
      const hintId = confirm.getAttribute('aria-describedby');
      expect(hintId).to.equal('confirm-hint');
      const hint = find(el, `#${hintId}`);
      expect(text(hint)).to.equal('Tick “I have given my consent” to confirm.');
      const box = hint.getBoundingClientRect();
      expect(box.width > 20 && box.height > 8, 'the hint is visible').to.be.true;
      confirm.focus();
      expectFocused(confirm, 'the unavailable Confirm');
      await expect(el).to.be.accessible();

      checkbox(el).click();
      await el.updateComplete;
      expect(confirm.hasAttribute('aria-describedby')).to.be.false;
      expectNone(el, '#confirm-hint');
      expect(confirm.getAttribute('aria-disabled')).to.equal('false');
    });
  });

  describe('dialog parts', () => {
    it('the checkbox aligns with the first line of a label that wraps', async () => {
      await setViewport({ width: 240, height: 640 });
      const el = await mountVerifying();
      const label = find(el, 'label.consent span');
      const range = document.createRange();
      range.selectNodeContents(label);
      const lines = [...range.getClientRects()];
      const tops = new Set(lines.map((line) => Math.round(line.top)));
      expect(tops.size, 'the label wraps').to.be.at.least(2);
      const firstTop = Math.min(...lines.map((line) => line.top));
      const firstLine = lines.find((line) => Math.abs(line.top - firstTop) < 1)!;
      const input = checkbox(el).getBoundingClientRect();
      expect(Math.abs(input.top - firstLine.top), 'checkbox top vs first line top').to.be.at.most(
        4,
      );
      const middle = (input.top + input.bottom) / 2;
      expect(middle, 'the checkbox sits on the first line').to.be.within(
        firstLine.top,
        firstLine.bottom,
      );
    });

    it('the field shown when copying fails has its own name', async () => {
      const restoreClipboard = stubClipboardWrite(refusedClipboardWrite);
      try {
        const el = await mountVerifying();
        const copy = oneEvent(el, 'consent-link-copy');
        part(el, 'copy-button').click();
        expect((await copy).detail.copied).to.be.false;
        await settled(el);
        const field = find<HTMLInputElement>(el, 'input[readonly]');
        expect(field.value).to.equal(URL_STANDARD);
        expect(field.hasAttribute('aria-label')).to.be.false;
        expect([...(field.labels ?? [])].map((label) => text(label))).to.deep.equal([
          en.consentLinkField,
        ]);
        expect(en.consentLinkField).not.to.equal(text(part(el, 'copy-button')));
        expect(en.consentLinkField).not.to.equal(en.consentLink);
        field.focus();
        expect(deepActiveElement()).to.equal(field);
        await expect(el).to.be.accessible();
      } finally {
        restoreClipboard();
      }
    });
  });
});
