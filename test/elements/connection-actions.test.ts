import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/index.js';
import { fr } from '../../src/i18n/fr.js';
import { en, type Connection, type ConnectionActions } from '../../src/index.js';
import {
  clickWithMouse,
  deepActiveElement,
  expectFocused,
  expectNone,
  find,
  mountWrapper,
  pressEscape,
  text,
  finishAnimations,
} from './helpers.js';

const TENANT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';

const connection: Connection = {
  tenantType: 'gcc-high',
  tenantId: TENANT,
  enrollmentUrl: 'https://enrol.example.com/start',
  connectedAt: '2025-03-04T10:20:00.000Z',
  updatedAt: '2025-03-04T10:20:00.000Z',
  version: 1,
};

async function mount(value: Connection | null = connection): Promise<ConnectionActions> {
  return fixture<ConnectionActions>(
    html`<connection-actions .connection=${value ?? undefined}></connection-actions>`,
  );
}

function dialog(el: ConnectionActions): HTMLDialogElement {
  return find<HTMLDialogElement>(el, 'dialog');
}

/** The value shown under a <dt> label. */
function detail(el: ConnectionActions, label: string): HTMLElement {
  const term = [...el.shadowRoot!.querySelectorAll('dt')].find((dt) => text(dt) === label);
  if (!term) throw new Error(`no "${label}" in the details`);
  return term.nextElementSibling as HTMLElement;
}

describe('<connection-actions>', () => {
  it('shows nothing without a connection', async () => {
    const el = await mount(null);
    expectNone(el, '[part="status"]');
    expectNone(el, 'button');
  });

  it('shows the tenant, its type, the URLs as links and "Not set"', async () => {
    const el = await mount();
    expect(text(find(el, '#status-title'))).to.contain('Connected');
    expect(text(detail(el, 'Azure tenant ID'))).to.equal(TENANT);
    expect(text(detail(el, 'Tenant type'))).to.equal('GCC High');
    const enrollment = detail(el, 'Enrollment URL').querySelector('a')!;
    expect(enrollment.getAttribute('href')).to.equal('https://enrol.example.com/start');
    expect(enrollment.target).to.equal('_blank');
    expect(enrollment.rel.split(' ')).to.include('noopener');
    expect(text(detail(el, 'Remediation URL'))).to.equal('Not set');
    expectNone(detail(el, 'Remediation URL'), 'a');
    expect(text(detail(el, 'Connected on'))).to.contain('2025');
  });

  it('renders a non-HTTPS URL as text, never as a link', async () => {
    const el = await mount({
      ...connection,
      tenantType: 'standard',
      enrollmentUrl: 'javascript:alert(1)',
      remediationUrl: 'http://fix.example.com/',
    });
    expect(text(detail(el, 'Tenant type'))).to.equal('Standard');
    expect(text(detail(el, 'Enrollment URL'))).to.equal('javascript:alert(1)');
    expect(text(detail(el, 'Remediation URL'))).to.equal('http://fix.example.com/');
    expectNone(el, 'a');
    expectNone(el, '[href]');
  });

  it('Edit account fires connection-edit', async () => {
    const el = await mount();
    const button = find(el, '[part="edit-button"]');
    expect(text(button)).to.equal('Edit account');
    const edit = oneEvent(el, 'connection-edit');
    await clickWithMouse(button);
    expect((await edit).detail).to.deep.equal({});
  });

  it('disconnect-request is cancelable: preventDefault keeps the confirmation closed', async () => {
    const el = await mount();
    el.addEventListener('disconnect-request', (event) => event.preventDefault());
    const confirms: Event[] = [];
    el.addEventListener('disconnect-confirm', (e) => confirms.push(e));
    const request = oneEvent(el, 'disconnect-request');
    await clickWithMouse(find(el, '[part="disconnect-button"]'));
    const event = await request;
    expect(event.cancelable).to.be.true;
    expect(event.detail).to.deep.equal({ reconnect: false });
    await el.updateComplete;
    expect(dialog(el).open).to.be.false;
    expect(confirms.length).to.equal(0);
  });

  it('asks before disconnecting, and Cancel closes and returns focus to Disconnect', async () => {
    const el = await mount();
    const disconnect = find<HTMLButtonElement>(el, '[part="disconnect-button"]');
    expect(text(disconnect)).to.equal('Disconnect account');
    const request = oneEvent(el, 'disconnect-request');
    await clickWithMouse(disconnect);
    expect((await request).defaultPrevented).to.be.false;
    await el.updateComplete;
    expect(dialog(el).open).to.be.true;
    expect(dialog(el).matches(':modal')).to.be.true;
    expect(text(find(el, '#confirm-title'))).to.equal(en.disconnectTitle);
    expect(text(find(el, '#confirm-body'))).to.equal(en.disconnectBody.replace('{tenant}', TENANT));
    const cancel = find<HTMLButtonElement>(el, 'dialog .dismiss');
    expect(text(cancel)).to.equal('Cancel');
    expectFocused(cancel);

    const confirms: Event[] = [];
    el.addEventListener('disconnect-confirm', (e) => confirms.push(e));
    await clickWithMouse(cancel);
    await el.updateComplete;
    expect(dialog(el).open).to.be.false;
    await waitUntil(() => deepActiveElement() === disconnect, 'focus should return to Disconnect');
    expect(confirms.length).to.equal(0);
  });

  it('Escape closes the confirmation and returns focus to Disconnect', async () => {
    const el = await mount();
    const disconnect = find<HTMLButtonElement>(el, '[part="disconnect-button"]');
    await clickWithMouse(disconnect);
    await el.updateComplete;
    expect(dialog(el).open).to.be.true;
    await pressEscape();
    await waitUntil(() => !dialog(el).open, 'the confirmation should close');
    await waitUntil(() => deepActiveElement() === disconnect, 'focus should return to Disconnect');
    // It opens again on the next click.
    await clickWithMouse(disconnect);
    await el.updateComplete;
    expect(dialog(el).open).to.be.true;
  });

  it('confirming fires disconnect-confirm with reconnect false and closes', async () => {
    const el = await mount();
    await clickWithMouse(find(el, '[part="disconnect-button"]'));
    await el.updateComplete;
    const confirmButton = find(el, 'dialog button.danger');
    expect(text(confirmButton)).to.equal(en.disconnectConfirm);
    const confirm = oneEvent(el, 'disconnect-confirm');
    await clickWithMouse(confirmButton);
    expect((await confirm).detail).to.deep.equal({ reconnect: false });
    await el.updateComplete;
    expect(dialog(el).open).to.be.false;
  });

  it('reconnect for macOS asks with its own text and confirms with reconnect true', async () => {
    const el = await mount();
    expect(text(find(el, '.note'))).to.equal(en.macosNote);
    const reconnect = find(el, '[part="reconnect-button"]');
    expect(text(reconnect)).to.equal(en.reconnectForMacos);
    const request = oneEvent(el, 'disconnect-request');
    await clickWithMouse(reconnect);
    expect((await request).detail).to.deep.equal({ reconnect: true });
    await el.updateComplete;
    expect(dialog(el).open).to.be.true;
    expect(text(find(el, '#confirm-title'))).to.equal(en.reconnectTitle);
    expect(text(find(el, '#confirm-body'))).to.equal(en.reconnectBody.replace('{tenant}', TENANT));
    const confirmButton = find(el, 'dialog button.danger');
    expect(text(confirmButton)).to.equal(en.reconnectConfirm);
    const confirm = oneEvent(el, 'disconnect-confirm');
    await clickWithMouse(confirmButton);
    expect((await confirm).detail).to.deep.equal({ reconnect: true });
  });

  it('hide-reconnect hides the macOS note and its button', async () => {
    const el = await fixture<ConnectionActions>(
      html`<connection-actions hide-reconnect .connection=${connection}></connection-actions>`,
    );
    expectNone(el, '.note');
    expectNone(el, '[part="reconnect-button"]');
  });

  it('shows a failed disconnect in an alert with no Retry: the action’s own button asks again', async () => {
    const el = await mount();
    const reconnect = find(el, '[part="reconnect-button"]');
    await clickWithMouse(reconnect);
    await el.updateComplete;
    let confirm = oneEvent(el, 'disconnect-confirm');
    await clickWithMouse(find(el, 'dialog button.danger'));
    await confirm;
    el.error = { code: 'network' };
    await el.updateComplete;
    const box = find(el, '[part="alert"]');
    const alert = find(el, '[role="alert"]');
    expect(box.contains(alert)).to.be.true;
    expect(text(alert.querySelector('.alert-title'))).to.equal(en.disconnectFailedTitle);
    expect(text(alert)).to.contain(en.errors.network);
    expectNone(box, 'button');
    expect(
      [...el.shadowRoot!.querySelectorAll('button')].filter((b) => text(b) === en.retry),
    ).to.have.length(0);
    await expect(el).to.be.accessible();
    // Reconnect, the button that started it, is the retry: it asks again, then confirms again.
    await clickWithMouse(reconnect);
    await el.updateComplete;
    expect(dialog(el).open).to.be.true;
    expect(text(find(el, '#confirm-title'))).to.equal(en.reconnectTitle);
    confirm = oneEvent(el, 'disconnect-confirm');
    await clickWithMouse(find(el, 'dialog button.danger'));
    expect((await confirm).detail).to.deep.equal({ reconnect: true });
  });

  it('busy: says "Disconnecting…" and every action waits', async () => {
    const el = await fixture<ConnectionActions>(
      html`<connection-actions busy .connection=${connection}></connection-actions>`,
    );
    expect(text(find(el, '[role="status"]'))).to.equal(en.disconnecting);
    const requests: Event[] = [];
    el.addEventListener('disconnect-request', (e) => requests.push(e));
    el.addEventListener('connection-edit', (e) => requests.push(e));
    for (const part of ['edit-button', 'disconnect-button', 'reconnect-button']) {
      const button = find<HTMLButtonElement>(el, `[part="${part}"]`);
      // Focusable (so focus never falls to the page), announced as unavailable, and inert.
      expect(button.disabled, part).to.be.false;
      expect(button.getAttribute('aria-disabled'), part).to.equal('true');
      await clickWithMouse(button);
    }
    expect(requests.length).to.equal(0);
    expect(dialog(el).open).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('focus() moves focus to the status heading', async () => {
    const el = await mount();
    el.focus();
    expectFocused(find(el, '#status-title'));
  });

  it('is accessible connected and with the confirmation open', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
    await executeServerCommand('bring-to-front');
    await clickWithMouse(find(el, '[part="disconnect-button"]'));
    await el.updateComplete;
    expect(dialog(el).open).to.be.true;
    // The contrast is measured on the final colours, not mid-fade (a page the runner keeps in
    // the background may never run the fade to its end).
    finishAnimations(dialog(el));
    await expect(el).to.be.accessible();
  });
  describe('tenant GUID', () => {
    const GUID = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

    it('a tenant entered as a domain shows its GUID too, labelled', async () => {
      const el = await mount({ ...connection, tenantId: 'contoso.com', tenantGuid: GUID });
      expect(text(detail(el, 'Azure tenant ID'))).to.equal('contoso.com');
      expect(text(detail(el, en.tenantGuidLabel))).to.equal(GUID);
      await expect(el).to.be.accessible();
    });

    it('is labelled in French', async () => {
      const root = await mountWrapper<HTMLDivElement>(
        html`<div lang="fr">
          <connection-actions
            .connection=${{ ...connection, tenantId: 'contoso.com', tenantGuid: GUID }}
          ></connection-actions>
        </div>`,
      );
      const el = root.querySelector('connection-actions')!;
      expect(text(detail(el, fr.tenantGuidLabel))).to.equal(GUID);
      expect(fr.tenantGuidLabel).not.to.equal(en.tenantGuidLabel);
    });

    it('is not repeated when the tenant ID is that GUID, nor shown without one', async () => {
      const same = await mount({ ...connection, tenantId: GUID, tenantGuid: GUID });
      expect(() => detail(same, en.tenantGuidLabel)).to.throw();
      const none = await mount({ ...connection, tenantId: 'contoso.com' });
      expect(() => detail(none, en.tenantGuidLabel)).to.throw();
    });
  });

  describe('attention', () => {
    const marked: Connection = {
      ...connection,
      attention: { error: 'consent-missing', since: '2025-03-05T08:00:00.000Z' },
    };

    it('shows "Needs attention" first, with the sentence, since when and Reconnect', async () => {
      const el = await mount(marked);
      const alert = find(el, '[part="attention"]');
      const status = find(el, '[part="status"]');
      expect(status.firstElementChild?.id).to.equal('status-title');
      expect(alert.previousElementSibling?.id, 'right under the heading').to.equal('status-title');
      expect(text(alert.querySelector('h4'))).to.equal(en.attentionTitle);
      expect(alert.querySelector('svg.icon')?.getAttribute('aria-hidden')).to.equal('true');
      expect(text(alert)).to.contain(en.errors['consent-missing']);
      expect(text(alert.querySelector('.since'))).to.match(/^Since March \d+, 2025/);
      await expect(el).to.be.accessible();
    });

    it('Reconnect opens the reconnect confirmation and Cancel returns focus to it', async () => {
      const el = await mount(marked);
      const reconnect = find<HTMLButtonElement>(el, '[part="attention"] button');
      expect(text(reconnect)).to.equal(en.attentionReconnect);
      const request = oneEvent(el, 'disconnect-request');
      await clickWithMouse(reconnect);
      expect((await request).detail).to.deep.equal({ reconnect: true });
      await el.updateComplete;
      expect(dialog(el).open).to.be.true;
      expect(text(find(el, '#confirm-title'))).to.equal(en.reconnectTitle);
      await clickWithMouse(find(el, 'dialog .dismiss'));
      await waitUntil(() => deepActiveElement() === reconnect, 'focus should return to Reconnect');
    });

    it('permissions-missing without the list, an unknown code: never a raw code or a hole', async () => {
      const el = await mount({
        ...connection,
        attention: { error: 'permissions-missing', since: '2025-03-05T08:00:00.000Z' },
      });
      expect(text(find(el, '[part="attention"]'))).to.contain(en.permissionsMissingUnnamed);
      el.connection = {
        ...connection,
        attention: { error: 'gremlins', since: '2025-03-05T08:00:00.000Z' },
      };
      await el.updateComplete;
      const shown = text(find(el, '[part="attention"]'));
      expect(shown).to.contain(en.errors.adapter);
      expect(shown).not.to.contain('gremlins');
    });

    it('in French', async () => {
      const root = await mountWrapper<HTMLDivElement>(
        html`<div lang="fr">
          <connection-actions .connection=${marked}></connection-actions>
        </div>`,
      );
      const el = root.querySelector('connection-actions')!;
      const alert = find(el, '[part="attention"]');
      expect(text(alert.querySelector('h4'))).to.equal(fr.attentionTitle);
      expect(text(alert)).to.contain(fr.errors['consent-missing']);
      expect(text(alert.querySelector('.since'))).to.match(/^Depuis le \d+ mars 2025/);
      expect(text(alert.querySelector('button'))).to.equal(fr.attentionReconnect);
    });

    it('no alert without an attention mark', async () => {
      const el = await mount();
      expectNone(el, '[part="attention"]');
    });
  });

  describe('requestReconnect()', () => {
    it('opens the reconnect confirmation as the macOS button does; focus returns to the opener', async () => {
      const root = await mountWrapper<HTMLDivElement>(
        html`<div>
          <button id="outside">Reconnect elsewhere</button>
          <connection-actions .connection=${connection}></connection-actions>
        </div>`,
      );
      const el = root.querySelector('connection-actions')!;
      const opener = root.querySelector<HTMLButtonElement>('#outside')!;
      opener.focus();
      const request = oneEvent(el, 'disconnect-request');
      expect(el.requestReconnect()).to.be.true;
      expect((await request).detail).to.deep.equal({ reconnect: true });
      await el.updateComplete;
      expect(dialog(el).open).to.be.true;
      expect(text(find(el, '#confirm-title'))).to.equal(en.reconnectTitle);
      expectFocused(find(el, 'dialog .dismiss'));
      await pressEscape();
      await waitUntil(() => !dialog(el).open, 'the confirmation should close');
      await waitUntil(() => deepActiveElement() === opener, 'focus should return to the opener');
    });

    it('confirming sends disconnect-confirm with reconnect true', async () => {
      const el = await mount();
      el.requestReconnect();
      await el.updateComplete;
      const confirm = oneEvent(el, 'disconnect-confirm');
      await clickWithMouse(find(el, 'dialog button.danger'));
      expect((await confirm).detail).to.deep.equal({ reconnect: true });
    });

    it('returns false and opens nothing when cancelled, busy or without a connection', async () => {
      const vetoed = await mount();
      vetoed.addEventListener('disconnect-request', (event) => event.preventDefault());
      expect(vetoed.requestReconnect()).to.be.false;
      await vetoed.updateComplete;
      expect(dialog(vetoed).open).to.be.false;

      const busy = await fixture<ConnectionActions>(
        html`<connection-actions busy .connection=${connection}></connection-actions>`,
      );
      expect(busy.requestReconnect()).to.be.false;
      await busy.updateComplete;
      expect(dialog(busy).open).to.be.false;

      const empty = await mount(null);
      expect(empty.requestReconnect()).to.be.false;
      await empty.updateComplete;
      expect(dialog(empty).open).to.be.false;
    });
  });
});
