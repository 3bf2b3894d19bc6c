/**
 * An in-process fake of Microsoft Entra ID's token endpoint and of Microsoft Graph's list of
 * compliance partners, for the two clouds the kit knows. It plugs in where msal-node lets a test
 * replace the network: `system: { networkClient: fake.network }`, and the same `network` (or
 * `fake.fetch`) serves the server's Graph GETs. It never reads the environment or files.
 *
 * Protocol notes (checked against @azure/msal-node 7.2 / msal-common 16.17):
 * - For both login hosts msal uses built-in metadata: a client-credentials call sends exactly one
 *   `POST https://{login host}/{tenant}/oauth2/v2.0/token?client-request-id=...` and no discovery
 *   GET. The discovery endpoints are answered anyway, for a host msal does not know.
 * - A certificate credential is a JWT signed PS256 with `x5t#S256` (given `thumbprintSha256`) or
 *   RS256 with `x5t` (given the legacy `thumbprint`), its `aud` being the token endpoint URL
 *   without the query string.
 * - `network` turns a body that is not JSON into the error msal's own `HttpClient` throws
 *   (`AuthError`, `token_parsing_error`), unless `createFakeMicrosoft({ textBodies })` says
 *   otherwise.
 */
import {
  X509Certificate,
  constants,
  createHash,
  randomBytes,
  randomUUID,
  verify,
  type KeyObject,
} from 'node:crypto';
import { AuthError } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export type Cloud = 'standard' | 'gcc-high';

/** What the fake knows of a cloud. */
export interface CloudInfo {
  readonly cloud: Cloud;
  readonly loginHost: string;
  readonly graphHost: string;
  /** The Graph resource, the `aud` of its tokens. */
  readonly graphResource: string;
  /** The one scope a client-credentials request for Graph may ask for. */
  readonly graphScope: string;
  /** Name of the cloud in AADSTS90038 messages. */
  readonly label: string;
  /** `iss` of the v1.0 access tokens Graph receives. */
  issuerOf(tenantGuid: string): string;
}

export const FAKE_CLOUDS: Readonly<Record<Cloud, CloudInfo>> = Object.freeze({
  standard: Object.freeze({
    cloud: 'standard',
    loginHost: 'login.microsoftonline.com',
    graphHost: 'graph.microsoft.com',
    graphResource: 'https://graph.microsoft.com',
    graphScope: 'https://graph.microsoft.com/.default',
    label: 'WW',
    issuerOf: (tid: string) => `https://sts.windows.net/${tid}/`,
  }),
  'gcc-high': Object.freeze({
    cloud: 'gcc-high',
    loginHost: 'login.microsoftonline.us',
    graphHost: 'graph.microsoft.us',
    graphResource: 'https://graph.microsoft.us',
    graphScope: 'https://graph.microsoft.us/.default',
    label: 'USGov',
    issuerOf: (tid: string) => `https://login.microsoftonline.us/${tid}/`,
  }),
});

const CLOUD_LIST = Object.values(FAKE_CLOUDS);

/** Every host the fake answers; anything else is recorded and refused with an Error. */
export const FAKE_HOSTS: ReadonlySet<string> = new Set(
  CLOUD_LIST.flatMap((c) => [c.loginHost, c.graphHost]),
);

/** Graph's application ID, which a scope may use instead of the Graph URL. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Roles that allow reading the partner list. */
export const PARTNER_READ_ROLES: readonly string[] = [
  'DeviceManagementServiceConfig.Read.All',
  'DeviceManagementServiceConfig.ReadWrite.All',
];
const PARTNERS_PATH = '/v1.0/devicemanagement/compliancemanagementpartners';
const TOKEN_LIFETIME_S = 3599;
/** Delays longer than this are hangs: their timers do not keep the process alive. */
const KEEP_ALIVE_LIMIT_MS = 1000;

/** An app registration in one cloud. */
export interface FakeApp {
  cloud: Cloud;
  clientId: string;
  /** Client secret values (several while rotating). */
  secret?: string | readonly string[];
  /** PEM certificates whose public keys verify client assertions. */
  certificatePem?: string | readonly string[];
}

export type PartnerState =
  'unknown' | 'unavailable' | 'enabled' | 'terminated' | 'rejected' | 'unresponsive';

/** A compliance partner as Intune keeps it; `id` is made up when absent. */
export interface FakePartner {
  id?: string;
  displayName: string;
  partnerState: PartnerState;
  lastHeartbeatDateTime: string | null;
  iosOnboarded: boolean;
  androidOnboarded: boolean;
  macOsOnboarded: boolean;
}

export interface FakeTenant {
  cloud: Cloud;
  guid: string;
  /** Verified domains, usable instead of the GUID in the token URL. */
  domains?: string[];
  /** Consented apps: client ID → granted application roles (an empty list is consent without roles). */
  consents?: Record<string, string[]>;
  partners?: FakePartner[];
}

/** A scripted HTTP answer. */
export interface FakeAnswer {
  status: number;
  /** An object is sent as JSON; a string is sent as-is (see `textBodies`); undefined sends nothing. */
  body: unknown;
  /** Header names are case-insensitive; they are delivered lower-cased. */
  headers?: Record<string, string>;
  /** Delay before answering, instead of the host's delay. */
  delayMs?: number;
}

/** A scripted failure to reach Microsoft at all (DNS, reset connection...). */
export interface FakeNetworkFailure {
  networkFailure: string;
  delayMs?: number;
}

export type FakeScript = FakeAnswer | FakeNetworkFailure;

export interface FakeRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly host: string;
  /** Decoded path, without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** A POST's form fields; `client_secret` and `client_assertion` read `[redacted]`. */
  readonly form?: Readonly<Record<string, string>>;
  readonly authorization?: string;
  /** The `timeout` msal or the server passed to `sendGetRequestAsync`. */
  readonly timeout?: number;
  /** The status answered; undefined while pending, or when the request failed or was refused. */
  readonly status?: number;
}

/** What to do with a body that is not JSON (see `createFakeMicrosoft`). */
export type TextBodies = 'throw' | 'raw' | ((text: string, status: number) => unknown);

export interface FakeMicrosoftOptions {
  /**
   * `network`'s handling of a body that is not JSON: `'throw'` (default) throws what msal-node's
   * own HttpClient throws, `AuthError` `token_parsing_error` "Failed to parse response: ...";
   * `'raw'` hands the text over as the body; a function maps it (to mimic another transport).
   */
  textBodies?: TextBodies;
}

export interface FakeMicrosoft {
  /** msal-node's network seam; also takes the server's Graph GETs. */
  readonly network: INetworkModule;
  /** The same fake behind the `fetch` signature, for a transport built on fetch. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Every request, in arrival order, including refused ones. */
  readonly requests: readonly FakeRequest[];
  /** Registers an app, replacing one with the same cloud and client ID. */
  addApp(app: FakeApp): void;
  removeApp(cloud: Cloud, clientId: string): void;
  /** Adds a tenant, replacing one with the same GUID (in either cloud). */
  addTenant(tenant: FakeTenant): void;
  removeTenant(guid: string): void;
  /** Grants `roles` to the app in the tenant, or withdraws consent (`null`). */
  setConsent(tenantGuid: string, clientId: string, roles: readonly string[] | null): void;
  setPartners(tenantGuid: string, partners: readonly FakePartner[]): void;
  /**
   * The next token answers for a tenant (GUID or domain, as it appears in the URL path, any case),
   * used once each, in order, instead of the normal behaviour.
   */
  scriptToken(tenant: string, ...answers: FakeScript[]): void;
  /** Same for Graph's partner list, chosen by the `tid` of the bearer token (unverified). */
  scriptGraph(tenantGuid: string, ...answers: FakeScript[]): void;
  /** Scripted answers not used yet. */
  scriptsLeft(): number;
  /**
   * Delays every answer of a host by `ms` (0 removes it). A delay over 1 s counts as a hang: its
   * timer does not keep the process alive, so something else (a deadline) must.
   */
  setDelay(host: string, ms: number): void;
  clearRequests(): void;
  /**
   * Fails every pending request as a dropped connection (`AuthError` `network_error`), clears
   * their timers, and refuses new requests (`Error`).
   */
  close(): void;
}

/** Microsoft's timestamp format in error bodies: `2025-01-31 12:34:56Z`. */
function entraTimestamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** An Entra ID token-endpoint error, written the way Microsoft writes it. */
export function tokenError(
  aadsts: number,
  error: string,
  description: string,
  status = 400,
  headers?: Record<string, string>,
): FakeAnswer {
  return {
    status,
    body: entraErrorBody(aadsts, error, description, {
      traceId: randomUUID(),
      correlationId: randomUUID(),
      at: Date.now(),
      loginHost: FAKE_CLOUDS.standard.loginHost,
    }),
    ...(headers ? { headers } : {}),
  };
}

interface ErrorContext {
  readonly traceId: string;
  readonly correlationId: string;
  readonly at: number;
  readonly loginHost: string;
}

function entraErrorBody(aadsts: number, error: string, description: string, context: ErrorContext) {
  const timestamp = entraTimestamp(context.at);
  return {
    error,
    error_description:
      `AADSTS${aadsts}: ${description} Trace ID: ${context.traceId} ` +
      `Correlation ID: ${context.correlationId} Timestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: context.traceId,
    correlation_id: context.correlationId,
    error_uri: `https://${context.loginHost}/error?code=${aadsts}`,
  };
}

/** A successful token answer carrying `accessToken` as is (for a token that is not a JWT, say). */
export function tokenAnswer(accessToken: string, expiresIn = TOKEN_LIFETIME_S): FakeAnswer {
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: accessToken,
    },
  };
}

/** A Microsoft Graph error answer: `{ error: { code, message, innerError } }`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): FakeAnswer {
  return {
    status,
    body: graphErrorBody(code, message, randomUUID(), undefined),
    ...(headers ? { headers } : {}),
  };
}

function graphErrorBody(
  code: string,
  message: string,
  requestId: string,
  clientRequestId?: string,
) {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
      },
    },
  };
}

/** A failure to reach the host; msal surfaces it as `AuthError` `network_error`. */
export function networkFailure(message = 'fetch failed', delayMs?: number): FakeNetworkFailure {
  return delayMs === undefined ? { networkFailure: message } : { networkFailure: message, delayMs };
}

/**
 * A well-formed JWT (`header.payload.signature`, base64url) with the given claims and a random
 * signature: it reads like an Entra token but is signed by nobody.
 */
export function makeToken(claims: Record<string, unknown>): string {
  const header = { typ: 'JWT', alg: 'RS256', x5t: 'fake-key', kid: 'fake-key' };
  return [
    base64url(JSON.stringify(header)),
    base64url(JSON.stringify(claims)),
    base64url(randomBytes(256)),
  ].join('.');
}

/** The claims of an app-only Graph token as the fake issues them (to build scripted tokens). */
export function accessTokenClaims(
  cloud: Cloud,
  tenantGuid: string,
  clientId: string,
  roles: readonly string[],
  now = Date.now(),
): Record<string, unknown> {
  const info = FAKE_CLOUDS[cloud];
  const seconds = Math.floor(now / 1000);
  const principal = guidFrom(`${tenantGuid}|${clientId}`);
  return {
    aud: info.graphResource,
    iss: info.issuerOf(tenantGuid),
    iat: seconds - 300,
    nbf: seconds - 300,
    exp: seconds + TOKEN_LIFETIME_S,
    appid: clientId,
    appidacr: '1',
    idp: info.issuerOf(tenantGuid),
    idtyp: 'app',
    oid: principal,
    sub: principal,
    ...(roles.length > 0 ? { roles: [...roles] } : {}),
    tid: tenantGuid,
    uti: base64url(randomBytes(16)),
    ver: '1.0',
  };
}

/** A stable GUID-shaped value derived from a string. */
function guidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function decodeJwtPart(part: string | undefined): Record<string, unknown> | undefined {
  if (!part || !/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

interface Certificate {
  readonly x5tS256: string;
  readonly x5t: string;
  readonly publicKey: KeyObject;
}

interface AppRecord {
  readonly cloud: Cloud;
  readonly clientId: string;
  readonly secrets: readonly string[];
  readonly certificates: readonly Certificate[];
}

interface TenantRecord {
  readonly cloud: Cloud;
  readonly guid: string;
  readonly domains: readonly string[];
  /** Lower-cased client ID → granted roles. */
  readonly consents: Map<string, readonly string[]>;
  partners: readonly (FakePartner & { id: string })[];
}

interface IssuedToken {
  readonly cloud: Cloud;
  readonly tenantGuid: string;
  readonly roles: readonly string[];
  readonly expiresAt: number;
}

/** An HTTP answer on the wire: what both adapters start from. */
interface WireReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** undefined: no body at all. */
  readonly text: string | undefined;
}

interface Incoming {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeout: number | undefined;
  readonly signal: AbortSignal | undefined;
}

/** What a request is answered with, and the usual headers of its host. */
interface Routed {
  readonly script: FakeScript;
  readonly defaults: Record<string, string>;
}

interface Pending {
  readonly timer: ReturnType<typeof setTimeout>;
  readonly fail: (error: Error) => void;
}

type MutableRequest = { -readonly [K in keyof FakeRequest]: FakeRequest[K] };

const list = <T>(value: T | readonly T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...(value as readonly T[])] : [value as T];

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function isFailure(script: FakeScript): script is FakeNetworkFailure {
  return 'networkFailure' in script;
}

/** The error msal-node's HttpClient throws when the connection fails (after unwrapping). */
function networkError(message: string): AuthError {
  return new AuthError('network_error', '', `Network request failed: ${message}`);
}

export function createFakeMicrosoft(options: FakeMicrosoftOptions = {}): FakeMicrosoft {
  const textBodies = options.textBodies ?? 'throw';
  const apps = new Map<string, AppRecord>();
  const tenants = new Map<string, TenantRecord>();
  const tokenScripts = new Map<string, FakeScript[]>();
  const graphScripts = new Map<string, FakeScript[]>();
  const delays = new Map<string, number>();
  const issued = new Map<string, IssuedToken>();
  const pending = new Set<Pending>();
  const requests: MutableRequest[] = [];
  let closed = false;

  const appKey = (cloud: Cloud, clientId: string) => `${cloud}|${clientId.toLowerCase()}`;

  const tenantOf = (guid: string): TenantRecord => {
    const tenant = tenants.get(guid.toLowerCase());
    if (!tenant) throw new Error(`fake Microsoft: no tenant ${guid}`);
    return tenant;
  };

  const withIds = (partners: readonly FakePartner[]) =>
    partners.map((p) => ({ ...p, id: p.id ?? randomUUID() }));

  /** Finds the tenant a URL path names, by GUID or domain, in one cloud. */
  const findTenant = (cloud: Cloud, name: string): TenantRecord | undefined => {
    const wanted = name.toLowerCase();
    for (const tenant of tenants.values()) {
      if (tenant.cloud !== cloud) continue;
      if (tenant.guid === wanted || tenant.domains.includes(wanted)) return tenant;
    }
    return undefined;
  };

  // ---- waiting ------------------------------------------------------------------------------

  /** Waits `ms`, failing at the caller's `timeout` (like msal's HttpClient) or on `signal`. */
  const pause = (ms: number, incoming: Incoming): Promise<void> => {
    const { timeout, signal } = incoming;
    const timesOut = timeout !== undefined && timeout > 0 && timeout <= ms;
    if (ms <= 0 && !timesOut) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const wait = timesOut ? timeout : ms;
      const onAbort = () =>
        finish(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      const finish = (error?: Error) => {
        clearTimeout(entry.timer);
        pending.delete(entry);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => finish(timesOut ? new AuthError('network_error', '', 'Request timeout') : undefined),
        wait,
      );
      if (wait > KEEP_ALIVE_LIMIT_MS) timer.unref();
      const entry: Pending = { timer, fail: (error) => finish(error) };
      pending.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  // ---- answers ------------------------------------------------------------------------------

  const loginHeaders = (traceId: string, correlationId: string | undefined) => ({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    'x-ms-request-id': traceId,
    ...(correlationId ? { 'client-request-id': correlationId } : {}),
  });

  const graphHeaders = (requestId: string, clientRequestId: string | undefined) => ({
    'content-type':
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    'request-id': requestId,
    'client-request-id': clientRequestId ?? requestId,
  });

  /** The answer on the wire: the host's usual headers, then the answer's own. */
  const toWire = ({ script: answer, defaults }: Routed & { script: FakeAnswer }): WireReply => {
    const { body } = answer;
    const text =
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { ...defaults };
    if (typeof body === 'string') headers['content-type'] = 'text/html; charset=utf-8';
    if (body === undefined) delete headers['content-type'];
    return { status: answer.status, headers: { ...headers, ...lowerKeys(answer.headers) }, text };
  };

  // ---- the token endpoint -------------------------------------------------------------------

  const tokenEndpoint = (
    info: CloudInfo,
    tenantName: string,
    form: URLSearchParams,
    context: ErrorContext,
  ): FakeAnswer => {
    const fail = (status: number, aadsts: number, error: string, description: string) => ({
      status,
      body: entraErrorBody(aadsts, error, description, context),
    });

    // 1. The tenant, in this cloud.
    if (!GUID.test(tenantName) && !DNS_NAME.test(tenantName)) {
      return fail(
        400,
        900023,
        'invalid_request',
        `Specified tenant identifier '${tenantName}' is neither a valid DNS name, nor a valid external domain.`,
      );
    }
    const tenant = findTenant(info.cloud, tenantName);
    if (!tenant) {
      const elsewhere = CLOUD_LIST.find((c) => c !== info && findTenant(c.cloud, tenantName));
      if (elsewhere) {
        return fail(
          400,
          90038,
          'invalid_request',
          `NationalCloudTenantRedirection - The specified tenant '${tenantName}' belongs to the National Cloud '${elsewhere.label}'. Current cloud instance '${info.label}' does not federate with ${elsewhere.label}. A cloud redirect error is returned.`,
        );
      }
      return fail(
        400,
        90002,
        'invalid_request',
        `Tenant '${tenantName}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      );
    }
    const missing = (name: string) =>
      fail(
        400,
        900144,
        'invalid_request',
        `The request body must contain the following parameter: '${name}'.`,
      );

    // The request's shape.
    const grantType = form.get('grant_type');
    if (!grantType) return missing('grant_type');
    if (grantType !== 'client_credentials') {
      return fail(
        400,
        70003,
        'unsupported_grant_type',
        `The app requested an unsupported grant type '${grantType}'.`,
      );
    }
    const clientId = form.get('client_id');
    if (!clientId) return missing('client_id');

    // 2. The app, in this cloud.
    const app = apps.get(appKey(info.cloud, clientId));
    if (!app) {
      return fail(
        400,
        700016,
        'unauthorized_client',
        `Application with identifier '${clientId}' was not found in the directory '${tenant.domains[0] ?? tenant.guid}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }

    // 3. Its credentials.
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null && assertion !== null) {
      return fail(
        401,
        700027,
        'invalid_client',
        'Send either client_secret or client_assertion, not both.',
      );
    }
    if (secret === null && assertion === null) {
      return fail(
        401,
        7000218,
        'invalid_client',
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    if (secret !== null && !app.secrets.includes(secret)) {
      return fail(
        401,
        7000215,
        'invalid_client',
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    }
    if (assertion !== null) {
      const problem = assertionProblem(
        app,
        tenant,
        info,
        form.get('client_assertion_type'),
        assertion,
        context.at,
      );
      if (problem)
        return fail(
          401,
          700027,
          'invalid_client',
          `Client assertion failed validation: ${problem}.`,
        );
    }

    // 4. The scope.
    const scope = form.get('scope');
    if (!scope || !scope.trim()) {
      return fail(
        400,
        90014,
        'invalid_request',
        "The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
      );
    }
    const scopes = scope.trim().split(/\s+/);
    const notDefault = scopes.find((s) => !s.toLowerCase().endsWith('/.default'));
    if (notDefault !== undefined) {
      return fail(
        400,
        1002012,
        'invalid_scope',
        `The provided value for scope ${notDefault} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    if (scopes.length > 1) {
      return fail(
        400,
        70011,
        'invalid_scope',
        `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
      );
    }
    const resource = (scopes[0] ?? '').slice(0, -'/.default'.length).toLowerCase();
    if (resource !== info.graphResource && resource !== GRAPH_APP_ID) {
      return fail(
        400,
        500011,
        'invalid_resource',
        `The resource principal named ${resource} was not found in the tenant named ${tenant.domains[0] ?? tenant.guid}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    }

    // 5. Consent: the app's service principal in the tenant.
    const roles = tenant.consents.get(app.clientId);
    if (!roles) {
      return fail(
        400,
        7000229,
        'invalid_client',
        `The client application ${app.clientId} is missing service principal in the tenant ${tenant.guid}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
      );
    }

    // 6. A token.
    const claims = accessTokenClaims(info.cloud, tenant.guid, app.clientId, roles, context.at);
    claims.appidacr = assertion !== null ? '2' : '1';
    const accessToken = makeToken(claims);
    issued.set(accessToken, {
      cloud: info.cloud,
      tenantGuid: tenant.guid,
      roles: [...roles],
      expiresAt: (claims.exp as number) * 1000,
    });
    return tokenAnswer(accessToken);
  };

  /** Why a client assertion is refused, or undefined when it is good. */
  const assertionProblem = (
    app: AppRecord,
    tenant: TenantRecord,
    info: CloudInfo,
    assertionType: string | null,
    assertion: string,
    now: number,
  ): string | undefined => {
    if (assertionType !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return `client_assertion_type '${assertionType ?? ''}' is not supported`;
    }
    const parts = assertion.split('.');
    const header = decodeJwtPart(parts[0]);
    const payload = decodeJwtPart(parts[1]);
    const signature = parts[2];
    if (parts.length !== 3 || !header || !payload || !signature) return 'it is not a JWT';
    const sha256 = header['x5t#S256'];
    const sha1 = header.x5t;
    const certificate = app.certificates.find(
      (c) =>
        (typeof sha256 === 'string' && c.x5tS256 === sha256) ||
        (typeof sha1 === 'string' && c.x5t === sha1),
    );
    if (!certificate) {
      return `the key was not found: no certificate with thumbprint '${String(sha256 ?? sha1)}' is registered on app '${app.clientId}'`;
    }
    const data = Buffer.from(`${parts[0]}.${parts[1]}`);
    const sig = Buffer.from(signature, 'base64url');
    let valid: boolean;
    if (header.alg === 'RS256') {
      valid = verify('sha256', data, certificate.publicKey, sig);
    } else if (header.alg === 'PS256') {
      valid = verify(
        'sha256',
        data,
        {
          key: certificate.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        },
        sig,
      );
    } else {
      return `the signing algorithm '${String(header.alg)}' is not supported`;
    }
    if (!valid) return 'the signature is invalid';
    const audiences = new Set(
      [tenant.guid, ...tenant.domains].flatMap((name) => [
        `https://${info.loginHost}/${name}/oauth2/v2.0/token`,
        `https://${info.loginHost}/${name}/oauth2/token`,
      ]),
    );
    const aud = payload.aud;
    const audList = Array.isArray(aud) ? aud : [aud];
    if (!audList.some((a) => typeof a === 'string' && audiences.has(a.toLowerCase()))) {
      return `the audience '${String(aud)}' is not this token endpoint`;
    }
    const clientId = app.clientId;
    if (
      String(payload.iss).toLowerCase() !== clientId ||
      String(payload.sub).toLowerCase() !== clientId
    ) {
      return `iss and sub must both be the client ID '${clientId}'`;
    }
    const seconds = now / 1000;
    if (typeof payload.exp !== 'number' || payload.exp <= seconds) return 'it has expired';
    if (typeof payload.nbf === 'number' && payload.nbf > seconds + 300)
      return 'it is not valid yet';
    return undefined;
  };

  // ---- discovery ----------------------------------------------------------------------------

  const instanceDiscovery = (query: URLSearchParams, context: ErrorContext): FakeAnswer => {
    let authorize: URL | undefined;
    try {
      authorize = new URL(query.get('authorization_endpoint') ?? '');
    } catch {
      authorize = undefined;
    }
    const known = authorize && CLOUD_LIST.find((c) => c.loginHost === authorize.hostname);
    if (!authorize || !known) {
      return {
        status: 400,
        body: entraErrorBody(50049, 'invalid_instance', 'Unknown or invalid instance.', context),
      };
    }
    const tenant = authorize.pathname.split('/').filter(Boolean)[0] ?? 'common';
    return {
      status: 200,
      body: {
        tenant_discovery_endpoint: `https://${known.loginHost}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          {
            preferred_network: 'login.microsoftonline.com',
            preferred_cache: 'login.windows.net',
            aliases: [
              'login.microsoftonline.com',
              'login.windows.net',
              'login.microsoft.com',
              'sts.windows.net',
            ],
          },
          {
            preferred_network: 'login.microsoftonline.us',
            preferred_cache: 'login.microsoftonline.us',
            aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
          },
        ],
      },
    };
  };

  const openIdConfiguration = (
    info: CloudInfo,
    tenantName: string,
    context: ErrorContext,
  ): FakeAnswer => {
    const tenant = findTenant(info.cloud, tenantName);
    if (!tenant) {
      return {
        status: 400,
        body: entraErrorBody(
          90002,
          'invalid_tenant',
          `Tenant '${tenantName}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
          context,
        ),
      };
    }
    const base = `https://${info.loginHost}/${tenant.guid}`;
    return {
      status: 200,
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `https://${info.loginHost}/${tenant.guid}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        tenant_region_scope: info.cloud === 'gcc-high' ? 'USGov' : 'NA',
        cloud_instance_name: info.loginHost.replace(/^login\./, ''),
        msgraph_host: info.graphHost,
      },
    };
  };

  const login = (info: CloudInfo, request: MutableRequest, incoming: Incoming): Routed => {
    const context: ErrorContext = {
      traceId: randomUUID(),
      correlationId:
        request.query['client-request-id'] ?? request.form?.['client-request-id'] ?? randomUUID(),
      at: Date.now(),
      loginHost: info.loginHost,
    };
    const segments = request.path.split('/').filter(Boolean);
    const [first = '', ...rest] = segments;
    const route = rest.join('/').toLowerCase();
    const defaults = loginHeaders(context.traceId, context.correlationId);
    const withHeaders = (script: FakeScript): Routed => ({ script, defaults });
    if (route === 'oauth2/v2.0/token') {
      const script = tokenScripts.get(first.toLowerCase())?.shift();
      if (script) return withHeaders(script);
      if (request.method !== 'POST') {
        return withHeaders({
          status: 400,
          body: entraErrorBody(
            900561,
            'invalid_request',
            `The endpoint only accepts POST requests. Received a ${request.method} request.`,
            context,
          ),
        });
      }
      return withHeaders(
        tokenEndpoint(info, first, new URLSearchParams(incoming.body ?? ''), context),
      );
    }
    if (
      request.method === 'GET' &&
      first.toLowerCase() === 'common' &&
      route === 'discovery/instance'
    ) {
      return withHeaders(instanceDiscovery(new URLSearchParams(request.query), context));
    }
    if (request.method === 'GET' && route === 'v2.0/.well-known/openid-configuration') {
      return withHeaders(openIdConfiguration(info, first, context));
    }
    return {
      script: {
        status: 404,
        body: '<!DOCTYPE html><html><head><title>Not found</title></head><body>404</body></html>',
      },
      defaults: { 'x-ms-request-id': context.traceId },
    };
  };

  // ---- Graph --------------------------------------------------------------------------------

  const PARTNER_PROPERTIES = [
    'id',
    'displayName',
    'partnerState',
    'lastHeartbeatDateTime',
    'iosOnboarded',
    'androidOnboarded',
    'macOsOnboarded',
    'androidEnrollmentAssignments',
    'iosEnrollmentAssignments',
    'macOsEnrollmentAssignments',
  ];

  const graph = (info: CloudInfo, request: MutableRequest): Routed => {
    const requestId = randomUUID();
    const clientRequestId = request.headers['client-request-id'];
    const defaults = graphHeaders(requestId, clientRequestId);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
      script: { status, body, headers },
      defaults,
    });
    const error = (
      status: number,
      code: string,
      message: string,
      extra: Record<string, string> = {},
    ) => answer(status, graphErrorBody(code, message, requestId, clientRequestId), extra);
    const unauthenticated = (message: string) =>
      error(401, 'InvalidAuthenticationToken', message, {
        'www-authenticate': `Bearer realm="", authorization_uri="https://${info.loginHost}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
      });

    const path = request.path.toLowerCase().replace(/\/+$/, '');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '')?.[1];
    const claims = decodeJwtPart(bearer?.split('.')[1]);
    if (path === PARTNERS_PATH && typeof claims?.tid === 'string') {
      const script = graphScripts.get(claims.tid.toLowerCase())?.shift();
      if (script) return { script, defaults };
    }
    if (!bearer) return unauthenticated('Access token is empty.');
    if (!claims)
      return unauthenticated(
        'Access token validation failure: the token is not a well-formed JWT.',
      );
    const token = issued.get(bearer);
    if (!token) return unauthenticated('Access token validation failure. Invalid signature.');
    if (token.cloud !== info.cloud)
      return unauthenticated('Access token validation failure. Invalid audience.');
    if (token.expiresAt <= Date.now())
      return unauthenticated('Lifetime validation failed, the token is expired.');
    if (request.method !== 'GET') {
      return error(
        405,
        'BadRequest',
        `The ${request.method} method is not allowed on this resource.`,
      );
    }
    if (path !== PARTNERS_PATH) {
      const segment = request.path.split('/').filter(Boolean).slice(1).join('/');
      return error(404, 'ResourceNotFound', `Resource not found for the segment '${segment}'.`);
    }
    if (!token.roles.some((role) => PARTNER_READ_ROLES.includes(role))) {
      return error(
        403,
        'Forbidden',
        `Application is not authorized to perform this operation. Application must have one of the following scopes: ${PARTNER_READ_ROLES.join(', ')}`,
      );
    }

    const tenant = tenants.get(token.tenantGuid);
    let partners: Record<string, unknown>[] = (tenant?.partners ?? []).map((p) => ({
      '@odata.type': '#microsoft.graph.complianceManagementPartner',
      id: p.id,
      lastHeartbeatDateTime: p.lastHeartbeatDateTime,
      partnerState: p.partnerState,
      displayName: p.displayName,
      macOsOnboarded: p.macOsOnboarded,
      androidOnboarded: p.androidOnboarded,
      iosOnboarded: p.iosOnboarded,
      macOsEnrollmentAssignments: [],
      androidEnrollmentAssignments: [],
      iosEnrollmentAssignments: [],
    }));
    const filter = request.query.$filter;
    if (filter !== undefined) {
      const tests: ((p: Record<string, unknown>) => boolean)[] = [];
      for (const clause of filter.split(/\s+and\s+/i)) {
        const match = /^\s*(\w+)\s+eq\s+('(?:[^']|'')*'|true|false|null)\s*$/i.exec(clause);
        const property = match?.[1];
        const literal = match?.[2];
        if (!property || !literal || !PARTNER_PROPERTIES.includes(property)) {
          return error(400, 'BadRequest', `Invalid filter clause: '${clause.trim()}'.`);
        }
        const value = literal.startsWith("'")
          ? literal.slice(1, -1).replaceAll("''", "'")
          : literal.toLowerCase() === 'null'
            ? null
            : literal.toLowerCase() === 'true';
        tests.push((p) => p[property] === value);
      }
      partners = partners.filter((p) => tests.every((test) => test(p)));
    }
    let context = `https://${info.graphHost}/v1.0/$metadata#deviceManagement/complianceManagementPartners`;
    const select = request.query.$select;
    if (select !== undefined) {
      const fields = select
        .split(',')
        .map((field) => field.trim())
        .filter(Boolean);
      const unknown = fields.find((field) => !PARTNER_PROPERTIES.includes(field));
      if (unknown !== undefined) {
        return error(
          400,
          'BadRequest',
          `Could not find a property named '${unknown}' on type 'microsoft.graph.complianceManagementPartner'.`,
        );
      }
      context += `(${fields.join(',')})`;
      partners = partners.map((p) => Object.fromEntries(fields.map((field) => [field, p[field]])));
    }
    return answer(200, { '@odata.context': context, value: partners });
  };

  // ---- dispatch -----------------------------------------------------------------------------

  /** Records a request and answers it on the wire, after the delay; throws a network failure. */
  const handle = async (incoming: Incoming): Promise<WireReply> => {
    let url: URL | undefined;
    try {
      url = new URL(incoming.url);
    } catch {
      url = undefined;
    }
    const headers = lowerKeys(incoming.headers);
    const request: MutableRequest = {
      method: incoming.method,
      url: incoming.url,
      host: url?.hostname ?? '',
      path: url ? decodeURIComponent(url.pathname) : '',
      query: url ? Object.fromEntries(url.searchParams) : {},
      headers,
    };
    if (headers.authorization !== undefined) request.authorization = headers.authorization;
    if (incoming.timeout !== undefined) request.timeout = incoming.timeout;
    if (incoming.method === 'POST' && incoming.body !== undefined) {
      const form = Object.fromEntries(new URLSearchParams(incoming.body));
      for (const secret of ['client_secret', 'client_assertion']) {
        if (secret in form) form[secret] = '[redacted]';
      }
      request.form = form;
    }
    requests.push(request);

    if (closed)
      throw new Error(`fake Microsoft is closed: refused ${incoming.method} ${incoming.url}`);
    const info = CLOUD_LIST.find(
      (c) => c.loginHost === request.host || c.graphHost === request.host,
    );
    if (!url || !info || url.protocol !== 'https:' || url.port !== '') {
      throw new Error(
        `fake Microsoft: refused ${incoming.method} ${incoming.url}: host '${request.host}' is not a Microsoft login or Graph host`,
      );
    }
    const { script, defaults } =
      request.host === info.loginHost ? login(info, request, incoming) : graph(info, request);
    await pause(script.delayMs ?? delays.get(request.host) ?? 0, incoming);
    if (isFailure(script)) throw networkError(script.networkFailure);
    const reply = toWire({ script, defaults });
    request.status = reply.status;
    return reply;
  };

  /** Turns the text of a reply into the body msal expects, the way `textBodies` says. */
  const parseBody = (reply: WireReply): unknown => {
    const text = reply.text ?? '';
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      if (textBodies === 'raw') return text;
      if (typeof textBodies === 'function') return textBodies(text, reply.status);
      throw new AuthError(
        'token_parsing_error',
        '',
        `Failed to parse response: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    }
  };

  const networkCall = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const reply = await handle({
      method,
      url,
      headers: options?.headers ?? {},
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      timeout,
      signal: undefined,
    });
    return { status: reply.status, headers: reply.headers, body: parseBody(reply) as T };
  };

  const network: INetworkModule = {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) =>
      networkCall<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) =>
      networkCall<T>('POST', url, options),
  };

  const fakeFetch = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'POST') throw new TypeError(`fake Microsoft: no ${method}`);
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init?.body ?? undefined;
    if (
      body !== undefined &&
      body !== null &&
      typeof body !== 'string' &&
      !(body instanceof URLSearchParams)
    ) {
      throw new TypeError('fake Microsoft: only string or URLSearchParams bodies');
    }
    const signal = init?.signal ?? request?.signal ?? undefined;
    signal?.throwIfAborted();
    const reply = await handle({
      method,
      url: request ? request.url : input.toString(),
      headers,
      body: method === 'POST' ? (body ?? '').toString() : undefined,
      timeout: undefined,
      signal,
    }).catch((error: unknown) => {
      // fetch reports a failed connection as a TypeError whose cause says why.
      if (error instanceof AuthError && error.errorCode === 'network_error') {
        throw new TypeError('fetch failed', { cause: new Error(error.errorMessage) });
      }
      throw error;
    });
    const nullBody = reply.status === 204 || reply.status === 304;
    return new Response(nullBody ? null : (reply.text ?? ''), {
      status: reply.status,
      headers: reply.headers,
    });
  };

  return {
    network,
    fetch: fakeFetch,
    requests,
    addApp(app) {
      const certificates = list(app.certificatePem).map((pem): Certificate => {
        const x509 = new X509Certificate(pem);
        return {
          x5tS256: createHash('sha256').update(x509.raw).digest('base64url'),
          x5t: createHash('sha1').update(x509.raw).digest('base64url'),
          publicKey: x509.publicKey,
        };
      });
      apps.set(appKey(app.cloud, app.clientId), {
        cloud: app.cloud,
        clientId: app.clientId.toLowerCase(),
        secrets: list(app.secret),
        certificates,
      });
    },
    removeApp(cloud, clientId) {
      apps.delete(appKey(cloud, clientId));
    },
    addTenant(tenant) {
      if (!GUID.test(tenant.guid))
        throw new Error(`fake Microsoft: tenant GUID ${tenant.guid} is not a GUID`);
      const guid = tenant.guid.toLowerCase();
      tenants.set(guid, {
        cloud: tenant.cloud,
        guid,
        domains: (tenant.domains ?? []).map((d) => d.toLowerCase()),
        consents: new Map(
          Object.entries(tenant.consents ?? {}).map(([clientId, roles]) => [
            clientId.toLowerCase(),
            [...roles],
          ]),
        ),
        partners: withIds(tenant.partners ?? []),
      });
    },
    removeTenant(guid) {
      tenants.delete(guid.toLowerCase());
    },
    setConsent(tenantGuid, clientId, roles) {
      const { consents } = tenantOf(tenantGuid);
      if (roles === null) consents.delete(clientId.toLowerCase());
      else consents.set(clientId.toLowerCase(), [...roles]);
    },
    setPartners(tenantGuid, partners) {
      tenantOf(tenantGuid).partners = withIds(partners);
    },
    scriptToken(tenant, ...answers) {
      const key = tenant.toLowerCase();
      tokenScripts.set(key, [...(tokenScripts.get(key) ?? []), ...answers]);
    },
    scriptGraph(tenantGuid, ...answers) {
      const key = tenantGuid.toLowerCase();
      graphScripts.set(key, [...(graphScripts.get(key) ?? []), ...answers]);
    },
    scriptsLeft() {
      let left = 0;
      for (const scripts of [...tokenScripts.values(), ...graphScripts.values()])
        left += scripts.length;
      return left;
    },
    setDelay(host, ms) {
      if (ms > 0) delays.set(host.toLowerCase(), ms);
      else delays.delete(host.toLowerCase());
    },
    clearRequests() {
      requests.length = 0;
    },
    close() {
      closed = true;
      for (const entry of [...pending]) {
        // As a dropped connection: msal passes an AuthError through with its message.
        entry.fail(networkError('fake Microsoft was closed before it answered'));
      }
    },
  };
}
