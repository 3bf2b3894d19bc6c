import { CLOUDS, isTenantType, type TenantType } from './cloud.js';
import { asciiLowerCase, isGuid, validateTenantId } from './tenant.js';
import { MAX_URL_LENGTH } from './url.js';

export interface ConsentRequest {
  readonly tenantType: TenantType;
  /** A validated tenant identifier (GUID or domain). */
  readonly tenantId: string;
  /** The application (client) ID registered in that cloud. */
  readonly clientId: string;
  /** Must match a redirect URI registered on the app exactly. */
  readonly redirectUri: string;
  /** Single-use random value that binds the callback to this attempt. */
  readonly state: string;
}

/** Thrown when a consent link cannot be built from what was given; names the faulty part. */
export class ConsentUrlError extends Error {
  constructor(
    readonly part: 'tenantType' | 'tenantId' | 'clientId' | 'redirectUri' | 'state',
    message: string,
  ) {
    super(message);
    this.name = 'ConsentUrlError';
  }
}

const STATE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** True for a usable consent `state`: 16 to 128 URL-safe characters (see `createConsentState`). */
export function isConsentState(value: unknown): value is string {
  return typeof value === 'string' && STATE_PATTERN.test(value);
}

/** A fresh, URL-safe, 256-bit random `state` value. */
export function createConsentState(random: Crypto = globalThis.crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(32));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The parts of a request, read once; anything that is not readable text is refused. */
function readRequest(request: unknown): Record<keyof ConsentRequest, unknown> {
  if (typeof request !== 'object' || request === null) {
    throw new ConsentUrlError('tenantId', 'A consent request must name a tenant.');
  }
  const parts = {} as Record<keyof ConsentRequest, unknown>;
  for (const key of ['tenantType', 'tenantId', 'clientId', 'redirectUri', 'state'] as const) {
    try {
      parts[key] = (request as Record<string, unknown>)[key];
    } catch {
      throw new ConsentUrlError(key === 'tenantType' ? 'tenantType' : key, `Unreadable ${key}.`);
    }
  }
  return parts;
}

function checkRedirectUri(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) {
    throw new ConsentUrlError(
      'redirectUri',
      'The redirect URI must be a URL of 2048 characters at most.',
    );
  }
  if (/[\s\p{C}]/u.test(value)) {
    throw new ConsentUrlError(
      'redirectUri',
      'The redirect URI must not contain spaces or control characters.',
    );
  }
  let redirect: URL;
  try {
    redirect = new URL(value);
  } catch {
    throw new ConsentUrlError('redirectUri', 'The redirect URI must be an absolute URL.');
  }
  const local = redirect.hostname === 'localhost' || redirect.hostname === '127.0.0.1';
  if (redirect.protocol !== 'https:' && !(local && redirect.protocol === 'http:')) {
    throw new ConsentUrlError(
      'redirectUri',
      'The redirect URI must use HTTPS (or http://localhost).',
    );
  }
  if (redirect.username !== '' || redirect.password !== '') {
    throw new ConsentUrlError(
      'redirectUri',
      'The redirect URI must not carry a user name or password.',
    );
  }
  return value;
}

/**
 * Microsoft's admin-consent URL (v1 endpoint) for the tenant, in the tenant type's cloud.
 * Every part is checked, so the result is always an `https:` link to the sign-in host of a cloud
 * of `CLOUDS`. Whatever it is given (missing parts, non-strings, huge strings, objects whose
 * properties throw), it either returns such a link or throws a `ConsentUrlError`, never another
 * error. The redirect URI must be absolute `https:` (or `http:` on `localhost` / `127.0.0.1`),
 * without user name or password, spaces or control characters, at most 2048 characters.
 */
export function buildConsentUrl(request: ConsentRequest): string {
  const parts = readRequest(request);
  const tenantType = parts.tenantType;
  if (!isTenantType(tenantType) || !Object.hasOwn(CLOUDS, tenantType)) {
    throw new ConsentUrlError('tenantType', 'The tenant type must be one of the known clouds.');
  }
  const tenant = validateTenantId(parts.tenantId);
  if (!tenant.ok) throw new ConsentUrlError('tenantId', `Invalid tenant ID (${tenant.error}).`);
  const clientId = typeof parts.clientId === 'string' ? asciiLowerCase(parts.clientId.trim()) : '';
  if (!isGuid(clientId)) {
    throw new ConsentUrlError('clientId', 'The client ID must be the application GUID.');
  }
  const redirectUri = checkRedirectUri(parts.redirectUri);
  if (!isConsentState(parts.state)) {
    throw new ConsentUrlError('state', 'The state must be 16 to 128 URL-safe characters.');
  }
  const loginHost = CLOUDS[tenantType].loginHost;
  const url = new URL(`https://${loginHost}/${encodeURIComponent(tenant.value)}/adminconsent`);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('state', parts.state);
  url.searchParams.set('redirect_uri', redirectUri);
  // Belt and braces: the link goes to the cloud's sign-in host and nowhere else.
  if (url.host !== loginHost || !isConsentUrlFor(url.href, tenantType)) {
    throw new ConsentUrlError('tenantId', 'The consent link would leave the sign-in host.');
  }
  return url.href;
}

/** True when `value` is an admin-consent link on the sign-in host of `tenantType`'s cloud. */
export function isConsentUrlFor(value: unknown, tenantType: TenantType): value is string {
  if (typeof value !== 'string' || !isTenantType(tenantType)) return false;
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' &&
      url.host === CLOUDS[tenantType].loginHost &&
      url.username === '' &&
      url.password === '' &&
      /^\/[^/]+\/(?:v2\.0\/)?adminconsent$/.test(url.pathname)
    );
  } catch {
    return false;
  }
}

/** What Microsoft sends back to the redirect URI, read from its query string. */
export interface ConsentCallbackParams {
  readonly adminConsent?: string;
  readonly tenant?: string;
  readonly state?: string;
  readonly error?: string;
  readonly errorDescription?: string;
  /**
   * The query names of the answer's parameters that came more than once or empty
   * (`state=a&state=b`, `tenant=`), comma-separated. Such a parameter is left out of the fields
   * above rather than read as its first value, and `verifyConsentCallback` refuses the answer.
   */
  readonly ambiguous?: string;
}

/** The query parameters of Microsoft's answer, by their field in `ConsentCallbackParams`. */
export const CALLBACK_PARAMETERS = {
  adminConsent: 'admin_consent',
  tenant: 'tenant',
  state: 'state',
  error: 'error',
  errorDescription: 'error_description',
} as const;

/**
 * Reads Microsoft's answer from a query string (or fragment, without `#`). A parameter present
 * once with a value is read; one present twice or more, or empty, is ambiguous: it is not read
 * (no "first wins") and is named in `ambiguous`, so that the answer is refused.
 */
export function readConsentCallback(query: string | URLSearchParams): ConsentCallbackParams {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const read: { -readonly [K in keyof ConsentCallbackParams]: string } = {};
  const ambiguous: string[] = [];
  for (const [field, name] of Object.entries(CALLBACK_PARAMETERS) as [
    keyof typeof CALLBACK_PARAMETERS,
    string,
  ][]) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    const value = values[0];
    if (values.length > 1 || value === undefined || value === '') ambiguous.push(name);
    else read[field] = value;
  }
  return {
    adminConsent: read.adminConsent,
    tenant: read.tenant,
    state: read.state,
    error: read.error,
    errorDescription: read.errorDescription,
    ...(ambiguous.length > 0 ? { ambiguous: ambiguous.join(',') } : {}),
  };
}

export type ConsentCallbackResult =
  | { readonly ok: true; readonly tenant: string }
  | {
      readonly ok: false;
      readonly reason: 'error' | 'state-mismatch' | 'tenant-mismatch' | 'not-granted';
      /** Microsoft's `error` (and AADSTS code if the description carries one). */
      readonly error?: string;
      readonly aadsts?: string;
    };

export interface ExpectedConsent {
  readonly state: string;
  /** The tenant the admin entered: a GUID, or a domain (then any returned GUID is accepted). */
  readonly tenantId: string;
}

/**
 * Finds an `AADSTS<digits>` code (5 to 7 digits) in Microsoft's error description, read whole or
 * not at all: a code glued to a letter, digit or `_` on either side (`xAADSTS65001`,
 * `AADSTS65001x`, eight digits) is not a code, and `AADSTS7000229` is never read as
 * `AADSTS700022`.
 */
export function extractAadstsCode(text: string | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  return text.match(/(?<![A-Za-z0-9_])AADSTS\d{5,7}(?![A-Za-z0-9_])/)?.[0];
}

function constantTimeEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The `error` reported for an answer with a duplicated or empty parameter. */
export const AMBIGUOUS_CALLBACK_ERROR = 'ambiguous_callback';

function isAmbiguous(params: ConsentCallbackParams, field: keyof ConsentCallbackParams): boolean {
  if (params.ambiguous === undefined) return false;
  return field === 'ambiguous' || params.ambiguous.split(',').includes(CALLBACK_PARAMETERS[field]);
}

/**
 * Checks a consent callback against the attempt it should answer: the state must match first
 * (anything else is not an answer to this attempt; a duplicated or empty `state` is a
 * `state-mismatch`), then any other parameter `readConsentCallback` found duplicated or empty
 * (`ambiguous`) refuses the answer as ambiguous (`error`, with `error: 'ambiguous_callback'`, shown as `consent-error`), then
 * `error` wins over `admin_consent=True`, and the returned tenant must be a GUID that names one
 * organisation (never the nil GUID or the personal-accounts tenant) and, for a tenant entered as
 * a GUID, that GUID (`tenant-mismatch`).
 */
export function verifyConsentCallback(
  params: ConsentCallbackParams,
  expected: ExpectedConsent,
): ConsentCallbackResult {
  if (
    !isConsentState(expected.state) ||
    typeof params.state !== 'string' ||
    isAmbiguous(params, 'state') ||
    !constantTimeEquals(params.state, expected.state)
  ) {
    return { ok: false, reason: 'state-mismatch' };
  }
  if (params.ambiguous !== undefined) {
    return { ok: false, reason: 'error', error: AMBIGUOUS_CALLBACK_ERROR };
  }
  if (params.error !== undefined && params.error !== '') {
    return {
      ok: false,
      reason: 'error',
      error: params.error,
      aadsts: extractAadstsCode(params.errorDescription),
    };
  }
  if (asciiLowerCase(params.adminConsent ?? '') !== 'true')
    return { ok: false, reason: 'not-granted' };
  // The nil GUID and the personal-accounts tenant are refused here as everywhere else.
  const returned = validateTenantId(params.tenant);
  const entered = validateTenantId(expected.tenantId);
  if (
    !returned.ok ||
    !isGuid(returned.value) ||
    !entered.ok ||
    (isGuid(entered.value) && returned.value !== entered.value)
  ) {
    return { ok: false, reason: 'tenant-mismatch' };
  }
  return { ok: true, tenant: returned.value };
}
