import { expect, waitUntil } from '@open-wc/testing';
import type { WizardStatus } from '../../src/index.js';
import type { RecordedViolation } from './fixtures/csp-watch.js';
import type { StrictPage } from './fixtures/strict-page.js';

const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

type Updatable = Element & { updateComplete?: Promise<unknown> };

/** `querySelector` inside the element's shadow root; throws when nothing matches. */
function find<E extends Element = HTMLElement>(host: Element, selector: string): E {
  const found = host.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`<${host.localName}> has no "${selector}"`);
  return found;
}

describe('the kit under a strict Content-Security-Policy', () => {
  let frame: HTMLIFrameElement | undefined;
  let storageKey = '';

  afterEach(() => {
    frame?.remove();
    frame = undefined;
    localStorage.removeItem(`${storageKey}:connection`);
    localStorage.removeItem(`${storageKey}:audit`);
  });

  /** Loads the strict page in an iframe (same origin) and waits for the kit to load. */
  async function openStrictPage(): Promise<{ win: Window; page: StrictPage }> {
    storageKey = `csp-test-${crypto.randomUUID()}`;
    const src = new URL('./fixtures/strict-page.html', import.meta.url);
    src.search = new URLSearchParams({ key: storageKey }).toString();
    const iframe = document.createElement('iframe');
    iframe.title = 'strict page';
    iframe.width = '900';
    iframe.height = '700';
    iframe.src = src.href;
    frame = iframe;
    document.body.append(iframe);
    await waitUntil(
      () => iframe.contentWindow?.strictPage !== undefined,
      'the strict page should load the kit',
      { timeout: 10_000 },
    );
    const win = iframe.contentWindow!;
    return { win, page: win.strictPage! };
  }

  it('connects a GCC High tenant with no violation, and the policy is enforced', async function () {
    this.timeout(30_000);
    const { win, page } = await openStrictPage();
    const el = page.element;
    const violations = (): RecordedViolation[] => win.cspViolations ?? [];

    const settle = async () => {
      for (let round = 0; round < 3; round++) {
        await el.updateComplete;
        const inner = el.shadowRoot?.querySelectorAll<Updatable>('*') ?? [];
        await Promise.all([...inner].map((child) => child.updateComplete));
      }
    };
    const reach = async (status: WizardStatus) => {
      await waitUntil(() => el.state.status === status, `expected "${status}"`, { timeout: 5000 });
      await settle();
    };

    // The page runs under the policy: Trusted Types are there, nothing reported so far.
    expect(typeof win.trustedTypes, 'window.trustedTypes in the iframe').to.equal('object');
    expect(win.document.querySelector('meta[http-equiv="Content-Security-Policy"]')).to.exist;
    await waitUntil(() => el.state.status !== 'loading', 'the connection should load', {
      timeout: 5000,
    });
    await settle();
    expect(el.state.status).to.equal('choosing');

    // GCC High, Add.
    const picker = find(el, 'tenant-type-picker');
    find<HTMLInputElement>(picker, 'input#type-gcc-high').click();
    await settle();
    find<HTMLButtonElement>(picker, '[part="add-button"]').click();
    await reach('filling');

    // The tenant GUID, typed, then Connect account.
    const form = find(el, 'azure-connect-form');
    const tenantField = find<HTMLInputElement>(form, 'input#tenantId');
    tenantField.value = TENANT;
    tenantField.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle();
    find<HTMLButtonElement>(form, '[part="submit-button"]').click();
    await reach('awaiting-consent');

    // The consent link goes to the GCC High (.us) sign-in host.
    const dialog = find(el, 'consent-dialog');
    const href = find<HTMLAnchorElement>(dialog, '[part="consent-link"]').getAttribute('href');
    expect(href?.startsWith(`https://login.microsoftonline.us/${TENANT}/adminconsent?`), href ?? '')
      .to.be.true;

    // Tick the consent, Confirm: connected.
    find<HTMLInputElement>(dialog, '[part="checkbox"]').click();
    await settle();
    find<HTMLButtonElement>(dialog, '[part="confirm-button"]').click();
    await reach('connected');
    expect(el.state.status).to.equal('connected');

    // Not one violation during the whole flow (reports are tasks: give them time to arrive).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(violations(), JSON.stringify(violations())).to.deep.equal([]);

    // The policy is enforced: each forbidden thing fails, and the watcher sees it.
    const probe = await page.probeEnforcement();
    expect(probe.innerHtmlThrew, `innerHTML with a string: ${probe.innerHtmlError}`).to.be.true;
    expect(probe.otherPolicyThrew, 'a policy not named lit-html').to.be.true;
    expect(probe.inlineScriptRan, 'an inline <script> ran').to.be.false;
    expect(probe.inlineHandlerThrew, 'an inline event handler from a string').to.be.true;
    expect(probe.inlineHandlerRan, 'an inline event handler ran').to.be.false;
    const samples = violations().map(({ directive, sample }) => `${directive} ${sample}`);
    expect(samples).to.include.members([
      'require-trusted-types-for Element innerHTML|<b>plain string</b>',
      'trusted-types not-allowed',
      'require-trusted-types-for HTMLScriptElement text|window.inlineScriptRan = true;',
      'require-trusted-types-for Element onclick|window.inlineHandlerRan = true;',
    ]);
  });

  it('runs a script of its own origin and blocks an inline one in the markup', async () => {
    const iframe = document.createElement('iframe');
    iframe.title = 'inline script page';
    frame = iframe;
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve));
    iframe.src = new URL('./fixtures/inline-script.html', import.meta.url).href;
    document.body.append(iframe);
    await loaded;
    const win = iframe.contentWindow!;
    expect(win.externalScriptRan, 'the script from the same origin').to.be.true;
    expect(win.inlineScriptRan, 'the inline script').to.equal(undefined);
  });
});
