import { HttpAdapter } from '../adapter/http-adapter.js';
import {
  AUDIT_PAGE_MAX,
  IDEMPOTENCY_KEY_HEADER,
  MAX_BODY_BYTES,
  PATHS,
  PROBLEM_MEDIA_TYPE,
  auditPageSchema,
  auditRecordSchema,
  clientAuditResultSchema,
  connectionOrNullSchema,
  etagOf,
  connectionHealthSchema,
  healthSchema,
  problemSchema,
  verificationSchema,
  type AuditRecord,
} from '../contract/index.js';
import { connectionSchema, type Connection, type ConnectionInput } from '../core/connection.js';
import {
  CONFORMANCE_OTHER_TENANT,
  CONFORMANCE_TENANT,
  defineAdapterConformanceSuite,
  type TestFunction,
} from './adapter-suite.js';
import { conforms, equal, fail, ok } from './check.js';

/** Request headers that authenticate one console session. */
export type SessionHeaders = Readonly<Record<string, string>>;

export interface ConformanceOptions {
  /** The runner's test function: node:test `test`, Mocha `it`, Vitest `test`... */
  readonly test: TestFunction;
  /** The backend's base URL, e.g. `http://127.0.0.1:8787` or `https://console.example.com/api`. */
  readonly baseUrl: string | URL;
  /**
   * Headers that sign in as two different consoles, `a` and `b` (for the isolation checks).
   * Called once, before the first test. Both consoles are disconnected by the suite; their audit
   * trails only grow. With the reference server in development, `devSessions()` makes new ones.
   */
  sessions():
    { a: SessionHeaders; b: SessionHeaders } | Promise<{ a: SessionHeaders; b: SessionHeaders }>;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Put before every test name. */
  readonly prefix?: string;
}

/**
 * Two new consoles for a backend running the reference server's development authenticator
 * (`X-Dev-Console`, `X-Dev-Actor`): a fresh pair per call, so the suite can run again and again.
 */
export function devSessions(): { a: SessionHeaders; b: SessionHeaders } {
  const run = globalThis.crypto.randomUUID().slice(0, 8);
  return {
    a: {
      'X-Dev-Console': `conformance-${run}-a`,
      'X-Dev-Actor': `admin-a-${run}@conformance.example`,
    },
    b: {
      'X-Dev-Console': `conformance-${run}-b`,
      'X-Dev-Actor': `admin-b-${run}@conformance.example`,
    },
  };
}

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/**
 * Registers the conformance suite of the HTTP contract (`openapi.json`) against a running
 * backend: every route, status, header and problem document the kit's `HttpAdapter` relies on,
 * isolation between consoles, idempotency, version conflicts, audit order, pagination and
 * append-only, then the adapter-level suite through `HttpAdapter`. Runner-agnostic: pass your
 * runner's `test` function.
 */
export function defineConformanceSuite(options: ConformanceOptions): void {
  const { test } = options;
  const prefix = options.prefix ?? '';
  const base = new URL(String(options.baseUrl));
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const doFetch = (input: string, init: RequestInit) =>
    (options.fetch ?? globalThis.fetch)(input, init);
  let sessions: Promise<{ a: SessionHeaders; b: SessionHeaders }> | undefined;
  const session = async (which: 'a' | 'b') =>
    (await (sessions ??= Promise.resolve(options.sessions())))[which];

  const url = (path: string) => new URL(path.replace(/^\//, ''), base).href;

  async function call(
    method: string,
    path: string,
    init: {
      as?: 'a' | 'b' | null;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.as !== null) Object.assign(headers, await session(init.as ?? 'a'));
    if (init.body !== undefined || init.raw !== undefined)
      headers['Content-Type'] = 'application/json';
    Object.assign(headers, init.headers);
    const response = await doFetch(url(path), {
      method,
      headers,
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  function expectStatus(reply: Reply, status: number, what: string): void {
    if (reply.status !== status) {
      fail(`${what}: expected HTTP ${status}, got ${reply.status} ${reply.text.slice(0, 300)}`);
    }
  }

  /** Checks an RFC 9457 problem document with the kit's code. */
  function expectProblem(reply: Reply, status: number, code: string, what: string) {
    expectStatus(reply, status, what);
    const type = reply.headers.get('Content-Type') ?? '';
    ok(
      type.startsWith(PROBLEM_MEDIA_TYPE),
      `${what}: Content-Type should be ${PROBLEM_MEDIA_TYPE}, got "${type}"`,
    );
    const problem = conforms(problemSchema, reply.body, `${what}: the problem document`);
    equal(problem.code, code, `${what}: the problem code`);
    equal(problem.status, status, `${what}: the problem status`);
    return problem;
  }

  async function disconnect(as: 'a' | 'b' = 'a'): Promise<void> {
    const reply = await call('DELETE', PATHS.connection, { as });
    if (reply.status !== 204 && reply.status !== 404)
      expectStatus(reply, 204, 'DELETE /connection (reset)');
  }

  async function verify(input: ConnectionInput, as: 'a' | 'b' = 'a'): Promise<void> {
    const reply = await call('POST', PATHS.verifyConsent, {
      as,
      body: { tenantType: input.tenantType, tenantId: input.tenantId, via: 'manual' },
    });
    expectStatus(reply, 200, 'POST /consent/verify');
    const verification = conforms(verificationSchema, reply.body, 'POST /consent/verify');
    if (!verification.verified) {
      fail(
        `POST /consent/verify refused tenant ${input.tenantId} (${verification.error ?? 'no error'}): run the backend under test with a verifier that accepts the conformance tenants`,
      );
    }
  }

  const body = (input: ConnectionInput) => ({ ...input });
  const key = () => `conformance-${globalThis.crypto.randomUUID()}`;

  async function create(
    input: ConnectionInput = CONFORMANCE_TENANT,
    as: 'a' | 'b' = 'a',
  ): Promise<Connection> {
    await verify(input, as);
    const reply = await call('POST', PATHS.connection, {
      as,
      body: body(input),
      headers: { [IDEMPOTENCY_KEY_HEADER]: key() },
    });
    expectStatus(reply, 201, 'POST /connection');
    const connection = conforms(connectionSchema, reply.body, 'POST /connection');
    equal(reply.headers.get('ETag'), etagOf(connection.version), 'POST /connection: ETag');
    return connection;
  }

  async function current(as: 'a' | 'b' = 'a'): Promise<Connection | null> {
    const reply = await call('GET', PATHS.connection, { as });
    expectStatus(reply, 200, 'GET /connection');
    return conforms(connectionOrNullSchema, reply.body, 'GET /connection');
  }

  /** The newest audit records of a console, newest first, down to (not including) `afterSeq`. */
  async function auditSince(afterSeq: number, as: 'a' | 'b' = 'a'): Promise<AuditRecord[]> {
    const found: AuditRecord[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const query = new URLSearchParams({ limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const reply = await call('GET', `${PATHS.audit}?${query}`, { as });
      expectStatus(reply, 200, 'GET /audit');
      const { events, nextCursor } = conforms(auditPageSchema, reply.body, 'GET /audit');
      for (const event of events) {
        if (event.seq <= afterSeq) return found;
        found.push(event);
      }
      if (nextCursor === null) return found;
      cursor = nextCursor;
    }
    return found;
  }

  async function lastSeq(as: 'a' | 'b' = 'a'): Promise<number> {
    const reply = await call('GET', `${PATHS.audit}?limit=1`, { as });
    expectStatus(reply, 200, 'GET /audit?limit=1');
    return conforms(auditPageSchema, reply.body, 'GET /audit').events[0]?.seq ?? 0;
  }

  const t = (name: string, run: () => Promise<void>) => test(`${prefix}${name}`, run);

  t('GET /healthz answers 200 {"status":"ok"} without a session', async () => {
    const reply = await call('GET', PATHS.health, { as: null });
    expectStatus(reply, 200, 'GET /healthz');
    equal(conforms(healthSchema, reply.body, 'GET /healthz'), { status: 'ok' }, 'GET /healthz');
  });

  t('every route answers 401 unauthorized without a session', async () => {
    for (const [method, path, payload, extra] of [
      ['GET', PATHS.connection],
      ['POST', PATHS.connection, CONFORMANCE_TENANT, { [IDEMPOTENCY_KEY_HEADER]: key() }],
      ['PUT', PATHS.connection, CONFORMANCE_TENANT, { 'If-Match': etagOf(1) }],
      ['DELETE', PATHS.connection],
      ['POST', PATHS.verifyConsent, { ...CONFORMANCE_TENANT, via: 'manual' }],
      ['GET', PATHS.audit],
      ['GET', `${PATHS.auditExport}?format=csv`],
      ['GET', PATHS.connectionHealth],
    ] as const) {
      const reply = await call(method, path, { as: null, body: payload, headers: extra });
      expectProblem(reply, 401, 'unauthorized', `${method} ${path} without a session`);
    }
  });

  t('GET /health is 404 not-connected without a connection', async () => {
    await disconnect();
    const reply = await call('GET', PATHS.connectionHealth);
    expectProblem(reply, 404, 'not-connected', 'GET /health with nothing connected');
  });

  t(
    'GET /health reports the connected tenant’s last check and the partner record, or why not',
    async () => {
      await disconnect();
      await create();
      const reply = await call('GET', PATHS.connectionHealth);
      expectStatus(reply, 200, 'GET /health');
      const health = conforms(connectionHealthSchema, reply.body, 'GET /health');
      ok(
        health.lastVerification?.verified === true,
        'GET /health: the check before the connect is the last one, verified',
      );
      ok(
        (health.partner === null) === (health.partnerProblem !== undefined),
        'GET /health: partnerProblem is given exactly when partner is null',
      );
    },
  );

  t('no connection is 200 null', async () => {
    await disconnect();
    equal(await current(), null, 'GET /connection with nothing connected');
  });

  t('POST /connection after a verified consent connects at version 1, with ETag', async () => {
    await disconnect();
    const created = await create();
    equal(created.version, 1, 'the new version');
    equal(created.tenantId, CONFORMANCE_TENANT.tenantId, 'the tenant');
    ok(
      typeof created.connectedBy === 'string' && created.connectedBy !== '',
      'connectedBy names the session’s actor',
    );
    const reply = await call('GET', PATHS.connection);
    equal(reply.body, created, 'GET /connection after the create');
    equal(reply.headers.get('ETag'), etagOf(1), 'GET /connection: ETag');
  });

  t('a tenant ID is normalised the way the kit normalises it', async () => {
    await disconnect();
    const upper = {
      tenantType: 'standard' as const,
      tenantId: `  ${CONFORMANCE_TENANT.tenantId.toUpperCase()} `,
    };
    await verify(upper);
    const reply = await call('POST', PATHS.connection, {
      body: upper,
      headers: { [IDEMPOTENCY_KEY_HEADER]: key() },
    });
    expectStatus(reply, 201, 'POST /connection with an upper-case, padded GUID');
    equal(
      conforms(connectionSchema, reply.body, 'POST /connection').tenantId,
      CONFORMANCE_TENANT.tenantId,
      'the stored tenant',
    );
  });

  t(
    'POST /connection without a verified consent is 409 not-verified, and nothing is connected',
    async () => {
      await disconnect();
      const unverified = {
        tenantType: 'standard' as const,
        tenantId: `never-verified-${Date.now()}.conformance.example`,
      };
      const reply = await call('POST', PATHS.connection, {
        body: unverified,
        headers: { [IDEMPOTENCY_KEY_HEADER]: key() },
      });
      expectProblem(reply, 409, 'not-verified', 'POST /connection without verification');
      equal(await current(), null, 'GET /connection after the refusal');
    },
  );

  t(
    'POST /connection while connected is 409 conflict, and the connection is unchanged',
    async () => {
      await disconnect();
      const created = await create();
      await verify(CONFORMANCE_OTHER_TENANT);
      const reply = await call('POST', PATHS.connection, {
        body: body(CONFORMANCE_OTHER_TENANT),
        headers: { [IDEMPOTENCY_KEY_HEADER]: key() },
      });
      expectProblem(reply, 409, 'conflict', 'a second POST /connection');
      equal(await current(), created, 'the connection after the refusal');
    },
  );

  t('the same Idempotency-Key and body twice connect once and answer the same', async () => {
    await disconnect();
    await verify(CONFORMANCE_TENANT);
    const before = await lastSeq();
    const sameKey = key();
    const first = await call('POST', PATHS.connection, {
      body: body(CONFORMANCE_TENANT),
      headers: { [IDEMPOTENCY_KEY_HEADER]: sameKey },
    });
    const second = await call('POST', PATHS.connection, {
      body: body(CONFORMANCE_TENANT),
      headers: { [IDEMPOTENCY_KEY_HEADER]: sameKey },
    });
    expectStatus(first, 201, 'the first POST');
    expectStatus(second, 201, 'the repeated POST');
    equal(second.body, first.body, 'the repeated answer');
    const connects = (await auditSince(before)).filter((event) => event.action === 'connect');
    equal(connects.length, 1, 'connect events written for one key');
  });

  t('the same Idempotency-Key with another body is 422 idempotency-key-reused', async () => {
    await disconnect();
    await verify(CONFORMANCE_TENANT);
    const sameKey = key();
    const first = await call('POST', PATHS.connection, {
      body: body(CONFORMANCE_TENANT),
      headers: { [IDEMPOTENCY_KEY_HEADER]: sameKey },
    });
    expectStatus(first, 201, 'the first POST');
    const other = { ...CONFORMANCE_TENANT, enrollmentUrl: 'https://mdm.conformance.example/other' };
    const reply = await call('POST', PATHS.connection, {
      body: other,
      headers: { [IDEMPOTENCY_KEY_HEADER]: sameKey },
    });
    expectProblem(reply, 422, 'idempotency-key-reused', 'the key again with another body');
  });

  t('POST /connection without an Idempotency-Key is 400 idempotency-key-required', async () => {
    await disconnect();
    await verify(CONFORMANCE_TENANT);
    const reply = await call('POST', PATHS.connection, { body: body(CONFORMANCE_TENANT) });
    expectProblem(reply, 400, 'idempotency-key-required', 'POST /connection without a key');
    equal(await current(), null, 'GET /connection after the refusal');
  });

  t('PUT /connection saves the version named in If-Match and writes an edit event', async () => {
    await disconnect();
    await create();
    const before = await lastSeq();
    const edited = { ...CONFORMANCE_TENANT, remediationUrl: 'https://mdm.conformance.example/fix' };
    const reply = await call('PUT', PATHS.connection, {
      body: edited,
      headers: { 'If-Match': etagOf(1) },
    });
    expectStatus(reply, 200, 'PUT /connection');
    const saved = conforms(connectionSchema, reply.body, 'PUT /connection');
    equal(saved.version, 2, 'the version after the edit');
    equal(saved.remediationUrl, edited.remediationUrl, 'the saved remediation URL');
    equal(reply.headers.get('ETag'), etagOf(2), 'PUT /connection: ETag');
    const events = await auditSince(before);
    const edit = events.find((event) => event.action === 'edit');
    ok(edit, 'an edit event follows the PUT');
    equal(edit.outcome, 'success', 'the edit event’s outcome');
    equal(edit.changes, ['remediationUrl'], 'the edit event’s changed fields');
  });

  t('PUT /connection on a stale version is 412 conflict and changes nothing', async () => {
    await disconnect();
    await create();
    const first = await call('PUT', PATHS.connection, {
      body: { ...CONFORMANCE_TENANT, remediationUrl: 'https://mdm.conformance.example/one' },
      headers: { 'If-Match': etagOf(1) },
    });
    expectStatus(first, 200, 'the first edit');
    const stale = await call('PUT', PATHS.connection, {
      body: { ...CONFORMANCE_TENANT, remediationUrl: 'https://mdm.conformance.example/two' },
      headers: { 'If-Match': etagOf(1) },
    });
    expectProblem(stale, 412, 'conflict', 'an edit of version 1 after version 2');
    equal(
      (await current())?.remediationUrl,
      'https://mdm.conformance.example/one',
      'the kept edit',
    );
  });

  t('PUT /connection without If-Match is 428 precondition-required', async () => {
    await disconnect();
    await create();
    const reply = await call('PUT', PATHS.connection, { body: body(CONFORMANCE_TENANT) });
    expectProblem(reply, 428, 'precondition-required', 'PUT without If-Match');
  });

  t('PUT /connection to another tenant needs its consent verified (409 not-verified)', async () => {
    await disconnect();
    await create();
    const moved = {
      tenantType: 'standard' as const,
      tenantId: `unverified-${Date.now()}.conformance.example`,
    };
    const reply = await call('PUT', PATHS.connection, {
      body: moved,
      headers: { 'If-Match': etagOf(1) },
    });
    expectProblem(reply, 409, 'not-verified', 'a move to an unverified tenant');
    equal((await current())?.tenantId, CONFORMANCE_TENANT.tenantId, 'the tenant after the refusal');
    await verify(CONFORMANCE_OTHER_TENANT);
    const verified = await call('PUT', PATHS.connection, {
      body: body(CONFORMANCE_OTHER_TENANT),
      headers: { 'If-Match': etagOf(1) },
    });
    expectStatus(verified, 200, 'a move to a verified tenant');
  });

  t('DELETE /connection disconnects (204); then PUT and DELETE are 404 not-connected', async () => {
    await disconnect();
    await create();
    const before = await lastSeq();
    expectStatus(await call('DELETE', PATHS.connection), 204, 'DELETE /connection');
    equal(await current(), null, 'GET /connection after DELETE');
    const events = await auditSince(before);
    ok(
      events.some((event) => event.action === 'disconnect' && event.outcome === 'success'),
      'a disconnect event follows the DELETE',
    );
    expectProblem(
      await call('DELETE', PATHS.connection),
      404,
      'not-connected',
      'DELETE with nothing connected',
    );
    expectProblem(
      await call('PUT', PATHS.connection, {
        body: body(CONFORMANCE_TENANT),
        headers: { 'If-Match': etagOf(1) },
      }),
      404,
      'not-connected',
      'PUT with nothing connected',
    );
  });

  t('malformed requests are refused with their own code, and nothing is written', async () => {
    await disconnect();
    await verify(CONFORMANCE_TENANT);
    const before = await lastSeq();
    const post = (init: { body?: unknown; raw?: string; headers?: Record<string, string> }) =>
      call('POST', PATHS.connection, {
        ...init,
        headers: { [IDEMPOTENCY_KEY_HEADER]: key(), ...init.headers },
      });
    expectProblem(
      await post({ raw: '{"tenantType":' }),
      400,
      'invalid-json',
      'a body that is not JSON',
    );
    const unknown = expectProblem(
      await post({ body: { ...CONFORMANCE_TENANT, actor: 'someone-else@example.test' } }),
      422,
      'unknown-field',
      'a body with an actor field',
    );
    ok(
      unknown.errors?.some((error) => error.pointer === '/actor'),
      'the problem names /actor',
    );
    const multi = expectProblem(
      await post({ body: { tenantType: 'standard', tenantId: 'common' } }),
      422,
      'invalid-field',
      'tenant "common"',
    );
    ok(
      multi.errors?.some((error) => error.pointer === '/tenantId' && error.code === 'tenant-multi'),
      'the problem names /tenantId with tenant-multi',
    );
    const http = expectProblem(
      await post({
        body: { ...CONFORMANCE_TENANT, enrollmentUrl: 'http://mdm.conformance.example/' },
      }),
      422,
      'invalid-field',
      'an http: enrollment URL',
    );
    ok(
      http.errors?.some(
        (error) => error.pointer === '/enrollmentUrl' && error.code === 'url-not-https',
      ),
      'the problem names /enrollmentUrl with url-not-https',
    );
    expectProblem(
      await post({ body: { tenantType: 'azure', tenantId: CONFORMANCE_TENANT.tenantId } }),
      422,
      'invalid-field',
      'an unknown tenant type',
    );
    expectProblem(await post({ body: [] }), 422, 'invalid-field', 'an array body');
    const form = await call('POST', PATHS.connection, {
      raw: 'tenantType=standard',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        [IDEMPOTENCY_KEY_HEADER]: key(),
      },
    });
    expectProblem(form, 415, 'unsupported-media-type', 'a form-encoded body');
    const huge = await post({
      body: {
        ...CONFORMANCE_TENANT,
        enrollmentUrl: `https://mdm.conformance.example/${'a'.repeat(MAX_BODY_BYTES)}`,
      },
    });
    expectProblem(huge, 413, 'payload-too-large', `a body over ${MAX_BODY_BYTES} bytes`);
    equal(await current(), null, 'GET /connection after the refusals');
    equal(await auditSince(before), [], 'audit events written by malformed requests');
  });

  t('a state-changing request from a foreign Origin is 403 foreign-origin', async () => {
    await disconnect();
    await verify(CONFORMANCE_TENANT);
    const reply = await call('POST', PATHS.connection, {
      body: body(CONFORMANCE_TENANT),
      headers: { Origin: 'https://attacker.conformance.example', [IDEMPOTENCY_KEY_HEADER]: key() },
    });
    expectProblem(reply, 403, 'foreign-origin', 'POST /connection from a foreign origin');
    equal(await current(), null, 'GET /connection after the refusal');
  });

  t('POST /consent/verify answers a verification and writes a verify-consent event', async () => {
    const before = await lastSeq();
    await verify(CONFORMANCE_TENANT);
    const events = await auditSince(before);
    const event = events.find((e) => e.action === 'verify-consent');
    ok(event, 'a verify-consent event follows POST /consent/verify');
    equal(
      {
        outcome: event.outcome,
        tenantId: event.tenantId,
        tenantType: event.tenantType,
        source: event.source,
      },
      {
        outcome: 'success',
        tenantId: CONFORMANCE_TENANT.tenantId,
        tenantType: CONFORMANCE_TENANT.tenantType,
        source: 'server',
      },
      'the verify-consent event',
    );
  });

  t('every change is audited by the server, with the session’s actor', async () => {
    await disconnect();
    const before = await lastSeq();
    const created = await create();
    expectStatus(
      await call('PUT', PATHS.connection, {
        body: { ...CONFORMANCE_TENANT, remediationUrl: 'https://mdm.conformance.example/r' },
        headers: { 'If-Match': etagOf(1) },
      }),
      200,
      'PUT /connection',
    );
    expectStatus(await call('DELETE', PATHS.connection), 204, 'DELETE /connection');
    const events = await auditSince(before);
    equal(
      events.map((event) => [event.action, event.outcome, event.source]),
      [
        ['disconnect', 'success', 'server'],
        ['edit', 'success', 'server'],
        ['connect', 'success', 'server'],
        ['verify-consent', 'success', 'server'],
      ],
      'the events of verify, connect, edit and disconnect, newest first',
    );
    ok(
      events.every((event) => event.actor === created.connectedBy),
      'every event names the session’s actor',
    );
  });

  t('POST /audit records a client observation once per id, as the session’s actor', async () => {
    await verify(CONFORMANCE_TENANT);
    const actor = (await auditSince((await lastSeq()) - 1))[0]?.actor;
    const before = await lastSeq();
    const id = `conformance-${globalThis.crypto.randomUUID()}`;
    const event = {
      id,
      action: 'consent-rejected',
      outcome: 'failure',
      tenantType: 'standard',
      tenantId: CONFORMANCE_TENANT.tenantId,
      error: 'state-mismatch',
    };
    const first = await call('POST', PATHS.audit, { body: event });
    expectStatus(first, 201, 'POST /audit');
    equal(
      conforms(clientAuditResultSchema, first.body, 'POST /audit').status,
      'recorded',
      'the first report',
    );
    const again = await call('POST', PATHS.audit, { body: event });
    expectStatus(again, 200, 'POST /audit with the same id');
    equal(
      conforms(clientAuditResultSchema, again.body, 'POST /audit').status,
      'duplicate',
      'the repeated report',
    );
    const events = (await auditSince(before)).filter((e) => e.id === id);
    equal(events.length, 1, 'records of one id');
    equal(events[0]?.source, 'client', 'the record’s source');
    equal(
      events[0]?.actor,
      actor,
      'the recorded actor (the one the server recorded for this session)',
    );
  });

  t('POST /audit refuses server actions, raw text and unknown fields (422)', async () => {
    const before = await lastSeq();
    const base = {
      id: `conformance-${globalThis.crypto.randomUUID()}`,
      action: 'consent-rejected',
      outcome: 'failure',
      tenantType: 'standard',
      error: 'state-mismatch',
    };
    for (const [what, payload] of [
      ['a connect event', { ...base, action: 'connect', outcome: 'success' }],
      [
        'a tenant with a line break',
        { ...base, tenantId: 'contoso.com\nadmin approved everything' },
      ],
      ['an error outside the list', { ...base, error: 'anything the page likes' }],
      ['an actor field', { ...base, actor: 'ceo@example.test' }],
      ['a time field', { ...base, at: '2020-01-01T00:00:00.000Z' }],
    ] as const) {
      const reply = await call('POST', PATHS.audit, { body: payload });
      ok(reply.status === 422, `POST /audit with ${what}: expected 422, got ${reply.status}`);
      conforms(problemSchema, reply.body, `POST /audit with ${what}: the problem`);
    }
    equal(await auditSince(before), [], 'records written by refused reports');
  });

  t('GET /audit pages newest first with a cursor, without overlap or gap', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const id = `conformance-${globalThis.crypto.randomUUID()}`;
      ids.push(id);
      const reply = await call('POST', PATHS.audit, {
        body: {
          id,
          action: 'consent-rejected',
          outcome: 'failure',
          tenantType: 'standard',
          error: 'state-stale',
        },
      });
      expectStatus(reply, 201, 'POST /audit');
    }
    const seen: AuditRecord[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const query = new URLSearchParams({ limit: '2' });
      if (cursor) query.set('cursor', cursor);
      const reply = await call('GET', `${PATHS.audit}?${query}`);
      expectStatus(reply, 200, `GET /audit page ${page + 1}`);
      const result = conforms(auditPageSchema, reply.body, 'GET /audit');
      ok(
        result.events.length === 2,
        `page ${page + 1} holds ${result.events.length} events, expected 2`,
      );
      ok(
        result.nextCursor !== null,
        `page ${page + 1} has no nextCursor although more events exist`,
      );
      seen.push(...result.events);
      cursor = result.nextCursor;
    }
    const seqs = seen.map((event) => event.seq);
    ok(
      seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] ?? 0) - 1),
      `sequence numbers newest first without gap: ${seqs.join(', ')}`,
    );
    equal(
      seen.slice(0, 5).map((event) => event.id),
      [...ids].reverse(),
      'the newest five events',
    );
    for (const record of seen) conforms(auditRecordSchema, record, 'an audit record');
  });

  t(
    'GET /audit filters by action and outcome, and refuses a bad query (400 invalid-query)',
    async () => {
      await disconnect();
      await create();
      // A refused create: one failure event of this test at least.
      const refused = await call('POST', PATHS.connection, {
        body: body(CONFORMANCE_OTHER_TENANT),
        headers: { [IDEMPOTENCY_KEY_HEADER]: key() },
      });
      ok(refused.status === 409, `a second POST /connection: expected 409, got ${refused.status}`);
      const all = conforms(
        auditPageSchema,
        (await call('GET', `${PATHS.audit}?limit=${AUDIT_PAGE_MAX}`)).body,
        'GET /audit',
      ).events;
      for (const [query, keep] of [
        ['action=connect', (e: AuditRecord) => e.action === 'connect'],
        ['outcome=failure', (e: AuditRecord) => e.outcome === 'failure'],
        [
          'action=connect&outcome=failure',
          (e: AuditRecord) => e.action === 'connect' && e.outcome === 'failure',
        ],
      ] as const) {
        const reply = await call('GET', `${PATHS.audit}?${query}&limit=${AUDIT_PAGE_MAX}`);
        expectStatus(reply, 200, `GET /audit?${query}`);
        const filtered = conforms(auditPageSchema, reply.body, `GET /audit?${query}`).events;
        const expected = all.filter(keep);
        ok(expected.length > 0, `the trail holds events for ${query}`);
        // Among the newest events (one full page), the filter keeps exactly the matching ones.
        const oldest = all.at(-1)?.seq ?? 0;
        equal(
          filtered.filter((e) => e.seq >= oldest).map((e) => e.seq),
          expected.map((e) => e.seq),
          `GET /audit?${query} within the newest ${all.length} events`,
        );
      }
      for (const query of [
        'limit=0',
        `limit=${AUDIT_PAGE_MAX + 1}`,
        'limit=ten',
        'cursor=not-a-cursor-from-here',
        'action=hack',
        'from=yesterday',
        'sort=asc',
      ]) {
        expectProblem(
          await call('GET', `${PATHS.audit}?${query}`),
          400,
          'invalid-query',
          `GET /audit?${query}`,
        );
      }
    },
  );

  t('GET /audit filters by time: from is inclusive, to exclusive', async () => {
    await verify(CONFORMANCE_TENANT);
    await verify(CONFORMANCE_TENANT);
    const all = conforms(
      auditPageSchema,
      (await call('GET', `${PATHS.audit}?limit=20`)).body,
      'GET /audit',
    ).events;
    const last = all[0];
    ok(last && all.length >= 2, 'two events exist');
    const instant = encodeURIComponent(last.at);
    const from = conforms(
      auditPageSchema,
      (await call('GET', `${PATHS.audit}?from=${instant}`)).body,
      'GET /audit?from',
    );
    equal(
      from.events.map((e) => e.seq),
      all.filter((e) => Date.parse(e.at) >= Date.parse(last.at)).map((e) => e.seq),
      `GET /audit?from=${last.at}: the events at or after it`,
    );
    const to = conforms(
      auditPageSchema,
      (await call('GET', `${PATHS.audit}?to=${instant}&limit=5`)).body,
      'GET /audit?to',
    );
    equal(
      to.events.map((e) => e.seq),
      all
        .filter((e) => Date.parse(e.at) < Date.parse(last.at))
        .slice(0, 5)
        .map((e) => e.seq),
      `GET /audit?to=${last.at}: the five newest events before it`,
    );
  });

  t('the audit trail cannot be changed through the API (405)', async () => {
    const newest = conforms(
      auditPageSchema,
      (await call('GET', `${PATHS.audit}?limit=1`)).body,
      'GET /audit',
    );
    const event = newest.events[0];
    ok(event, 'the trail holds an event');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const reply = await call(method, PATHS.audit, {
        body: method === 'DELETE' ? undefined : { ...event, actor: 'nobody' },
      });
      expectProblem(reply, 405, 'method-not-allowed', `${method} /audit`);
    }
    const after = conforms(
      auditPageSchema,
      (await call('GET', `${PATHS.audit}?limit=1`)).body,
      'GET /audit',
    );
    equal(after.events[0], event, 'the newest event after the attempts');
  });

  t(
    'GET /audit/export streams CSV with a header row, and JSON lines that match the contract',
    async () => {
      const csv = await call('GET', `${PATHS.auditExport}?format=csv`, {
        headers: { Accept: 'text/csv' },
      });
      expectStatus(csv, 200, 'GET /audit/export?format=csv');
      ok((csv.headers.get('Content-Type') ?? '').startsWith('text/csv'), 'CSV Content-Type');
      ok(/attachment/i.test(csv.headers.get('Content-Disposition') ?? ''), 'CSV is an attachment');
      const lines = csv.text.split(/\r?\n/).filter(Boolean);
      ok(lines.length >= 2 && /seq/.test(lines[0] ?? ''), 'a header row and records');
      const jsonl = await call('GET', `${PATHS.auditExport}?format=jsonl`, {
        headers: { Accept: 'application/jsonl' },
      });
      expectStatus(jsonl, 200, 'GET /audit/export?format=jsonl');
      const records = jsonl.text
        .split('\n')
        .filter(Boolean)
        .map((line) => conforms(auditRecordSchema, JSON.parse(line), 'an exported line'));
      ok(
        records.length === lines.length - 1,
        `the exports hold ${records.length} and ${lines.length - 1} records`,
      );
      expectProblem(
        await call('GET', `${PATHS.auditExport}?format=xlsx`),
        400,
        'invalid-query',
        'format=xlsx',
      );
    },
  );

  t('two consoles never see or change each other’s data', async () => {
    await disconnect('a');
    await disconnect('b');
    const a = await create(CONFORMANCE_TENANT, 'a');
    equal(await current('b'), null, 'console B’s connection while A is connected');
    expectProblem(
      await call('PUT', PATHS.connection, {
        as: 'b',
        body: body(CONFORMANCE_TENANT),
        headers: { 'If-Match': etagOf(1) },
      }),
      404,
      'not-connected',
      'console B editing',
    );
    expectProblem(
      await call('DELETE', PATHS.connection, { as: 'b' }),
      404,
      'not-connected',
      'console B disconnecting',
    );
    equal(await current('a'), a, 'console A’s connection after B’s attempts');
    const b = await create(CONFORMANCE_OTHER_TENANT, 'b');
    equal((await current('a'))?.tenantId, a.tenantId, 'console A after B connected');
    equal((await current('b'))?.tenantId, b.tenantId, 'console B');
    const trailA = await auditSince(0, 'a');
    const trailB = await auditSince(0, 'b');
    const idsA = new Set(trailA.map((event) => event.id));
    ok(
      trailB.every((event) => !idsA.has(event.id)),
      'console B’s trail holds none of console A’s events',
    );
    ok(
      trailB.every((event) => event.tenantId !== a.tenantId || event.outcome === 'failure'),
      'console B’s trail records no success on console A’s tenant (only B’s own refused attempts)',
    );
    await disconnect('b');
  });

  defineAdapterConformanceSuite({
    test,
    prefix: `${prefix}HttpAdapter: `,
    createAdapter: async () => {
      const headers = await session('a');
      return new HttpAdapter({
        baseUrl: base,
        headers: () => headers,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    },
  });
}
