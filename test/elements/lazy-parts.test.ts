// The parts loaded on demand: the French text and the composite's default browser-storage
// adapter. This file imports neither, so the page starts without them; the tests run in order.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { catalogFor, en, loadCatalog } from '../../src/i18n/index.js';
import type { AzureDeviceCompliance } from '../../src/index.js';
import type { TenantTypePicker } from '../../src/elements/tenant-type-picker/tenant-type-picker.js';
import { MemoryAdapter, text } from './helpers.js';

/** Whether the page has downloaded a module whose path ends with `path` (any extension). */
function fetched(path: string): boolean {
  return performance
    .getEntriesByType('resource')
    .some((entry) => new URL(entry.name).pathname.replace(/\.(ts|js)$/, '').endsWith(path));
}

const STORE_MODULE = '/src/adapter/browser-storage-adapter';
const FRENCH_MODULE = '/src/i18n/fr';

describe('parts loaded on demand', () => {
  it('the French text is not downloaded until a `lang` asks for it', () => {
    expect(fetched(FRENCH_MODULE)).to.equal(false);
    expect(catalogFor('fr'), 'English stands in until French is loaded').to.equal(en);
  });

  it('an element in French renders in French from its first render, never English first', async () => {
    const host = document.createElement('div');
    host.lang = 'fr-CA';
    document.body.append(host);
    const picker = document.createElement('tenant-type-picker') as TenantTypePicker;
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(text(picker.shadowRoot!)));
    try {
      host.append(picker);
      // The shadow root exists from the connection on; everything rendered into it is seen.
      observer.observe(picker.shadowRoot!, { childList: true, subtree: true, characterData: true });
      await picker.updateComplete;
      seen.push(text(picker.shadowRoot!));
      for (const snapshot of seen) expect(snapshot).not.to.contain(en.tenantTypeLegend);
      expect(seen.at(-1)).to.contain('Type de locataire');
      expect(fetched(FRENCH_MODULE)).to.equal(true);
      expect(catalogFor('fr').tenantTypeLegend).to.equal('Type de locataire');
      expect((await loadCatalog('fr')).tenantTypeLegend).to.equal('Type de locataire');
    } finally {
      observer.disconnect();
      host.remove();
    }
  });

  it('an element moved to English and back re-renders without waiting again', async () => {
    // Built by hand: a fixture whose root is a plain element waits for an animation frame, which a
    // page in the background never gets.
    const host = document.createElement('div');
    host.lang = 'en';
    const picker = document.createElement('tenant-type-picker') as TenantTypePicker;
    host.append(picker);
    document.body.append(host);
    await picker.updateComplete;
    expect(text(picker.shadowRoot!)).to.contain(en.tenantTypeLegend);
    host.lang = 'fr';
    await waitUntil(() => text(picker.shadowRoot!).includes('Type de locataire'));
    host.lang = 'en';
    await waitUntil(() => text(picker.shadowRoot!).includes(en.tenantTypeLegend));
    host.remove();
  });

  it('a composite given its own adapter never downloads the browser-storage adapter', async () => {
    const adapter: ConnectionAdapter = new MemoryAdapter();
    const el = await fixture<AzureDeviceCompliance>(html`
      <azure-device-compliance
        storage-key="lazy-parts-own"
        client-id="2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b"
        .adapter=${adapter}
      ></azure-device-compliance>
    `);
    await waitUntil(() => el.state.status === 'choosing', 'the connection should load');
    expect(fetched(STORE_MODULE)).to.equal(false);
  });

  it('a composite without an adapter loads the browser-storage adapter, then loads from it', async () => {
    const el = await fixture<AzureDeviceCompliance>(html`
      <azure-device-compliance
        storage-key="lazy-parts-default"
        client-id="2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b"
      ></azure-device-compliance>
    `);
    expect(el.state.status, 'nothing is answered before the adapter is there').to.equal('loading');
    await waitUntil(() => el.state.status !== 'loading', 'the connection should load');
    expect(fetched(STORE_MODULE)).to.equal(true);
    // Other test pages share this origin's storage, so what the store holds is not asserted.
    expect(['choosing', 'connected']).to.include(el.state.status);
  });
});
