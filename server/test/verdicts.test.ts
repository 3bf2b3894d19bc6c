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
  anyTextArb,
  httpsUrlArb,
  mutated,
  tenantInputArb,
} from '../../test/property/arbitraries.js';
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
];

const URLS = [
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
});
