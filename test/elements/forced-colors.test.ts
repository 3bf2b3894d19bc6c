/**
 * Under `forced-colors: active` (Windows contrast themes) every colour is replaced by a system
 * colour, so a field error must differ from help text by more than colour, and a primary button
 * from a destructive one by more than its fill.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/index.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import { type AzureConnectForm, type AzureDeviceCompliance } from '../../src/index.js';
import { find, withForcedColors } from './helpers.js';

/** What tells two elements apart once colours are forced. */
function looks(element: Element) {
  const style = getComputedStyle(element);
  return {
    background: style.backgroundColor,
    border: `${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`,
    weight: style.fontWeight,
  };
}

describe('forced colours', () => {
  // `withForcedColors` waits for an animation frame, which a page in the background never gets.
  beforeEach(async () => {
    await executeServerCommand('bring-to-front');
  });

  it('a field error differs from help text by an icon and its weight, not colour alone', async () => {
    const el = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
    el.checkValidity();
    await el.updateComplete;
    await withForcedColors(async () => {
      expect(matchMedia('(forced-colors: active)').matches).to.be.true;
      const error = find(el, '#tenantId-error');
      const help = find(el, '#tenantId-help');
      const icon = error.querySelector('svg.icon');
      expect(icon, 'the error has an icon').to.exist;
      const box = icon!.getBoundingClientRect();
      expect(box.width, 'the icon is drawn').to.be.greaterThan(0);
      expect(getComputedStyle(icon!).display).not.to.equal('none');
      expect(help.querySelector('svg'), 'help text has none').to.equal(null);
      expect(Number(looks(error).weight), 'the error is bolder than help text').to.be.greaterThan(
        Number(looks(help).weight),
      );
      await expect(el).to.be.accessible();
    });
  });

  it('primary and destructive buttons differ in background or border, not colour alone', async () => {
    const key = `forced-colors-${Date.now()}`;
    localStorage.setItem(`${key}:connection`, '{not json');
    try {
      const form = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
      const el = await fixture<AzureDeviceCompliance>(html`
        <azure-device-compliance
          storage-key=${key}
          .adapter=${new BrowserStorageAdapter({ key })}
        ></azure-device-compliance>
      `);
      await waitUntil(() => el.state.status === 'load-failed', 'the damaged store should fail');
      await el.updateComplete;
      find(el, '[part="reset-button"]').click();
      await el.updateComplete;
      const dialog = find<HTMLDialogElement>(el, 'dialog.reset');
      expect(dialog.open).to.be.true;
      for (const animation of dialog.getAnimations()) animation.finish();

      await withForcedColors(async () => {
        const primary = looks(find(form, '[part="submit-button"]'));
        const outline = looks(find(el, '[part="reset-button"]'));
        const danger = looks(find(el, '[part="reset-confirm-button"]'));
        for (const [name, destructive] of [
          ['danger-outline', outline],
          ['danger', danger],
        ] as const) {
          const differs =
            destructive.background !== primary.background || destructive.border !== primary.border;
          expect(
            differs,
            `primary ${JSON.stringify(primary)} vs ${name} ${JSON.stringify(destructive)}`,
          ).to.be.true;
        }
      });
    } finally {
      localStorage.removeItem(`${key}:connection`);
      localStorage.removeItem(`${key}:audit`);
    }
  });
});
