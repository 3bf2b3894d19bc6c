/**
 * Consent verified with Microsoft, for real on the server's side: msal-node's own client
 * credentials flow, with its transport (`system.networkClient`, given through
 * `createServer({ microsoftNetwork })`) pointed at a fake Entra ID and Graph. Every outcome, on
 * both clouds, with a certificate and with a secret; the health panel's answer in each partner
 * state; the audit of every check; and the configuration read from the environment.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { INetworkModule } from '@azure/msal-node';
import type { Database } from '../index.js';
import { MicrosoftConfigError, microsoftOptionsFromEnv } from '../microsoft/config.js';
import { fetchNetwork, guardNetwork, ForeignHostError } from '../microsoft/network.js';
import type { MicrosoftOptions } from '../microsoft/verifier.js';
import { app, as, pglite } from './helpers.js';
import { makeCertificate } from './support/certificates.js';
import {
  FAKE_CLOUDS,
  accessTokenClaims,
  createFakeMicrosoft,
  graphError,
  makeToken,
  networkFailure,
  tokenAnswer,
  tokenError,
  type Cloud,
  type FakeMicrosoft,
  type FakePartner,
} from './support/fake-microsoft.js';

const REQUIRED = ['DeviceManagementApps.Read.All', 'DeviceManagementServiceConfig.Read.All'];
const MACOS_ROLE = 'DeviceManagementConfiguration.Read.All';
const PARTNER = 'Contoso MDM';
const CLIENT: Record<Cloud, string> = {
  standard: '11111111-2222-4333-8444-555555555555',
  'gcc-high': '66666666-7777-4888-9999-aaaaaaaaaaaa',
};
const SECRET = 'fake-secret-value-~1234567890abcdef';
const certificate = makeCertificate('contoso-mdm-server');
const strangerCertificate = makeCertificate('not-the-registered-one');

let db: Database;
before(async () => {
  db = await pglite.open();
});
after(() => db.close());

const partner = (overrides: Partial<FakePartner> = {}): FakePartner => ({
  displayName: PARTNER,
  partnerState: 'enabled',
  lastHeartbeatDateTime: '2026-03-01T09:50:00Z',
  iosOnboarded: true,
  androidOnboarded: true,
  macOsOnboarded: false,
  ...overrides,
});

interface World {
  fake: FakeMicrosoft;
  tenant: string;
  domain: string;
  other: string;
  server: ReturnType<typeof app>;
  errors: unknown[];
  logs: string[];
}

/**
 * A fake Microsoft with this server's apps registered in both clouds, a tenant of `cloud` that
 * consented with `roles`, a tenant of the other cloud, and a server that talks to them.
 */
function world(
  cloud: Cloud,
  credential: 'certificate' | 'secret',
  options: {
    roles?: readonly string[];
    partners?: FakePartner[];
    serverCredential?: MicrosoftOptions['apps'][Cloud];
    timeoutMs?: number;
    partnerName?: string;
    network?: (fake: FakeMicrosoft) => INetworkModule;
  } = {},
): World {
  const fake = createFakeMicrosoft();
  after(() => fake.close());
  const tenant = randomUUID();
  const domain = `contoso-${tenant.slice(0, 8)}.onmicrosoft.${cloud === 'standard' ? 'com' : 'us'}`;
  const otherCloud: Cloud = cloud === 'standard' ? 'gcc-high' : 'standard';
  const other = randomUUID();
  for (const c of ['standard', 'gcc-high'] as const) {
    fake.addApp({
      cloud: c,
      clientId: CLIENT[c],
      ...(credential === 'secret'
        ? { secret: SECRET }
        : { certificatePem: certificate.certificatePem }),
    });
  }
  fake.addTenant({
    cloud,
    guid: tenant,
    domains: [domain],
    consents: { [CLIENT[cloud]]: [...(options.roles ?? REQUIRED)] },
    partners: options.partners ?? [partner()],
  });
  fake.addTenant({ cloud: otherCloud, guid: other, consents: { [CLIENT[otherCloud]]: REQUIRED } });
  const credentialOf = (c: Cloud) =>
    options.serverCredential ?? {
      clientId: CLIENT[c],
      credential:
        credential === 'secret'
          ? { secret: SECRET }
          : {
              certificatePem: certificate.certificatePem,
              privateKeyPem: certificate.privateKeyPem,
            },
    };
  const errors: unknown[] = [];
  const logs: string[] = [];
  const server = app(db, {
    microsoft: {
      apps: { standard: credentialOf('standard'), 'gcc-high': credentialOf('gcc-high') },
      requiredRoles: REQUIRED,
      partnerName: options.partnerName ?? PARTNER,
      propagationDelaysMs: [10, 10],
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
    microsoftNetwork: options.network ? options.network(fake) : fake.network,
    onError: (error) => errors.push(error),
    log: (entry) => logs.push(JSON.stringify(entry)),
    heartbeatMaxAgeMinutes: 30,
  });
  return { fake, tenant, domain, other, server, errors, logs };
}

async function verify(
  w: World,
  tenantId: string,
  tenantType: Cloud,
  via: 'manual' | 'callback' | 'check' = 'manual',
  who = as(w.server),
) {
  const reply = await who.post('/consent/verify', { tenantType, tenantId, via });
  assert.equal(reply.status, 200, reply.text);
  return { who, outcome: reply.body };
}

async function lastAudit(who: ReturnType<typeof as>) {
  const reply = await who.get('/audit?limit=1');
  assert.equal(reply.status, 200);
  return reply.body.events[0];
}

const tokenRequests = (fake: FakeMicrosoft) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));

function onlyHostsOf(fake: FakeMicrosoft, cloud: Cloud) {
  const allowed = new Set([FAKE_CLOUDS[cloud].loginHost, FAKE_CLOUDS[cloud].graphHost]);
  for (const request of fake.requests) {
    assert.ok(allowed.has(request.host), `${request.url} is not a ${cloud} host`);
  }
}

for (const cloud of ['standard', 'gcc-high'] as const) {
  for (const credential of ['certificate', 'secret'] as const) {
    describe(`Microsoft verifier: ${cloud}, with a ${credential}`, () => {
      it('verifies a consented tenant, stores its GUID and connects it', async () => {
        const w = world(cloud, credential);
        const { who, outcome } = await verify(w, w.tenant, cloud);
        assert.deepEqual(outcome, { verified: true, tenantGuid: w.tenant });
        const created = await who.post(
          '/connection',
          { tenantType: cloud, tenantId: w.tenant },
          { 'Idempotency-Key': `key-${randomUUID()}` },
        );
        assert.equal(created.status, 201, created.text);
        assert.equal(created.body.tenantGuid, w.tenant);
        const event = await lastAudit(who);
        assert.equal(event.action, 'connect');
        const [request] = tokenRequests(w.fake);
        assert.equal(request?.host, FAKE_CLOUDS[cloud].loginHost);
        assert.equal(request?.form?.scope, FAKE_CLOUDS[cloud].graphScope);
        assert.equal(request?.form?.client_id, CLIENT[cloud]);
        if (credential === 'secret') assert.equal(request?.form?.client_secret, '[redacted]');
        else assert.equal(request?.form?.client_assertion, '[redacted]');
        onlyHostsOf(w.fake, cloud);
      });

      it('resolves a domain to the tenant GUID, shown beside it', async () => {
        const w = world(cloud, credential);
        const who = as(w.server);
        await who.connect(w.domain, cloud);
        const current = await who.get('/connection');
        assert.equal(current.body.tenantId, w.domain);
        assert.equal(current.body.tenantGuid, w.tenant);
      });

      it('asks Microsoft again on every check: the token cache is skipped', async () => {
        const w = world(cloud, credential);
        const who = as(w.server);
        await verify(w, w.tenant, cloud, 'manual', who);
        await verify(w, w.tenant, cloud, 'manual', who);
        await verify(w, w.tenant, cloud, 'check', who);
        assert.equal(tokenRequests(w.fake).length, 3);
      });

      it('consent never given (AADSTS7000229): consent-missing, and no connection', async () => {
        const w = world(cloud, credential);
        w.fake.setConsent(w.tenant, CLIENT[cloud], null);
        const { who, outcome } = await verify(w, w.tenant, cloud);
        assert.deepEqual(outcome, {
          verified: false,
          error: 'consent-missing',
          aadsts: 'AADSTS7000229',
        });
        const event = await lastAudit(who);
        assert.equal(event.action, 'verify-consent');
        assert.equal(event.outcome, 'failure');
        assert.equal(event.error, 'consent-missing');
        assert.equal(event.aadsts, 'AADSTS7000229');
        const refused = await who.post(
          '/connection',
          { tenantType: cloud, tenantId: w.tenant },
          { 'Idempotency-Key': `key-${randomUUID()}` },
        );
        assert.equal(refused.status, 409);
        assert.equal(refused.body.code, 'not-verified');
      });

      it('permissions missing: names them (the macOS case)', async () => {
        const w = world(cloud, credential, { roles: [REQUIRED[0] as string] });
        const { outcome } = await verify(w, w.tenant, cloud);
        assert.deepEqual(outcome, {
          verified: false,
          error: 'permissions-missing',
          permissions: [REQUIRED[1]],
        });
      });

      it('tenant not found (AADSTS90002)', async () => {
        const w = world(cloud, credential);
        const { outcome } = await verify(w, randomUUID(), cloud);
        assert.deepEqual(outcome, {
          verified: false,
          error: 'tenant-not-found',
          aadsts: 'AADSTS90002',
        });
      });

      it('a tenant of the other cloud: wrong-cloud (AADSTS90038)', async () => {
        const w = world(cloud, credential);
        const { outcome } = await verify(w, w.other, cloud);
        assert.deepEqual(outcome, { verified: false, error: 'wrong-cloud', aadsts: 'AADSTS90038' });
        onlyHostsOf(w.fake, cloud);
      });

      for (const [aadsts, error] of [
        [65001, 'invalid_grant'],
        [700016, 'unauthorized_client'],
      ] as const) {
        it(`AADSTS${aadsts} is consent-missing too`, async () => {
          const w = world(cloud, credential);
          w.fake.scriptToken(w.tenant, tokenError(aadsts, error, 'No consent.'));
          const { outcome } = await verify(w, w.tenant, cloud);
          assert.deepEqual(outcome, {
            verified: false,
            error: 'consent-missing',
            aadsts: `AADSTS${aadsts}`,
          });
        });
      }

      it('a token for another tenant than the GUID typed: tenant-mismatch', async () => {
        const w = world(cloud, credential);
        w.fake.scriptToken(
          w.tenant,
          tokenAnswer(makeToken(accessTokenClaims(cloud, randomUUID(), CLIENT[cloud], REQUIRED))),
        );
        const { outcome } = await verify(w, w.tenant, cloud);
        assert.deepEqual(outcome, { verified: false, error: 'tenant-mismatch' });
      });

      it('a token that is not a JWT, or has no tid: microsoft-malformed', async () => {
        const w = world(cloud, credential);
        w.fake.scriptToken(
          w.tenant,
          tokenAnswer('not-a-jwt'),
          tokenAnswer(makeToken({ roles: REQUIRED })),
          tokenAnswer('a.b.c.d.e'),
        );
        for (let i = 0; i < 3; i++) {
          const { outcome } = await verify(w, w.tenant, cloud);
          assert.deepEqual(
            outcome,
            { verified: false, error: 'microsoft-malformed' },
            `answer ${i}`,
          );
        }
      });

      it('a token endpoint that answers garbage: microsoft-malformed', async () => {
        const w = world(cloud, credential);
        w.fake.scriptToken(w.tenant, { status: 200, body: '<html>oops</html>' });
        const { outcome } = await verify(w, w.tenant, cloud);
        assert.deepEqual(outcome, { verified: false, error: 'microsoft-malformed' });
      });

      it('429 with Retry-After: throttled with the wait; msal then holds back without a request', async () => {
        const w = world(cloud, credential);
        w.fake.scriptToken(
          w.tenant,
          tokenError(50196, 'temporarily_unavailable', 'Slow down.', 429, { 'Retry-After': '30' }),
        );
        const first = await verify(w, w.tenant, cloud);
        assert.deepEqual(first.outcome, {
          verified: false,
          error: 'throttled',
          aadsts: 'AADSTS50196',
          retryAfterSeconds: 30,
        });
        const sent = tokenRequests(w.fake).length;
        const second = await verify(w, w.tenant, cloud, 'manual', first.who);
        assert.equal(second.outcome.error, 'throttled');
        assert.ok(
          second.outcome.retryAfterSeconds >= 29 && second.outcome.retryAfterSeconds <= 30,
          `still about 30 s to wait, not ${second.outcome.retryAfterSeconds}`,
        );
        assert.equal(tokenRequests(w.fake).length, sent, 'msal did not call Microsoft again');
      });

      it('temporarily_unavailable with Retry-After, and a 503 without it: throttled', async () => {
        const w = world(cloud, credential);
        const other = randomUUID();
        w.fake.addTenant({
          cloud: cloud,
          guid: other,
          consents: { [CLIENT[cloud]]: REQUIRED },
        });
        w.fake.scriptToken(
          w.tenant,
          tokenError(90000, 'temporarily_unavailable', 'Busy.', 400, { 'Retry-After': '12' }),
        );
        const busy = await verify(w, w.tenant, cloud);
        assert.equal(busy.outcome.error, 'throttled');
        assert.equal(busy.outcome.retryAfterSeconds, 12);
        w.fake.scriptToken(other, { status: 503, body: { error: 'server_error' } });
        const down = await verify(w, other, cloud);
        assert.equal(down.outcome.error, 'microsoft-unavailable');
        assert.equal(down.outcome.retryAfterSeconds, 60, 'msal holds the request back for 60 s');
        const again = await verify(w, other, cloud);
        assert.equal(again.outcome.error, 'throttled');
      });

      it('a network failure, and no answer before the deadline: microsoft-unavailable', async () => {
        const w = world(cloud, credential, { timeoutMs: 300 });
        w.fake.scriptToken(w.tenant, networkFailure('connect ECONNREFUSED'));
        assert.deepEqual((await verify(w, w.tenant, cloud)).outcome, {
          verified: false,
          error: 'microsoft-unavailable',
        });
        w.fake.setDelay(FAKE_CLOUDS[cloud].loginHost, 60_000);
        const started = performance.now();
        const { outcome } = await verify(w, w.tenant, cloud);
        assert.deepEqual(outcome, { verified: false, error: 'microsoft-unavailable' });
        assert.ok(performance.now() - started < 5_000, 'the deadline ended the wait');
      });

      it('the vendor’s own credential is refused: vendor-credentials, never the secret in sight', async () => {
        const w = world(cloud, credential, {
          serverCredential: {
            clientId: CLIENT[cloud],
            credential:
              credential === 'secret'
                ? { secret: `${SECRET}-expired` }
                : {
                    certificatePem: strangerCertificate.certificatePem,
                    privateKeyPem: strangerCertificate.privateKeyPem,
                  },
          },
        });
        const { who, outcome } = await verify(w, w.tenant, cloud);
        assert.deepEqual(outcome, {
          verified: false,
          error: 'vendor-credentials',
          aadsts: credential === 'secret' ? 'AADSTS7000215' : 'AADSTS700027',
        });
        const trail = (await who.get('/audit/export?format=jsonl')).text;
        for (const text of [trail, JSON.stringify(outcome), ...w.logs, ...w.errors.map(String)]) {
          assert.ok(!text.includes(SECRET), 'the secret appears nowhere');
          assert.ok(!text.includes('PRIVATE KEY'), 'the private key appears nowhere');
        }
      });
    });
  }
}

describe('Microsoft verifier: checks of a connected tenant, the transport', () => {
  it('on Microsoft’s callback, a consent still on its way is asked for again', async () => {
    const w = world('standard', 'certificate');
    const missing = () =>
      tokenError(7000229, 'invalid_client', 'The client application is missing service principal.');
    w.fake.scriptToken(w.tenant, missing(), missing());
    const { outcome } = await verify(w, w.tenant, 'standard', 'callback');
    assert.deepEqual(outcome, { verified: true, tenantGuid: w.tenant });
    assert.equal(tokenRequests(w.fake).length, 3);
    w.fake.clearRequests();
    w.fake.scriptToken(w.tenant, missing());
    const manual = await verify(w, w.tenant, 'standard', 'manual');
    assert.equal(manual.outcome.error, 'consent-missing', 'the admin’s tick is checked once');
    assert.equal(tokenRequests(w.fake).length, 1);
    w.fake.clearRequests();
    w.fake.setConsent(w.tenant, CLIENT.standard, null);
    const never = await verify(w, w.tenant, 'standard', 'callback');
    assert.equal(never.outcome.error, 'consent-missing');
    assert.equal(tokenRequests(w.fake).length, 3, 'two more tries, then the answer');
  });

  it('a check finding consent withdrawn marks the connection; a good one clears it', async () => {
    const w = world('standard', 'secret');
    const who = as(w.server);
    await who.connect(w.tenant, 'standard');
    w.fake.setConsent(w.tenant, CLIENT.standard, null);
    const { outcome } = await verify(w, w.tenant, 'standard', 'check', who);
    assert.equal(outcome.error, 'consent-missing');
    const marked = (await who.get('/connection')).body;
    assert.equal(marked.attention.error, 'consent-missing');
    assert.ok(!Number.isNaN(Date.parse(marked.attention.since)));
    const event = await lastAudit(who);
    assert.deepEqual(
      [event.action, event.outcome, event.error, event.aadsts],
      ['verify-consent', 'failure', 'consent-missing', 'AADSTS7000229'],
    );
    // A passing failure neither marks nor clears.
    w.fake.scriptToken(w.tenant, networkFailure());
    await verify(w, w.tenant, 'standard', 'check', who);
    assert.deepEqual((await who.get('/connection')).body.attention, marked.attention);
    w.fake.setConsent(w.tenant, CLIENT.standard, REQUIRED);
    await verify(w, w.tenant, 'standard', 'check', who);
    const cleared = (await who.get('/connection')).body;
    assert.equal(cleared.attention, undefined);
    assert.equal(cleared.version, marked.version, 'a check is not an edit');
  });

  it('a cloud without an app is not-verified, and nothing is asked', async () => {
    const fake = createFakeMicrosoft();
    after(() => fake.close());
    const server = app(db, {
      microsoft: {
        apps: { standard: { clientId: CLIENT.standard, credential: { secret: SECRET } } },
        requiredRoles: REQUIRED,
      },
      microsoftNetwork: fake.network,
    });
    const reply = await as(server).post('/consent/verify', {
      tenantType: 'gcc-high',
      tenantId: randomUUID(),
      via: 'manual',
    });
    assert.deepEqual(reply.body, { verified: false, error: 'not-verified' });
    assert.equal(fake.requests.length, 0);
  });

  it('refuses a transport to any host but Microsoft’s, before sending', async () => {
    const refused: ForeignHostError[] = [];
    const sent: string[] = [];
    const inner: INetworkModule = {
      sendGetRequestAsync: async (url) => {
        sent.push(url);
        return { status: 200, headers: {}, body: {} as never };
      },
      sendPostRequestAsync: async (url) => {
        sent.push(url);
        return { status: 200, headers: {}, body: {} as never };
      },
    };
    const guarded = guardNetwork(inner, (error) => refused.push(error));
    for (const url of [
      'https://login.microsoftonline.com.evil.example/t/oauth2/v2.0/token',
      'http://login.microsoftonline.com/t/oauth2/v2.0/token',
      'https://login.microsoftonline.com:8443/t/oauth2/v2.0/token',
      'https://westus.login.microsoft.com/t/oauth2/v2.0/token',
      'not a url',
    ]) {
      await assert.rejects(guarded.sendPostRequestAsync(url), ForeignHostError);
    }
    assert.equal(sent.length, 0);
    assert.equal(refused.length, 5);
    await guarded.sendGetRequestAsync('https://graph.microsoft.us/v1.0/x');
    assert.deepEqual(sent, ['https://graph.microsoft.us/v1.0/x']);
  });

  it('the production transport (fetch) reads JSON, headers in lower case, and refuses other bodies', async () => {
    const w = world('standard', 'secret', {
      network: (fake) => fetchNetwork(2_000, fake.fetch),
    });
    const { outcome } = await verify(w, w.tenant, 'standard');
    assert.deepEqual(outcome, { verified: true, tenantGuid: w.tenant });
    w.fake.scriptToken(w.tenant, { status: 503, body: '<html>down</html>' });
    const down = await verify(w, w.tenant, 'standard');
    assert.equal(down.outcome.error, 'microsoft-malformed');
  });
});

describe('GET /health: what Intune sees', () => {
  for (const state of [
    'unknown',
    'unavailable',
    'enabled',
    'terminated',
    'rejected',
    'unresponsive',
  ] as const) {
    it(`reports a partner that is ${state}`, async () => {
      const w = world('gcc-high', 'certificate', {
        partners: [
          partner({ displayName: 'Someone else', partnerState: 'enabled', macOsOnboarded: true }),
          partner({ partnerState: state, iosOnboarded: state !== 'unknown' }),
        ],
      });
      const who = as(w.server);
      await who.connect(w.domain, 'gcc-high');
      const reply = await who.get('/health');
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(reply.body.partner, {
        state,
        lastHeartbeatAt: '2026-03-01T09:50:00.000Z',
        platforms: { ios: state !== 'unknown', android: true, macos: false },
        displayName: PARTNER,
      });
      assert.equal(reply.body.partnerProblem, undefined);
      assert.equal(reply.body.heartbeatMaxAgeMinutes, 30);
      assert.equal(reply.body.lastVerification.verified, true);
      const graph = w.fake.requests.filter((r) => r.host === FAKE_CLOUDS['gcc-high'].graphHost);
      assert.equal(graph.length, 1);
      onlyHostsOf(w.fake, 'gcc-high');
    });
  }

  it('a heartbeat Graph never had is null', async () => {
    const w = world('standard', 'secret', {
      partners: [partner({ lastHeartbeatDateTime: '0001-01-01T00:00:00Z' })],
    });
    const who = as(w.server);
    await who.connect(w.tenant, 'standard');
    assert.equal((await who.get('/health')).body.partner.lastHeartbeatAt, null);
  });

  it('without DeviceManagementServiceConfig.Read.All, Graph answers 403: forbidden', async () => {
    const w = world('standard', 'secret', {
      roles: [
        ...REQUIRED.filter((r) => !r.startsWith('DeviceManagementServiceConfig')),
        MACOS_ROLE,
      ],
    });
    const who = as(w.server);
    // The deployment here does not require the permission, so the connection exists.
    const server = app(db, {
      microsoft: {
        apps: { standard: { clientId: CLIENT.standard, credential: { secret: SECRET } } },
        requiredRoles: [MACOS_ROLE],
      },
      microsoftNetwork: w.fake.network,
    });
    const admin = as(server, who.consoleId);
    await admin.connect(w.tenant, 'standard');
    const reply = await admin.get('/health');
    assert.equal(reply.status, 200);
    assert.equal(reply.body.partner, null);
    assert.equal(reply.body.partnerProblem, 'forbidden');
  });

  it('Graph answering the wrong shape, 5xx, 429 or nothing: a reason, never a broken answer', async () => {
    const w = world('standard', 'secret', { timeoutMs: 300 });
    const who = as(w.server);
    await who.connect(w.tenant, 'standard');
    const cases: [Parameters<FakeMicrosoft['scriptGraph']>[1], string][] = [
      [{ status: 200, body: { value: [{ partnerState: 'sleeping' }] } }, 'microsoft-malformed'],
      [{ status: 200, body: { partners: [] } }, 'microsoft-malformed'],
      [graphError(503, 'ServiceUnavailable', 'Busy.'), 'microsoft-unavailable'],
      [graphError(429, 'TooManyRequests', 'Slow.', { 'Retry-After': '5' }), 'throttled'],
      [{ status: 200, body: { value: [] }, delayMs: 60_000 }, 'microsoft-unavailable'],
    ];
    for (const [answer, problem] of cases) {
      w.fake.scriptGraph(w.tenant, answer);
      const reply = await who.get('/health');
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.partner, null);
      assert.equal(reply.body.partnerProblem, problem, JSON.stringify(answer).slice(0, 80));
    }
  });

  it('no partner of this name: not-found; consent withdrawn: the token’s error', async () => {
    const w = world('standard', 'secret', { partnerName: 'Another MDM' });
    const who = as(w.server);
    await who.connect(w.tenant, 'standard');
    assert.equal((await who.get('/health')).body.partnerProblem, 'not-found');
    w.fake.setConsent(w.tenant, CLIENT.standard, null);
    const reply = await who.get('/health');
    assert.equal(reply.body.partnerProblem, 'consent-missing');
    assert.equal(reply.body.lastVerification.verified, true, 'reading health is not a check');
  });

  it('the last check is reported, failed or not; 404 without a connection', async () => {
    const w = world('standard', 'secret');
    const who = as(w.server);
    const none = await who.get('/health');
    assert.equal(none.status, 404);
    assert.equal(none.body.code, 'not-connected');
    await who.connect(w.tenant, 'standard');
    w.fake.setConsent(w.tenant, CLIENT.standard, [REQUIRED[0] as string]);
    await verify(w, w.tenant, 'standard', 'check', who);
    const { lastVerification } = (await who.get('/health')).body;
    assert.equal(lastVerification.verified, false);
    assert.equal(lastVerification.error, 'permissions-missing');
  });

  it('without a Microsoft app: not-configured, and the admin’s word as the last check', async () => {
    const who = as(app(db));
    await who.connect();
    const reply = await who.get('/health');
    assert.equal(reply.body.partner, null);
    assert.equal(reply.body.partnerProblem, 'not-configured');
    assert.equal(reply.body.lastVerification.verified, true);
  });
});

describe('microsoftOptionsFromEnv', () => {
  const files: Record<string, string> = {
    '/keys/both.pem': `${certificate.certificatePem}\n${certificate.privateKeyPem}`,
    '/keys/cert.pem': certificate.certificatePem,
    '/keys/key.pem': certificate.privateKeyPem,
    '/keys/secret.txt': `${SECRET}\n`,
    '/keys/empty.txt': '  \n',
  };
  const read = (path: string) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return text;
  };
  const roles = { MICROSOFT_REQUIRED_ROLES: ' DeviceManagementApps.Read.All , X.Read.All ' };

  it('is undefined without any client ID', () => {
    assert.equal(microsoftOptionsFromEnv({}, read), undefined);
  });

  it('reads a certificate with its key, a key file, a secret or a secret file', () => {
    const options = microsoftOptionsFromEnv(
      {
        ...roles,
        MICROSOFT_STANDARD_CLIENT_ID: CLIENT.standard,
        MICROSOFT_STANDARD_CERTIFICATE_FILE: '/keys/both.pem',
        MICROSOFT_GCC_HIGH_CLIENT_ID: CLIENT['gcc-high'],
        MICROSOFT_GCC_HIGH_CLIENT_SECRET_FILE: '/keys/secret.txt',
        MICROSOFT_PARTNER_NAME: ' Contoso MDM ',
        MICROSOFT_TIMEOUT_MS: '5000',
      },
      read,
    );
    assert.deepEqual(options?.requiredRoles, ['DeviceManagementApps.Read.All', 'X.Read.All']);
    assert.equal(options?.partnerName, 'Contoso MDM');
    assert.equal(options?.timeoutMs, 5000);
    assert.deepEqual(options?.apps['gcc-high'], {
      clientId: CLIENT['gcc-high'],
      credential: { secret: SECRET },
    });
    const split = microsoftOptionsFromEnv(
      {
        ...roles,
        MICROSOFT_STANDARD_CLIENT_ID: CLIENT.standard,
        MICROSOFT_STANDARD_CERTIFICATE_FILE: '/keys/cert.pem',
        MICROSOFT_STANDARD_PRIVATE_KEY_FILE: '/keys/key.pem',
      },
      read,
    );
    assert.deepEqual(split?.apps.standard?.credential, {
      certificatePem: certificate.certificatePem,
      privateKeyPem: certificate.privateKeyPem,
    });
  });

  it('refuses mistakes by naming the variable, never the value', () => {
    const base = { ...roles, MICROSOFT_STANDARD_CLIENT_ID: CLIENT.standard };
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...base }, /exactly one of MICROSOFT_STANDARD_CERTIFICATE_FILE/],
      [
        {
          ...base,
          MICROSOFT_STANDARD_CLIENT_SECRET: SECRET,
          MICROSOFT_STANDARD_CERTIFICATE_FILE: '/keys/both.pem',
        },
        /exactly one/,
      ],
      [
        { ...base, MICROSOFT_STANDARD_CERTIFICATE_FILE: '/keys/nope.pem' },
        /CERTIFICATE_FILE: the file cannot be read \(ENOENT\)/,
      ],
      [
        { ...base, MICROSOFT_STANDARD_CERTIFICATE_FILE: '/keys/key.pem' },
        /holds no PEM certificate/,
      ],
      [
        { ...base, MICROSOFT_STANDARD_CERTIFICATE_FILE: '/keys/cert.pem' },
        /holds no readable PEM private key/,
      ],
      [
        { ...base, MICROSOFT_STANDARD_CLIENT_SECRET_FILE: '/keys/empty.txt' },
        /CLIENT_SECRET_FILE is empty/,
      ],
      [
        {
          ...roles,
          MICROSOFT_GCC_HIGH_CLIENT_ID: SECRET,
          MICROSOFT_GCC_HIGH_CLIENT_SECRET: SECRET,
        },
        /MICROSOFT_GCC_HIGH_CLIENT_ID must be the app's GUID/,
      ],
      [
        { MICROSOFT_STANDARD_CLIENT_ID: CLIENT.standard, MICROSOFT_STANDARD_CLIENT_SECRET: SECRET },
        /MICROSOFT_REQUIRED_ROLES must list/,
      ],
      [
        { ...base, MICROSOFT_STANDARD_CLIENT_SECRET: SECRET, MICROSOFT_TIMEOUT_MS: 'soon' },
        /MICROSOFT_TIMEOUT_MS must be/,
      ],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => microsoftOptionsFromEnv(env, read),
        (error: unknown) => {
          assert.ok(error instanceof MicrosoftConfigError);
          assert.match(error.message, message);
          assert.ok(!error.message.includes(SECRET), 'the secret is not repeated');
          for (const pem of [certificate.privateKeyPem, certificate.certificatePem]) {
            assert.ok(!error.message.includes(pem.slice(40, 100)), 'no PEM is repeated');
          }
          return true;
        },
      );
    }
  });
});
