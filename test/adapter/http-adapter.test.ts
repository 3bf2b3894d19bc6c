import { expect } from '@open-wc/testing';
import { guardAdapter } from '../../src/adapter/adapter.js';
import { HttpAdapter, type HttpAdapterOptions } from '../../src/adapter/http-adapter.js';
import { createAuditEvent, type AuditEvent } from '../../src/core/audit.js';
import type { Connection } from '../../src/core/connection.js';
import { AdapterError, type ErrorCode } from '../../src/core/errors.js';
import { rejection } from './helpers.js';
import type { AuditPage, AuditRecord } from '../../src/contract/schemas.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const BASE = 'https://backend.example.com/api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const connection: Connection = {
  tenantType: 'gcc-high',
  tenantId: TENANT,
  enrollmentUrl: 'https://mdm.example.com/enroll',
  connectedAt: '2026-01-31T12:00:00.000Z',
  updatedAt: '2026-01-31T12:30:00.000Z',
  version: 3,
  connectedBy: 'admin@contoso.com',
};

const record: AuditRecord = {
  id: 'event-1',
  at: '2026-01-31T12:00:00.000Z',
  actor: 'admin@contoso.com',
  action: 'connect',
  outcome: 'success',
  tenantId: TENANT,
  tenantType: 'gcc-high',
  seq: 1,
  source: 'server',
  hash: 'a'.repeat(64),
};

/** What the injected `fetch` was called with. */
interface Call {
  readonly url: string;
  readonly method: string;
  /** Header names lower-cased, as `Headers` gives them. */
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly init: RequestInit;
}

type Answer = Response | Error | ((call: Call) => Response | Promise<Response>);

/**
 * A `fetch` that records every call and gives the answers in order; the last answer repeats.
 * A Response is cloned for each call, so one answer can serve several.
 */
function server(...answers: Answer[]) {
  const calls: Call[] = [];
  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body,
      init,
    };
    calls.push(call);
    const answer = answers[Math.min(calls.length, answers.length) - 1];
    if (answer === undefined) throw new Error('no answer given');
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(call);
    return answer.clone();
  };
  return { calls, fetch: fetchFn as typeof fetch };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function problem(status: number, code: string, detail?: string, title = 'Refused'): Response {
  return new Response(
    JSON.stringify({
      type: `urn:azure-compliance-connect:problem:${code}`,
      title,
      status,
      code,
      ...(detail === undefined ? {} : { detail }),
    }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

function text(status: number, body: string, type = 'text/plain'): Response {
  return new Response(body, { status, headers: { 'Content-Type': type } });
}

const noContent = () => new Response(null, { status: 204 });

function adapter(
  fake: { fetch: typeof fetch },
  options: Partial<HttpAdapterOptions> = {},
): HttpAdapter {
  return new HttpAdapter({ baseUrl: BASE, fetch: fake.fetch, ...options });
}

const signal = () => new AbortController().signal;

async function expectError(
  promise: Promise<unknown>,
  code: ErrorCode,
  detail?: string,
): Promise<AdapterError> {
  const error = await rejection(promise);
  expect(error.code, error.detail).to.equal(code);
  if (detail !== undefined) expect(error.detail).to.equal(detail);
  return error;
}

function consentRejected(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    ...createAuditEvent(
      {
        actor: 'admin@contoso.com',
        action: 'consent-rejected',
        outcome: 'failure',
        tenantId: TENANT,
        tenantType: 'standard',
        error: 'state-mismatch',
      },
      new Date('2026-01-31T12:00:00.000Z'),
      'callback-0123456789abcdef',
    ),
    ...overrides,
  };
}

/**
 * Runs `body` with `setTimeout` recording the delay it was asked for and firing at once, so
 * retry waits can be checked without waiting. Mocha keeps its own timer references.
 */
async function withInstantTimers<T>(body: (delays: number[]) => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  const delays: number[] = [];
  globalThis.setTimeout = ((handler: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    return original(handler, 0);
  }) as typeof setTimeout;
  try {
    return await body(delays);
  } finally {
    globalThis.setTimeout = original;
  }
}

describe('adapter/HttpAdapter', () => {
  describe('base URL', () => {
    it('resolves a relative base against the page, with or without a trailing slash', async () => {
      for (const baseUrl of ['/api', '/api/', '/api//']) {
        const fake = server(json(200, null));
        await new HttpAdapter({ baseUrl, fetch: fake.fetch }).loadConnection({ signal: signal() });
        expect(fake.calls[0]!.url, baseUrl).to.equal(`${location.origin}/api/connection`);
      }
    });

    it('resolves a base without a leading slash against the page directory', () => {
      const expected = new URL('tenant-api', document.baseURI).href;
      expect(new HttpAdapter({ baseUrl: 'tenant-api' }).baseUrl).to.equal(expected);
    });

    it('takes an absolute base, as a string or a URL, and appends the paths to its path', async () => {
      const fake = server(json(200, null), noContent());
      await new HttpAdapter({ baseUrl: BASE, fetch: fake.fetch }).loadConnection({
        signal: signal(),
      });
      await new HttpAdapter({
        baseUrl: new URL('http://127.0.0.1:8080/'),
        fetch: fake.fetch,
      }).removeConnection({ signal: signal() });
      expect(fake.calls.map((call) => call.url)).to.deep.equal([
        'https://backend.example.com/api/connection',
        'http://127.0.0.1:8080/connection',
      ]);
    });

    it('exposes the resolved base URL', () => {
      expect(new HttpAdapter({ baseUrl: '/api' }).baseUrl).to.equal(`${location.origin}/api`);
      expect(new HttpAdapter({ baseUrl: BASE }).baseUrl).to.equal(BASE);
    });

    const refused: [string, RegExp][] = [
      ['ftp://files.example.com/api', /http: or https:.*ftp:/],
      ['javascript:alert(1)', /http: or https:.*javascript:/],
      ['data:text/plain,hello', /http: or https:/],
      ['https://user:secret@backend.example.com/api', /user name or password/],
      ['/api?tenant=1', /query or a fragment/],
      ['/api#top', /query or a fragment/],
      ['http://[::1', /not a valid URL/],
    ];
    for (const [baseUrl, message] of refused) {
      it(`refuses ${baseUrl} with a TypeError`, () => {
        expect(() => new HttpAdapter({ baseUrl })).to.throw(TypeError, message);
      });
    }
  });

  describe('requests', () => {
    it('loadConnection: GET /connection with Accept and credentials, no body', async () => {
      const fake = server(json(200, connection));
      const callerSignal = signal();
      const result = await adapter(fake).loadConnection({ signal: callerSignal });
      expect(result).to.deep.equal(connection);
      expect(fake.calls).to.have.length(1);
      const call = fake.calls[0]!;
      expect(call.method).to.equal('GET');
      expect(call.url).to.equal(`${BASE}/connection`);
      expect(call.headers).to.deep.equal({ accept: 'application/json' });
      expect(call.body).to.equal(undefined);
      expect(call.init.credentials).to.equal('same-origin');
      expect(call.init.cache).to.equal('no-store');
      expect(call.init.signal).to.equal(callerSignal);
    });

    it('loadHealth: GET /health, parsed against the contract', async () => {
      const health = {
        checkedAt: '2026-01-31T12:40:00.000Z',
        partner: {
          state: 'unresponsive',
          lastHeartbeatAt: null,
          platforms: { ios: true, android: false, macos: false },
          displayName: 'Contoso MDM',
        },
        lastVerification: {
          at: '2026-01-31T12:39:00.000Z',
          verified: false,
          error: 'permissions-missing',
        },
        heartbeatMaxAgeMinutes: 45,
      };
      const fake = server(json(200, health));
      expect(await adapter(fake).loadHealth({ signal: signal() })).to.deep.equal(health);
      expect(fake.calls[0]!.method).to.equal('GET');
      expect(fake.calls[0]!.url).to.equal(`${BASE}/health`);
    });

    it('loadHealth: a wrong shape is malformed-response; 404 is not-connected', async () => {
      const wrong = server(json(200, { partner: { state: 'enabled' } }));
      await expectError(adapter(wrong).loadHealth({ signal: signal() }), 'malformed-response');
      const none = server(problem(404, 'not-connected'));
      await expectError(adapter(none).loadHealth({ signal: signal() }), 'not-connected');
    });

    it('verifyConsent: keeps the tenant GUID, the permissions missing and the wait', async () => {
      const fake = server(
        json(200, { verified: true, tenantGuid: TENANT }),
        json(200, {
          verified: false,
          error: 'throttled',
          aadsts: 'AADSTS50196',
          retryAfterSeconds: 30,
          permissions: ['A.Read.All'],
        }),
        json(200, { verified: true, tenantGuid: 'Contoso.com' }),
      );
      const http = adapter(fake);
      const request = {
        tenantType: 'standard' as const,
        tenantId: 'contoso.com',
        actor: 'a',
        via: 'check' as const,
      };
      expect(await http.verifyConsent(request, { signal: signal() })).to.deep.equal({
        verified: true,
        tenantGuid: TENANT,
      });
      expect(await http.verifyConsent(request, { signal: signal() })).to.deep.equal({
        verified: false,
        error: 'throttled',
        aadsts: 'AADSTS50196',
        permissions: ['A.Read.All'],
        retryAfterSeconds: 30,
      });
      await expectError(http.verifyConsent(request, { signal: signal() }), 'malformed-response');
      expect(JSON.parse(String(fake.calls[0]!.body))).to.deep.equal({
        tenantType: 'standard',
        tenantId: 'contoso.com',
        via: 'check',
      });
    });

    it('loadConnection: null when nothing is connected', async () => {
      const fake = server(json(200, null));
      expect(await adapter(fake).loadConnection({ signal: signal() })).to.equal(null);
    });

    it('uses the credentials mode it is given', async () => {
      const fake = server(json(200, null));
      await adapter(fake, { credentials: 'include' }).loadConnection({ signal: signal() });
      expect(fake.calls[0]!.init.credentials).to.equal('include');
    });

    it('verifyConsent: POST /consent/verify with tenant and via only, never the actor', async () => {
      const fake = server(json(200, { verified: true }));
      const result = await adapter(fake).verifyConsent(
        {
          tenantType: 'gcc-high',
          tenantId: TENANT,
          enrollmentUrl: 'https://mdm.example.com/enroll',
          actor: 'admin@contoso.com',
          via: 'callback',
        },
        { signal: signal() },
      );
      expect(result).to.deep.equal({ verified: true });
      const call = fake.calls[0]!;
      expect(call.method).to.equal('POST');
      expect(call.url).to.equal(`${BASE}/consent/verify`);
      expect(call.headers).to.deep.equal({
        accept: 'application/json',
        'content-type': 'application/json',
      });
      expect(JSON.parse(call.body as string)).to.deep.equal({
        tenantType: 'gcc-high',
        tenantId: TENANT,
        via: 'callback',
      });
    });

    it('verifyConsent: a refusal keeps its error and aadsts; a success drops them', async () => {
      const fake = server(
        json(200, { verified: false, error: 'invalid_client', aadsts: 'AADSTS700016' }),
        json(200, { verified: false, error: 'not-verified' }),
        json(200, { verified: true, error: 'ignored' }),
      );
      const http = adapter(fake);
      const request = {
        tenantType: 'standard',
        tenantId: TENANT,
        actor: 'a',
        via: 'manual',
      } as const;
      expect(await http.verifyConsent(request, { signal: signal() })).to.deep.equal({
        verified: false,
        error: 'invalid_client',
        aadsts: 'AADSTS700016',
      });
      expect(await http.verifyConsent(request, { signal: signal() })).to.deep.equal({
        verified: false,
        error: 'not-verified',
      });
      expect(await http.verifyConsent(request, { signal: signal() })).to.deep.equal({
        verified: true,
      });
    });

    it('verifyConsent: a refusal without an error is malformed', async () => {
      const fake = server(json(200, { verified: false }));
      await expectError(
        adapter(fake).verifyConsent(
          { tenantType: 'standard', tenantId: TENANT, actor: 'a', via: 'manual' },
          { signal: signal() },
        ),
        'malformed-response',
        'verifyConsent: a refusal must name its error',
      );
    });

    it('saveConnection: POST /connection with the Idempotency-Key given, without the actor', async () => {
      const fake = server(json(201, connection));
      const saved = await adapter(fake).saveConnection(
        {
          tenantType: 'gcc-high',
          tenantId: TENANT,
          enrollmentUrl: 'https://mdm.example.com/enroll',
          remediationUrl: 'https://mdm.example.com/fix',
          actor: 'admin@contoso.com',
          idempotencyKey: 'attempt-key-0001',
        },
        { signal: signal() },
      );
      expect(saved).to.deep.equal(connection);
      const call = fake.calls[0]!;
      expect(call.method).to.equal('POST');
      expect(call.url).to.equal(`${BASE}/connection`);
      expect(call.headers).to.deep.equal({
        accept: 'application/json',
        'content-type': 'application/json',
        'idempotency-key': 'attempt-key-0001',
      });
      expect(JSON.parse(call.body as string)).to.deep.equal({
        tenantType: 'gcc-high',
        tenantId: TENANT,
        enrollmentUrl: 'https://mdm.example.com/enroll',
        remediationUrl: 'https://mdm.example.com/fix',
      });
    });

    it('saveConnection: a fresh UUID key for each call without one, and no absent URLs', async () => {
      const fake = server(json(201, connection));
      const http = adapter(fake);
      const input = { tenantType: 'standard', tenantId: TENANT, actor: 'a' } as const;
      await http.saveConnection(input, { signal: signal() });
      await http.saveConnection(input, { signal: signal() });
      const [first, second] = fake.calls.map((call) => call.headers['idempotency-key']);
      expect(first).to.match(UUID);
      expect(second).to.match(UUID);
      expect(first).not.to.equal(second);
      expect(JSON.parse(fake.calls[0]!.body as string)).to.deep.equal({
        tenantType: 'standard',
        tenantId: TENANT,
      });
    });

    it('saveConnection: refuses an unusable key without a request', async () => {
      const fake = server(json(201, connection));
      await expectError(
        adapter(fake).saveConnection(
          { tenantType: 'standard', tenantId: TENANT, actor: 'a', idempotencyKey: 'short' },
          { signal: signal() },
        ),
        'invalid-request',
      );
      expect(fake.calls).to.have.length(0);
    });

    it('updateConnection: PUT /connection with If-Match naming the edited version', async () => {
      const fake = server(json(200, { ...connection, version: 8 }));
      const saved = await adapter(fake).updateConnection(
        {
          tenantType: 'gcc-high',
          tenantId: TENANT,
          remediationUrl: 'https://mdm.example.com/fix',
          expectedVersion: 7,
        },
        { signal: signal() },
      );
      expect(saved.version).to.equal(8);
      const call = fake.calls[0]!;
      expect(call.method).to.equal('PUT');
      expect(call.url).to.equal(`${BASE}/connection`);
      expect(call.headers).to.deep.equal({
        accept: 'application/json',
        'content-type': 'application/json',
        'if-match': '"7"',
      });
      expect(JSON.parse(call.body as string)).to.deep.equal({
        tenantType: 'gcc-high',
        tenantId: TENANT,
        remediationUrl: 'https://mdm.example.com/fix',
      });
    });

    it('removeConnection: DELETE /connection, 204', async () => {
      const fake = server(noContent());
      expect(await adapter(fake).removeConnection({ signal: signal() })).to.equal(undefined);
      const call = fake.calls[0]!;
      expect(call.method).to.equal('DELETE');
      expect(call.url).to.equal(`${BASE}/connection`);
      expect(call.headers).to.deep.equal({ accept: 'application/json' });
      expect(call.body).to.equal(undefined);
    });
  });

  describe('appendAuditEvent', () => {
    it('POSTs a refused consent callback as a client observation', async () => {
      const fake = server(json(201, { status: 'recorded' }));
      await adapter(fake).appendAuditEvent(
        consentRejected({ tenantType: 'gcc-high', error: 'wrong-cloud', aadsts: 'AADSTS90038' }),
        { signal: signal() },
      );
      const call = fake.calls[0]!;
      expect(call.method).to.equal('POST');
      expect(call.url).to.equal(`${BASE}/audit`);
      expect(call.headers).to.deep.equal({
        accept: 'application/json',
        'content-type': 'application/json',
      });
      // No actor and no time: the server takes them from the session and its clock.
      expect(JSON.parse(call.body as string)).to.deep.equal({
        id: 'callback-0123456789abcdef',
        action: 'consent-rejected',
        outcome: 'failure',
        tenantType: 'gcc-high',
        tenantId: TENANT,
        error: 'wrong-cloud',
        aadsts: 'AADSTS90038',
      });
    });

    it('takes 201, 200 and 202 as success', async () => {
      const fake = server(
        json(201, { status: 'recorded' }),
        json(200, { status: 'duplicate' }),
        json(202, { status: 'summarized' }),
      );
      const http = adapter(fake);
      for (let i = 0; i < 3; i++) {
        expect(await http.appendAuditEvent(consentRejected(), { signal: signal() })).to.equal(
          undefined,
        );
      }
      expect(fake.calls).to.have.length(3);
    });

    for (const action of ['connect', 'edit', 'disconnect', 'verify-consent'] as const) {
      it(`refuses a ${action} event without a request`, async () => {
        const fake = server(json(201, { status: 'recorded' }));
        await expectError(
          adapter(fake).appendAuditEvent(
            consentRejected({ action, outcome: 'success', error: undefined }),
            { signal: signal() },
          ),
          'invalid-request',
          `${action} events are written by the server itself`,
        );
        expect(fake.calls).to.have.length(0);
      });
    }

    const notClientEvents: [string, Partial<AuditEvent>][] = [
      ['a success', { outcome: 'success' }],
      ['a failure without an error', { error: undefined }],
      ['a failure with a server-side error', { error: 'network' }],
      ['an id the contract refuses', { id: 'has spaces' }],
    ];
    for (const [name, overrides] of notClientEvents) {
      it(`refuses ${name} without a request`, async () => {
        const fake = server(json(201, { status: 'recorded' }));
        await expectError(
          adapter(fake).appendAuditEvent(consentRejected(overrides), { signal: signal() }),
          'invalid-request',
        );
        expect(fake.calls).to.have.length(0);
      });
    }

    const dropped: [string, Partial<AuditEvent>, string][] = [
      ['an empty tenant', { tenantId: '' }, 'tenantId'],
      ['an upper-case tenant', { tenantId: TENANT.toUpperCase() }, 'tenantId'],
      ['a multi-tenant alias', { tenantId: 'common' }, 'tenantId'],
      ['a tenant with a line break', { tenantId: `${TENANT}\nx` }, 'tenantId'],
      ['an aadsts that is no AADSTS code', { aadsts: 'AADSTS65004; drop' }, 'aadsts'],
      ['a too long aadsts', { aadsts: 'AADSTS1234567' }, 'aadsts'],
    ];
    for (const [name, overrides, field] of dropped) {
      it(`leaves out ${name}`, async () => {
        const fake = server(json(201, { status: 'recorded' }));
        await adapter(fake).appendAuditEvent(consentRejected(overrides), { signal: signal() });
        const body = JSON.parse(fake.calls[0]!.body as string) as Record<string, unknown>;
        expect(body).not.to.have.property(field);
        expect(body).to.include({ id: 'callback-0123456789abcdef', error: 'state-mismatch' });
      });
    }

    it('keeps a domain tenant and a six-digit AADSTS code', async () => {
      const fake = server(json(201, { status: 'recorded' }));
      await adapter(fake).appendAuditEvent(
        consentRejected({ tenantId: 'contoso.onmicrosoft.com', aadsts: 'AADSTS700016' }),
        { signal: signal() },
      );
      expect(JSON.parse(fake.calls[0]!.body as string)).to.include({
        tenantId: 'contoso.onmicrosoft.com',
        aadsts: 'AADSTS700016',
      });
    });
  });

  describe('audit log', () => {
    const page: AuditPage = { events: [record], nextCursor: 'c2Vx' };

    it('listAuditEvents: GET /audit?limit=50 by default and returns the events', async () => {
      const fake = server(json(200, page));
      expect(await adapter(fake).listAuditEvents({ signal: signal() })).to.deep.equal([record]);
      expect(fake.calls[0]!.method).to.equal('GET');
      expect(fake.calls[0]!.url).to.equal(`${BASE}/audit?limit=50`);
      expect(fake.calls[0]!.headers).to.deep.equal({ accept: 'application/json' });
    });

    it('listAuditEvents: clamps the limit to 1..200', async () => {
      const fake = server(json(200, { events: [], nextCursor: null }));
      const http = adapter(fake);
      for (const limit of [0, -5, 7.9, 200, 1000, Number.NaN]) {
        await http.listAuditEvents({ signal: signal(), limit });
      }
      expect(fake.calls.map((call) => new URL(call.url).searchParams.get('limit'))).to.deep.equal([
        '1',
        '1',
        '7',
        '200',
        '200',
        '50',
      ]);
    });

    it('listAuditPage: sends the cursor and the filters, and returns the page', async () => {
      const fake = server(json(200, page));
      const result = await adapter(fake).listAuditPage({
        signal: signal(),
        limit: 20,
        cursor: 'c2Vx',
        action: 'consent-rejected',
        outcome: 'failure',
        from: new Date('2026-01-01T00:00:00.000Z'),
        to: '2026-02-01T00:00:00Z',
      });
      expect(result).to.deep.equal(page);
      expect(fake.calls[0]!.url).to.equal(
        `${BASE}/audit?action=consent-rejected&cursor=c2Vx&from=2026-01-01T00%3A00%3A00.000Z&limit=20&outcome=failure&to=2026-02-01T00%3A00%3A00Z`,
      );
    });

    it('listAuditPage: no query without options', async () => {
      const fake = server(json(200, { events: [], nextCursor: null }));
      expect(await adapter(fake).listAuditPage({ signal: signal() })).to.deep.equal({
        events: [],
        nextCursor: null,
      });
      expect(fake.calls[0]!.url).to.equal(`${BASE}/audit`);
    });

    it('listAuditPage: a malformed record names its path', async () => {
      const fake = server(
        json(200, { events: [record, { ...record, hash: 'x' }], nextCursor: null }),
      );
      const error = await expectError(
        adapter(fake).listAuditPage({ signal: signal() }),
        'malformed-response',
      );
      expect(error.detail).to.match(/^listAuditPage: .* at events\.1\.hash$/);
    });

    it('through guardAdapter, the kit sees plain audit events and authorsAudit', async () => {
      const fake = server(json(200, page));
      const guarded = guardAdapter(adapter(fake));
      expect(guarded.authorsAudit).to.equal(true);
      const events = await guarded.listAuditEvents({ signal: signal(), limit: 5 });
      const chainFields = new Set(['seq', 'source', 'hash']);
      const event = Object.fromEntries(
        Object.entries(record).filter(([key]) => !chainFields.has(key)),
      );
      expect(events).to.deep.equal([event]);
      expect(fake.calls[0]!.url).to.equal(`${BASE}/audit?limit=5`);
    });
  });

  describe('exportAudit', () => {
    function csv(disposition?: string): Response {
      return new Response('seq,id\n1,event-1\n', {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          ...(disposition === undefined ? {} : { 'Content-Disposition': disposition }),
        },
      });
    }

    it('GET /audit/export with the format, the filters and the matching Accept', async () => {
      const fake = server(csv('attachment; filename="audit-2026-01-31.csv"'));
      const result = await adapter(fake).exportAudit({
        signal: signal(),
        format: 'csv',
        outcome: 'failure',
        from: '2026-01-01T00:00:00Z',
      });
      const call = fake.calls[0]!;
      expect(call.method).to.equal('GET');
      expect(call.url).to.equal(
        `${BASE}/audit/export?format=csv&from=2026-01-01T00%3A00%3A00Z&outcome=failure`,
      );
      expect(call.headers).to.deep.equal({ accept: 'text/csv' });
      expect(result.filename).to.equal('audit-2026-01-31.csv');
      expect(result.blob.type).to.equal('text/csv; charset=utf-8');
      expect(await result.blob.text()).to.equal('seq,id\n1,event-1\n');
    });

    it('asks for JSON Lines and types an untyped answer', async () => {
      const fake = server(() => new Response(new Blob(['{"seq":1}\n'])));
      const result = await adapter(fake).exportAudit({ signal: signal(), format: 'jsonl' });
      expect(fake.calls[0]!.url).to.equal(`${BASE}/audit/export?format=jsonl`);
      expect(fake.calls[0]!.headers).to.deep.equal({ accept: 'application/jsonl' });
      expect(result.filename).to.equal('audit.jsonl');
      expect(result.blob.type).to.equal('application/jsonl');
      expect(await result.blob.text()).to.equal('{"seq":1}\n');
    });

    const names: [string | undefined, string][] = [
      [undefined, 'audit.csv'],
      ['attachment', 'audit.csv'],
      ['attachment; filename=audit-7.csv', 'audit-7.csv'],
      ['attachment; filename="audit 7.csv"', 'audit.csv'],
      ['attachment; filename="../../x.csv"', 'audit.csv'],
      ['attachment; filename="..\\\\x.csv"', 'audit.csv'],
      ['attachment; filename="/etc/x.csv"', 'audit.csv'],
      ['attachment; filename="audit.csv.exe"', 'audit.csv'],
      ['attachment; filename="audit.jsonl"', 'audit.csv'],
      ['attachment; filename=".csv"', 'audit.csv'],
      [`attachment; filename="${'a'.repeat(200)}.csv"`, 'audit.csv'],
      ["attachment; filename*=UTF-8''audit-8.csv", 'audit-8.csv'],
      ["attachment; filename*=UTF-8''..%2Fx.csv", 'audit.csv'],
      ["attachment; filename*=UTF-8''%E0%A4%A.csv", 'audit.csv'],
    ];
    for (const [header, expected] of names) {
      it(`names the file ${expected} for ${header ?? 'no Content-Disposition'}`, async () => {
        const fake = server(csv(header));
        const result = await adapter(fake).exportAudit({ signal: signal(), format: 'csv' });
        expect(result.filename).to.equal(expected);
      });
    }

    it('maps an error answer like any other call', async () => {
      const fake = server(problem(403, 'forbidden', 'Auditors only'));
      await expectError(
        adapter(fake).exportAudit({ signal: signal(), format: 'csv' }),
        'forbidden',
        'Auditors only',
      );
    });
  });

  describe('headers hook', () => {
    it('is called for every request, and its headers are sent', async () => {
      const fake = server(json(200, null), noContent());
      let calls = 0;
      const http = adapter(fake, {
        headers: () => {
          calls += 1;
          return { 'X-CSRF-Token': `token-${calls}` };
        },
      });
      await http.loadConnection({ signal: signal() });
      await http.removeConnection({ signal: signal() });
      expect(calls).to.equal(2);
      expect(fake.calls.map((call) => call.headers['x-csrf-token'])).to.deep.equal([
        'token-1',
        'token-2',
      ]);
    });

    it('may be async, and cannot replace the kit headers', async () => {
      const fake = server(json(200, { verified: true }));
      await adapter(fake, {
        headers: async () =>
          new Headers({
            Authorization: 'Bearer abc',
            Accept: 'text/html',
            'Content-Type': 'text/plain',
          }),
      }).verifyConsent(
        { tenantType: 'standard', tenantId: TENANT, actor: 'a', via: 'manual' },
        { signal: signal() },
      );
      expect(fake.calls[0]!.headers).to.deep.equal({
        accept: 'application/json',
        authorization: 'Bearer abc',
        'content-type': 'application/json',
      });
    });

    it('is called again for each retry', async () => {
      const fake = server(text(503, 'busy'), json(200, null));
      let calls = 0;
      await withInstantTimers(() =>
        adapter(fake, { headers: () => ({ 'X-Try': String(++calls) }) }).loadConnection({
          signal: signal(),
        }),
      );
      expect(fake.calls.map((call) => call.headers['x-try'])).to.deep.equal(['1', '2']);
    });

    it('a hook that throws fails the call with adapter and its message, without a request', async () => {
      const fake = server(json(200, null));
      await expectError(
        adapter(fake, {
          headers: () => {
            throw new Error('no CSRF token on the page');
          },
        }).loadConnection({ signal: signal() }),
        'adapter',
        'no CSRF token on the page',
      );
      expect(fake.calls).to.have.length(0);
    });

    it('an AdapterError from the hook is kept', async () => {
      const fake = server(json(200, null));
      await expectError(
        adapter(fake, {
          headers: () => Promise.reject(new AdapterError('unauthorized', 'signed out')),
        }).loadConnection({ signal: signal() }),
        'unauthorized',
        'signed out',
      );
      expect(fake.calls).to.have.length(0);
    });

    it('an invalid header from the hook is adapter, not network', async () => {
      const fake = server(json(200, null));
      await expectError(
        adapter(fake, { headers: () => ({ 'bad header': 'x' }) }).loadConnection({
          signal: signal(),
        }),
        'adapter',
      );
      expect(fake.calls).to.have.length(0);
    });
  });

  describe('fetch', () => {
    it('uses the global fetch, looked up at call time', async () => {
      const original = globalThis.fetch;
      const http = new HttpAdapter({ baseUrl: BASE });
      const fake = server(json(200, connection));
      globalThis.fetch = fake.fetch;
      try {
        expect(await http.loadConnection({ signal: signal() })).to.deep.equal(connection);
      } finally {
        globalThis.fetch = original;
      }
      expect(fake.calls).to.have.length(1);
    });

    it('calls the real fetch without Illegal invocation, default or passed in', async () => {
      const native = globalThis.fetch;
      for (const http of [
        new HttpAdapter({ baseUrl: '/__http-adapter-test__' }),
        new HttpAdapter({ baseUrl: '/__http-adapter-test__', fetch: native }),
        new HttpAdapter({ baseUrl: '/__http-adapter-test__', fetch: window.fetch }),
      ]) {
        // The test server has no such API: a 404 that is not a problem document.
        await expectError(http.loadConnection({ signal: signal() }), 'invalid-request', 'HTTP 404');
      }
    });

    it('a fetch that rejects with something else than a TypeError is adapter', async () => {
      const fake = server(new Error('boom'));
      await expectError(adapter(fake).removeConnection({ signal: signal() }), 'adapter', 'boom');
    });
  });

  describe('retries', () => {
    it('retries a GET after network failures, then answers', async () => {
      const fake = server(
        new TypeError('Failed to fetch'),
        new TypeError('Failed to fetch'),
        json(200, connection),
      );
      const result = await withInstantTimers(async (delays) => {
        const loaded = await adapter(fake).loadConnection({ signal: signal() });
        expect(delays).to.deep.equal([250, 500]);
        return loaded;
      });
      expect(result).to.deep.equal(connection);
      expect(fake.calls).to.have.length(3);
    });

    it('gives up after `retries` retries with the last error', async () => {
      const fake = server(new TypeError('Failed to fetch'));
      await withInstantTimers(() =>
        expectError(
          adapter(fake).loadConnection({ signal: signal() }),
          'network',
          'Failed to fetch',
        ),
      );
      expect(fake.calls).to.have.length(3);
    });

    for (const status of [502, 503, 504]) {
      it(`retries a GET answered ${status}, and maps the last answer`, async () => {
        const fake = server(problem(status, 'unavailable', 'Database restarting'));
        await withInstantTimers(() =>
          expectError(
            adapter(fake).listAuditEvents({ signal: signal() }),
            'unavailable',
            'Database restarting',
          ),
        );
        expect(fake.calls).to.have.length(3);
      });
    }

    it('follows the retries option', async () => {
      const none = server(text(503, 'busy'));
      await expectError(
        adapter(none, { retries: 0 }).loadConnection({ signal: signal() }),
        'unavailable',
        'HTTP 503',
      );
      expect(none.calls).to.have.length(1);
      const five = server(text(503, 'busy'));
      await withInstantTimers(async (delays) => {
        await expectError(
          adapter(five, { retries: 5 }).loadConnection({ signal: signal() }),
          'unavailable',
        );
        expect(delays).to.deep.equal([250, 500, 1000, 2000, 4000]);
      });
      expect(five.calls).to.have.length(6);
    });

    it('does not retry other failures of a GET', async () => {
      for (const answer of [
        text(500, 'oops'),
        text(429, 'slow down'),
        problem(401, 'unauthorized'),
      ]) {
        const fake = server(answer);
        await rejection(adapter(fake).loadConnection({ signal: signal() }));
        expect(fake.calls, String(answer.status)).to.have.length(1);
      }
    });

    it('never retries a POST, PUT or DELETE', async () => {
      const calls = [
        (http: HttpAdapter) =>
          http.saveConnection(
            { tenantType: 'standard', tenantId: TENANT, actor: 'a' },
            { signal: signal() },
          ),
        (http: HttpAdapter) =>
          http.verifyConsent(
            { tenantType: 'standard', tenantId: TENANT, actor: 'a', via: 'manual' },
            { signal: signal() },
          ),
        (http: HttpAdapter) =>
          http.updateConnection(
            { tenantType: 'standard', tenantId: TENANT, expectedVersion: 1 },
            { signal: signal() },
          ),
        (http: HttpAdapter) => http.removeConnection({ signal: signal() }),
        (http: HttpAdapter) => http.appendAuditEvent(consentRejected(), { signal: signal() }),
      ];
      for (const call of calls) {
        const busy = server(problem(503, 'unavailable'));
        await expectError(call(adapter(busy, { retries: 5 })), 'unavailable');
        expect(busy.calls).to.have.length(1);
        const offline = server(new TypeError('Failed to fetch'));
        await expectError(call(adapter(offline, { retries: 5 })), 'network', 'Failed to fetch');
        expect(offline.calls).to.have.length(1);
      }
    });

    const waits: [string, () => string, (ms: number) => boolean][] = [
      ['delta seconds', () => '2', (ms) => ms === 2000],
      ['zero seconds', () => '0', (ms) => ms === 0],
      ['more than 5 s (capped)', () => '60', (ms) => ms === 5000],
      [
        'an HTTP date',
        () => new Date(Date.now() + 3000).toUTCString(),
        (ms) => ms > 1500 && ms <= 3000,
      ],
      [
        'an HTTP date in the past',
        () => new Date(Date.now() - 60_000).toUTCString(),
        (ms) => ms === 0,
      ],
      [
        'a date far ahead (capped)',
        () => new Date(Date.now() + 3_600_000).toUTCString(),
        (ms) => ms === 5000,
      ],
      ['garbage (backoff instead)', () => 'soon', (ms) => ms === 250],
      ['a fraction (backoff instead)', () => '1.5', (ms) => ms === 250],
    ];
    for (const [name, header, check] of waits) {
      it(`waits as Retry-After asks: ${name}`, async () => {
        const fake = server(
          () => new Response('busy', { status: 503, headers: { 'Retry-After': header() } }),
          json(200, null),
        );
        await withInstantTimers(async (delays) => {
          await adapter(fake).loadConnection({ signal: signal() });
          expect(delays).to.have.length(1);
          expect(check(delays[0]!), `waited ${delays[0]} ms`).to.be.true;
        });
        expect(fake.calls).to.have.length(2);
      });
    }

    it('really waits between tries', async () => {
      const fake = server(text(503, 'busy'), json(200, null));
      const started = performance.now();
      await adapter(fake).loadConnection({ signal: signal() });
      expect(performance.now() - started).to.be.within(200, 2000);
      expect(fake.calls).to.have.length(2);
    });
  });

  describe('aborts', () => {
    /** A fetch that never answers, and rejects like the real one when its signal aborts. */
    function hanging() {
      return server(
        ({ init }) =>
          new Promise<Response>((_resolve, reject) =>
            init.signal!.addEventListener('abort', () =>
              reject(new DOMException('The user aborted a request.', 'AbortError')),
            ),
          ),
      );
    }

    it('an abort while the request is pending -> aborted', async () => {
      const fake = hanging();
      const controller = new AbortController();
      const pending = adapter(fake).saveConnection(
        { tenantType: 'standard', tenantId: TENANT, actor: 'a' },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 10);
      await expectError(pending, 'aborted');
      expect(fake.calls).to.have.length(1);
    });

    it('an abort during a retry wait -> aborted at once, without another request', async () => {
      const fake = server(
        () => new Response('busy', { status: 503, headers: { 'Retry-After': '5' } }),
      );
      const controller = new AbortController();
      const started = performance.now();
      const pending = adapter(fake).loadConnection({ signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      await expectError(pending, 'aborted');
      expect(performance.now() - started).to.be.below(1000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.calls).to.have.length(1);
    });

    it('an already aborted signal -> aborted without a request', async () => {
      const fake = server(json(200, null));
      const controller = new AbortController();
      controller.abort();
      await expectError(adapter(fake).loadConnection({ signal: controller.signal }), 'aborted');
      expect(fake.calls).to.have.length(0);
    });

    it('an abort while the headers hook runs -> aborted without a request', async () => {
      const fake = server(json(200, null));
      const controller = new AbortController();
      const pending = adapter(fake, {
        headers: async () => {
          controller.abort();
          return {};
        },
      }).loadConnection({ signal: controller.signal });
      await expectError(pending, 'aborted');
      expect(fake.calls).to.have.length(0);
    });

    it('keeps an AdapterError given as the abort reason (a deadline)', async () => {
      const fake = hanging();
      const controller = new AbortController();
      const pending = adapter(fake).loadConnection({ signal: controller.signal });
      setTimeout(() => controller.abort(new AdapterError('timeout', 'No answer in 10 ms')), 10);
      await expectError(pending, 'timeout', 'No answer in 10 ms');
    });

    it('AbortSignal.timeout() -> timeout', async () => {
      const fake = hanging();
      await expectError(
        adapter(fake).loadConnection({ signal: AbortSignal.timeout(10) }),
        'timeout',
      );
    });
  });

  describe('error answers', () => {
    const cases: [string, () => Response, ErrorCode, string][] = [
      [
        '401 unauthorized',
        () => problem(401, 'unauthorized', 'Sign in again'),
        'unauthorized',
        'Sign in again',
      ],
      [
        '403 forbidden',
        () => problem(403, 'forbidden', 'Read-only user'),
        'forbidden',
        'Read-only user',
      ],
      ['403 foreign-origin', () => problem(403, 'foreign-origin'), 'forbidden', 'Refused'],
      [
        '404 not-connected',
        () => problem(404, 'not-connected', 'No tenant'),
        'not-connected',
        'No tenant',
      ],
      ['404 not-found', () => problem(404, 'not-found'), 'invalid-request', 'Refused'],
      [
        '409 conflict',
        () => problem(409, 'conflict', 'Version 4 is current'),
        'conflict',
        'Version 4 is current',
      ],
      ['412 conflict', () => problem(412, 'conflict'), 'conflict', 'Refused'],
      [
        '409 not-verified',
        () => problem(409, 'not-verified', 'No consent yet'),
        'not-verified',
        'No consent yet',
      ],
      [
        '422 invalid-field (title as detail)',
        () => problem(422, 'invalid-field', undefined, 'A field is invalid'),
        'invalid-request',
        'A field is invalid',
      ],
      [
        '428 precondition-required',
        () => problem(428, 'precondition-required'),
        'invalid-request',
        'Refused',
      ],
      [
        '413 payload-too-large',
        () => problem(413, 'payload-too-large'),
        'invalid-request',
        'Refused',
      ],
      ['500 internal', () => problem(500, 'internal', 'Bug'), 'adapter', 'Bug'],
      [
        '503 unavailable',
        () => problem(503, 'unavailable', 'Database down'),
        'unavailable',
        'Database down',
      ],
      ['409 with an unknown code', () => problem(409, 'something-new'), 'conflict', 'Refused'],
      [
        '400 with an unknown code',
        () => problem(400, 'something-new'),
        'invalid-request',
        'Refused',
      ],
      [
        'a problem with a charset',
        () =>
          new Response(
            JSON.stringify({
              type: 'about:blank',
              title: 'Denied',
              status: 403,
              code: 'forbidden',
            }),
            { status: 403, headers: { 'Content-Type': 'application/problem+json; charset=utf-8' } },
          ),
        'forbidden',
        'Denied',
      ],
      [
        'a problem sent as application/json',
        () =>
          json(401, { type: 'about:blank', title: 'Expired', status: 401, code: 'unauthorized' }),
        'unauthorized',
        'Expired',
      ],
      [
        '404 HTML page',
        () => text(404, '<h1>Not found</h1>', 'text/html'),
        'invalid-request',
        'HTTP 404',
      ],
      ['500 text', () => text(500, 'Internal Server Error'), 'adapter', 'HTTP 500'],
      ['502 with no body', () => new Response(null, { status: 502 }), 'unavailable', 'HTTP 502'],
      ['429 text', () => text(429, 'slow down'), 'unavailable', 'HTTP 429'],
      ['401 text', () => text(401, 'who are you'), 'unauthorized', 'HTTP 401'],
      ['403 text', () => text(403, 'no'), 'forbidden', 'HTTP 403'],
      ['409 text', () => text(409, 'taken'), 'conflict', 'HTTP 409'],
      ['418 text', () => text(418, 'teapot'), 'invalid-request', 'HTTP 418'],
      [
        '400 JSON that is not a problem',
        () => json(400, { error: 'bad' }),
        'invalid-request',
        'HTTP 400',
      ],
      [
        '401 problem type with broken JSON',
        () => text(401, '{"type":', 'application/problem+json'),
        'unauthorized',
        'HTTP 401',
      ],
      [
        'a problem document sent as text/plain',
        () =>
          text(
            403,
            JSON.stringify({ type: 'x', title: 'Nope', status: 403, code: 'unauthorized' }),
          ),
        'forbidden',
        'HTTP 403',
      ],
    ];
    for (const [name, answer, code, detail] of cases) {
      it(`${name} -> ${code}`, async () => {
        // A POST, so that 502/503 are not retried.
        const fake = server(answer);
        await expectError(
          adapter(fake).verifyConsent(
            { tenantType: 'standard', tenantId: TENANT, actor: 'a', via: 'manual' },
            { signal: signal() },
          ),
          code,
          detail,
        );
      });
    }

    it('a network failure -> network with the message as detail', async () => {
      const fake = server(new TypeError('Failed to fetch'));
      await expectError(
        adapter(fake).updateConnection(
          { tenantType: 'standard', tenantId: TENANT, expectedVersion: 2 },
          { signal: signal() },
        ),
        'network',
        'Failed to fetch',
      );
    });
  });

  describe('malformed success answers', () => {
    const cases: [string, (http: HttpAdapter) => Promise<unknown>, () => Response, RegExp][] = [
      [
        'loadConnection: not JSON',
        (h) => h.loadConnection({ signal: signal() }),
        () => text(200, '<html>login</html>', 'text/html'),
        /^loadConnection: the answer is not JSON$/,
      ],
      [
        'loadConnection: empty body',
        (h) => h.loadConnection({ signal: signal() }),
        () => text(200, ''),
        /^loadConnection: the answer is not JSON$/,
      ],
      [
        'loadConnection: a bad tenant',
        (h) => h.loadConnection({ signal: signal() }),
        () => json(200, { ...connection, tenantId: 'COMMON' }),
        / at tenantId$/,
      ],
      [
        'loadConnection: a list',
        (h) => h.loadConnection({ signal: signal() }),
        () => json(200, [connection]),
        /^loadConnection: /,
      ],
      [
        'verifyConsent: verified is text',
        (h) =>
          h.verifyConsent(
            { tenantType: 'standard', tenantId: TENANT, actor: 'a', via: 'manual' },
            { signal: signal() },
          ),
        () => json(200, { verified: 'yes' }),
        / at verified$/,
      ],
      [
        'saveConnection: version 0',
        (h) =>
          h.saveConnection(
            { tenantType: 'standard', tenantId: TENANT, actor: 'a' },
            { signal: signal() },
          ),
        () => json(201, { ...connection, version: 0 }),
        /^saveConnection: .* at version$/,
      ],
      [
        'saveConnection: no body',
        (h) =>
          h.saveConnection(
            { tenantType: 'standard', tenantId: TENANT, actor: 'a' },
            { signal: signal() },
          ),
        () => new Response(null, { status: 201 }),
        /^saveConnection: the answer is not JSON$/,
      ],
      [
        'updateConnection: an http URL',
        (h) =>
          h.updateConnection(
            { tenantType: 'standard', tenantId: TENANT, expectedVersion: 1 },
            { signal: signal() },
          ),
        () => json(200, { ...connection, enrollmentUrl: 'http://x.com' }),
        /^updateConnection: .* at enrollmentUrl$/,
      ],
      [
        'listAuditEvents: a plain list',
        (h) => h.listAuditEvents({ signal: signal() }),
        () => json(200, [record]),
        /^listAuditPage: /,
      ],
      [
        'listAuditPage: no cursor',
        (h) => h.listAuditPage({ signal: signal() }),
        () => json(200, { events: [] }),
        / at nextCursor$/,
      ],
    ];
    for (const [name, call, answer, detail] of cases) {
      it(`${name} -> malformed-response`, async () => {
        const fake = server(answer);
        const error = await expectError(call(adapter(fake)), 'malformed-response');
        expect(error.detail).to.match(detail);
      });
    }
  });
});
