/**
 * Property tests of the admin-consent link and callback (`buildConsentUrl`, `isConsentUrlFor`,
 * `verifyConsentCallback`):
 * - for valid parts, the link is recognised as a consent link for its tenant type and never for
 *   the other one, carries the normalised tenant, client ID, state and redirect URI, and is a
 *   safe https URL;
 * - with exactly one invalid part it throws a ConsentUrlError naming that part; with arbitrary
 *   parts it either builds a link or throws a ConsentUrlError (never another error), and builds
 *   one exactly when an independent oracle says every part is valid;
 * - a callback is never accepted when it carries a non-empty `error`, when its `state` differs,
 *   when `admin_consent` is not "true", or with a tenant other than the GUID entered; a
 *   well-formed success callback is accepted.
 */
import { expect } from '@open-wc/testing';
import fc, { type Arbitrary } from 'fast-check';
import { CLOUDS, type TenantType } from '../../src/core/cloud.js';
import {
  ConsentUrlError,
  buildConsentUrl,
  isConsentUrlFor,
  verifyConsentCallback,
  type ConsentCallbackParams,
  type ConsentRequest,
  type ExpectedConsent,
} from '../../src/core/consent.js';
import { isSafeHttpsUrl } from '../../src/core/url.js';
import {
  anyTextArb,
  consentStateArb,
  domainArb,
  guidArb,
  httpsUrlArb,
  inAnyCase,
  mutated,
  oracleIsConsentState,
  oracleIsLowerGuid,
  oracleIsRedirectUri,
  oracleTenant,
  padded,
  tenantInputArb,
  tenantTypeArb,
  runs,
  checkedCases,
} from './arbitraries.js';

const RUNS = runs(2000);

function otherType(tenantType: TenantType): TenantType {
  return tenantType === 'standard' ? 'gcc-high' : 'standard';
}

const validTenantArb = padded(fc.mixedCase(fc.oneof(guidArb, domainArb)));
const validClientIdArb = padded(fc.mixedCase(guidArb));
const validRedirectArb: Arbitrary<string> = fc.oneof(
  httpsUrlArb,
  fc
    .tuple(
      fc.constantFrom('localhost', '127.0.0.1', 'LOCALHOST'),
      fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      fc.webPath(),
    )
    .map(([host, port, path]) => `http://${host}${port === undefined ? '' : `:${port}`}${path}`),
);

const validRequestArb: Arbitrary<ConsentRequest> = fc.record({
  tenantType: tenantTypeArb,
  tenantId: validTenantArb,
  clientId: validClientIdArb,
  redirectUri: validRedirectArb,
  state: consentStateArb,
});

const invalidTenantArb = tenantInputArb.filter((value) => !oracleTenant(value).ok);
const invalidClientIdArb = fc
  .oneof(anyTextArb, mutated(guidArb), fc.constant('00000000-0000-0000-0000-00000000000g'))
  .filter((value) => !oracleIsLowerGuid(value.trim().toLowerCase()));
const invalidRedirectArb = fc
  .oneof(
    anyTextArb,
    mutated(httpsUrlArb),
    httpsUrlArb.map((url) => url.replace(/^https:/, 'http:')),
    fc.constantFrom(
      'javascript:alert(1)',
      'data:text/html,x',
      '/relative/callback',
      'http://localhost.evil.com/cb',
      'http://[::1]/cb',
    ),
  )
  .filter((value) => !oracleIsRedirectUri(value));
const invalidStateArb = fc
  .oneof(anyTextArb, mutated(consentStateArb), fc.string({ maxLength: 15 }))
  .filter((value) => !oracleIsConsentState(value));

type Part = 'tenantId' | 'clientId' | 'redirectUri' | 'state';
const INVALID: Record<Part, Arbitrary<string>> = {
  tenantId: invalidTenantArb,
  clientId: invalidClientIdArb,
  redirectUri: invalidRedirectArb,
  state: invalidStateArb,
};

function expectConsentUrlError(request: ConsentRequest): ConsentUrlError {
  try {
    buildConsentUrl(request);
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(ConsentUrlError);
    return error as ConsentUrlError;
  }
  expect.fail(`no error for ${JSON.stringify(request)}`);
}

describe('property: buildConsentUrl and isConsentUrlFor', () => {
  it('builds, for valid parts, a consent link of its own cloud only, with every part in it', () => {
    fc.assert(
      fc.property(validRequestArb, (request) => {
        const href = buildConsentUrl(request);
        expect(isConsentUrlFor(href, request.tenantType), href).to.be.true;
        expect(isConsentUrlFor(href, otherType(request.tenantType)), href).to.be.false;
        const url = new URL(href);
        expect(url.href).to.equal(href);
        expect(url.host).to.equal(CLOUDS[request.tenantType].loginHost);
        const tenant = request.tenantId.trim().toLowerCase();
        expect(url.pathname).to.equal(`/${tenant}/adminconsent`);
        expect(url.searchParams.get('client_id')).to.equal(request.clientId.trim().toLowerCase());
        expect(url.searchParams.get('state')).to.equal(request.state);
        expect(url.searchParams.get('redirect_uri')).to.equal(request.redirectUri);
        if (href.length <= 2048) expect(isSafeHttpsUrl(href), href).to.be.true;
      }),
      RUNS,
    );
  });

  it('throws a ConsentUrlError naming the one invalid part', () => {
    const arb = fc
      .tuple(validRequestArb, fc.constantFrom<Part>('tenantId', 'clientId', 'redirectUri', 'state'))
      .chain(([request, part]) =>
        INVALID[part].map((bad) => ({ part, request: { ...request, [part]: bad } })),
      );
    fc.assert(
      fc.property(arb, ({ part, request }) => {
        expect(expectConsentUrlError(request).part).to.equal(part);
      }),
      RUNS,
    );
  });

  it('on arbitrary parts, builds a link exactly when every part is valid, else a ConsentUrlError', () => {
    const arb: Arbitrary<ConsentRequest> = fc.record({
      tenantType: tenantTypeArb,
      tenantId: fc.oneof(validTenantArb, invalidTenantArb),
      clientId: fc.oneof(validClientIdArb, invalidClientIdArb),
      redirectUri: fc.oneof(validRedirectArb, invalidRedirectArb),
      state: fc.oneof(consentStateArb, invalidStateArb),
    });
    fc.assert(
      fc.property(arb, (request) => {
        const valid =
          oracleTenant(request.tenantId).ok &&
          oracleIsLowerGuid(request.clientId.trim().toLowerCase()) &&
          oracleIsRedirectUri(request.redirectUri) &&
          oracleIsConsentState(request.state);
        if (valid) expect(isConsentUrlFor(buildConsentUrl(request), request.tenantType)).to.be.true;
        else expectConsentUrlError(request);
      }),
      RUNS,
    );
  });

  it('recognises no link on another host, scheme or path, and never throws', () => {
    // Links built for the tenant type they are checked against, as they are or mutated, reach
    // the checks; anything else must be refused without throwing.
    const linkArb = validRequestArb.map((request) => ({
      value: buildConsentUrl(request),
      tenantType: request.tenantType,
    }));
    const arb = fc.oneof(
      { weight: 3, arbitrary: linkArb },
      {
        weight: 2,
        arbitrary: linkArb.chain(({ value, tenantType }) =>
          mutated(fc.constant(value)).map((mutant) => ({ value: mutant, tenantType })),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          value: fc.oneof(
            anyTextArb,
            fc.anything(),
            mutated(validRequestArb.map((request) => buildConsentUrl(request))),
            fc.webUrl({ withQueryParameters: true }),
          ),
          tenantType: tenantTypeArb,
        }),
      },
    );
    const checked = checkedCases(RUNS);
    fc.assert(
      fc.property(arb, ({ value, tenantType }) => {
        if (!isConsentUrlFor(value, tenantType)) return;
        checked.reached();
        const url = new URL(value as string);
        expect(url.protocol).to.equal('https:');
        expect(url.host).to.equal(CLOUDS[tenantType].loginHost);
        expect(url.username + url.password).to.equal('');
        const segments = url.pathname.split('/');
        expect(segments[0]).to.equal('');
        expect(segments[segments.length - 1]).to.equal('adminconsent');
      }),
      RUNS,
    );
    checked.expectReached(0.5);
  });
});

/** A callback built around what the attempt expects: each field matching, altered or absent. */
interface CallbackCase {
  readonly expected: ExpectedConsent;
  readonly params: ConsentCallbackParams;
}

const expectedArb: Arbitrary<ExpectedConsent> = fc.record({
  state: fc.oneof(consentStateArb, anyTextArb),
  tenantId: fc.oneof(guidArb, domainArb, padded(fc.mixedCase(guidArb)), anyTextArb),
});

const callbackCaseArb: Arbitrary<CallbackCase> = expectedArb.chain((expected) => {
  const guidEntered = oracleIsLowerGuid(expected.tenantId.trim().toLowerCase());
  const state = fc.oneof(
    { weight: 4, arbitrary: fc.constant(expected.state) },
    { weight: 1, arbitrary: mutated(fc.constant(expected.state)) },
    { weight: 1, arbitrary: fc.oneof(consentStateArb, anyTextArb) },
  );
  const tenant = fc.oneof(
    {
      weight: 3,
      arbitrary: guidEntered
        ? padded(fc.mixedCase(fc.constant(expected.tenantId.trim())))
        : fc.mixedCase(guidArb),
    },
    { weight: 1, arbitrary: fc.oneof(guidArb, domainArb, anyTextArb, mutated(guidArb)) },
  );
  const params = fc.record(
    {
      state,
      tenant,
      adminConsent: fc.oneof(
        { weight: 3, arbitrary: fc.mixedCase(fc.constant('true')) },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom('False', '1', 'yes', ''), anyTextArb) },
      ),
      error: fc.oneof(
        fc.constant(''),
        fc.constantFrom('access_denied', 'consent_required', 'invalid_request'),
        anyTextArb,
      ),
      errorDescription: fc.oneof(
        anyTextArb,
        fc.constantFrom('AADSTS65004: The user declined.', 'AADSTS90038: wrong cloud'),
      ),
    },
    { requiredKeys: [] },
  );
  return params.map((p) => ({ expected, params: p }));
});

/** A well-formed success callback for the attempt, and the tenant it must yield. */
const successCaseArb = fc
  .record({
    state: consentStateArb,
    entered: fc.oneof(guidArb, domainArb),
    returned: guidArb,
    error: fc.constantFrom(undefined, ''),
  })
  .chain((c) =>
    fc
      .tuple(
        inAnyCase(fc.constant(c.entered)),
        inAnyCase(fc.constant(oracleIsLowerGuid(c.entered) ? c.entered : c.returned)),
        fc.mixedCase(fc.constant('true')),
      )
      .map(([[, entered], [tenant, returned], adminConsent]) => ({
        expected: { state: c.state, tenantId: entered },
        params: { state: c.state, tenant: returned, adminConsent, error: c.error },
        tenant,
      })),
  );

describe('property: verifyConsentCallback', () => {
  it('never accepts an error, another state, no grant, or another tenant than entered', () => {
    const checked = checkedCases(RUNS);
    fc.assert(
      // Two cases in three are well-formed successes, so that most reach the checks of an accepted
      // callback; the others alter, drop or replace any field.
      fc.property(
        fc.oneof(
          { weight: 1, arbitrary: callbackCaseArb },
          { weight: 2, arbitrary: successCaseArb },
        ),
        ({ expected, params }) => {
          const result = verifyConsentCallback(params, expected);
          // A usable state is 16 to 128 URL-safe characters; an empty or short one never matches.
          if (params.state !== expected.state || !/^[A-Za-z0-9_-]{16,128}$/.test(expected.state)) {
            expect(result).to.deep.equal({ ok: false, reason: 'state-mismatch' });
          } else if (params.error !== undefined && params.error !== '') {
            expect(result.ok).to.be.false;
            expect(result.ok ? undefined : result.reason).to.equal('error');
          }
          if (!result.ok) return;
          checked.reached();
          expect(params.state).to.equal(expected.state);
          expect(params.error ?? '').to.equal('');
          expect(params.adminConsent?.toLowerCase()).to.equal('true');
          expect(oracleIsLowerGuid(result.tenant), result.tenant).to.be.true;
          expect(result.tenant).to.equal(params.tenant?.trim().toLowerCase());
          const entered = expected.tenantId.trim().toLowerCase();
          if (oracleIsLowerGuid(entered)) expect(result.tenant).to.equal(entered);
        },
      ),
      RUNS,
    );
    checked.expectReached(0.5);
  });

  it('accepts a well-formed success callback for the attempt', () => {
    fc.assert(
      fc.property(successCaseArb, ({ expected, params, tenant }) => {
        expect(verifyConsentCallback(params, expected)).to.deep.equal({ ok: true, tenant });
      }),
      RUNS,
    );
  });
});
