import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { ZodMiniType } from 'zod/mini';
import {
  AUDIT_PAGE_DEFAULT,
  IDEMPOTENCY_KEY_HEADER,
  MAX_BODY_BYTES,
  PATHS,
  PROBLEM_MEDIA_TYPE,
  auditExportQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  clientAuditEventSchema,
  clientAuditResultSchema,
  connectionInputSchema,
  connectionOrNullSchema,
  connectionHealthSchema,
  healthSchema,
  isIdempotencyKey,
  problemSchema,
  verificationSchema,
  verifyConsentBodySchema,
  versionFromIfMatch,
} from '../src/contract/index.js';
import { connectionSchema, type ConnectionInput } from '../src/core/connection.js';
import { AuthError, isActor, isConsoleId, type Authenticator, type Session } from './auth.js';
import { decodeCursor, iterateAudit, listAudit, type AuditFilter } from './audit/query.js';
import { isUnavailable } from './db/postgres.js';
import { DatabaseUnavailableError, type Database } from './db/database.js';
import { exportStream } from './export.js';
import { ProblemError, problemResponse, validationProblem } from './problems.js';
import { Service, normalise, type Answer, type ClientEventLimit } from './service.js';
import type { INetworkModule } from '@azure/msal-node';
import { createMicrosoftVerifier, type MicrosoftOptions } from './microsoft/verifier.js';
import { attestationVerifier, type ConsentVerifier, type PartnerReport } from './verifier.js';

/** One line per request, for the operator's log. Holds no header, body or query string. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
  readonly consoleId?: string;
  /** The problem code, for refused requests. */
  readonly code?: string;
}

export interface ServerOptions {
  /** A migrated database (see `openDatabase`). */
  readonly database: Database;
  /** Reads the caller's console and actor from the request (see `Authenticator`). */
  readonly authenticate: Authenticator;
  /**
   * Decides whether consent is in place. Default: the Microsoft verifier when `microsoft` is set,
   * else `attestationVerifier` (the admin's word; `GET /health` then reports no partner record).
   */
  readonly verifier?: ConsentVerifier;
  /**
   * The app registered in each cloud, with its certificate or secret, and the permissions the
   * deployment requires: consent is then verified with Microsoft (msal-node) and `GET /health`
   * reads Intune's partner record through Microsoft Graph. See `microsoftOptionsFromEnv`.
   */
  readonly microsoft?: MicrosoftOptions;
  /**
   * Tests only: the transport msal-node and the Graph reads use instead of `fetch` (msal-node's
   * `system.networkClient`), for a fake Microsoft. Whatever it is, the server calls it only with
   * Microsoft's own hosts for the tenant's cloud.
   */
  readonly microsoftNetwork?: INetworkModule;
  /** A partner heartbeat older than this many minutes is shown as a warning. Default 60. */
  readonly heartbeatMaxAgeMinutes?: number;
  /** The server's clock, for tests. */
  readonly now?: () => Date;
  /**
   * Origins allowed to send state-changing requests, besides the server's own origin (from the
   * `Host` header). Requests from any other `Origin` are refused (`403 foreign-origin`).
   */
  readonly allowedOrigins?: readonly string[];
  /** Client-reported events recorded one by one per console and window. Default 20 per 10 min. */
  readonly clientEvents?: Partial<ClientEventLimit>;
  /** How long a verified consent allows connecting its tenant. Default 15 min. */
  readonly verificationTtlMs?: number;
  /** Deadline of one consent check. Default 20 s. */
  readonly verifyTimeoutMs?: number;
  /**
   * Every so many milliseconds, append the summary events of ended client-event windows of
   * every console (they are also appended whenever a console's audit is read or written).
   * Default: no timer. The timer never keeps the process alive.
   */
  readonly summarySweepMs?: number;
  /** Receives one entry per request. Default: nothing is logged. */
  readonly log?: (entry: RequestLogEntry) => void;
  /** Receives unexpected errors (answered `500 internal` without detail). Default: `console.error`. */
  readonly onError?: (error: unknown) => void;
}

type Env = { Variables: { session: Session } };

const json = (schema: ZodMiniType, description: string) => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
});
const problem = (description: string) => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: resolver(problemSchema) } },
});
const COMMON_PROBLEMS = {
  401: problem('No session, or the session expired (`unauthorized`).'),
  403: problem('Not allowed, or sent from a foreign origin (`forbidden`, `foreign-origin`).'),
  503: problem('The database is unavailable for a moment (`unavailable`); see `Retry-After`.'),
};
const BODY_PROBLEMS = {
  400: problem('The body is not JSON (`invalid-json`).'),
  413: problem(`The body is larger than ${MAX_BODY_BYTES} bytes (\`payload-too-large\`).`),
  415: problem('The body is not `application/json` (`unsupported-media-type`).'),
  422: problem(
    'A field is unknown (`unknown-field`) or not valid (`invalid-field`); `errors` names each one.',
  ),
};
const CONNECTION_ETAG = {
  ETag: {
    description: 'The connection version, as a strong ETag (`"3"`).',
    schema: { type: 'string' as const },
  },
};

/** Routes and the methods they answer, for `405 method-not-allowed`. */
const ALLOWED_METHODS: Readonly<Record<string, string>> = {
  [PATHS.connection]: 'GET, POST, PUT, DELETE',
  [PATHS.verifyConsent]: 'POST',
  [PATHS.audit]: 'GET, POST',
  [PATHS.auditExport]: 'GET',
  [PATHS.health]: 'GET',
  [PATHS.connectionHealth]: 'GET',
};

function send<T>(answer: Answer<T>): Response {
  const headers = new Headers(answer.headers);
  if (answer.status === 204) return new Response(null, { status: 204, headers });
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}

function jsonBody<S extends ZodMiniType>(schema: S) {
  return validator('json', schema, (result) => {
    if (!result.success) throw validationProblem(result.error as never, 'body');
  });
}

function query<S extends ZodMiniType>(schema: S) {
  return validator('query', schema, (result) => {
    if (!result.success) throw validationProblem(result.error as never, 'query');
  });
}

function filterOf(query: {
  action?: AuditFilter['action'];
  outcome?: AuditFilter['outcome'];
  from?: string;
  to?: string;
}): AuditFilter {
  return {
    ...(query.action ? { action: query.action } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  };
}

/**
 * The reference server as a Hono app: the HTTP contract of `src/contract` on a database, for
 * many consoles. Serve it with `@hono/node-server`, call `app.request()` in tests, or mount it
 * in another app. Storage, authentication, consent verification and the clock are injected.
 */
export function createServer(options: ServerOptions): Hono<Env> {
  const now = options.now ?? (() => new Date());
  if (options.verifier && options.microsoft) {
    throw new TypeError('createServer: give `verifier` or `microsoft`, not both');
  }
  if (options.microsoftNetwork && !options.microsoft) {
    throw new TypeError('createServer: `microsoftNetwork` needs `microsoft`');
  }
  const verifier =
    options.verifier ??
    (options.microsoft
      ? createMicrosoftVerifier(options.microsoft, options.microsoftNetwork, (error) =>
          report(error),
        )
      : attestationVerifier);
  const heartbeatMaxAgeMinutes = options.heartbeatMaxAgeMinutes ?? 60;
  if (!(Number.isSafeInteger(heartbeatMaxAgeMinutes) && heartbeatMaxAgeMinutes >= 1)) {
    throw new RangeError('heartbeatMaxAgeMinutes must be a whole number of minutes from 1');
  }
  const report = options.onError ?? ((error: unknown) => console.error(error));
  const perWindow = options.clientEvents?.perWindow ?? 20;
  const windowMs = options.clientEvents?.windowMs ?? 10 * 60 * 1000;
  if (!(perWindow >= 1) || !(windowMs >= 1000)) {
    throw new RangeError('clientEvents: perWindow must be at least 1 and windowMs at least 1000');
  }
  const service = new Service({
    database: options.database,
    now,
    verificationTtlMs: options.verificationTtlMs ?? 15 * 60 * 1000,
    clientEvents: { perWindow, windowMs },
  });
  const allowed = new Set(options.allowedOrigins ?? []);
  if (options.summarySweepMs !== undefined) {
    setInterval(() => {
      service.flushClientSummaries().catch((error: unknown) => {
        if (!isUnavailable(error)) report(error);
      });
    }, options.summarySweepMs).unref();
  }
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    options.log?.({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      ...(c.get('session') ? { consoleId: c.get('session').consoleId } : {}),
      ...(c.res.headers.has('X-Problem-Code')
        ? { code: c.res.headers.get('X-Problem-Code') ?? '' }
        : {}),
    });
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'same-origin',
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.onError((error) => {
    if (error instanceof ProblemError) {
      return problemResponse(error);
    }
    if (error instanceof HTTPException && error.status === 400) {
      const refused = new ProblemError('invalid-json', 'The request body is not valid JSON.');
      return problemResponse(refused);
    }
    if (error instanceof DatabaseUnavailableError || isUnavailable(error)) {
      const refused = new ProblemError(
        'unavailable',
        'The database cannot be reached at the moment. Nothing was changed; retry in a few seconds.',
        { headers: { 'Retry-After': '5' } },
      );
      return problemResponse(refused);
    }
    report(error);
    const refused = new ProblemError(
      'internal',
      'The server failed to answer. Nothing was changed.',
    );
    return problemResponse(refused);
  });
  app.notFound(() => {
    throw new ProblemError('not-found', 'There is no such resource.');
  });

  app.get(
    PATHS.health,
    describeRoute({
      summary: 'Liveness and database reachability',
      tags: ['Health'],
      security: [],
      responses: {
        200: json(healthSchema, 'The server and its database answer.'),
        503: json(healthSchema, 'The database cannot be reached.'),
      },
    }),
    async (c) => {
      const up = await options.database.ping();
      return c.json({ status: up ? 'ok' : 'unavailable' }, up ? 200 : 503);
    },
  );

  // CSRF: a browser always sends Origin with a state-changing request; it must be ours.
  const originCheck: MiddlewareHandler<Env> = async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    const own = new URL(c.req.url).origin;
    if (origin !== undefined && origin !== own && !allowed.has(origin)) {
      throw new ProblemError(
        'foreign-origin',
        'This request comes from a page of another origin and was refused (cross-site request forgery protection).',
      );
    }
    if (origin === undefined && site === 'cross-site') {
      throw new ProblemError('foreign-origin', 'Cross-site requests are refused.');
    }
    return next();
  };

  const authenticate: MiddlewareHandler<Env> = async (c, next) => {
    let session: Session | null;
    try {
      session = await options.authenticate(c.req.raw);
    } catch (error) {
      if (error instanceof AuthError) throw new ProblemError(error.code, error.message);
      throw error;
    }
    if (!session) {
      throw new ProblemError('unauthorized', 'Sign in to the console, then retry.', {
        headers: { 'WWW-Authenticate': 'Session' },
      });
    }
    if (!isConsoleId(session.consoleId) || !isActor(session.actor)) {
      throw new Error('The authenticator returned a session with an unusable consoleId or actor.');
    }
    c.set('session', { consoleId: session.consoleId, actor: session.actor });
    return next();
  };

  const jsonOnly: MiddlewareHandler<Env> = async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT' && c.req.method !== 'PATCH') {
      return next();
    }
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) {
      throw new ProblemError(
        'unsupported-media-type',
        `Send the body as application/json${type ? `, not ${type.slice(0, 60)}` : ''}.`,
      );
    }
    return next();
  };

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ProblemError(
        'payload-too-large',
        `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      );
    },
  });

  const parseJson: MiddlewareHandler<Env> = async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT') return next();
    try {
      await c.req.json();
    } catch {
      throw new ProblemError('invalid-json', 'The request body is not valid JSON.');
    }
    return next();
  };

  app.use('*', originCheck, authenticate, jsonOnly, limitBody, parseJson);

  app.get(
    PATHS.connection,
    describeRoute({
      summary: 'The connected tenant, or null',
      tags: ['Connection'],
      responses: {
        200: {
          ...json(connectionOrNullSchema, 'The connection (with its version as ETag), or `null`.'),
          headers: CONNECTION_ETAG,
        },
        ...COMMON_PROBLEMS,
      },
    }),
    async (c) => send(await service.getConnection(c.get('session'))),
  );

  app.post(
    PATHS.connection,
    describeRoute({
      summary: 'Connect a tenant',
      description:
        'Needs a verified consent for the same tenant and cloud (`POST /consent/verify`) within the last 15 minutes. Writes the `connect` audit event in the same transaction. Repeating the request with the same `Idempotency-Key` and body answers the same connection again.',
      tags: ['Connection'],
      parameters: [
        {
          in: 'header',
          name: IDEMPOTENCY_KEY_HEADER,
          required: true,
          description: '8 to 255 visible ASCII characters, unique per connection attempt.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        201: { ...json(connectionSchema, 'Connected.'), headers: CONNECTION_ETAG },
        ...COMMON_PROBLEMS,
        ...BODY_PROBLEMS,
        400: problem(
          'Not JSON (`invalid-json`) or no `Idempotency-Key` (`idempotency-key-required`).',
        ),
        409: problem(
          'A tenant is already connected (`conflict`), or consent was not verified (`not-verified`).',
        ),
        422: problem(
          'Unknown or invalid fields (`unknown-field`, `invalid-field`), or the key was used with another body (`idempotency-key-reused`).',
        ),
      },
    }),
    jsonBody(connectionInputSchema),
    async (c) => {
      const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
      if (!isIdempotencyKey(key)) {
        throw new ProblemError(
          'idempotency-key-required',
          `Send an ${IDEMPOTENCY_KEY_HEADER} header of 8 to 255 visible ASCII characters, the same for retries of one attempt.`,
        );
      }
      const input = normalise(c.req.valid('json'));
      return send(await service.createConnection(c.get('session'), input, key));
    },
  );

  app.put(
    PATHS.connection,
    describeRoute({
      summary: 'Edit the connection',
      description:
        'Only the version named in `If-Match` is changed. Moving to another tenant or cloud needs a verified consent for it. Writes the `edit` audit event (with the changed fields) in the same transaction.',
      tags: ['Connection'],
      parameters: [
        {
          in: 'header',
          name: 'If-Match',
          required: true,
          description: 'The ETag of the version that was edited, e.g. `"3"`.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        200: { ...json(connectionSchema, 'Saved.'), headers: CONNECTION_ETAG },
        ...COMMON_PROBLEMS,
        ...BODY_PROBLEMS,
        404: problem('No tenant is connected (`not-connected`).'),
        409: problem('The new tenant or cloud has no verified consent (`not-verified`).'),
        412: problem('The connection moved on to another version (`conflict`); see `ETag`.'),
        428: problem('No usable `If-Match` header (`precondition-required`).'),
      },
    }),
    jsonBody(connectionInputSchema),
    async (c) => {
      const version = versionFromIfMatch(c.req.header('If-Match'));
      if (version === undefined) {
        throw new ProblemError(
          'precondition-required',
          'Send If-Match with the ETag of the version you edited (for example "3").',
        );
      }
      const input = normalise(c.req.valid('json'));
      return send(await service.updateConnection(c.get('session'), input, version));
    },
  );

  app.delete(
    PATHS.connection,
    describeRoute({
      summary: 'Disconnect the tenant',
      description:
        'Writes the `disconnect` audit event in the same transaction. With `If-Match`, only that version is disconnected.',
      tags: ['Connection'],
      parameters: [
        {
          in: 'header',
          name: 'If-Match',
          required: false,
          description: 'Optional: the ETag of the version to disconnect.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        204: { description: 'Disconnected.' },
        ...COMMON_PROBLEMS,
        404: problem('No tenant is connected (`not-connected`).'),
        412: problem('The connection moved on to another version (`conflict`).'),
      },
    }),
    async (c) => {
      const header = c.req.header('If-Match');
      const version = header === undefined ? undefined : versionFromIfMatch(header);
      if (header !== undefined && version === undefined) {
        throw new ProblemError(
          'precondition-required',
          'If-Match must be the ETag of a connection version, for example "3".',
        );
      }
      return send(await service.deleteConnection(c.get('session'), version));
    },
  );

  const verifyTimeoutMs = options.verifyTimeoutMs ?? 20_000;
  app.post(
    PATHS.verifyConsent,
    describeRoute({
      summary: 'Check that admin consent is in place for a tenant',
      description:
        'Answers 200 whether or not consent was found. Writes a `verify-consent` audit event either way; a verified tenant may then be connected for 15 minutes.',
      tags: ['Consent'],
      responses: {
        200: json(
          verificationSchema,
          '`{ verified: true }`, or `{ verified: false, error, aadsts? }`.',
        ),
        ...COMMON_PROBLEMS,
        ...BODY_PROBLEMS,
      },
    }),
    jsonBody(verifyConsentBodySchema),
    async (c) => {
      const session = c.get('session');
      const body = c.req.valid('json');
      const { tenantType, tenantId } = normalise({
        tenantType: body.tenantType,
        tenantId: body.tenantId,
      });
      let outcome;
      try {
        outcome = await verifier.verify(
          { ...session, tenantType, tenantId, via: body.via },
          { signal: AbortSignal.timeout(verifyTimeoutMs) },
        );
      } catch (error) {
        report(error);
        await service.verifyConsent(
          session,
          { tenantType, tenantId },
          {
            verified: false,
            error: 'unavailable',
          },
        );
        throw new ProblemError(
          'unavailable',
          'Consent could not be checked right now. Retry in a moment.',
          { headers: { 'Retry-After': '5' } },
        );
      }
      return send(await service.verifyConsent(session, { tenantType, tenantId }, outcome));
    },
  );

  /** Intune's partner record through the verifier, or why it cannot be read; never throws. */
  const readPartner = async (target: ConnectionInput): Promise<PartnerReport> => {
    if (!verifier.partner) return { partner: null, problem: 'not-configured' };
    try {
      return await verifier.partner(target, { signal: AbortSignal.timeout(verifyTimeoutMs) });
    } catch (error) {
      report(error);
      return { partner: null, problem: 'microsoft-unavailable' };
    }
  };
  app.get(
    PATHS.connectionHealth,
    describeRoute({
      summary: 'What Intune sees of the connected tenant',
      description:
        'Reads the compliance partner record through Microsoft Graph (application permission `DeviceManagementServiceConfig.Read.All`) with a fresh token for the tenant, and adds the last consent check. `partner` is `null` with a `partnerProblem` when the record cannot be read: `not-configured` (no Microsoft app configured), `forbidden` (Graph answered 403), `not-found`, or the token request’s error code. Changes nothing and writes no audit event.',
      tags: ['Consent'],
      responses: {
        200: json(connectionHealthSchema, 'The partner record (or why not) and the last check.'),
        404: problem('No tenant is connected (`not-connected`).'),
        ...COMMON_PROBLEMS,
      },
    }),
    async (c) => send(await service.health(c.get('session'), readPartner, heartbeatMaxAgeMinutes)),
  );

  app.get(
    PATHS.audit,
    describeRoute({
      summary: 'The audit trail, newest first',
      description:
        'Keyset pagination: pass `nextCursor` back as `cursor` for the next (older) page. Every record carries its place in the console’s hash chain.',
      tags: ['Audit'],
      responses: {
        200: json(auditPageSchema, 'One page.'),
        400: problem('A query parameter is not valid (`invalid-query`).'),
        ...COMMON_PROBLEMS,
      },
    }),
    query(auditQuerySchema),
    async (c) => {
      const session = c.get('session');
      const q = c.req.valid('query');
      const before = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      if (q.cursor !== undefined && before === undefined) {
        throw new ProblemError('invalid-query', 'The cursor was not made by this server.', {
          errors: [
            {
              pointer: '/cursor',
              code: 'invalid',
              detail: 'Pass nextCursor back as it was given.',
            },
          ],
        });
      }
      await service.flushClientSummaries(session.consoleId);
      const page = await listAudit(options.database, session.consoleId, {
        ...filterOf(q),
        limit: q.limit === undefined ? AUDIT_PAGE_DEFAULT : Number(q.limit),
        ...(before === undefined ? {} : { before }),
      });
      return c.json(page);
    },
  );

  app.get(
    PATHS.auditExport,
    describeRoute({
      summary: 'The whole audit trail as a file',
      description:
        'Streamed, newest first. CSV cells that a spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with an apostrophe.',
      tags: ['Audit'],
      responses: {
        200: {
          description: 'The file, as an attachment.',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/jsonl': { schema: { type: 'string' } },
          },
        },
        400: problem('A query parameter is not valid (`invalid-query`).'),
        ...COMMON_PROBLEMS,
      },
    }),
    query(auditExportQuerySchema),
    async (c) => {
      const session = c.get('session');
      const q = c.req.valid('query');
      await service.flushClientSummaries(session.consoleId);
      const records = iterateAudit(options.database, session.consoleId, filterOf(q));
      const day = now().toISOString().slice(0, 10);
      return c.body(exportStream(records, q.format, report), 200, {
        'Content-Type':
          q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-${day}.${q.format}"`,
      });
    },
  );

  app.post(
    PATHS.audit,
    describeRoute({
      summary: 'Report a client-side observation',
      description:
        'Only observations the browser alone can make (a refused consent callback), from a closed list. Recorded with the session’s actor and the server’s clock, marked `client`. The same `id` twice is recorded once. Past 20 per console in 10 minutes, reports are counted into one summary event.',
      tags: ['Audit'],
      responses: {
        201: json(clientAuditResultSchema, '`recorded`.'),
        200: json(clientAuditResultSchema, '`duplicate`: this id was recorded before.'),
        202: json(
          clientAuditResultSchema,
          '`summarized`: counted into the window’s summary event.',
        ),
        ...COMMON_PROBLEMS,
        ...BODY_PROBLEMS,
      },
    }),
    jsonBody(clientAuditEventSchema),
    async (c) => send(await service.recordClientEvent(c.get('session'), c.req.valid('json'))),
  );

  for (const [path, methods] of Object.entries(ALLOWED_METHODS)) {
    app.all(path, () => {
      throw new ProblemError('method-not-allowed', `${path} answers ${methods} only.`, {
        headers: { Allow: methods },
      });
    });
  }

  return app;
}
