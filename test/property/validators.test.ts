/**
 * Property tests of the field validators (`validateTenantId`, `validateHttpsUrl`,
 * `isSafeHttpsUrl`) on arbitrary text, generated identifiers and URLs, and mutations of them:
 * - neither validator ever throws;
 * - `validateTenantId` answers exactly what an independent oracle written from the domain notes
 *   answers (value or error code); accepted values are lower-case GUIDs or DNS names, never the
 *   multi-tenant aliases, the nil GUID or the personal-accounts tenant; normalisation is
 *   idempotent; generated GUIDs (any case) and domains are accepted and lower-cased;
 * - an accepted URL parses, is https, has no credentials, no whitespace, is printable ASCII,
 *   at most 2048 characters, and validates to itself; any other scheme is refused; a generated
 *   https URL is accepted; `isSafeHttpsUrl` agrees with `validateHttpsUrl` on any value.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { validateTenantId } from '../../src/core/tenant.js';
import { isSafeHttpsUrl, validateHttpsUrl } from '../../src/core/url.js';
import {
  MULTI,
  NIL,
  PERSONAL,
  anyTextArb,
  domainArb,
  guidArb,
  inAnyCase,
  httpsUrlArb,
  longDomainArb,
  mutated,
  oracleIsDomain,
  oracleIsLowerGuid,
  oracleTenant,
  padded,
  paddingArb,
  tenantInputArb,
  runs,
  checkedCases,
} from './arbitraries.js';

const RUNS = runs(2000);

describe('property: validateTenantId', () => {
  it('never throws, and answers what the oracle from the domain rules answers', () => {
    fc.assert(
      fc.property(tenantInputArb, (input) => {
        const result = validateTenantId(input);
        expect(result).to.deep.equal(oracleTenant(input));
      }),
      RUNS,
    );
  });

  it('accepts only lower-case GUIDs and DNS names, never the excluded identifiers', () => {
    const checked = checkedCases(RUNS);
    fc.assert(
      fc.property(acceptableTenantArb, (input) => {
        const result = validateTenantId(input);
        if (!result.ok) return;
        checked.reached();
        const value = result.value;
        expect(oracleIsLowerGuid(value) || oracleIsDomain(value), value).to.be.true;
        expect([...MULTI, NIL, PERSONAL]).not.to.include(value);
        expect(value).to.equal(value.trim().toLowerCase());
        expect(value.length).to.be.at.most(253);
      }),
      RUNS,
    );
    checked.expectReached(0.5);
  });

  it('is idempotent: an accepted value validates to itself', () => {
    const checked = checkedCases(RUNS);
    fc.assert(
      fc.property(acceptableTenantArb, (input) => {
        const result = validateTenantId(input);
        if (!result.ok) return;
        checked.reached();
        expect(validateTenantId(result.value)).to.deep.equal({ ok: true, value: result.value });
      }),
      RUNS,
    );
    checked.expectReached(0.5);
  });

  it('accepts any GUID in any case and padding, lower-cased', () => {
    fc.assert(
      fc.property(inAnyCase(guidArb), paddingArb, ([guid, input], pad) => {
        expect(validateTenantId(pad + input + pad)).to.deep.equal({ ok: true, value: guid });
      }),
      RUNS,
    );
  });

  it('accepts any generated domain name in any case and padding, lower-cased', () => {
    fc.assert(
      fc.property(inAnyCase(domainArb), paddingArb, ([domain, input], pad) => {
        expect(validateTenantId(pad + input + pad)).to.deep.equal({ ok: true, value: domain });
      }),
      RUNS,
    );
  });

  it('refuses names over 253 characters and accepts valid ones up to it', () => {
    fc.assert(
      fc.property(longDomainArb, (domain) => {
        const result = validateTenantId(domain);
        if (domain.length > 253)
          expect(result).to.deep.equal({ ok: false, error: 'tenant-too-long' });
        else expect(result).to.deep.equal({ ok: true, value: domain });
      }),
      RUNS,
    );
  });

  it('never throws on values that are not strings', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateTenantId(input);
        if (typeof input !== 'string')
          expect(result).to.deep.equal({ ok: false, error: 'tenant-required' });
      }),
      RUNS,
    );
  });
});

/** Mostly URL-shaped text: generated URLs, their mutations, credentials, odd schemes. */
/** For properties about accepted values: half the inputs are generated valid. */
const acceptableTenantArb = fc.oneof(
  tenantInputArb,
  padded(fc.mixedCase(fc.oneof(guidArb, domainArb))),
);

const urlInputArb = fc.oneof(
  anyTextArb,
  httpsUrlArb,
  padded(httpsUrlArb),
  mutated(httpsUrlArb),
  fc.webUrl({
    validSchemes: ['https', 'http', 'ftp', 'HTTPS', 'wss'],
    withQueryParameters: true,
    withFragments: true,
  }),
  fc
    .tuple(fc.webAuthority(), fc.string(), fc.string())
    .map(([host, user, password]) => `https://${user}:${password}@${host}/`),
  fc
    .tuple(fc.mixedCase(fc.constant('https')), fc.string({ unit: 'binary' }))
    .map(([s, rest]) => `${s}:${rest}`),
  fc
    .string({
      unit: fc.constantFrom('a', '/', '.', '%', '?', '#'),
      minLength: 2030,
      maxLength: 2060,
    })
    .map((path) => `https://contoso.com/${path}`),
);

/** Schemes that must never reach an `href`. */
const OTHER_SCHEMES = [
  'http',
  'javascript',
  'data',
  'ftp',
  'file',
  'vbscript',
  'blob',
  'ws',
  'wss',
  'mailto',
];

describe('property: validateHttpsUrl and isSafeHttpsUrl', () => {
  it('never throws; an accepted URL is a clean absolute https URL that validates to itself', () => {
    const checked = checkedCases(RUNS);
    fc.assert(
      fc.property(fc.oneof(urlInputArb, httpsUrlArb), (input) => {
        const result = validateHttpsUrl(input);
        if (!result.ok || result.value === undefined) return;
        checked.reached();
        const value = result.value;
        const url = new URL(value);
        expect(url.protocol).to.equal('https:');
        expect(url.username).to.equal('');
        expect(url.password).to.equal('');
        expect(url.hostname).not.to.equal('');
        expect(/\s/.test(value), value).to.be.false;
        expect(/^[\x21-\x7e]+$/.test(value), `printable ASCII: ${value}`).to.be.true;
        expect(value.length).to.be.at.most(2048);
        expect(validateHttpsUrl(value)).to.deep.equal({ ok: true, value });
      }),
      RUNS,
    );
    checked.expectReached(0.5);
  });

  it('treats blank input as "not set", and only blank input', () => {
    fc.assert(
      fc.property(fc.oneof(paddingArb, urlInputArb), (input) => {
        const result = validateHttpsUrl(input);
        const blank = input.trim() === '';
        if (blank) expect(result).to.deep.equal({ ok: true, value: undefined });
        else expect(result.ok && result.value === undefined).to.be.false;
      }),
      RUNS,
    );
  });

  it('refuses every other scheme, in any case, whatever follows', () => {
    const arb = fc.tuple(
      fc.oneof(fc.constant(''), fc.constantFrom(' ', '\u0001', '\u001f', '\u00a0')),
      fc.mixedCase(fc.constantFrom(...OTHER_SCHEMES)),
      fc.oneof(
        anyTextArb,
        fc.constantFrom('//contoso.com/', 'https://contoso.com/', 'alert(1)', '//user@contoso.com'),
        httpsUrlArb,
        httpsUrlArb.map((url) => url.replace(/^https:/, '')),
      ),
    );
    fc.assert(
      fc.property(arb, ([prefix, scheme, rest]) => {
        const input = `${prefix}${scheme}:${rest}`;
        const result = validateHttpsUrl(input);
        expect(result.ok, input).to.be.false;
        expect(isSafeHttpsUrl(input), input).to.be.false;
      }),
      RUNS,
    );
  });

  it('accepts a well-formed https URL without credentials', () => {
    fc.assert(
      fc.property(httpsUrlArb, (input) => {
        fc.pre(input.length <= 2048);
        const result = validateHttpsUrl(input);
        expect(result, input).to.deep.equal({ ok: true, value: new URL(input).href });
      }),
      RUNS,
    );
  });

  it('refuses credentials in any https URL', () => {
    const arb = fc
      .tuple(httpsUrlArb, fc.string({ minLength: 1 }), fc.option(fc.string()))
      .map(([url, user, password]) => {
        const parsed = new URL(url);
        parsed.username = user;
        if (password !== null) parsed.password = password;
        return parsed.href;
      });
    fc.assert(
      fc.property(arb, (input) => {
        expect(validateHttpsUrl(input).ok, input).to.be.false;
      }),
      RUNS,
    );
  });

  it('isSafeHttpsUrl agrees with validateHttpsUrl on any value', () => {
    fc.assert(
      fc.property(fc.oneof(urlInputArb, fc.anything()), (input) => {
        const result = validateHttpsUrl(input);
        expect(isSafeHttpsUrl(input)).to.equal(result.ok && result.value !== undefined);
      }),
      RUNS,
    );
  });
});
