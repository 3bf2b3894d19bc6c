import type * as z from 'zod/mini';
import type { AuditAction, AuditEvent, AuditOutcome } from '../core/audit.js';
import { connectionInputOf, connectionSchema, type Connection } from '../core/connection.js';
import { AdapterError } from '../core/errors.js';
import { connectionHealthSchema, type ConnectionHealth } from '../core/health.js';
import { validateTenantId } from '../core/tenant.js';
import { PROBLEM_MEDIA_TYPE, kitErrorCodeOf, problemSchema } from '../contract/problems.js';
import {
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  CLIENT_AUDIT_ACTIONS,
  CLIENT_AUDIT_ERRORS,
  IDEMPOTENCY_KEY_HEADER,
  PATHS,
  auditPageSchema,
  connectionOrNullSchema,
  clientAuditEventSchema,
  etagOf,
  isIdempotencyKey,
  verificationSchema,
  type AuditPage,
  type AuditRecord,
  type ClientAuditEvent,
} from '../contract/schemas.js';
import {
  toVerification,
  type CallOptions,
  type ConnectionAdapter,
  type ConsentVerification,
  type SaveConnectionRequest,
  type UpdateRequest,
  type VerifyConsentRequest,
} from './adapter.js';

export interface HttpAdapterOptions {
  /**
   * Where the backend's API lives, for example `'/api'` or `'https://console.example.com/api'`.
   * A relative URL is resolved against `document.baseURI` (or `location.href`) when the adapter
   * is created; without a document (Node) it must be absolute. It must be `http:` or `https:`,
   * without user name, password, query or fragment. The contract's paths are appended to it:
   * `'/api'` and `'/api/'` both give `/api/connection`.
   */
  readonly baseUrl: string | URL;
  /** Whether to send cookies: passed to `fetch` as is. Default `'same-origin'`. */
  readonly credentials?: RequestCredentials;
  /**
   * Extra headers for every request (a CSRF token, a bearer token), called before each one,
   * retries included. The kit's own headers (`Accept`, `Content-Type`, `Idempotency-Key`,
   * `If-Match`) win over these. If it throws an `AdapterError`, the call fails with it (throw
   * `new AdapterError('unauthorized')` when there is no session); anything else it throws
   * fails the call with code `adapter` and the error's message as detail, before any request.
   */
  readonly headers?: () => HeadersInit | Promise<HeadersInit>;
  /** The `fetch` to use. Default: the global `fetch`, looked up at each call. */
  readonly fetch?: typeof fetch;
  /**
   * How many times a `GET` is tried again after a network failure or a `502`, `503` or `504`
   * answer. Default 2. Other methods are never retried: the caller decides (the admin's Retry).
   */
  readonly retries?: number;
}

/** Filters of the audit log, as `GET /audit` and `GET /audit/export` take them. */
export interface AuditFilters {
  /** Only events with this action. */
  readonly action?: AuditAction;
  /** Only successes or only failures. */
  readonly outcome?: AuditOutcome;
  /** Only events at or after this instant (a `Date`, or an ISO 8601 UTC string). */
  readonly from?: Date | string;
  /** Only events before this instant (a `Date`, or an ISO 8601 UTC string). */
  readonly to?: Date | string;
}

/** Options of `HttpAdapter.listAuditPage`. */
export interface AuditPageOptions extends CallOptions, AuditFilters {
  /** Events per page, clamped to 1..`AUDIT_PAGE_MAX`. Default: the backend's (`AUDIT_PAGE_DEFAULT`). */
  readonly limit?: number;
  /** The `nextCursor` of the previous page, to fetch the next (older) one. */
  readonly cursor?: string;
}

/** Options of `HttpAdapter.exportAudit`. */
export interface AuditExportOptions extends CallOptions, AuditFilters {
  /** `csv` for spreadsheets, `jsonl` for one JSON record per line. */
  readonly format: 'csv' | 'jsonl';
}

/** A downloaded audit export. */
export interface AuditExport {
  /** The file's content, typed as the backend answered it. */
  readonly blob: Blob;
  /**
   * A name to save it under: the backend's `Content-Disposition` file name when it is a plain,
   * safe name with the right extension, otherwise `audit.csv` or `audit.jsonl`.
   */
  readonly filename: string;
}

/** `Accept` of an export, by format. */
const EXPORT_MEDIA_TYPES = { csv: 'text/csv', jsonl: 'application/jsonl' } as const;

/** Longest wait for a `Retry-After` before a retry. */
const MAX_RETRY_WAIT_MS = 5_000;
/** First backoff step when the answer gives no `Retry-After`; it doubles on each retry. */
const BASE_RETRY_WAIT_MS = 250;
const RETRY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
const AADSTS = /^AADSTS\d{5,6}$/;
const SAFE_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: URLSearchParams;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly accept?: string;
}

/**
 * An adapter for a backend that follows the kit's HTTP contract (`azure-compliance-connect`'s
 * `contract` module), such as the reference server. It runs in browsers and in Node 20 or later:
 * it needs only `fetch`, `Headers`, `URL`, `AbortSignal`, `Blob` and `crypto.randomUUID`.
 *
 * Every failure is an `AdapterError`: an abort is `aborted`, a network failure `network`, an
 * error answer gets the code of its problem document (or of its status), and a success whose
 * body does not match the contract is `malformed-response`.
 *
 * The backend writes the audit trail of every change itself (`authorsAudit`), so
 * `appendAuditEvent` sends only consent callbacks the browser refused.
 */
export class HttpAdapter implements ConnectionAdapter {
  /** The backend writes its own audit event for every change and consent verification. */
  readonly authorsAudit = true;

  readonly #base: URL;
  readonly #credentials: RequestCredentials;
  readonly #headers?: () => HeadersInit | Promise<HeadersInit>;
  readonly #fetch?: typeof fetch;
  readonly #retries: number;

  /** @throws TypeError when `baseUrl` cannot be resolved or is not a plain `http(s):` URL. */
  constructor(options: HttpAdapterOptions) {
    this.#base = resolveBase(options.baseUrl);
    this.#credentials = options.credentials ?? 'same-origin';
    this.#headers = options.headers;
    this.#fetch = options.fetch;
    const retries = options.retries ?? 2;
    this.#retries = Number.isFinite(retries) ? Math.max(0, Math.trunc(retries)) : 0;
  }

  /** The resolved base URL the contract's paths are appended to. */
  get baseUrl(): string {
    return this.#base.href;
  }

  /** `GET /connection`: the connected tenant, or `null`. */
  async loadConnection({ signal }: CallOptions): Promise<Connection | null> {
    const response = await this.#send({ method: 'GET', path: PATHS.connection }, signal);
    return parseBody(
      connectionOrNullSchema,
      await readJson(response, signal, 'loadConnection'),
      'loadConnection',
    );
  }

  /**
   * `POST /consent/verify` with the tenant and `via`; the backend takes the actor from its
   * session. A refusal always names its error.
   */
  /** `GET /health`: Intune's partner record for the connected tenant and the last check. */
  async loadHealth({ signal }: CallOptions): Promise<ConnectionHealth> {
    const response = await this.#send({ method: 'GET', path: PATHS.connectionHealth }, signal);
    return parseBody(
      connectionHealthSchema,
      await readJson(response, signal, 'loadHealth'),
      'loadHealth',
    );
  }

  async verifyConsent(
    request: VerifyConsentRequest,
    { signal }: CallOptions,
  ): Promise<ConsentVerification> {
    const body = { tenantType: request.tenantType, tenantId: request.tenantId, via: request.via };
    const response = await this.#send({ method: 'POST', path: PATHS.verifyConsent, body }, signal);
    const value = parseBody(
      verificationSchema,
      await readJson(response, signal, 'verifyConsent'),
      'verifyConsent',
    );
    return toVerification(value);
  }

  /**
   * `POST /connection` with an `Idempotency-Key` (`input.idempotencyKey`, or a fresh UUID):
   * connects the tenant. The backend records its own actor; `input.actor` is not sent.
   */
  async saveConnection(input: SaveConnectionRequest, { signal }: CallOptions): Promise<Connection> {
    const key = input.idempotencyKey ?? globalThis.crypto.randomUUID();
    if (!isIdempotencyKey(key)) {
      throw new AdapterError(
        'invalid-request',
        'idempotencyKey must be 8 to 255 visible ASCII characters',
      );
    }
    const response = await this.#send(
      {
        method: 'POST',
        path: PATHS.connection,
        body: connectionInputOf(input),
        headers: { [IDEMPOTENCY_KEY_HEADER]: key },
      },
      signal,
    );
    return parseBody(
      connectionSchema,
      await readJson(response, signal, 'saveConnection'),
      'saveConnection',
    );
  }

  /** `PUT /connection` with `If-Match` set to the edited version: changes the tenant. */
  async updateConnection(request: UpdateRequest, { signal }: CallOptions): Promise<Connection> {
    const response = await this.#send(
      {
        method: 'PUT',
        path: PATHS.connection,
        body: connectionInputOf(request),
        headers: { 'If-Match': etagOf(request.expectedVersion) },
      },
      signal,
    );
    return parseBody(
      connectionSchema,
      await readJson(response, signal, 'updateConnection'),
      'updateConnection',
    );
  }

  /** `DELETE /connection`: disconnects the tenant. */
  async removeConnection({ signal }: CallOptions): Promise<void> {
    const response = await this.#send({ method: 'DELETE', path: PATHS.connection }, signal);
    await discard(response);
  }

  /**
   * `POST /audit`: reports a consent callback the browser refused. Only what the browser alone
   * sees can be sent (`CLIENT_AUDIT_ACTIONS`, as a failure with a `CLIENT_AUDIT_ERRORS` code);
   * anything else is refused with `invalid-request` before any request, since the backend writes
   * those events itself. The actor and time are the backend's; a `tenantId` that is not a
   * normalised tenant and an `aadsts` that is not an AADSTS code are left out. Any success answer
   * (recorded, duplicate, summarized) resolves.
   */
  async appendAuditEvent(event: AuditEvent, { signal }: CallOptions): Promise<void> {
    const body = clientEvent(event);
    const response = await this.#send({ method: 'POST', path: PATHS.audit, body }, signal);
    await discard(response);
  }

  /** `GET /audit?limit=…`: the newest events (limit clamped to 1..`AUDIT_PAGE_MAX`). */
  async listAuditEvents({
    signal,
    limit,
  }: CallOptions & { readonly limit?: number }): Promise<AuditRecord[]> {
    const page = await this.listAuditPage({ signal, limit: limit ?? AUDIT_PAGE_DEFAULT });
    return page.events;
  }

  /**
   * `GET /audit` with a page size, a cursor and filters: one page of the backend's audit trail,
   * newest first, with the cursor of the next (older) page or `null` at the end.
   */
  async listAuditPage(options: AuditPageOptions): Promise<AuditPage> {
    const query = filterQuery(options);
    if (options.limit !== undefined) query.set('limit', String(clampLimit(options.limit)));
    if (options.cursor !== undefined) query.set('cursor', options.cursor);
    const response = await this.#send(
      { method: 'GET', path: PATHS.audit, query: sortedQuery(query) },
      options.signal,
    );
    return parseBody(
      auditPageSchema,
      await readJson(response, options.signal, 'listAuditPage'),
      'listAuditPage',
    );
  }

  /** `GET /audit/export`: the filtered audit trail as a CSV or JSON Lines file. */
  async exportAudit(options: AuditExportOptions): Promise<AuditExport> {
    const { format, signal } = options;
    const query = filterQuery(options);
    query.set('format', format);
    const type = EXPORT_MEDIA_TYPES[format];
    const response = await this.#send(
      { method: 'GET', path: PATHS.auditExport, query: sortedQuery(query), accept: type },
      signal,
    );
    const blob = await readBody(() => response.blob(), signal);
    return {
      blob: blob.type === '' ? new Blob([blob], { type }) : blob,
      filename: exportFilename(response.headers.get('Content-Disposition'), format),
    };
  }

  /** Sends one request (retrying a GET when allowed) and returns its successful answer. */
  async #send(request: HttpCall, signal: AbortSignal): Promise<Response> {
    const url = this.#url(request);
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw abortError(signal);
      const init = await this.#init(request, signal);
      const fetchFn = this.#fetch ?? globalThis.fetch;
      if (typeof fetchFn !== 'function') {
        throw new AdapterError('adapter', 'No fetch is available: pass one in the options');
      }
      const retry = request.method === 'GET' && attempt < this.#retries;
      let response: Response;
      try {
        response = await fetchFn.call(globalThis, url, init);
      } catch (thrown) {
        const error = fetchError(thrown, signal);
        if (retry && error.code === 'network') {
          await wait(BASE_RETRY_WAIT_MS * 2 ** attempt, signal);
          continue;
        }
        throw error;
      }
      if (response.ok) return response;
      if (retry && RETRY_STATUSES.has(response.status)) {
        const delay = retryAfter(response.headers.get('Retry-After'));
        await discard(response);
        await wait(delay ?? BASE_RETRY_WAIT_MS * 2 ** attempt, signal);
        continue;
      }
      throw await answerError(response, signal);
    }
  }

  #url(request: HttpCall): string {
    const url = new URL(this.#base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${request.path}`;
    const query = request.query?.toString() ?? '';
    url.search = query === '' ? '' : `?${query}`;
    return url.href;
  }

  async #init(request: HttpCall, signal: AbortSignal): Promise<RequestInit> {
    let headers: Headers;
    try {
      headers = new Headers(this.#headers ? await this.#headers() : undefined);
    } catch (thrown) {
      if (thrown instanceof AdapterError) throw thrown;
      const detail = thrown instanceof Error ? thrown.message : String(thrown);
      throw new AdapterError('adapter', detail, { cause: thrown });
    }
    if (signal.aborted) throw abortError(signal);
    headers.set('Accept', request.accept ?? 'application/json');
    for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
    const init: RequestInit = {
      method: request.method,
      headers,
      credentials: this.#credentials,
      cache: 'no-store',
      signal,
    };
    if (request.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      init.body = JSON.stringify(request.body);
    }
    return init;
  }
}

function resolveBase(baseUrl: string | URL): URL {
  const text = String(baseUrl);
  const document = (globalThis as { document?: { baseURI?: string } }).document;
  const location = (globalThis as { location?: { href?: string } }).location;
  const against = document?.baseURI ?? location?.href;
  let url: URL;
  try {
    url = against === undefined ? new URL(text) : new URL(text, against);
  } catch {
    throw new TypeError(
      against === undefined
        ? `HttpAdapter: baseUrl "${text}" must be an absolute http: or https: URL here (there is no page to resolve it against)`
        : `HttpAdapter: baseUrl "${text}" is not a valid URL`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`HttpAdapter: baseUrl must be an http: or https: URL, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('HttpAdapter: baseUrl must not hold a user name or password');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError('HttpAdapter: baseUrl must not have a query or a fragment');
  }
  return url;
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

/** The `POST /audit` body for an event, or an `invalid-request` refusal. */
function clientEvent(event: AuditEvent): ClientAuditEvent {
  const { action, outcome, error } = event;
  if (!isOneOf(CLIENT_AUDIT_ACTIONS, action)) {
    throw new AdapterError('invalid-request', `${action} events are written by the server itself`);
  }
  if (outcome !== 'failure' || !isOneOf(CLIENT_AUDIT_ERRORS, error)) {
    throw new AdapterError(
      'invalid-request',
      `${action} events must be failures with a consent error code, not ${outcome}${error === undefined ? '' : ` (${error})`}`,
    );
  }
  const body: { -readonly [K in keyof ClientAuditEvent]: ClientAuditEvent[K] } = {
    id: event.id,
    action,
    outcome,
    tenantType: event.tenantType,
    error,
  };
  const tenant = validateTenantId(event.tenantId);
  if (tenant.ok && tenant.value === event.tenantId) body.tenantId = event.tenantId;
  if (event.aadsts !== undefined && AADSTS.test(event.aadsts)) body.aadsts = event.aadsts;
  if (event.count !== undefined) body.count = event.count;
  const checked = clientAuditEventSchema.safeParse(body);
  if (!checked.success) {
    throw new AdapterError('invalid-request', `appendAuditEvent: ${describeIssue(checked.error)}`);
  }
  return body;
}

function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return AUDIT_PAGE_DEFAULT;
  return Math.min(AUDIT_PAGE_MAX, Math.max(1, Math.trunc(limit)));
}

function filterQuery(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.action !== undefined) query.set('action', filters.action);
  if (filters.outcome !== undefined) query.set('outcome', filters.outcome);
  if (filters.from !== undefined) query.set('from', instant(filters.from));
  if (filters.to !== undefined) query.set('to', instant(filters.to));
  return query;
}

/** The same parameters in name order, so equal queries give equal URLs. */
function sortedQuery(query: URLSearchParams): URLSearchParams {
  query.sort();
  return query;
}

function instant(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/** The error of a rejected `fetch` (or body read): aborted, timeout, network or adapter. */
function fetchError(thrown: unknown, signal: AbortSignal): AdapterError {
  if (signal.aborted) return abortError(signal);
  if (thrown instanceof AdapterError) return thrown;
  if (thrown instanceof Error && thrown.name === 'AbortError') return new AdapterError('aborted');
  if (thrown instanceof Error && thrown.name === 'TimeoutError') {
    return new AdapterError('timeout', thrown.message, { cause: thrown });
  }
  if (thrown instanceof TypeError) {
    return new AdapterError('network', thrown.message, { cause: thrown });
  }
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new AdapterError('adapter', detail, { cause: thrown });
}

/**
 * The error for an aborted signal: its reason when that is already an `AdapterError` (a
 * deadline set by `guardAdapter` or the audit outbox), `timeout` for `AbortSignal.timeout()`,
 * otherwise `aborted`.
 */
function abortError(signal: AbortSignal): AdapterError {
  const reason: unknown = signal.reason;
  if (reason instanceof AdapterError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new AdapterError('timeout', reason.message, { cause: reason });
  }
  return new AdapterError('aborted');
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Milliseconds a `Retry-After` header asks for (capped at 5 s), or undefined without one. */
function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/^[A-Za-z]{3}, /.test(text) && !Number.isNaN(Date.parse(text))) {
    ms = Date.parse(text) - Date.now();
  } else return undefined;
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(0, ms));
}

/** Reads a body, mapping a failure (abort, broken connection) like a failed `fetch`. */
async function readBody<T>(read: () => Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return await read();
  } catch (thrown) {
    throw fetchError(thrown, signal);
  }
}

/** The body of a successful answer as JSON, or `malformed-response` when it is not JSON. */
async function readJson(response: Response, signal: AbortSignal, what: string): Promise<unknown> {
  const text = await readBody(() => response.text(), signal);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AdapterError('malformed-response', `${what}: the answer is not JSON`);
  }
}

/** Drops a body the caller does not need, so the connection can be reused. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
}

interface Issues {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/** The first issue of a failed parse, with where it is: `must be … at events.0.tenantType`. */
function describeIssue(error: Issues): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return `${issue?.message ?? 'invalid'}${where}`;
}

function parseBody<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AdapterError('malformed-response', `${what}: ${describeIssue(result.error)}`);
  }
  return result.data;
}

/** The `AdapterError` for an error answer: from its problem document, or from its status. */
async function answerError(response: Response, signal: AbortSignal): Promise<AdapterError> {
  const { status } = response;
  const type =
    (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isJson =
    type === PROBLEM_MEDIA_TYPE || type === 'application/json' || type.endsWith('+json');
  if (isJson) {
    const text = await readBody(() => response.text(), signal);
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      value = undefined;
    }
    const problem = problemSchema.safeParse(value);
    if (problem.success) {
      return new AdapterError(
        kitErrorCodeOf(status, problem.data.code),
        problem.data.detail ?? problem.data.title,
      );
    }
  } else {
    await discard(response);
  }
  return new AdapterError(kitErrorCodeOf(status), `HTTP ${status}`);
}

/** The file name of an export: the server's when it is plain and safe, else `audit.<format>`. */
function exportFilename(header: string | null, format: 'csv' | 'jsonl'): string {
  const fallback = `audit.${format}`;
  const name = dispositionFilename(header ?? '');
  if (
    name === undefined ||
    !SAFE_FILENAME.test(name) ||
    name.includes('..') ||
    !name.toLowerCase().endsWith(`.${format}`)
  ) {
    return fallback;
  }
  return name;
}

/** The `filename` (or, without one, the UTF-8 `filename*`) parameter of a Content-Disposition. */
function dispositionFilename(header: string): string | undefined {
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/i.exec(header);
  if (plain) return (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1');
  const extended = /(?:^|;)\s*filename\*\s*=\s*utf-8'[^']*'([^\s;]+)/i.exec(header);
  if (!extended?.[1]) return undefined;
  try {
    return decodeURIComponent(extended[1]);
  } catch {
    return undefined;
  }
}
