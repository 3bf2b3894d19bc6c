/**
 * One verdict in Node and in browsers: the same generated and hand-picked tenant IDs and URLs go
 * through the kit's validators and the contract's schemas in the server's Node and in Chromium,
 * and every answer must be the same - otherwise the console would accept what the server refuses
 * (or the other way round), because each side's URL parser has its own corners.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import puppeteer, { type Browser } from 'puppeteer-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { clientAuditEventSchema, connectionInputSchema } from '../../src/contract/index.js';
import { validateTenantId } from '../../src/core/tenant.js';
import { validateHttpsUrl } from '../../src/core/url.js';
import {
  BIDI_CONTROLS,
  anyTextArb,
  badHostUrlArb,
  bidiUrlArb,
  hardeningTenantArb,
  hardeningUrlArb,
  httpsUrlArb,
  lookalikeTenantArb,
  mutated,
  tenantInputArb,
} from '../../test/property/arbitraries.js';
import {
  buildConsentUrl,
  extractAadstsCode,
  readConsentCallback,
  verifyConsentCallback,
} from '../../src/core/consent.js';
import { transition } from '../../src/core/machine.js';
import { GUID, STATE, surfaceVerdictsOf } from './fixtures/surface-verdicts.js';
import { verdictsOf } from './fixtures/verdicts.js';

const TENANTS = [
  ...fc.sample(tenantInputArb, { numRuns: 1500, seed: 20_261_129 }),
  ...fc.sample(mutated(tenantInputArb), { numRuns: 500, seed: 7 }),
  'CONTOSO.ONMICROSOFT.COM',
  'contoso.onmicrosoft.us',
  ' 6A1E2F3D-4C5B-4A69-8877-665544332211\t',
  'xn--mnchen-3ya.de',
  'münchen.de',
  'contoso.com.',
  '.contoso.com',
  'contoso..com',
  'contoso.c0m',
  '6a1e2f3d-4c5b-4a69-8877-66554433221',
  '{6a1e2f3d-4c5b-4a69-8877-665544332211}',
  'contoso\u0000.com',
  'contoso.com\nadmin',
  'ｃｏｎｔｏｓｏ.com',
  // Unicode case folding must not make ASCII: KELVIN SIGN, dotted capital I, long s, dotless i.
  ...fc.sample(hardeningTenantArb, { numRuns: 400, seed: 5 }),
  '\u212aontoso.com',
  'contoso.\u0130o',
  'micro\u017foft.com',
  'contoso.\u0131o',
  '\u212aonsumers',
  'common\u0130',
  '00000000-0000-0000-0000-000000000000',
  ' 9188040D-6C67-4C5B-B112-36A304B66DAD ',
];

/**
 * `xn--` labels as Node's parser encodes random non-ASCII labels (any script, combining marks,
 * right-to-left letters, newer characters): what an admin pastes after converting a domain.
 */
const IDNA_URLS = fc
  .sample(
    fc.string({
      unit: fc
        .oneof(
          fc.integer({ min: 0x80, max: 0xffff }),
          fc.integer({ min: 0x370, max: 0x6ff }),
          fc.integer({ min: 0x3040, max: 0x30ff }),
          fc.integer({ min: 0xac00, max: 0xd7a3 }),
        )
        .map((code) => String.fromCodePoint(code)),
      minLength: 1,
      maxLength: 6,
    }),
    { numRuns: 600, seed: 16 },
  )
  .flatMap((label) => {
    try {
      return [new URL(`https://${label}.com/`).href];
    } catch {
      return [];
    }
  });

const URLS = [
  ...IDNA_URLS,
  ...fc.sample(httpsUrlArb, { numRuns: 1000, seed: 11 }),
  ...fc.sample(mutated(httpsUrlArb), { numRuns: 800, seed: 12 }),
  ...fc.sample(anyTextArb, { numRuns: 300, seed: 13 }),
  'https://mdm.contoso.example/enroll',
  'HTTPS://MDM.CONTOSO.EXAMPLE/Enroll?x=1#top',
  'https://例え.jp/',
  'https://xn--r8jz45g.jp/',
  'https://münchen.de/',
  'https://ß.de/',
  'https://[::1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://127.1/',
  'https://0x7f.0.0.1/',
  'https://4294967295/',
  'https://a.com\\b',
  'https:\\\\a.com',
  'https:a.com',
  'https:///a.com',
  'https://a.com:443/',
  'https://a.com:65536/',
  'https://a.com/%zz',
  'https://a.com/\u0001',
  'https://a.com/\u200b',
  'https://user@a.com/',
  'https://:@a.com/',
  'https://a..com/',
  'https://-a.com/',
  'https://a_b.com/',
  'https://％４１.com/',
  'https://a.com/<script>',
  'https://a.com/\u{1F600}',
  'javascript:alert(1)',
  'data:text/html,x',
  ' https://a.com/ ',
  'https://a.com/ b',
  `https://a.com/${'x'.repeat(2030)}`,
  `https://a.com/${'é'.repeat(700)}`,
  // The host policy and bidirectional controls (see validateHttpsUrl).
  ...fc.sample(hardeningUrlArb, { numRuns: 600, seed: 14 }),
  'https://a.com./',
  'https://-a.com/',
  'https://a-.com/',
  `https://${'a'.repeat(64)}.com/`,
  `https://${'a'.repeat(63)}.com/`,
  'https://a.com:0/',
  'https://intranet/',
  'https://localhost/',
  'https://mdm.localhost/',
  'https://[2001:db8::1]/',
  'https://10.0.0.1/',
  'https://\u212aontoso.com/',
  'https://xn--a.com/',
  'https://xn--.com/',
  'https://xn--a-ecp.ru/',
  'https://xn--abc-.com/',
  'https://xn--zca.de/',
  'https://xn--4gbrim.com/',
  'https://xn--ls8h.la/',
  'https://a.xn--p1ai/',
  'https://a.xn--zz/',
  ...fc
    .sample(
      fc.string({
        unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'),
        minLength: 1,
        maxLength: 12,
      }),
      { numRuns: 300, seed: 15 },
    )
    .map((label) => `https://xn--${label}.com/`),
  'https://ab--cd.com/',
  ...BIDI_CONTROLS.map((char) => `https://a.com/${char}x`),
  ...BIDI_CONTROLS.map((char) => `https://a${char}b.com/`),
  ...BIDI_CONTROLS.map((char) => `https://a.com/${encodeURIComponent(char)}`),
];

describe('one verdict in Node and in Chromium', () => {
  let browser: Browser;
  let bundle: string;

  before(async () => {
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: {
          entry: new URL('./fixtures/verdicts-entry.ts', import.meta.url).pathname,
          formats: ['iife'],
          name: 'verdicts',
        },
      },
    });
    const results = Array.isArray(output) ? output : [output];
    bundle = results
      .flatMap((result) => ('output' in result ? result.output : []))
      .map((chunk) => ('code' in chunk ? chunk.code : ''))
      .join('\n');
    const executablePath = findChromium();
    assert.ok(executablePath, 'Chromium is needed (npm test installs it)');
    browser = await puppeteer.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  });

  after(() => browser?.close());

  it(`gives the same answers for ${TENANTS.length} tenant IDs and ${URLS.length} URLs`, async () => {
    const inNode = verdictsOf(TENANTS, URLS, {
      validateTenantId,
      validateHttpsUrl,
      connectionInputSchema,
      clientAuditEventSchema,
    });
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const inChromium = (await page.evaluate(
      (tenants, urls) =>
        (globalThis as unknown as { verdictsOf: (t: string[], u: string[]) => unknown }).verdictsOf(
          tenants,
          urls,
        ),
      TENANTS,
      URLS,
    )) as typeof inNode;
    const differences = [
      ...TENANTS.flatMap((input, i) =>
        JSON.stringify(inNode.tenants[i]) === JSON.stringify(inChromium.tenants[i])
          ? []
          : [
              `tenant ${JSON.stringify(input)}: Node ${JSON.stringify(inNode.tenants[i])}, Chromium ${JSON.stringify(inChromium.tenants[i])}`,
            ],
      ),
      ...URLS.flatMap((input, i) =>
        JSON.stringify(inNode.urls[i]) === JSON.stringify(inChromium.urls[i])
          ? []
          : [
              `URL ${JSON.stringify(input)}: Node ${JSON.stringify(inNode.urls[i])}, Chromium ${JSON.stringify(inChromium.urls[i])}`,
            ],
      ),
    ];
    assert.deepEqual(differences, []);
    // The corpus reaches both sides of every rule: some inputs pass, many fail, for many reasons.
    const accepted = inNode.urls.filter(([result]) => (result as { ok: boolean }).ok).length;
    assert.ok(
      accepted > 500 && accepted < URLS.length - 300,
      `${accepted} of ${URLS.length} URLs accepted`,
    );
    const reasons = new Set(
      [...inNode.tenants, ...inNode.urls].map(
        ([result]) => (result as { error?: string }).error ?? 'ok',
      ),
    );
    assert.ok(reasons.size >= 10, `only ${[...reasons].join(', ')}`);
  });

  it('agrees, rule by rule, on generated lookalike tenants, bad hosts and bidi URLs', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    for (const seed of [1, 2, 3]) {
      const tenants = fc.sample(lookalikeTenantArb, { numRuns: 300, seed });
      const hosts = fc.sample(badHostUrlArb, { numRuns: 300, seed });
      const bidi = fc.sample(bidiUrlArb, { numRuns: 300, seed });
      const urls = [...hosts.map(([, url]) => url), ...bidi];
      const inNode = verdictsOf(tenants, urls, {
        validateTenantId,
        validateHttpsUrl,
        connectionInputSchema,
        clientAuditEventSchema,
      });
      const inChromium = (await page.evaluate(
        (t, u) =>
          (
            globalThis as unknown as { verdictsOf: (t: string[], u: string[]) => unknown }
          ).verdictsOf(t, u),
        tenants,
        urls,
      )) as typeof inNode;
      assert.deepEqual(inChromium, inNode, `seed ${seed}`);
      // Each rule gives its verdict on both sides: refused, with the code the policy names.
      inNode.tenants.forEach(([result], i) =>
        assert.equal((result as { ok: boolean }).ok, false, JSON.stringify(tenants[i])),
      );
      inNode.urls.forEach(([result], i) => {
        const rule = i < hosts.length ? (hosts[i]?.[0] ?? 'host') : 'bidi';
        assert.deepEqual(
          result,
          { ok: false, error: 'url-invalid' },
          `${rule}: ${JSON.stringify(urls[i])}`,
        );
      });
    }
  });

  it('agrees on consent callbacks at the edges, AADSTS codes, consent links and unknown wizard events', async () => {
    const part = fc.constantFrom(
      'True',
      'False',
      '',
      GUID,
      GUID.toUpperCase(),
      STATE,
      'x',
      'access_denied',
    );
    const names = fc.constantFrom(
      'admin_consent',
      'tenant',
      'state',
      'error',
      'error_description',
      'scope',
    );
    const queries = [
      ...fc.sample(
        fc
          .array(fc.tuple(names, fc.oneof(part, fc.string({ maxLength: 8 }))), { maxLength: 6 })
          .map((pairs) => new URLSearchParams(pairs).toString()),
        { numRuns: 600, seed: 41 },
      ),
      `admin_consent=True&tenant=${GUID}&state=${STATE}`,
      ...['openid', 'https://graph.microsoft.com/.default', 'a b'].map(
        (scope) =>
          `admin_consent=True&tenant=${GUID.toUpperCase()}&state=${STATE}&scope=${encodeURIComponent(scope)}`,
      ),
      `admin_consent=True&tenant=${GUID}&state=${STATE}&state=${STATE}`,
      `admin_consent=True&tenant=${GUID}&state=`,
      `admin_consent=True&tenant=00000000-0000-0000-0000-000000000000&state=${STATE}`,
      `admin_consent=True&tenant=9188040d-6c67-4c5b-b112-36a304b66dad&state=${STATE}`,
      `admin_consent=True&admin_consent=False&tenant=${GUID}&state=${STATE}`,
      `error=access_denied&admin_consent=True&tenant=${GUID}&state=${STATE}`,
    ];
    const texts = [
      ...fc.sample(
        fc
          .tuple(
            fc.string({ maxLength: 3 }),
            fc.integer({ min: 0, max: 99_999_999 }),
            fc.string({ maxLength: 3 }),
          )
          .map(([before, n, after]) => `${before}AADSTS${n}${after}`),
        { numRuns: 400, seed: 42 },
      ),
      'AADSTS7000229: missing service principal',
      'xAADSTS65001',
      'AADSTS65001x',
      'Error: AADSTS700016: app not found',
    ];
    const requests = [
      ...fc.sample(
        fc.record({
          tenantType: fc.oneof(
            fc.constantFrom('standard', 'gcc-high', '__proto__', 'dod'),
            fc.string(),
          ),
          tenantId: fc.oneof(fc.constant(GUID), fc.constant('contoso.com'), fc.string()),
          clientId: fc.oneof(fc.constant('11111111-2222-3333-4444-555555555555'), fc.string()),
          redirectUri: fc.oneof(
            fc.constantFrom(
              'https://console.example.com/cb',
              'https://user:pw@console.example.com/cb',
              'https://console.example.com@evil.example/cb',
              'javascript:alert(1)',
            ),
            fc.webUrl(),
          ),
          state: fc.oneof(fc.constant(STATE), fc.string()),
        }),
        { numRuns: 400, seed: 43 },
      ),
      ...(['standard', 'gcc-high'] as const).flatMap((tenantType) =>
        [
          GUID,
          'contoso.com',
          'contoso.onmicrosoft.us',
          GUID.toUpperCase(),
          'xn--mnchen-3ya.de',
        ].map((tenantId) => ({
          tenantType,
          tenantId,
          clientId: '11111111-2222-3333-4444-555555555555',
          redirectUri: 'https://console.example.com/azure/callback?x=1',
          state: STATE,
        })),
      ),
      null,
      42,
      { tenantType: 'standard' },
    ];
    const events = [
      ...fc.sample(
        fc.oneof(
          fc.record({
            type: fc.constantFrom('SELECT_TENANT_TYPE'),
            tenantType: fc.oneof(
              fc.string(),
              fc.constantFrom('standard', 'gcc-high', 'constructor'),
            ),
          }),
          fc.record({
            type: fc.constantFrom('EDIT_FIELD'),
            field: fc.constantFrom('tenantId', '__proto__', 'x'),
            value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          }),
          fc.record({
            type: fc.constantFrom('ADD', 'CANCEL', 'toString', 'RELOAD', 'CALLBACK'),
            params: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), fc.string())),
          }),
          fc.jsonValue(),
        ),
        { numRuns: 600, seed: 44 },
      ),
      null,
    ];
    const inNode = surfaceVerdictsOf(queries, texts, requests, events, {
      readConsentCallback,
      verifyConsentCallback,
      extractAadstsCode,
      buildConsentUrl,
      transition,
    });
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const inChromium = (await page.evaluate(
      (q, t, r, e) =>
        (
          globalThis as unknown as {
            surfaceVerdictsOf: (q: string[], t: string[], r: unknown[], e: unknown[]) => unknown;
          }
        ).surfaceVerdictsOf(q, t, r, e),
      queries,
      texts,
      requests,
      events,
    )) as typeof inNode;
    for (const key of ['callbacks', 'codes', 'links', 'events'] as const) {
      const differences = inNode[key].flatMap((verdict, i) =>
        JSON.stringify(verdict) === JSON.stringify(inChromium[key][i])
          ? []
          : [
              `${key} ${i}: Node ${JSON.stringify(verdict)}, Chromium ${JSON.stringify(inChromium[key][i])}`,
            ],
      );
      assert.deepEqual(differences, [], key);
    }
    // Both sides of each rule are reached.
    const verified = inNode.callbacks.filter(([, result]) => (result as { ok: boolean }).ok).length;
    assert.ok(verified >= 4 && verified < queries.length - 100, `${verified} callbacks verified`);
    const built = inNode.links.filter((link) => 'url' in link).length;
    assert.ok(built >= 10 && built < requests.length - 50, `${built} links built`);
    const accepted = inNode.events.filter(([verdict]) => verdict === 'accepted').length;
    assert.ok(accepted > 20 && accepted < events.length - 100, `${accepted} events accepted`);
    assert.ok(
      inNode.codes.some((code) => code !== null) && inNode.codes.some((code) => code === null),
    );
  });
});
