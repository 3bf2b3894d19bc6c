/**
 * Unknown values on the kit's public surfaces: events sent to the wizard, string overrides,
 * error codes, deadlines, thrown values and attributes. None may throw, render "undefined" or an
 * inherited property, hang, or be stored: each is refused, ignored with one warning, or clamped.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/define/index.js';
import {
  DEFAULT_TIMEOUT_MS,
  MAX_TIMEOUT_MS,
  deadlineOf,
  guardAdapter,
} from '../../src/adapter/adapter.js';
import { kitErrorCodeOf } from '../../src/contract/problems.js';
import { AdapterError, isErrorCode, toKitError } from '../../src/core/errors.js';
import {
  MAX_FIELD_LENGTH,
  initialState,
  transition,
  type WizardState,
} from '../../src/core/machine.js';
import { fr } from '../../src/i18n/fr.js';
import { catalogFor, en, loadCatalog, resolveStrings } from '../../src/i18n/index.js';
import type {
  AzureConnectForm,
  ConnectionAdapter,
  ConnectionHealthPanel,
  ConsentDialog,
  TenantTypePicker,
} from '../../src/index.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const choosing: WizardState = {
  status: 'choosing',
  draft: { tenantType: 'standard', tenantId: '', enrollmentUrl: '', remediationUrl: '' },
};
const filling: WizardState = {
  status: 'filling',
  draft: { tenantType: 'standard', tenantId: '', enrollmentUrl: '', remediationUrl: '' },
  errors: {},
};
const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
];

/** Collects console.warn calls while `body` runs. */
async function warningsOf(body: () => unknown): Promise<string[]> {
  const original = console.warn;
  const said: string[] = [];
  console.warn = (...args: unknown[]) => said.push(args.map(String).join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return said;
}

describe('public surfaces: unknown values', () => {
  describe('events sent to the wizard', () => {
    it('anything that is not a well-formed event is refused and changes nothing', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.anything(),
            fc.record({
              type: fc.constantFrom(
                ...PROTO_NAMES,
                'SELECT_TENANT_TYPE',
                'EDIT_FIELD',
                'CALLBACK',
                'LOADED',
              ),
            }),
            fc.record({
              type: fc.constant('SELECT_TENANT_TYPE'),
              tenantType: fc.oneof(fc.string(), fc.constantFrom(...PROTO_NAMES), fc.anything()),
            }),
            fc.record({
              type: fc.constant('EDIT_FIELD'),
              field: fc.oneof(fc.string(), fc.constantFrom(...PROTO_NAMES)),
              value: fc.anything(),
            }),
            fc.record({
              type: fc.constant('CALLBACK'),
              params: fc.oneof(
                fc.constant(null),
                fc.anything(),
                fc.record({ state: fc.anything(), tenant: fc.integer() }),
              ),
            }),
          ),
          (event) => {
            for (const state of [choosing, filling]) {
              const result = transition(state, event as never);
              if (result.accepted) {
                // Only the well-formed remainder of the generated events may pass.
                const e = event as {
                  type: string;
                  tenantType?: unknown;
                  field?: unknown;
                  value?: unknown;
                };
                const ok =
                  (e.type === 'SELECT_TENANT_TYPE' &&
                    (e.tenantType === 'standard' || e.tenantType === 'gcc-high')) ||
                  (e.type === 'EDIT_FIELD' &&
                    ['tenantId', 'enrollmentUrl', 'remediationUrl'].includes(e.field as string) &&
                    typeof e.value === 'string') ||
                  e.type === 'ADD' ||
                  e.type === 'CANCEL' ||
                  e.type === 'RELOAD';
                expect(ok, JSON.stringify(event)).to.equal(true);
              } else {
                expect(result.state).to.equal(state);
              }
            }
          },
        ),
        { numRuns: 1500 },
      );
    });

    it('names what was wrong', () => {
      const cases: [unknown, string][] = [
        [{ type: 'SELECT_TENANT_TYPE', tenantType: 'dod' }, 'unknown tenant type'],
        [{ type: 'SELECT_TENANT_TYPE', tenantType: '__proto__' }, 'unknown tenant type'],
        [{ type: 'EDIT_FIELD', field: '__proto__', value: 'x' }, 'unknown field'],
        [{ type: 'EDIT_FIELD', field: 'tenantId', value: 42 }, 'not text'],
        [
          { type: 'EDIT_FIELD', field: 'tenantId', value: 'x'.repeat(MAX_FIELD_LENGTH + 1) },
          '8192',
        ],
        [{ type: 'CALLBACK', params: null }, 'callback params'],
        [{ type: 'CALLBACK', params: { state: 7 } }, 'callback params'],
        [{ type: 'LOAD_FAILED', error: { code: '__proto__' } }, 'kit error code'],
        [{ type: 'LOADED', connection: { tenantId: TENANT } }, 'not a connection'],
        [{ type: 'DISCONNECT', reconnect: 'yes' }, 'true or false'],
        [{ type: 'toString' }, 'not a wizard event'],
        [null, 'not a wizard event'],
      ];
      for (const [event, reason] of cases) {
        const state =
          (event as { type?: string } | null)?.type === 'LOAD_FAILED' ||
          (event as { type?: string } | null)?.type === 'LOADED'
            ? initialState
            : choosing;
        const result = transition(state, event as never);
        expect(result.accepted, JSON.stringify(event)?.slice(0, 60)).to.equal(false);
        if (!result.accepted) expect(result.reason).to.contain(reason);
      }
    });

    it('the composite’s send() returns false for them, and stores nothing', async () => {
      const el = await fixture<HTMLElement & { send(e: unknown): boolean; state: WizardState }>(
        html`
          <azure-device-compliance
            storage-key=${`surfaces-${Date.now()}`}
          ></azure-device-compliance>
        `,
      );
      await waitUntil(() => el.state.status !== 'loading', 'the connection should load');
      expect(el.state.status).to.equal('choosing');
      expect(el.send({ type: 'SELECT_TENANT_TYPE', tenantType: 'dod' })).to.equal(false);
      expect(el.send({ type: 'SELECT_TENANT_TYPE', tenantType: 'constructor' })).to.equal(false);
      expect(el.send(null)).to.equal(false);
      expect(el.send({ type: 'ADD' })).to.equal(true);
      expect(
        el.send({ type: 'EDIT_FIELD', field: 'tenantId', value: { toString: () => TENANT } }),
      ).to.equal(false);
      expect(el.state.status).to.equal('filling');
      expect((el.state as Extract<WizardState, { status: 'filling' }>).draft.tenantType).to.equal(
        'standard',
      );
      expect((el.state as Extract<WizardState, { status: 'filling' }>).draft.tenantId).to.equal('');
    });
  });

  describe('string overrides', () => {
    it('keeps only strings that replace a sentence of the kit, warning once per mistake', async () => {
      const overrides = {
        addAzureAccount: 'Ajouter un compte',
        confirm: 42,
        __proto__: { polluted: 'yes' },
        constructor: 'x',
        notASentence: 'x',
        errors: { conflict: 'Changed elsewhere.', timeout: null, toString: 'x' },
        fieldErrors: 'nope',
      } as unknown as Parameters<typeof resolveStrings>[1];
      let resolved = en;
      const warnings = await warningsOf(() => {
        resolved = resolveStrings('en', overrides);
        resolved = resolveStrings('en', overrides);
      });
      expect(resolved.addAzureAccount).to.equal('Ajouter un compte');
      expect(resolved.confirm).to.equal(en.confirm);
      expect(resolved.errors.conflict).to.equal('Changed elsewhere.');
      expect(resolved.errors.timeout).to.equal(en.errors.timeout);
      expect(resolved.fieldErrors).to.deep.equal(en.fieldErrors);
      expect(Object.hasOwn(resolved, 'notASentence')).to.equal(false);
      expect(Object.hasOwn(resolved, 'polluted')).to.equal(false);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(warnings.length).to.be.greaterThan(0);
      expect(new Set(warnings).size, 'each mistake is said once').to.equal(warnings.length);
      expect(warnings.join('\n')).to.contain('strings.confirm must be a string');
    });

    it('a language named like an inherited property is English', async () => {
      for (const name of PROTO_NAMES) {
        expect(catalogFor(name)).to.equal(en);
        expect(await loadCatalog(name)).to.equal(en);
      }
      expect(await loadCatalog('fr-CA')).to.equal(fr);
      expect(catalogFor('fr-CA')).to.equal(fr);
      expect(catalogFor(42 as unknown as string)).to.equal(en);
    });
  });

  describe('error codes', () => {
    it('a problem code named like an inherited property is not a kit code', () => {
      for (const name of PROTO_NAMES) {
        expect(kitErrorCodeOf(400, name)).to.equal('invalid-request');
        expect(kitErrorCodeOf(500, name)).to.equal('adapter');
        expect(isErrorCode(name)).to.equal(false);
      }
    });

    it('errors are classified by their code, also from another copy of the kit', () => {
      const foreign = Object.assign(new Error('moved'), {
        name: 'AdapterError',
        code: 'conflict',
        detail: 'v3',
      });
      expect(toKitError(foreign)).to.deep.equal({ code: 'conflict', detail: 'v3' });
      const forged = Object.assign(new Error('x'), { name: 'AdapterError', code: '__proto__' });
      expect(toKitError(forged).code).to.equal('adapter');
      expect(toKitError(new AdapterError('constructor' as never)).code).to.equal('adapter');
    });

    it('a thrown value that cannot become text is still an error, never a throw', () => {
      const values: unknown[] = [
        Object.create(null),
        {
          toString: () => {
            throw new Error('no');
          },
        },
        Symbol('s'),
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
          },
        ),
      ];
      for (const value of values) {
        const error = toKitError(value);
        expect(error.code).to.equal('adapter');
        expect(typeof error.detail).to.equal('string');
      }
    });

    it('an adapter that throws such a value fails with adapter, it does not hang', async () => {
      const adapter = {
        loadConnection: () => Promise.reject(Object.create(null)),
      } as unknown as ConnectionAdapter;
      const error = await guardAdapter(adapter, { timeoutMs: 1000 })
        .loadConnection({ signal: new AbortController().signal })
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(error).to.be.instanceOf(AdapterError);
      expect((error as AdapterError).code).to.equal('adapter');
    });
  });

  describe('deadlines', () => {
    it('0, -5, NaN and non-numbers fall back to the default with one warning; huge ones are clamped', async () => {
      const seen: number[] = [];
      const warnings = await warningsOf(() => {
        for (const value of [0, -5, Number.NaN, Number('abc'), '15' as unknown as number, 0]) {
          seen.push(deadlineOf(value));
        }
      });
      expect(seen).to.deep.equal(Array(6).fill(DEFAULT_TIMEOUT_MS));
      expect(warnings.length).to.be.at.most(5);
      expect(new Set(warnings).size).to.equal(warnings.length);
      expect(deadlineOf(Infinity)).to.equal(MAX_TIMEOUT_MS);
      expect(deadlineOf(1e15)).to.equal(MAX_TIMEOUT_MS);
      expect(deadlineOf(1500.2)).to.equal(1501);
      expect(deadlineOf(undefined)).to.equal(DEFAULT_TIMEOUT_MS);
    });

    it('a deadline of Infinity or beyond the timer range does not fire at once', async () => {
      for (const timeoutMs of [Infinity, 2 ** 40]) {
        const adapter = {
          loadConnection: () => new Promise(() => undefined),
        } as unknown as ConnectionAdapter;
        const controller = new AbortController();
        let settled = false;
        const call = guardAdapter(adapter, { timeoutMs })
          .loadConnection({ signal: controller.signal })
          .finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(settled, String(timeoutMs)).to.equal(false);
        controller.abort();
        await call.catch(() => undefined);
      }
    });
  });

  it('the composite with timeout-ms="-7" works with the default deadline and warns once', async () => {
    let el!: HTMLElement & { state: WizardState; activeAdapter: ConnectionAdapter };
    const warnings = await warningsOf(async () => {
      el = await fixture(html`
        <azure-device-compliance
          storage-key=${`surfaces-timeout-${Date.now()}`}
          timeout-ms="-7"
        ></azure-device-compliance>
      `);
      // The embedded adapter is downloaded with the first call: wait for the load to end.
      await waitUntil(() => el.state.status !== 'loading', 'the connection should load');
      for (let n = 0; n < 5; n++) void el.activeAdapter;
    });
    expect(el.state.status).to.equal('choosing');
    expect(warnings.filter((w) => w.includes('timeout -7 ms'))).to.have.length(1);
  });

  describe('attributes of standalone elements', () => {
    for (const value of ['dod', '__proto__', 'constructor', '']) {
      it(`tenant-type="${value}" renders Standard with a warning, never "undefined"`, async () => {
        let dialog!: ConsentDialog;
        let form!: AzureConnectForm;
        const warnings = await warningsOf(async () => {
          dialog = await fixture<ConsentDialog>(html`
            <consent-dialog open tenant-type=${value} tenant-id=${TENANT}></consent-dialog>
          `);
          form = await fixture<AzureConnectForm>(html`
            <azure-connect-form tenant-type=${value}></azure-connect-form>
          `);
        });
        for (const el of [dialog, form]) {
          expect(el.tenantType).to.equal('standard');
          const text = el.shadowRoot!.textContent ?? '';
          expect(text).not.to.contain('undefined');
          expect(text).not.to.contain('[object');
        }
        // The dialog names the cloud; the form's tenant type field has Standard chosen.
        expect(dialog.shadowRoot!.textContent).to.contain(en.standard);
        const picker = form.shadowRoot!.querySelector<TenantTypePicker>('tenant-type-picker');
        await picker?.updateComplete;
        expect(picker?.value).to.equal('standard');
        const checked = picker?.shadowRoot?.querySelector<HTMLInputElement>('input:checked');
        const label = checked
          ? picker?.shadowRoot?.querySelector(`label[for="${checked.id}"]`)
          : null;
        expect(label?.textContent ?? '').to.contain(en.standard);
        expect(warnings.filter((w) => w.includes('unknown tenant-type'))).to.have.length(2);
      });
    }

    it('a field error code the kit does not know shows the field’s general sentence', async () => {
      const form = await fixture<AzureConnectForm>(html`<azure-connect-form></azure-connect-form>`);
      form.errors = { tenantId: '__proto__', enrollmentUrl: 'constructor' } as never;
      await form.updateComplete;
      const errors = [...form.shadowRoot!.querySelectorAll('[part="error"]')].map((p) =>
        p.textContent?.trim(),
      );
      expect(errors).to.deep.equal([
        `${en.errorPrefix} ${en.fieldErrors['tenant-invalid']}`,
        `${en.errorPrefix} ${en.fieldErrors['url-invalid']}`,
      ]);
    });

    it('a partner state the kit does not know is shown as unknown, in words', async () => {
      const panel = await fixture<ConnectionHealthPanel>(
        html`<azure-connection-health status="ready"></azure-connection-health>`,
      );
      panel.health = {
        checkedAt: '2026-01-01T00:00:00.000Z',
        partner: {
          state: '__proto__' as never,
          lastHeartbeatAt: null,
          platforms: { ios: false, android: false, macos: false },
        },
        lastVerification: null,
        heartbeatMaxAgeMinutes: 60,
      };
      await panel.updateComplete;
      const state = panel.shadowRoot!.querySelector('[part="state"]')!.textContent ?? '';
      expect(state).to.contain(en.partnerUnknown);
      expect(state).not.to.contain('undefined');
    });
  });
});
