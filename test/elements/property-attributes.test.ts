/**
 * Objects given as attributes: a framework that sets `adapter` before the element is registered
 * (React, on a code-split import) writes `adapter="[object Object]"`. The kit reports it, names
 * the fix, and never lets the embedded browser-storage adapter stand in for the console's backend.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import type { AzureDeviceCompliance } from '../../src/elements/azure-device-compliance/azure-device-compliance.js';
import type { TenantTypePicker } from '../../src/elements/tenant-type-picker/tenant-type-picker.js';
import { en } from '../../src/i18n/en.js';
import { MemoryAdapter, find, maybe, text } from './helpers.js';

/** Replaces `console.error` during `body`; returns what was reported. */
async function errorsOf(body: () => Promise<void>): Promise<string[]> {
  const original = console.error;
  const messages: string[] = [];
  console.error = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
  };
  try {
    await body();
  } finally {
    console.error = original;
  }
  return messages;
}

/** What the embedded browser-storage adapter keeps under this prefix. */
function storedUnder(prefix: string): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith(prefix));
}

describe('objects given as attributes', () => {
  it('adapter="[object Object]": reported, shown with the fix, and no fallback to the browser', async () => {
    const storageKey = `property-attributes-${Date.now()}`;
    const before = storedUnder('azure-compliance-connect');
    let el!: AzureDeviceCompliance;
    const errors = await errorsOf(async () => {
      el = await fixture<AzureDeviceCompliance>(html`
        <azure-device-compliance
          storage-key=${storageKey}
          adapter="[object Object]"
        ></azure-device-compliance>
      `);
      await waitUntil(() => el.state.status !== 'loading', 'the load should end');
      await el.updateComplete;
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"adapter" was given as an attribute');
    expect(errors[0]).to.contain('element.adapter = ');

    // The admin sees why, in words, and nothing of the flow.
    const alert = find(el, '[part="config-alert"]');
    expect(text(alert.querySelector('[role="alert"]'))).to.equal(
      `${en.adapterAttributeTitle} ${en.adapterAttributeText}`,
    );
    expect(maybe(el, 'tenant-type-picker')).to.equal(null);
    expect(el.state.status).to.equal('load-failed');
    // The embedded adapter stored nothing: the console's data did not go to the browser.
    expect(storedUnder('azure-compliance-connect')).to.deep.equal(before);
    await expect(el).to.be.accessible();

    // Setting the property, as the message says, loads from it.
    const adapter = new MemoryAdapter();
    el.adapter = adapter;
    await waitUntil(() => el.state.status === 'choosing', 'the adapter should load');
    await el.updateComplete;
    expect(maybe(el, '[part="config-alert"]')).to.equal(null);
    expect(maybe(el, 'tenant-type-picker')).to.exist;
  });

  it('strings="[object Object]": reported once, and the built-in text stays', async () => {
    let picker!: TenantTypePicker;
    const errors = await errorsOf(async () => {
      picker = await fixture<TenantTypePicker>(
        html`<tenant-type-picker strings="[object Object]"></tenant-type-picker>`,
      );
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<tenant-type-picker>: "strings" was given as an attribute');
    expect(text(find(picker, '[part="add-button"]'))).to.equal(en.addAzureAccount);
  });

  it('an element given its objects as properties reports nothing', async () => {
    const errors = await errorsOf(async () => {
      const el = await fixture<AzureDeviceCompliance>(html`
        <azure-device-compliance
          storage-key=${`property-attributes-ok-${Date.now()}`}
          .adapter=${new MemoryAdapter()}
          .strings=${{ addAzureAccount: 'Add' }}
        ></azure-device-compliance>
      `);
      await waitUntil(() => el.state.status === 'choosing', 'the adapter should load');
    });
    expect(errors).to.deep.equal([]);
  });
});
