import { expect } from '@open-wc/testing';
import {
  ConsentUrlError,
  buildConsentUrl,
  createConsentState,
  AMBIGUOUS_CALLBACK_ERROR,
  extractAadstsCode,
  isConsentUrlFor,
  readConsentCallback,
  verifyConsentCallback,
  type ConsentRequest,
} from '../../src/core/consent.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-123456789abc';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const STATE = 'Abc_def-123456789012345678901234567890123';
const REDIRECT = 'https://console.example.com/azure/callback?x=1';

function request(overrides: Partial<ConsentRequest> = {}): ConsentRequest {
  return {
    tenantType: 'standard',
    tenantId: TENANT,
    clientId: CLIENT,
    redirectUri: REDIRECT,
    state: STATE,
    ...overrides,
  };
}

function expectConsentUrlError(req: ConsentRequest, part: ConsentUrlError['part']): void {
  let thrown: unknown;
  try {
    buildConsentUrl(req);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected a ConsentUrlError on ${part}`).to.be.instanceOf(ConsentUrlError);
  const error = thrown as ConsentUrlError;
  expect(error.part).to.equal(part);
  expect(error.name).to.equal('ConsentUrlError');
  expect(error.message).to.be.a('string').and.not.equal('');
}

describe('core/consent', () => {
  describe('buildConsentUrl', () => {
    it('builds the Standard (commercial) admin-consent URL', () => {
      const url = new URL(buildConsentUrl(request()));
      expect(url.protocol).to.equal('https:');
      expect(url.host).to.equal('login.microsoftonline.com');
      expect(url.pathname).to.equal(`/${TENANT}/adminconsent`);
      expect(url.searchParams.get('client_id')).to.equal(CLIENT);
      expect(url.searchParams.get('state')).to.equal(STATE);
      expect(url.searchParams.get('redirect_uri')).to.equal(REDIRECT);
      expect([...url.searchParams.keys()]).to.have.members(['client_id', 'state', 'redirect_uri']);
      expect(url.username).to.equal('');
      expect(url.hash).to.equal('');
    });

    it('builds the GCC High admin-consent URL on the .us host', () => {
      const url = new URL(buildConsentUrl(request({ tenantType: 'gcc-high' })));
      expect(url.host).to.equal('login.microsoftonline.us');
      expect(url.pathname).to.equal(`/${TENANT}/adminconsent`);
      expect(url.searchParams.get('client_id')).to.equal(CLIENT);
      expect(url.searchParams.get('state')).to.equal(STATE);
      expect(url.searchParams.get('redirect_uri')).to.equal(REDIRECT);
    });

    it('normalises the tenant and client id but keeps the redirect URI exact', () => {
      const redirect = 'https://Console.Example.com:443/cb/?a=1&b=%20';
      const url = new URL(
        buildConsentUrl(
          request({
            tenantId: ` ${TENANT.toUpperCase()} `,
            clientId: ` ${CLIENT.replace('a', 'A')} `,
            redirectUri: redirect,
          }),
        ),
      );
      expect(url.pathname).to.equal(`/${TENANT}/adminconsent`);
      expect(url.searchParams.get('client_id')).to.equal(CLIENT);
      expect(url.searchParams.get('redirect_uri')).to.equal(redirect);
    });

    it('accepts a domain tenant', () => {
      const url = new URL(
        buildConsentUrl(request({ tenantId: 'contoso.onmicrosoft.us', tenantType: 'gcc-high' })),
      );
      expect(url.pathname).to.equal('/contoso.onmicrosoft.us/adminconsent');
    });

    it('is what isConsentUrlFor recognises for the same cloud only', () => {
      const standard = buildConsentUrl(request());
      const gcc = buildConsentUrl(request({ tenantType: 'gcc-high' }));
      expect(isConsentUrlFor(standard, 'standard')).to.be.true;
      expect(isConsentUrlFor(gcc, 'gcc-high')).to.be.true;
      expect(isConsentUrlFor(standard, 'gcc-high')).to.be.false;
      expect(isConsentUrlFor(gcc, 'standard')).to.be.false;
    });

    it('throws on a bad tenant, naming tenantId', () => {
      for (const tenantId of ['', 'common', '00000000-0000-0000-0000-000000000000', 'a/b']) {
        expectConsentUrlError(request({ tenantId }), 'tenantId');
      }
    });

    it('throws on a bad client id, naming clientId', () => {
      for (const clientId of ['', 'my-app', CLIENT.slice(1), `${CLIENT}&x=1`]) {
        expectConsentUrlError(request({ clientId }), 'clientId');
      }
    });

    it('throws on a non-https redirect URI, naming redirectUri', () => {
      for (const redirectUri of [
        'http://console.example.com/cb',
        'javascript:alert(1)',
        'ftp://console.example.com/cb',
        '/relative/cb',
        'not a url',
      ]) {
        expectConsentUrlError(request({ redirectUri }), 'redirectUri');
      }
    });

    it('allows http://localhost and http://127.0.0.1 redirects for development', () => {
      for (const redirectUri of ['http://localhost:8000/cb', 'http://127.0.0.1/cb']) {
        const url = new URL(buildConsentUrl(request({ redirectUri })));
        expect(url.searchParams.get('redirect_uri')).to.equal(redirectUri);
      }
    });

    it('throws on a short or unsafe state, naming state', () => {
      for (const state of ['', 'short', 'a'.repeat(15), 'a'.repeat(129), `${'a'.repeat(20)}&x`]) {
        expectConsentUrlError(request({ state }), 'state');
      }
    });

    it('refuses a redirect URI with a user name or password', () => {
      for (const redirectUri of [
        'https://user:pw@console.example.com/cb',
        'https://user@console.example.com/cb',
        'https://:pw@console.example.com/cb',
        'http://user@localhost/cb',
      ])
        expectConsentUrlError(request({ redirectUri }), 'redirectUri');
    });

    it('refuses a redirect URI over 2048 characters', () => {
      const redirectUri = `https://console.example.com/${'x'.repeat(2048)}`;
      expectConsentUrlError(request({ redirectUri }), 'redirectUri');
    });

    it('throws only ConsentUrlError on non-strings, objects and unknown clouds', () => {
      const bad = (value: unknown) => value as never;
      expectConsentUrlError(request({ tenantType: bad('dod') }), 'tenantType');
      expectConsentUrlError(request({ tenantType: bad('__proto__') }), 'tenantType');
      expectConsentUrlError(request({ tenantType: bad('toString') }), 'tenantType');
      expectConsentUrlError(request({ tenantId: bad(42) }), 'tenantId');
      expectConsentUrlError(request({ clientId: bad(null) }), 'clientId');
      expectConsentUrlError(request({ clientId: bad({ trim: () => CLIENT }) }), 'clientId');
      expectConsentUrlError(request({ redirectUri: bad(new URL(REDIRECT)) }), 'redirectUri');
      expectConsentUrlError(request({ state: bad(undefined) }), 'state');
      expectConsentUrlError(bad(null), 'tenantId');
      expectConsentUrlError(bad('x'), 'tenantId');
      const throwing = Object.defineProperty({ ...request() }, 'clientId', {
        get() {
          throw new Error('boom');
        },
      });
      expectConsentUrlError(throwing, 'clientId');
    });

    it('checks the tenant first when several parts are wrong', () => {
      expectConsentUrlError(request({ tenantId: 'common', clientId: 'x', state: '' }), 'tenantId');
    });
  });

  describe('createConsentState', () => {
    it('is URL-safe, 43 characters (256 bits) and usable as a state', () => {
      const state = createConsentState();
      expect(state).to.match(/^[A-Za-z0-9_-]+$/);
      expect(state.length).to.be.at.least(43);
      expect(() => buildConsentUrl(request({ state }))).not.to.throw();
    });

    it('is distinct across calls', () => {
      const states = new Set(Array.from({ length: 200 }, () => createConsentState()));
      expect(states.size).to.equal(200);
    });

    it('maps +, / to URL-safe characters and drops padding', () => {
      const fake = {
        getRandomValues<T extends ArrayBufferView | null>(array: T): T {
          if (array instanceof Uint8Array) array.fill(0xff);
          return array;
        },
      } as unknown as Crypto;
      const state = createConsentState(fake);
      expect(state).to.equal('_'.repeat(42) + '8');
      expect(state).not.to.contain('=');
    });
  });

  describe('isConsentUrlFor', () => {
    const good = `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}`;

    it('accepts v1 and v2 admin-consent URLs on the right host', () => {
      expect(isConsentUrlFor(good, 'standard')).to.be.true;
      expect(
        isConsentUrlFor(
          'https://login.microsoftonline.us/contoso.onmicrosoft.us/v2.0/adminconsent',
          'gcc-high',
        ),
      ).to.be.true;
    });

    it('rejects other hosts', () => {
      for (const value of [
        good.replace('login.microsoftonline.com', 'login.microsoftonline.com.evil.example'),
        good.replace('login.microsoftonline.com', 'evil.example'),
        good.replace('login.microsoftonline.com', 'login.microsoftonline.com:8443'),
        good.replace('login.microsoftonline.com', 'graph.microsoft.com'),
      ]) {
        expect(isConsentUrlFor(value, 'standard'), value).to.be.false;
      }
    });

    it('rejects the other cloud', () => {
      expect(isConsentUrlFor(good, 'gcc-high')).to.be.false;
    });

    it('rejects non-https schemes', () => {
      expect(isConsentUrlFor(good.replace('https:', 'http:'), 'standard')).to.be.false;
      expect(isConsentUrlFor('javascript:alert(1)//login.microsoftonline.com', 'standard')).to.be
        .false;
    });

    it('rejects credentials in the URL', () => {
      expect(
        isConsentUrlFor(good.replace('https://', 'https://user:pw@'), 'standard'),
        'user and password',
      ).to.be.false;
      expect(isConsentUrlFor(good.replace('https://', 'https://user@'), 'standard'), 'user').to.be
        .false;
      expect(isConsentUrlFor(good.replace('https://', 'https://:pw@'), 'standard'), 'password').to
        .be.false;
    });

    it('rejects other paths', () => {
      for (const path of [
        '/adminconsent',
        `/${TENANT}/oauth2/v2.0/authorize`,
        `/${TENANT}/x/adminconsent`,
        `/${TENANT}/adminconsent/extra`,
      ]) {
        expect(isConsentUrlFor(`https://login.microsoftonline.com${path}`, 'standard'), path).to.be
          .false;
      }
    });

    it('rejects non-strings and unparsable strings', () => {
      expect(isConsentUrlFor(undefined, 'standard')).to.be.false;
      expect(isConsentUrlFor(new URL(good), 'standard')).to.be.false;
      expect(isConsentUrlFor('not a url', 'standard')).to.be.false;
    });
  });

  describe('readConsentCallback', () => {
    it('reads every parameter from a query string', () => {
      expect(
        readConsentCallback(
          `?admin_consent=True&tenant=${TENANT}&state=${STATE}&error=e&error_description=d%20x`,
        ),
      ).to.deep.equal({
        adminConsent: 'True',
        tenant: TENANT,
        state: STATE,
        error: 'e',
        errorDescription: 'd x',
      });
    });

    it('reads a parameter given twice or empty as ambiguous, not as its first value', () => {
      expect(readConsentCallback(`?state=${STATE}&state=other-state-value-123`)).to.deep.equal({
        adminConsent: undefined,
        tenant: undefined,
        state: undefined,
        error: undefined,
        errorDescription: undefined,
        ambiguous: 'state',
      });
      const params = readConsentCallback(
        `admin_consent=True&admin_consent=False&tenant=&state=${STATE}&error=&error=`,
      );
      expect(params.ambiguous).to.equal('admin_consent,tenant,error');
      expect(params.adminConsent).to.equal(undefined);
      expect(params.tenant).to.equal(undefined);
      expect(params.state).to.equal(STATE);
      expect(readConsentCallback(`state=${STATE}&state=${STATE}`).ambiguous).to.equal('state');
      expect(readConsentCallback(`tenant=${TENANT}&scope=a&scope=b`).ambiguous).to.equal(undefined);
    });

    it('reads URLSearchParams and leaves missing parameters undefined', () => {
      const params = readConsentCallback(new URLSearchParams({ state: STATE }));
      expect(params.state).to.equal(STATE);
      expect(params.adminConsent).to.equal(undefined);
      expect(params.tenant).to.equal(undefined);
      expect(params.error).to.equal(undefined);
      expect(params.errorDescription).to.equal(undefined);
    });
  });

  describe('extractAadstsCode', () => {
    it('finds the code inside a description', () => {
      expect(extractAadstsCode('AADSTS65004: User declined to consent.')).to.equal('AADSTS65004');
      expect(extractAadstsCode('Error: AADSTS700016: Application not found')).to.equal(
        'AADSTS700016',
      );
    });
    it('returns undefined without a code', () => {
      expect(extractAadstsCode(undefined)).to.equal(undefined);
      expect(extractAadstsCode('Something failed')).to.equal(undefined);
      expect(extractAadstsCode('AADSTS12')).to.equal(undefined);
    });
    it('reads a code whole or not at all', () => {
      expect(extractAadstsCode('AADSTS7000229: missing service principal')).to.equal(
        'AADSTS7000229',
      );
      expect(extractAadstsCode('(AADSTS7000215)')).to.equal('AADSTS7000215');
      for (const text of [
        'xAADSTS65001',
        'AADSTS65001x',
        '1AADSTS65001',
        'AADSTS65001_',
        'AADSTS12345678',
        'aadsts65001',
      ])
        expect(extractAadstsCode(text), text).to.equal(undefined);
      expect(extractAadstsCode('xAADSTS65001 then AADSTS65004.')).to.equal('AADSTS65004');
      expect(extractAadstsCode(42 as never)).to.equal(undefined);
    });
  });

  describe('verifyConsentCallback', () => {
    const expected = { state: STATE, tenantId: TENANT };
    const verify = (query: string, exp = expected) =>
      verifyConsentCallback(readConsentCallback(query), exp);

    it('accepts a valid callback and returns the tenant', () => {
      expect(verify(`admin_consent=True&tenant=${TENANT}&state=${STATE}`)).to.deep.equal({
        ok: true,
        tenant: TENANT,
      });
    });

    it('accepts admin_consent in any case and an upper-case tenant', () => {
      expect(
        verify(`admin_consent=true&tenant=${TENANT.toUpperCase()}&state=${STATE}`),
      ).to.deep.equal({ ok: true, tenant: TENANT });
    });

    it('refuses a wrong state', () => {
      expect(verify(`admin_consent=True&tenant=${TENANT}&state=${STATE}x`)).to.deep.equal({
        ok: false,
        reason: 'state-mismatch',
      });
      const sameLength = STATE.slice(0, -1) + (STATE.endsWith('3') ? '4' : '3');
      expect(verify(`admin_consent=True&tenant=${TENANT}&state=${sameLength}`)).to.deep.equal({
        ok: false,
        reason: 'state-mismatch',
      });
    });

    it('refuses a missing or empty state', () => {
      expect(verify(`admin_consent=True&tenant=${TENANT}`)).to.deep.equal({
        ok: false,
        reason: 'state-mismatch',
      });
      expect(verify(`admin_consent=True&tenant=${TENANT}&state=`)).to.deep.equal({
        ok: false,
        reason: 'state-mismatch',
      });
    });

    it('checks the state before reporting an error', () => {
      expect(verify('error=access_denied&state=forged-state-value-123')).to.deep.equal({
        ok: false,
        reason: 'state-mismatch',
      });
    });

    it('treats error with admin_consent=True as a failure and extracts the AADSTS code', () => {
      const result = verify(
        `admin_consent=True&tenant=${TENANT}&state=${STATE}&error=consent_required&error_description=${encodeURIComponent('AADSTS65001: The user or administrator has not consented.')}`,
      );
      expect(result).to.deep.equal({
        ok: false,
        reason: 'error',
        error: 'consent_required',
        aadsts: 'AADSTS65001',
      });
    });

    it('reports an error without a code', () => {
      expect(verify(`state=${STATE}&error=access_denied`)).to.deep.equal({
        ok: false,
        reason: 'error',
        error: 'access_denied',
        aadsts: undefined,
      });
    });

    it('refuses a different tenant when a GUID was entered', () => {
      expect(verify(`admin_consent=True&tenant=${OTHER_TENANT}&state=${STATE}`)).to.deep.equal({
        ok: false,
        reason: 'tenant-mismatch',
      });
    });

    it('accepts any returned GUID when a domain was entered', () => {
      const domain = { state: STATE, tenantId: 'contoso.onmicrosoft.com' };
      expect(
        verify(`admin_consent=True&tenant=${OTHER_TENANT}&state=${STATE}`, domain),
      ).to.deep.equal({ ok: true, tenant: OTHER_TENANT });
    });

    it('refuses a non-GUID returned tenant even when a domain was entered', () => {
      const domain = { state: STATE, tenantId: 'contoso.onmicrosoft.com' };
      for (const tenant of ['contoso.onmicrosoft.com', 'common']) {
        expect(
          verify(`admin_consent=True&tenant=${tenant}&state=${STATE}`, domain),
          tenant,
        ).to.deep.equal({ ok: false, reason: 'tenant-mismatch' });
      }
      expect(verify(`admin_consent=True&state=${STATE}`, domain)).to.deep.equal({
        ok: false,
        reason: 'tenant-mismatch',
      });
    });

    it('reports not-granted when admin_consent is missing or not True', () => {
      expect(verify(`tenant=${TENANT}&state=${STATE}`)).to.deep.equal({
        ok: false,
        reason: 'not-granted',
      });
      expect(verify(`admin_consent=False&tenant=${TENANT}&state=${STATE}`)).to.deep.equal({
        ok: false,
        reason: 'not-granted',
      });
    });

    it('refuses the nil GUID and the personal-accounts tenant as tenant-mismatch', () => {
      const domain = { state: STATE, tenantId: 'contoso.onmicrosoft.com' };
      for (const tenant of [
        '00000000-0000-0000-0000-000000000000',
        '9188040d-6c67-4c5b-b112-36a304b66dad',
        '9188040D-6C67-4C5B-B112-36A304B66DAD',
      ]) {
        expect(
          verify(`admin_consent=True&tenant=${tenant}&state=${STATE}`, domain),
          tenant,
        ).to.deep.equal({ ok: false, reason: 'tenant-mismatch' });
        expect(
          verify(`admin_consent=True&tenant=${tenant}&state=${STATE}`, {
            state: STATE,
            tenantId: tenant,
          }),
          tenant,
        ).to.deep.equal({ ok: false, reason: 'tenant-mismatch' });
      }
    });

    it('refuses a duplicated or empty state as state-mismatch', () => {
      for (const query of [
        `admin_consent=True&tenant=${TENANT}&state=${STATE}&state=other-state-value-123`,
        `admin_consent=True&tenant=${TENANT}&state=${STATE}&state=${STATE}`,
        `admin_consent=True&tenant=${TENANT}&state=`,
      ])
        expect(verify(query), query).to.deep.equal({ ok: false, reason: 'state-mismatch' });
    });

    it('refuses any other duplicated or empty parameter as ambiguous (consent-error)', () => {
      const ambiguous = { ok: false, reason: 'error', error: AMBIGUOUS_CALLBACK_ERROR };
      for (const query of [
        `admin_consent=True&admin_consent=False&tenant=${TENANT}&state=${STATE}`,
        `admin_consent=True&admin_consent=True&tenant=${TENANT}&state=${STATE}`,
        `admin_consent=True&tenant=&state=${STATE}`,
        `admin_consent=True&tenant=${TENANT}&tenant=${OTHER_TENANT}&state=${STATE}`,
        `admin_consent=&tenant=${TENANT}&state=${STATE}`,
        `admin_consent=True&tenant=${TENANT}&state=${STATE}&error=`,
        `admin_consent=True&tenant=${TENANT}&state=${STATE}&error=a&error=b`,
        `admin_consent=True&tenant=${TENANT}&state=${STATE}&error_description=`,
      ])
        expect(verify(query), query).to.deep.equal(ambiguous);
      // Params built by hand carry no `ambiguous`: an empty `error` there means none.
      expect(
        verifyConsentCallback(
          { adminConsent: 'True', tenant: TENANT, state: STATE, error: '' },
          expected,
        ),
      ).to.deep.equal({ ok: true, tenant: TENANT });
      expect(
        verifyConsentCallback(
          { adminConsent: 'True', tenant: TENANT, state: STATE, ambiguous: 'scope' },
          expected,
        ),
      ).to.deep.equal(ambiguous);
    });
  });
});
