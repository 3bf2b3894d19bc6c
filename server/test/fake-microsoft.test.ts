/**
 * Self-tests of the fake Microsoft (test/support/fake-microsoft.ts), driven by the real
 * `ConfidentialClientApplication` of @azure/msal-node 7.2 over `system.networkClient`.
 *
 * What msal-node does with the token endpoint's answers (asserted below):
 * - It sends one `POST https://{login host}/{tenant}/oauth2/v2.0/token?client-request-id=...` per
 *   `acquireTokenByClientCredential({ skipCache: true })` and nothing else: both login hosts have
 *   built-in metadata, so no discovery GET. `result.tenantId` is '' (no id token): read `tid` and
 *   `roles` from `result.accessToken`.
 * - An error answer (JSON with `error`) → `ServerError` (also `instanceof AuthError`):
 *   `errorCode` = OAuth `error` ('invalid_client'), `errorNo` = `error_codes[0]` as a number
 *   (7000215), `status` = HTTP status, `subError` = `suberror` or '', `correlationId` = the
 *   request's client-request-id, `errorMessage` = 'Error(s): 7000215 - Timestamp: ... -
 *   Description: AADSTS7000215: ... - Correlation ID: ... - Trace ID: ...', `message` =
 *   `${errorCode}: ${errorMessage}`.
 * - 429, 5xx, or any failure carrying Retry-After: the first call throws the ServerError above.
 *   msal then throttles that request (same app instance, authority and scopes) for Retry-After
 *   seconds (60 s if absent, at most 3600) even with `skipCache`: the next call sends nothing and
 *   throws `ServerError` with `errorCode` = the `error_codes` joined by ' ' ('50196', '' if none),
 *   `errorNo` and `status` undefined, `errorMessage` = the raw `error_description`. msal never
 *   reports the Retry-After value itself.
 * - A body that is not JSON (any status): `AuthError` (not ServerError), `errorCode`
 *   'token_parsing_error', message 'token_parsing_error: Failed to parse response: Unexpected
 *   token ...'. That is msal's own HttpClient, which the fake imitates; nothing is throttled.
 * - A 200 whose `access_token` is not a JWT, has another `tid`, or has no `roles`: msal returns it
 *   as is. A 200 without `access_token` gives `accessToken` '' and `expiresOn` null.
 * - A failed connection: `AuthError` 'network_error' ('Network request failed: ...'). Anything
 *   that is not an AuthError thrown by the network module (the fake's refusal of a foreign host)
 *   becomes `ClientAuthError` 'network_error' with a generic message.
 */
import assert from 'node:assert/strict';
import { X509Certificate, constants, createPrivateKey, sign } from 'node:crypto';
import { after, afterEach, describe, test } from 'node:test';
import {
  AuthError,
  ClientAuthError,
  ConfidentialClientApplication,
  ServerError,
  type AuthenticationResult,
  type NodeAuthOptions,
} from '@azure/msal-node';
import { makeCertificate, type TestCertificate } from './support/certificates.js';
import {
  FAKE_CLOUDS,
  FAKE_HOSTS,
  accessTokenClaims,
  createFakeMicrosoft,
  graphError,
  makeToken,
  networkFailure,
  tokenAnswer,
  tokenError,
  type Cloud,
  type FakeMicrosoft,
  type FakeMicrosoftOptions,
  type FakePartner,
} from './support/fake-microsoft.js';

const TENANT = {
  standard: '6a1e2f3d-4c5b-4a69-8877-665544332211',
  'gcc-high': '0b7c5e2a-91d4-4f3e-a6b8-3c2d1e0f9a8b',
};
const DOMAIN = { standard: 'contoso.onmicrosoft.com', 'gcc-high': 'fabrikam.onmicrosoft.us' };
/** A standard tenant where nobody consented. */
const BARE_TENANT = 'd4c3b2a1-0f9e-4d8c-b7a6-958473625140';
const SECRET_APP = {
  standard: '1c0ffee0-aaaa-4bbb-8ccc-000000000001',
  'gcc-high': '1c0ffee0-aaaa-4bbb-8ccc-000000000002',
};
const CERT_APP = {
  standard: '2c0ffee0-aaaa-4bbb-8ccc-000000000001',
  'gcc-high': '2c0ffee0-aaaa-4bbb-8ccc-000000000002',
};
const SECRET = 'fake~secret.value';
const READ = 'DeviceManagementServiceConfig.Read.All';
const CLOUDS: readonly Cloud[] = ['standard', 'gcc-high'];

const PARTNERS: FakePartner[] = [
  {
    id: 'c1e7a9b0-0000-4000-8000-000000000001',
    displayName: 'Acme MDM',
    partnerState: 'enabled',
    lastHeartbeatDateTime: '2025-01-02T03:04:05Z',
    iosOnboarded: true,
    androidOnboarded: true,
    macOsOnboarded: false,
  },
  {
    displayName: 'Old MDM',
    partnerState: 'terminated',
    lastHeartbeatDateTime: null,
    iosOnboarded: false,
    androidOnboarded: false,
    macOsOnboarded: false,
  },
];

const certificate = makeCertificate('fake-microsoft-app');
const otherCertificate = makeCertificate('fake-microsoft-unregistered');

const fakes: FakeMicrosoft[] = [];
after(() => fakes.forEach((fake) => fake.close()));
// Whatever a test does, nothing is sent to a host that is not a Microsoft login or Graph host,
// unless the test says so (`allowForeign`).
const allowForeign = new Set<FakeMicrosoft>();
afterEach(() => {
  for (const fake of fakes) {
    if (allowForeign.has(fake)) continue;
    const foreign = fake.requests.filter((r) => !FAKE_HOSTS.has(r.host));
    assert.deepEqual(foreign, [], 'requests to a foreign host');
  }
});

/** A fake with an app of each kind in each cloud, and a consenting tenant in each. */
function world(options?: FakeMicrosoftOptions): FakeMicrosoft {
  const fake = createFakeMicrosoft(options);
  fakes.push(fake);
  for (const cloud of CLOUDS) {
    fake.addApp({ cloud, clientId: SECRET_APP[cloud], secret: SECRET });
    fake.addApp({ cloud, clientId: CERT_APP[cloud], certificatePem: certificate.certificatePem });
    fake.addTenant({
      cloud,
      guid: TENANT[cloud],
      domains: [DOMAIN[cloud]],
      consents: { [SECRET_APP[cloud]]: [READ], [CERT_APP[cloud]]: [READ, 'Directory.Read.All'] },
      partners: PARTNERS,
    });
  }
  fake.addTenant({ cloud: 'standard', guid: BARE_TENANT, domains: ['bare.onmicrosoft.com'] });
  return fake;
}

type Credential = Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate'>;
const secret = (value = SECRET): Credential => ({ clientSecret: value });
const cert = (c: TestCertificate = certificate, sha1 = false): Credential => ({
  clientCertificate: sha1
    ? { thumbprint: c.thumbprintSha1, privateKey: c.privateKeyPem }
    : { thumbprintSha256: c.thumbprintSha256, privateKey: c.privateKeyPem },
});

function client(
  fake: FakeMicrosoft,
  cloud: Cloud,
  tenant: string,
  clientId: string,
  credential: Credential,
  loginHost = FAKE_CLOUDS[cloud].loginHost,
): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: { clientId, authority: `https://${loginHost}/${tenant}`, ...credential },
    system: { networkClient: fake.network },
  });
}

async function acquire(
  app: ConfidentialClientApplication,
  scope: string,
): Promise<AuthenticationResult> {
  const result = await app.acquireTokenByClientCredential({ scopes: [scope], skipCache: true });
  assert.ok(result, 'msal returned null');
  return result;
}

/** What a promise rejected with (fails when it resolves). */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  assert.ok(payload, 'not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

const tokenPosts = (fake: FakeMicrosoft) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));

function assertServerError(
  error: unknown,
  expected: { error: string; aadsts: number; status: number },
): ServerError {
  assert.ok(error instanceof ServerError, `not a ServerError: ${String(error)}`);
  assert.equal(error.name, 'ServerError');
  assert.equal(error.errorCode, expected.error);
  assert.equal(error.errorNo, expected.aadsts);
  assert.equal(error.status, expected.status);
  assert.equal(error.subError, '');
  assert.match(error.errorMessage, new RegExp(`^Error\\(s\\): ${expected.aadsts} - Timestamp: `));
  assert.match(error.errorMessage, new RegExp(`Description: AADSTS${expected.aadsts}: `));
  assert.ok(error.message.startsWith(`${expected.error}: Error(s): ${expected.aadsts} `));
  return error;
}

describe('certificates', () => {
  test('are generated once per name, with the thumbprints msal takes', () => {
    assert.equal(makeCertificate('fake-microsoft-app'), certificate);
    assert.notEqual(otherCertificate.thumbprintSha256, certificate.thumbprintSha256);
    assert.match(certificate.thumbprintSha256, /^[0-9A-F]{64}$/);
    assert.match(certificate.thumbprintSha1, /^[0-9A-F]{40}$/);
    const x509 = new X509Certificate(certificate.certificatePem);
    assert.equal(x509.subject, 'CN=fake-microsoft-app');
    assert.ok(x509.checkPrivateKey(createPrivateKey(certificate.privateKeyPem)));
    assert.throws(() => makeCertificate('a/b'), /unsupported common name/);
  });
});

describe('token endpoint, through msal-node', () => {
  for (const cloud of CLOUDS) {
    const { loginHost, graphScope, graphResource } = FAKE_CLOUDS[cloud];

    test(`${cloud}: a secret gets a token; each skipCache call is one POST and nothing else`, async () => {
      const fake = world();
      const app = client(fake, cloud, TENANT[cloud], SECRET_APP[cloud], secret());
      const first = await acquire(app, graphScope);
      const second = await acquire(app, graphScope);
      assert.notEqual(first.accessToken, second.accessToken);
      assert.equal(first.tenantId, '', 'msal does not read tid for client credentials');
      const claims = claimsOf(first.accessToken);
      assert.equal(claims.tid, TENANT[cloud]);
      assert.deepEqual(claims.roles, [READ]);
      assert.equal(claims.aud, graphResource);
      assert.equal(claims.appid, SECRET_APP[cloud]);
      assert.equal(claims.appidacr, '1');
      assert.equal(claims.ver, '1.0');
      assert.equal(claims.iss, FAKE_CLOUDS[cloud].issuerOf(TENANT[cloud]));
      assert.ok((claims.exp as number) > Date.now() / 1000 + 3000);

      assert.equal(fake.requests.length, 2);
      for (const request of fake.requests) {
        assert.equal(request.method, 'POST');
        assert.equal(request.host, loginHost);
        assert.equal(request.path, `/${TENANT[cloud]}/oauth2/v2.0/token`);
        assert.match(request.query['client-request-id'] ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(request.status, 200);
        assert.equal(request.form?.grant_type, 'client_credentials');
        assert.equal(request.form?.client_id, SECRET_APP[cloud]);
        assert.equal(request.form?.scope, graphScope);
        assert.equal(request.form?.client_secret, '[redacted]');
        assert.equal(request.form?.client_assertion, undefined);
      }
      assert.ok(!JSON.stringify(fake.requests).includes(SECRET), 'the secret is never recorded');
    });

    test(`${cloud}: a certificate (SHA-256 thumbprint: PS256, x5t#S256) gets a token`, async () => {
      const fake = world();
      const app = client(fake, cloud, TENANT[cloud], CERT_APP[cloud], cert());
      const result = await acquire(app, graphScope);
      const claims = claimsOf(result.accessToken);
      assert.equal(claims.tid, TENANT[cloud]);
      assert.deepEqual(claims.roles, [READ, 'Directory.Read.All']);
      assert.equal(claims.appidacr, '2');
      const [request] = fake.requests;
      assert.equal(fake.requests.length, 1);
      assert.equal(request?.host, loginHost);
      assert.equal(
        request?.form?.client_assertion_type,
        'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      );
      assert.equal(request?.form?.client_assertion, '[redacted]');
      assert.equal(request?.form?.client_secret, undefined);
    });

    test(`${cloud}: the tenant may be named by a domain`, async () => {
      const fake = world();
      const app = client(fake, cloud, DOMAIN[cloud].toUpperCase(), SECRET_APP[cloud], secret());
      const claims = claimsOf((await acquire(app, graphScope)).accessToken);
      assert.equal(claims.tid, TENANT[cloud]);
      // msal lower-cases the authority before sending.
      assert.equal(fake.requests[0]?.path, `/${DOMAIN[cloud]}/oauth2/v2.0/token`);
    });
  }

  test('a certificate with the legacy SHA-1 thumbprint (RS256, x5t) gets a token', async () => {
    const fake = world();
    const app = client(
      fake,
      'standard',
      TENANT.standard,
      CERT_APP.standard,
      cert(certificate, true),
    );
    const claims = claimsOf((await acquire(app, FAKE_CLOUDS.standard.graphScope)).accessToken);
    assert.equal(claims.tid, TENANT.standard);
  });

  test('consent may change: roles follow it, no roles means no claim, withdrawn is 7000229', async () => {
    const fake = world();
    const app = client(fake, 'standard', TENANT.standard, SECRET_APP.standard, secret());
    const scope = FAKE_CLOUDS.standard.graphScope;
    fake.setConsent(TENANT.standard, SECRET_APP.standard, []);
    assert.equal('roles' in claimsOf((await acquire(app, scope)).accessToken), false);
    fake.setConsent(TENANT.standard, SECRET_APP.standard.toUpperCase(), [
      'DeviceManagementServiceConfig.ReadWrite.All',
    ]);
    assert.deepEqual(claimsOf((await acquire(app, scope)).accessToken).roles, [
      'DeviceManagementServiceConfig.ReadWrite.All',
    ]);
    fake.setConsent(TENANT.standard, SECRET_APP.standard, null);
    assertServerError(await failure(acquire(app, scope)), {
      error: 'invalid_client',
      aadsts: 7000229,
      status: 400,
    });
    fake.removeTenant(TENANT.standard);
    assertServerError(await failure(acquire(app, scope)), {
      error: 'invalid_request',
      aadsts: 90002,
      status: 400,
    });
  });

  const std = FAKE_CLOUDS.standard;
  const refusals: {
    name: string;
    tenant?: string;
    clientId?: string;
    credential?: Credential;
    scope?: string;
    expected: { error: string; aadsts: number; status: number };
  }[] = [
    {
      name: 'an unknown tenant',
      tenant: '99999999-8888-4777-8666-555555555555',
      expected: { error: 'invalid_request', aadsts: 90002, status: 400 },
    },
    {
      name: 'an unknown domain',
      tenant: 'nobody.onmicrosoft.com',
      expected: { error: 'invalid_request', aadsts: 90002, status: 400 },
    },
    {
      name: 'a tenant of the other cloud',
      tenant: TENANT['gcc-high'],
      expected: { error: 'invalid_request', aadsts: 90038, status: 400 },
    },
    {
      name: 'a tenant name that is neither a GUID nor a domain',
      tenant: 'not_a_tenant',
      expected: { error: 'invalid_request', aadsts: 900023, status: 400 },
    },
    {
      name: 'an app of the other cloud',
      clientId: SECRET_APP['gcc-high'],
      expected: { error: 'unauthorized_client', aadsts: 700016, status: 400 },
    },
    {
      name: 'a wrong secret',
      credential: secret('wrong'),
      expected: { error: 'invalid_client', aadsts: 7000215, status: 401 },
    },
    {
      name: 'a secret for an app with only a certificate',
      clientId: CERT_APP.standard,
      expected: { error: 'invalid_client', aadsts: 7000215, status: 401 },
    },
    {
      name: 'a certificate that is not registered',
      clientId: CERT_APP.standard,
      credential: cert(otherCertificate),
      expected: { error: 'invalid_client', aadsts: 700027, status: 401 },
    },
    {
      name: 'a certificate for an app with only a secret',
      credential: cert(),
      expected: { error: 'invalid_client', aadsts: 700027, status: 401 },
    },
    {
      name: "the other cloud's Graph scope",
      scope: FAKE_CLOUDS['gcc-high'].graphScope,
      expected: { error: 'invalid_resource', aadsts: 500011, status: 400 },
    },
    {
      name: 'a scope that is not /.default',
      scope: 'https://graph.microsoft.com/DeviceManagementServiceConfig.Read.All',
      expected: { error: 'invalid_scope', aadsts: 1002012, status: 400 },
    },
    {
      name: 'a tenant without consent',
      tenant: BARE_TENANT,
      expected: { error: 'invalid_client', aadsts: 7000229, status: 400 },
    },
  ];
  for (const refusal of refusals) {
    test(`refuses ${refusal.name}: ServerError ${refusal.expected.error} AADSTS${refusal.expected.aadsts}`, async () => {
      const fake = world();
      const app = client(
        fake,
        'standard',
        refusal.tenant ?? TENANT.standard,
        refusal.clientId ?? SECRET_APP.standard,
        refusal.credential ?? secret(),
      );
      const error = assertServerError(
        await failure(acquire(app, refusal.scope ?? std.graphScope)),
        refusal.expected,
      );
      const [request] = fake.requests;
      assert.equal(fake.requests.length, 1);
      assert.equal(request?.host, std.loginHost);
      assert.equal(request?.status, refusal.expected.status);
      assert.equal(error.correlationId, request?.query['client-request-id']);
    });
  }
});

/** A client assertion signed with `c`'s key, for checks msal itself never gets wrong. */
function assertion(
  c: TestCertificate,
  claims: Record<string, unknown>,
  alg: 'PS256' | 'RS256' | 'HS256' = 'PS256',
): string {
  const thumbprint =
    alg === 'RS256'
      ? { x5t: Buffer.from(c.thumbprintSha1, 'hex').toString('base64url') }
      : { 'x5t#S256': Buffer.from(c.thumbprintSha256, 'hex').toString('base64url') };
  const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT', ...thumbprint })).toString(
    'base64url',
  );
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const data = Buffer.from(`${header}.${payload}`);
  const key =
    alg === 'PS256'
      ? {
          key: c.privateKeyPem,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        }
      : c.privateKeyPem;
  return `${header}.${payload}.${sign('sha256', data, key).toString('base64url')}`;
}

describe('token endpoint, client assertions checked one by one', () => {
  const { loginHost, graphScope } = FAKE_CLOUDS.standard;
  const endpoint = `https://${loginHost}/${TENANT.standard}/oauth2/v2.0/token`;
  const now = () => Math.floor(Date.now() / 1000);
  const good = () => ({
    aud: endpoint,
    iss: CERT_APP.standard,
    sub: CERT_APP.standard,
    exp: now() + 600,
    nbf: now(),
    jti: 'x',
  });
  const post = (fake: FakeMicrosoft, clientAssertion: string) =>
    fake.network.sendPostRequestAsync<Record<string, unknown>>(endpoint, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CERT_APP.standard,
        scope: graphScope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: clientAssertion,
      }).toString(),
    });

  test('a good assertion (PS256 or RS256; aud by GUID or domain) gets a token', async () => {
    const fake = world();
    for (const alg of ['PS256', 'RS256'] as const) {
      assert.equal((await post(fake, assertion(certificate, good(), alg))).status, 200);
    }
    const byDomain = {
      ...good(),
      aud: `https://${loginHost}/${DOMAIN.standard}/oauth2/v2.0/token`,
    };
    assert.equal((await post(fake, assertion(certificate, byDomain))).status, 200);
  });

  const bad: [string, () => string][] = [
    [
      'another audience',
      () =>
        assertion(certificate, {
          ...good(),
          aud: `https://${loginHost}/${BARE_TENANT}/oauth2/v2.0/token`,
        }),
    ],
    ['an expired assertion', () => assertion(certificate, { ...good(), exp: now() - 10 })],
    ['no expiry', () => assertion(certificate, { ...good(), exp: undefined })],
    ['another issuer', () => assertion(certificate, { ...good(), iss: SECRET_APP.standard })],
    ['another subject', () => assertion(certificate, { ...good(), sub: 'someone' })],
    ['an unregistered key', () => assertion(otherCertificate, good())],
    ['an unsupported algorithm', () => assertion(certificate, good(), 'HS256')],
    [
      'a tampered payload',
      () => {
        const [h, , s] = assertion(certificate, good()).split('.');
        const p = Buffer.from(JSON.stringify({ ...good(), exp: now() + 9999 })).toString(
          'base64url',
        );
        return `${h}.${p}.${s}`;
      },
    ],
    ['something that is not a JWT', () => 'not-a-jwt'],
  ];
  for (const [name, make] of bad) {
    test(`refuses ${name}: 401 invalid_client AADSTS700027`, async () => {
      const fake = world();
      const response = await post(fake, make());
      assert.equal(response.status, 401);
      assert.equal(response.body.error, 'invalid_client');
      assert.deepEqual(response.body.error_codes, [700027]);
      assert.match(
        String(response.body.error_description),
        /^AADSTS700027: .* Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
      );
      assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
    });
  }
});

describe('scripted token answers, through msal-node', () => {
  const { graphScope } = FAKE_CLOUDS.standard;
  const app = (fake: FakeMicrosoft, tenant = TENANT.standard) =>
    client(fake, 'standard', tenant, SECRET_APP.standard, secret());

  test('503 + Retry-After: ServerError, then msal throttles the same call without a request', async () => {
    const fake = world();
    fake.scriptToken(
      TENANT.standard,
      tokenError(50196, 'temporarily_unavailable', 'The server is busy.', 503, {
        'Retry-After': '30',
      }),
    );
    const cca = app(fake);
    assertServerError(await failure(acquire(cca, graphScope)), {
      error: 'temporarily_unavailable',
      aadsts: 50196,
      status: 503,
    });
    const throttled = await failure(acquire(cca, graphScope));
    assert.ok(throttled instanceof ServerError);
    assert.equal(throttled.errorCode, '50196', 'the error_codes, joined');
    assert.equal(throttled.errorNo, undefined);
    assert.equal(throttled.status, undefined);
    assert.match(throttled.errorMessage, /^AADSTS50196: The server is busy\. Trace ID: /);
    assert.equal(tokenPosts(fake).length, 1, 'the throttled call sent nothing');
    // The throttle lives in the app instance's cache: a new instance calls again.
    await acquire(app(fake), graphScope);
    assert.equal(tokenPosts(fake).length, 2);
    assert.equal(fake.scriptsLeft(), 0);
  });

  test('429 + Retry-After: ServerError with status 429; throttled likewise', async () => {
    const fake = world();
    fake.scriptToken(TENANT.standard, {
      ...tokenError(50196, 'temporarily_unavailable', 'Too many requests.', 429),
      headers: { 'RETRY-AFTER': '5' },
    });
    const cca = app(fake);
    assertServerError(await failure(acquire(cca, graphScope)), {
      error: 'temporarily_unavailable',
      aadsts: 50196,
      status: 429,
    });
    assert.ok((await failure(acquire(cca, graphScope))) instanceof ServerError);
    assert.equal(tokenPosts(fake).length, 1);
  });

  test('503 without error_codes nor Retry-After: throttled (60 s) with an empty errorCode', async () => {
    const fake = world();
    fake.scriptToken(TENANT.standard, {
      status: 503,
      body: { error: 'temporarily_unavailable', error_description: 'Down.' },
    });
    const cca = app(fake);
    const first = await failure(acquire(cca, graphScope));
    assert.ok(first instanceof ServerError);
    assert.equal(first.errorCode, 'temporarily_unavailable');
    assert.equal(first.errorNo, undefined);
    assert.equal(first.status, 503);
    const throttled = await failure(acquire(cca, graphScope));
    assert.ok(throttled instanceof ServerError);
    assert.equal(throttled.errorCode, '');
    assert.equal(throttled.message, ': Down.');
    assert.equal(tokenPosts(fake).length, 1);
  });

  test('400 temporarily_unavailable without Retry-After: not throttled', async () => {
    const fake = world();
    fake.scriptToken(
      TENANT.standard,
      tokenError(50196, 'temporarily_unavailable', 'Try again.', 400),
    );
    const cca = app(fake);
    assertServerError(await failure(acquire(cca, graphScope)), {
      error: 'temporarily_unavailable',
      aadsts: 50196,
      status: 400,
    });
    await acquire(cca, graphScope);
    assert.equal(tokenPosts(fake).length, 2);
  });

  test('a body that is not JSON: AuthError token_parsing_error, and no throttling', async () => {
    const fake = world();
    fake.scriptToken(TENANT.standard, {
      status: 503,
      body: '<html>oops</html>',
      headers: { 'Retry-After': '30' },
    });
    const cca = app(fake);
    const error = await failure(acquire(cca, graphScope));
    assert.ok(error instanceof AuthError);
    assert.ok(!(error instanceof ServerError));
    assert.equal(error.name, 'AuthError');
    assert.equal(error.errorCode, 'token_parsing_error');
    assert.equal(error.subError, '');
    assert.equal(
      error.message,
      `token_parsing_error: Failed to parse response: Unexpected token '<', "<html>oops</html>" is not valid JSON`,
    );
    await acquire(cca, graphScope);
    assert.equal(tokenPosts(fake).length, 2);
  });

  test('textBodies: what msal does with a transport that does not throw on text', async () => {
    const raw = world({ textBodies: 'raw' });
    raw.scriptToken(TENANT.standard, { status: 200, body: '<html>oops</html>' });
    const typeError = await failure(acquire(app(raw), graphScope));
    assert.ok(typeError instanceof TypeError);
    assert.match(typeError.message, /Cannot create property 'status' on string/);

    // Mapped to an object without `error`, even a 503 reads as a success without a token...
    const mapped = world({ textBodies: (text) => ({ unreadable: text }) });
    mapped.scriptToken(TENANT.standard, { status: 503, body: '<html>oops</html>' });
    const cca = app(mapped);
    const result = await acquire(cca, graphScope);
    assert.equal(result.accessToken, '');
    assert.equal(result.expiresOn, null);
    // ...and the 503 still throttles the next call, with an empty error.
    const throttled = await failure(acquire(cca, graphScope));
    assert.ok(throttled instanceof ServerError);
    assert.equal(throttled.errorCode, '');
    assert.equal(throttled.message, '');
    assert.equal(tokenPosts(mapped).length, 1);
  });

  test('a 200 with a token that is not a JWT, of another tenant, or without roles: returned as is', async () => {
    const fake = world();
    const otherTenant = makeToken(
      accessTokenClaims('standard', BARE_TENANT, SECRET_APP.standard, [READ]),
    );
    const noRoles = makeToken(
      accessTokenClaims('standard', TENANT.standard, SECRET_APP.standard, []),
    );
    fake.scriptToken(
      TENANT.standard,
      tokenAnswer('not-a-jwt'),
      tokenAnswer(otherTenant),
      tokenAnswer(noRoles),
      { status: 200, body: { token_type: 'Bearer' } },
    );
    const cca = app(fake);
    assert.equal((await acquire(cca, graphScope)).accessToken, 'not-a-jwt');
    assert.equal(claimsOf((await acquire(cca, graphScope)).accessToken).tid, BARE_TENANT);
    assert.equal('roles' in claimsOf((await acquire(cca, graphScope)).accessToken), false);
    const empty = await acquire(cca, graphScope);
    assert.equal(empty.accessToken, '');
    assert.equal(empty.expiresOn, null);
    assert.equal(tokenPosts(fake).length, 4);
  });

  test('a failed connection: AuthError network_error', async () => {
    const fake = world();
    fake.scriptToken(TENANT.standard, networkFailure('getaddrinfo ENOTFOUND'));
    const error = await failure(acquire(app(fake), graphScope));
    assert.ok(error instanceof AuthError);
    assert.equal(error.errorCode, 'network_error');
    assert.equal(error.message, 'network_error: Network request failed: getaddrinfo ENOTFOUND');
    assert.equal(fake.requests[0]?.status, undefined);
  });

  test('scripts are per tenant as written in the URL (any case), used once each, in order', async () => {
    const fake = world();
    fake.scriptToken(
      DOMAIN.standard.toUpperCase(),
      tokenError(90002, 'invalid_request', 'Gone.'),
      tokenError(7000215, 'invalid_client', 'Bad secret.', 401),
    );
    assert.equal(fake.scriptsLeft(), 2);
    // The GUID is another name in the URL: not scripted.
    await acquire(app(fake), graphScope);
    const byDomain = app(fake, DOMAIN.standard);
    assert.equal(((await failure(acquire(byDomain, graphScope))) as ServerError).errorNo, 90002);
    assert.equal(((await failure(acquire(byDomain, graphScope))) as ServerError).errorNo, 7000215);
    await acquire(byDomain, graphScope);
    assert.equal(fake.scriptsLeft(), 0);
  });
});

describe('delays', () => {
  const { loginHost, graphHost, graphScope } = FAKE_CLOUDS.standard;
  const partnersUrl = `https://${graphHost}/v1.0/deviceManagement/complianceManagementPartners`;

  test('a slow host answers after its delay; a script may set its own', async () => {
    const fake = world();
    fake.setDelay(loginHost, 150);
    const cca = client(fake, 'standard', TENANT.standard, SECRET_APP.standard, secret());
    let started = Date.now();
    await acquire(cca, graphScope);
    assert.ok(Date.now() - started >= 145, 'the host delay');
    fake.scriptToken(TENANT.standard, { ...tokenAnswer('x.y.z'), delayMs: 0 });
    started = Date.now();
    await acquire(cca, graphScope);
    assert.ok(Date.now() - started < 145, 'the script overrides it');
    fake.setDelay(loginHost, 0);
    started = Date.now();
    await acquire(cca, graphScope);
    assert.ok(Date.now() - started < 145, 'removed');
  });

  test('a hang ends with close(): the call fails as a dropped connection', async () => {
    const fake = world();
    fake.setDelay(loginHost, 3_600_000);
    const cca = client(fake, 'standard', TENANT.standard, SECRET_APP.standard, secret());
    const pending = failure(acquire(cca, graphScope));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0]?.status, undefined, 'still pending');
    fake.close();
    const error = await pending;
    assert.ok(error instanceof AuthError);
    assert.equal(error.errorCode, 'network_error');
    assert.match(error.message, /closed before it answered/);
    // After close, requests are refused; msal turns the plain Error into a ClientAuthError.
    const refused = await failure(acquire(cca, graphScope));
    assert.ok(refused instanceof ClientAuthError);
    assert.equal(refused.errorCode, 'network_error');
    assert.equal(fake.requests.length, 2);
  });

  test("a GET's timeout ends a slow answer the way msal's HttpClient does", async () => {
    const fake = world();
    fake.setDelay(graphHost, 3_600_000);
    const started = Date.now();
    const error = await failure(fake.network.sendGetRequestAsync(partnersUrl, {}, 30));
    assert.ok(Date.now() - started < 1000);
    assert.ok(error instanceof AuthError);
    assert.equal(error.errorCode, 'network_error');
    assert.equal(error.message, 'network_error: Request timeout');
    assert.equal(fake.requests[0]?.timeout, 30);
  });
});

describe('Graph: the compliance partner list', () => {
  const path = '/v1.0/deviceManagement/complianceManagementPartners';
  const get = (fake: FakeMicrosoft, cloud: Cloud, token: string | undefined, suffix = '') =>
    fake.network.sendGetRequestAsync<Record<string, unknown>>(
      `https://${FAKE_CLOUDS[cloud].graphHost}${path}${suffix}`,
      { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } },
    );
  const tokenFor = async (fake: FakeMicrosoft, cloud: Cloud, clientId = SECRET_APP[cloud]) =>
    (
      await acquire(
        client(
          fake,
          cloud,
          TENANT[cloud],
          clientId,
          clientId === CERT_APP[cloud] ? cert() : secret(),
        ),
        FAKE_CLOUDS[cloud].graphScope,
      )
    ).accessToken;

  for (const cloud of CLOUDS) {
    test(`${cloud}: 200 with the tenant's partners for a token with a read role`, async () => {
      const fake = world();
      const response = await get(fake, cloud, await tokenFor(fake, cloud));
      assert.equal(response.status, 200);
      assert.match(response.headers['content-type'] ?? '', /^application\/json/);
      assert.match(response.headers['request-id'] ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(
        response.body['@odata.context'],
        `https://${FAKE_CLOUDS[cloud].graphHost}/v1.0/$metadata#deviceManagement/complianceManagementPartners`,
      );
      const value = response.body.value as Record<string, unknown>[];
      assert.equal(value.length, 2);
      assert.deepEqual(value[0], {
        '@odata.type': '#microsoft.graph.complianceManagementPartner',
        id: PARTNERS[0]?.id,
        lastHeartbeatDateTime: '2025-01-02T03:04:05Z',
        partnerState: 'enabled',
        displayName: 'Acme MDM',
        macOsOnboarded: false,
        androidOnboarded: true,
        iosOnboarded: true,
        macOsEnrollmentAssignments: [],
        androidEnrollmentAssignments: [],
        iosEnrollmentAssignments: [],
      });
      assert.match(String(value[1]?.id), /^[0-9a-f-]{36}$/, 'an id is made up');
      assert.equal(value[1]?.lastHeartbeatDateTime, null);
      const hosts = new Set(fake.requests.map((r) => r.host));
      assert.deepEqual(
        hosts,
        new Set([FAKE_CLOUDS[cloud].loginHost, FAKE_CLOUDS[cloud].graphHost]),
      );
    });
  }

  test('$select and $filter are understood; partners may change', async () => {
    const fake = world();
    const token = await tokenFor(fake, 'standard');
    const selected = await get(
      fake,
      'standard',
      token,
      `?$select=displayName,partnerState&$filter=${encodeURIComponent("partnerState eq 'terminated'")}`,
    );
    assert.equal(selected.status, 200);
    assert.deepEqual(selected.body.value, [{ displayName: 'Old MDM', partnerState: 'terminated' }]);
    assert.match(String(selected.body['@odata.context']), /\(displayName,partnerState\)$/);
    assert.equal(fake.requests.at(-1)?.query.$select, 'displayName,partnerState');

    const unknown = await get(fake, 'standard', token, '?$select=nope');
    assert.equal(unknown.status, 400);
    assert.equal((unknown.body.error as { code: string }).code, 'BadRequest');

    fake.setPartners(TENANT.standard, []);
    assert.deepEqual((await get(fake, 'standard', token)).body.value, []);
  });

  test('403 Forbidden for a token without a partner-read role', async () => {
    const fake = world();
    fake.setConsent(TENANT.standard, SECRET_APP.standard, ['User.Read.All']);
    const response = await get(fake, 'standard', await tokenFor(fake, 'standard'));
    assert.equal(response.status, 403);
    const error = response.body.error as Record<string, unknown>;
    assert.equal(error.code, 'Forbidden');
    assert.match(String(error.message), /DeviceManagementServiceConfig\.Read\.All/);
    assert.ok(error.innerError);
  });

  test('401 InvalidAuthenticationToken for a token the fake did not issue, of another cloud, or none', async () => {
    const fake = world();
    const forged = makeToken(
      accessTokenClaims('standard', TENANT.standard, SECRET_APP.standard, [READ]),
    );
    const gccToken = await tokenFor(fake, 'gcc-high');
    for (const token of [forged, gccToken, 'not-a-jwt', undefined]) {
      const response = await get(fake, 'standard', token);
      assert.equal(response.status, 401);
      assert.equal((response.body.error as { code: string }).code, 'InvalidAuthenticationToken');
      assert.match(response.headers['www-authenticate'] ?? '', /^Bearer /);
    }
  });

  test('header names are case-insensitive; other paths are 404', async () => {
    const fake = world();
    const token = await tokenFor(fake, 'standard');
    const url = `https://${FAKE_CLOUDS.standard.graphHost}${path}`;
    const shouting = await fake.network.sendGetRequestAsync(url, {
      headers: { AUTHORIZATION: `Bearer ${token}`, 'Client-Request-Id': 'abc' },
    });
    assert.equal(shouting.status, 200);
    assert.equal(shouting.headers['client-request-id'], 'abc');
    assert.equal(fake.requests.at(-1)?.authorization, `Bearer ${token}`);
    const elsewhere = await fake.network.sendGetRequestAsync<Record<string, unknown>>(
      `https://${FAKE_CLOUDS.standard.graphHost}/v1.0/users`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    assert.equal(elsewhere.status, 404);
    assert.equal((elsewhere.body.error as { code: string }).code, 'ResourceNotFound');
  });

  test("scripted answers replace the list for the token's tenant, once each", async () => {
    const fake = world();
    const token = await tokenFor(fake, 'standard');
    fake.scriptGraph(
      TENANT.standard.toUpperCase(),
      graphError(503, 'ServiceUnavailable', 'Try later.', { 'Retry-After': '7' }),
      { status: 200, body: { value: [] } },
    );
    const busy = await get(fake, 'standard', token);
    assert.equal(busy.status, 503);
    assert.equal(busy.headers['retry-after'], '7');
    assert.equal((busy.body.error as { code: string }).code, 'ServiceUnavailable');
    assert.deepEqual((await get(fake, 'standard', token)).body, { value: [] });
    assert.equal((await get(fake, 'standard', token)).status, 200);
    // A script is chosen by the token's tid, even for a token the fake did not issue.
    fake.scriptGraph(BARE_TENANT, { status: 200, body: { value: ['scripted'] } });
    const forged = makeToken(accessTokenClaims('standard', BARE_TENANT, SECRET_APP.standard, []));
    assert.deepEqual((await get(fake, 'standard', forged)).body, { value: ['scripted'] });
  });
});

describe('discovery and foreign hosts', () => {
  for (const cloud of CLOUDS) {
    const { loginHost } = FAKE_CLOUDS[cloud];
    test(`${cloud}: instance discovery and OpenID metadata are answered for the host`, async () => {
      const fake = world();
      const discovery = await fake.network.sendGetRequestAsync<Record<string, unknown>>(
        `https://${loginHost}/common/discovery/instance?api-version=1.1&authorization_endpoint=https://${loginHost}/${TENANT[cloud]}/oauth2/v2.0/authorize`,
      );
      assert.equal(discovery.status, 200);
      assert.equal(
        discovery.body.tenant_discovery_endpoint,
        `https://${loginHost}/${TENANT[cloud]}/v2.0/.well-known/openid-configuration`,
      );
      const metadata = discovery.body.metadata as { preferred_network: string }[];
      assert.ok(metadata.some((m) => m.preferred_network === loginHost));

      const oidc = await fake.network.sendGetRequestAsync<Record<string, unknown>>(
        `https://${loginHost}/${DOMAIN[cloud]}/v2.0/.well-known/openid-configuration`,
      );
      assert.equal(oidc.status, 200);
      assert.equal(
        oidc.body.token_endpoint,
        `https://${loginHost}/${TENANT[cloud]}/oauth2/v2.0/token`,
      );
      assert.equal(oidc.body.issuer, `https://${loginHost}/${TENANT[cloud]}/v2.0`);
      assert.equal(oidc.body.msgraph_host, FAKE_CLOUDS[cloud].graphHost);

      const unknown = await fake.network.sendGetRequestAsync<Record<string, unknown>>(
        `https://${loginHost}/nobody.example/v2.0/.well-known/openid-configuration`,
      );
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error, 'invalid_tenant');
      assert.deepEqual(unknown.body.error_codes, [90002]);
      assert.deepEqual(
        fake.requests.map((r) => `${r.method} ${r.host}`),
        Array(3).fill(`GET ${loginHost}`),
      );
    });
  }

  test('a foreign host is recorded and refused with an Error naming it', async () => {
    const fake = world();
    allowForeign.add(fake);
    for (const url of [
      'https://example.com/x',
      'http://login.microsoftonline.com/x',
      'not a url',
    ]) {
      const error = await failure(fake.network.sendGetRequestAsync(url));
      assert.ok(error instanceof Error && !(error instanceof AuthError));
      assert.match(error.message, /is not a Microsoft login or Graph host/);
    }
    const post = await failure(
      fake.network.sendPostRequestAsync('https://evil.example/token', { body: 'a=b' }),
    );
    assert.match((post as Error).message, /host 'evil\.example'/);
    assert.deepEqual(
      fake.requests.map((r) => r.host),
      ['example.com', 'login.microsoftonline.com', '', 'evil.example'],
    );
  });

  test('msal with an authority msal does not know: discovery at login.microsoftonline.com', async () => {
    const fake = world();
    allowForeign.add(fake);
    const foreign = client(
      fake,
      'standard',
      TENANT.standard,
      SECRET_APP.standard,
      secret(),
      'login.example.com',
    );
    const error = await failure(acquire(foreign, FAKE_CLOUDS.standard.graphScope));
    assert.ok(error instanceof ClientAuthError);
    assert.equal(error.errorCode, 'endpoints_resolution_error');
    const [discovery] = fake.requests;
    assert.equal(fake.requests.length, 1);
    assert.equal(discovery?.host, 'login.microsoftonline.com');
    assert.equal(discovery?.path, '/common/discovery/instance');
    assert.equal(discovery?.status, 400, 'invalid_instance');

    // Declared in knownAuthorities, msal asks the host itself for its OpenID metadata.
    const known = new ConfidentialClientApplication({
      auth: {
        clientId: SECRET_APP.standard,
        authority: `https://login.example.com/${TENANT.standard}`,
        clientSecret: SECRET,
        knownAuthorities: ['login.example.com'],
      },
      system: { networkClient: fake.network },
    });
    const refused = await failure(acquire(known, FAKE_CLOUDS.standard.graphScope));
    assert.ok(refused instanceof ClientAuthError);
    assert.equal(fake.requests[1]?.host, 'login.example.com');
    assert.equal(
      fake.requests[1]?.path,
      `/${TENANT.standard}/v2.0/.well-known/openid-configuration`,
    );
  });
});

describe('fetch', () => {
  const { loginHost, graphHost, graphScope } = FAKE_CLOUDS.standard;
  const tokenUrl = `https://${loginHost}/${TENANT.standard}/oauth2/v2.0/token`;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: SECRET_APP.standard,
    client_secret: SECRET,
    scope: graphScope,
  });

  test('the same fake answers fetch with Responses', async () => {
    const fake = world();
    const token = await fake.fetch(tokenUrl, { method: 'POST', body: form });
    assert.equal(token.status, 200);
    const { access_token } = (await token.json()) as { access_token: string };
    assert.equal(claimsOf(access_token).tid, TENANT.standard);
    assert.equal(fake.requests[0]?.form?.client_secret, '[redacted]');

    const partners = await fake.fetch(
      new Request(`https://${graphHost}/v1.0/deviceManagement/complianceManagementPartners`, {
        headers: { Authorization: `Bearer ${access_token}` },
      }),
    );
    assert.equal(partners.status, 200);
    assert.equal(((await partners.json()) as { value: unknown[] }).value.length, 2);

    fake.scriptToken(TENANT.standard, { status: 502, body: '<html>bad gateway</html>' });
    const html = await fake.fetch(tokenUrl, { method: 'POST', body: form });
    assert.equal(html.status, 502);
    assert.equal(await html.text(), '<html>bad gateway</html>');
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(token.headers.get('content-type') ?? '', /^application\/json/);
  });

  test('an abort signal ends a slow answer; a failed connection is a TypeError', async () => {
    const fake = world();
    fake.setDelay(loginHost, 3_600_000);
    // Not AbortSignal.timeout(): its timer, like the hang's, does not keep the process alive.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await failure(
      fake.fetch(tokenUrl, { method: 'POST', body: form, signal: controller.signal }),
    );
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
    fake.setDelay(loginHost, 0);

    fake.scriptToken(TENANT.standard, networkFailure('ECONNRESET'));
    const reset = await failure(fake.fetch(tokenUrl, { method: 'POST', body: form }));
    assert.ok(reset instanceof TypeError);
    assert.equal(reset.message, 'fetch failed');
  });
});
