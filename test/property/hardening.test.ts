/**
 * Property tests of the second hardening round, one `describe` per rule:
 * - tenant IDs are case-folded in ASCII only: a Unicode lookalike (KELVIN SIGN, `İ`, `ſ`, `ı`,
 *   fullwidth forms) is refused, never read as the ASCII identifier it resembles;
 * - an accepted URL names a public DNS host (no empty, hyphen-edged or over-long label, two
 *   labels at least, no IP literal, no `localhost`, no port 0) and carries no bidirectional
 *   control, typed or percent-encoded; every generated breach of a rule is refused;
 * - `buildConsentUrl` throws only `ConsentUrlError`, whatever it is given, and every link it
 *   builds goes to the sign-in host of a cloud of `CLOUDS`;
 * - a callback with a duplicated or empty parameter is never accepted (a duplicated or empty
 *   `state` is a `state-mismatch`); a returned nil or personal-accounts tenant is a
 *   `tenant-mismatch`;
 * - an AADSTS code is read whole or not at all;
 * - an attempt, the tab's own included, ages out; the late callback of a manually confirmed
 *   attempt is `completed` once, any other message with its state a replay.
 */
import { expect } from '@open-wc/testing';
import fc, { type Arbitrary } from 'fast-check';
import {
  ATTEMPT_TTL_MS,
  answerAttempt,
  beginAttempt,
  classifyCallbackState,
  consumeAttempt,
} from '../../src/core/attempts.js';
import { CLOUDS } from '../../src/core/cloud.js';
import {
  ConsentUrlError,
  buildConsentUrl,
  extractAadstsCode,
  readConsentCallback,
  verifyConsentCallback,
} from '../../src/core/consent.js';
import { validateTenantId } from '../../src/core/tenant.js';
import { validateHttpsUrl } from '../../src/core/url.js';
import {
  BIDI_CONTROLS,
  NIL,
  PERSONAL,
  anyTextArb,
  badHostUrlArb,
  bidiUrlArb,
  consentStateArb,
  domainArb,
  guidArb,
  hardeningUrlArb,
  httpsUrlArb,
  lookalikeTenantArb,
  mutated,
  oracleTenant,
  padded,
  runs,
  checkedCases,
  tenantInputArb,
  tenantTypeArb,
} from './arbitraries.js';

const RUNS = runs(1000);

describe('property: tenant IDs are case-folded in ASCII only', () => {
  it('refuses a valid tenant ID with one character swapped for a Unicode lookalike', () => {
    fc.assert(
      fc.property(padded(lookalikeTenantArb), (input) => {
        const result = validateTenantId(input);
        expect(result.ok, JSON.stringify(input)).to.be.false;
        expect(result).to.deep.equal(oracleTenant(input));
      }),
      RUNS,
    );
  });

  it('accepts only printable ASCII, whatever is typed', () => {
    fc.assert(
      fc.property(fc.oneof(tenantInputArb, lookalikeTenantArb, anyTextArb), (input) => {
        const result = validateTenantId(input);
        if (result.ok) expect(/^[\x21-\x7e]+$/.test(result.value), result.value).to.be.true;
      }),
      RUNS,
    );
  });
});

/** An independent reading of the host policy, with plain string code. */
function oracleIsPublicHost(hostname: string): boolean {
  if (hostname.length > 253) return false;
  const labels = hostname.split('.');
  if (labels.length < 2) return false;
  const ok = labels.every((label) => {
    if (label.length < 1 || label.length > 63) return false;
    if (label.startsWith('-') || label.endsWith('-')) return false;
    return [...label].every((c) => 'abcdefghijklmnopqrstuvwxyz0123456789-'.includes(c));
  });
  const tld = labels[labels.length - 1] ?? '';
  const tldOk =
    tld.startsWith('xn--') ||
    (tld.length >= 2 && [...tld].every((c) => 'abcdefghijklmnopqrstuvwxyz'.includes(c)));
  return ok && tldOk && tld !== 'localhost';
}

describe('property: URLs name a public host and read as what they are', () => {
  it('an accepted URL has a public DNS host, a port other than 0, no bidi control', () => {
    const arb = fc.oneof(
      { weight: 3, arbitrary: httpsUrlArb },
      { weight: 1, arbitrary: mutated(httpsUrlArb) },
      { weight: 1, arbitrary: hardeningUrlArb },
      { weight: 1, arbitrary: anyTextArb },
    );
    const checked = checkedCases(RUNS);
    fc.assert(
      fc.property(arb, (input) => {
        const result = validateHttpsUrl(input);
        if (!result.ok || result.value === undefined) return;
        checked.reached();
        const url = new URL(result.value);
        expect(oracleIsPublicHost(url.hostname), url.hostname).to.be.true;
        expect(url.port).not.to.equal('0');
        for (const char of BIDI_CONTROLS) {
          expect(input.includes(char)).to.be.false;
          expect(result.value.toLowerCase().includes(encodeURIComponent(char).toLowerCase())).to.be
            .false;
        }
        // Stored and shown in the WHATWG serialisation.
        expect(result.value).to.equal(url.href);
      }),
      RUNS,
    );
    checked.expectReached(0.5);
  });

  it('refuses every generated breach of the host policy as url-invalid', () => {
    fc.assert(
      fc.property(badHostUrlArb, ([rule, input]) => {
        expect(validateHttpsUrl(input), `${rule}: ${input}`).to.deep.equal({
          ok: false,
          error: 'url-invalid',
        });
      }),
      RUNS,
    );
  });

  it('refuses a bidirectional control anywhere, typed or percent-encoded', () => {
    fc.assert(
      fc.property(bidiUrlArb, (input) => {
        expect(validateHttpsUrl(input).ok, JSON.stringify(input)).to.be.false;
      }),
      RUNS,
    );
  });
});

const CLOUD_HOSTS = Object.values(CLOUDS).map((cloud) => cloud.loginHost);

describe('property: buildConsentUrl throws only ConsentUrlError and links only to a cloud', () => {
  const partArb = (valid: Arbitrary<unknown>) =>
    fc.oneof(
      { weight: 3, arbitrary: valid },
      { weight: 1, arbitrary: fc.anything() },
      { weight: 1, arbitrary: anyTextArb },
      {
        weight: 1,
        arbitrary: fc.nat({ max: 100_000 }).map((n) => 'a'.repeat(n)),
      },
    );
  /** Every part valid, so that links are built and their checks reached. */
  const validRequestArb = fc.record({
    tenantType: tenantTypeArb,
    tenantId: fc.oneof(guidArb, domainArb),
    clientId: guidArb,
    redirectUri: fc.oneof(
      httpsUrlArb,
      fc.constantFrom('https://console.example.com/cb', 'http://localhost:3000/cb'),
    ),
    state: consentStateArb,
  });
  const requestArb = fc.oneof(
    { weight: 3, arbitrary: validRequestArb },
    fc.record({
      tenantType: fc.oneof(tenantTypeArb, fc.constantFrom('dod', '__proto__', 'constructor')),
      tenantId: partArb(fc.oneof(guidArb, domainArb, lookalikeTenantArb)),
      clientId: partArb(guidArb),
      redirectUri: partArb(
        fc.oneof(
          httpsUrlArb,
          httpsUrlArb.map((url) => url.replace('https://', 'https://user:pw@')),
          fc.constantFrom('https://console.example.com/cb', 'http://localhost:3000/cb'),
        ),
      ),
      state: partArb(consentStateArb),
    }),
    fc.anything(),
  );

  it('either builds a link to the sign-in host of the request cloud, or throws ConsentUrlError', () => {
    const checked = checkedCases(RUNS);
    fc.assert(
      fc.property(requestArb, (request) => {
        let href: string;
        try {
          href = buildConsentUrl(request as never);
        } catch (error) {
          expect(error, String(error)).to.be.instanceOf(ConsentUrlError);
          return;
        }
        checked.reached();
        const url = new URL(href);
        expect(url.protocol).to.equal('https:');
        expect(CLOUD_HOSTS).to.include(url.host);
        const tenantType = (request as { tenantType: keyof typeof CLOUDS }).tenantType;
        expect(url.host).to.equal(CLOUDS[tenantType].loginHost);
        expect(url.username + url.password).to.equal('');
        const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
        expect(redirect.username + redirect.password).to.equal('');
      }),
      RUNS,
    );
    checked.expectReached(0.5);
  });
});

const TENANT = '6a1e2f3d-4c5b-4a69-8877-665544332211';
const PARAMETERS = ['admin_consent', 'tenant', 'state', 'error', 'error_description'] as const;

describe('property: a consent callback is read whole or refused', () => {
  const caseArb = fc
    .record({
      state: consentStateArb,
      name: fc.constantFrom(...PARAMETERS),
      second: fc.oneof(fc.constant(null), fc.constant(''), anyTextArb),
      empty: fc.boolean(),
      order: fc.boolean(),
    })
    .filter(({ second, empty }) => empty || second !== null);

  it('never accepts a duplicated or empty parameter; a doubtful state is state-mismatch', () => {
    fc.assert(
      fc.property(caseArb, ({ state, name, second, empty, order }) => {
        const base = new URLSearchParams({ admin_consent: 'True', tenant: TENANT, state });
        const value = empty ? '' : (base.get(name) ?? 'x');
        const query = new URLSearchParams(base);
        if (empty || second === null) query.set(name, value);
        if (second !== null) {
          const pair = order ? [value, second] : [second, value];
          query.delete(name);
          for (const item of pair) query.append(name, item);
        }
        const params = readConsentCallback(query.toString());
        expect(params.ambiguous?.split(','), query.toString()).to.include(name);
        const result = verifyConsentCallback(params, { state, tenantId: TENANT });
        if (name === 'state') expect(result).to.deep.equal({ ok: false, reason: 'state-mismatch' });
        else expect(result.ok, query.toString()).to.be.false;
      }),
      RUNS,
    );
  });

  it('refuses a returned nil or personal-accounts tenant, whatever was entered', () => {
    const arb = fc.record({
      state: consentStateArb,
      returned: padded(fc.mixedCase(fc.constantFrom(NIL, PERSONAL))),
      entered: fc.oneof(guidArb, domainArb, fc.constantFrom(NIL, PERSONAL)),
    });
    fc.assert(
      fc.property(arb, ({ state, returned, entered }) => {
        const result = verifyConsentCallback(
          { adminConsent: 'True', tenant: returned, state },
          { state, tenantId: entered },
        );
        expect(result).to.deep.equal({ ok: false, reason: 'tenant-mismatch' });
      }),
      RUNS,
    );
  });
});

describe('property: an AADSTS code is read whole or not at all', () => {
  const digitsArb = fc.string({
    unit: fc.constantFrom(...'0123456789'),
    minLength: 1,
    maxLength: 10,
  });
  const glueArb = fc.constantFrom(...'aZ09_x');
  /** After the code a digit would only make a longer number: glue with anything else. */
  const trailingGlueArb = fc.constantFrom(...'aZ_x');
  const separatorArb = fc.constantFrom(' ', ':', '(', ')', '.', ',', '-', '\n');

  it('finds exactly the code between separators, and never a glued or cut one', () => {
    fc.assert(
      fc.property(
        digitsArb,
        fc.option(glueArb),
        fc.option(trailingGlueArb),
        separatorArb,
        separatorArb,
        (digits, before, after, left, right) => {
          const code = `AADSTS${digits}`;
          const text = `x${left}${before ?? ''}${code}${after ?? ''}${right}y`;
          const found = extractAadstsCode(text);
          const whole =
            before === null && after === null && digits.length >= 5 && digits.length <= 7;
          expect(found, text).to.equal(whole ? code : undefined);
        },
      ),
      RUNS,
    );
  });
});

describe('property: attempts age out, and a late own callback is not a replay', () => {
  const now = new Date('2026-11-27T10:00:00.000Z');
  const stateArb = consentStateArb;

  it('a pending attempt, own or not, is stale exactly once older than the time limit', () => {
    fc.assert(
      fc.property(stateArb, fc.nat({ max: 3 * ATTEMPT_TTL_MS }), (state, age) => {
        const records = beginAttempt([], state, now);
        const at = new Date(now.getTime() + age);
        expect(classifyCallbackState(records, state, at)).to.equal(
          age > ATTEMPT_TTL_MS ? 'stale' : 'pending',
        );
      }),
      RUNS,
    );
  });

  it('after a manual Confirm, the first late message is completed, any other a replay', () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.nat({ max: 2 * ATTEMPT_TTL_MS }),
        fc.uuid(),
        fc.uuid(),
        (state, age, first, second) => {
          fc.pre(first !== second);
          let records = consumeAttempt(beginAttempt([], state, now), state, { via: 'manual' });
          const at = new Date(now.getTime() + age);
          const fresh = age <= ATTEMPT_TTL_MS;
          expect(classifyCallbackState(records, state, at, first)).to.equal(
            fresh ? 'completed' : 'used',
          );
          records = answerAttempt(records, state, first);
          expect(classifyCallbackState(records, state, at, first)).to.equal('completed');
          expect(classifyCallbackState(records, state, at, second)).to.equal('used');
        },
      ),
      RUNS,
    );
  });
});
