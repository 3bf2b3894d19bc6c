import { cloudOf, type TenantType } from './cloud.js';
import { isGuid, validateTenantId } from './tenant.js';

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
    readonly part: 'tenantId' | 'clientId' | 'redirectUri' | 'state',
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

/**
 * Microsoft's admin-consent URL (v1 endpoint) for the tenant, in the tenant type's cloud.
 * Every part is checked, so the result is always an `https:` link to a Microsoft sign-in host.
 */
export function buildConsentUrl(request: ConsentRequest): string {
  const tenant = validateTenantId(request.tenantId);
  if (!tenant.ok) throw new ConsentUrlError('tenantId', `Invalid tenant ID (${tenant.error}).`);
  if (!isGuid(request.clientId.trim().toLowerCase())) {
    throw new ConsentUrlError('clientId', 'The client ID must be the application GUID.');
  }
  if (/[\s\p{C}]/u.test(request.redirectUri)) {
    throw new ConsentUrlError(
      'redirectUri',
      'The redirect URI must not contain spaces or control characters.',
    );
  }
  let redirect: URL;
  try {
    redirect = new URL(request.redirectUri);
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
  if (!isConsentState(request.state)) {
    throw new ConsentUrlError('state', 'The state must be 16 to 128 URL-safe characters.');
  }
  const url = new URL(
    `https://${cloudOf(request.tenantType).loginHost}/${encodeURIComponent(tenant.value)}/adminconsent`,
  );
  url.searchParams.set('client_id', request.clientId.trim().toLowerCase());
  url.searchParams.set('state', request.state);
  url.searchParams.set('redirect_uri', request.redirectUri);
  return url.href;
}

/** True when `value` is an admin-consent link on the sign-in host of `tenantType`'s cloud. */
export function isConsentUrlFor(value: unknown, tenantType: TenantType): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' &&
      url.host === cloudOf(tenantType).loginHost &&
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
}

export function readConsentCallback(query: string | URLSearchParams): ConsentCallbackParams {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const pick = (name: string) => params.get(name) ?? undefined;
  return {
    adminConsent: pick('admin_consent'),
    tenant: pick('tenant'),
    state: pick('state'),
    error: pick('error'),
    errorDescription: pick('error_description'),
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

/** Finds an `AADSTS<digits>` code in Microsoft's error description. */
export function extractAadstsCode(text: string | undefined): string | undefined {
  return text?.match(/AADSTS\d{5,6}/)?.[0];
}

function constantTimeEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks a consent callback against the attempt it should answer: the state must match first
 * (anything else is not an answer to this attempt), then `error` wins over `admin_consent=True`,
 * and a tenant entered as a GUID must be the one returned.
 */
export function verifyConsentCallback(
  params: ConsentCallbackParams,
  expected: ExpectedConsent,
): ConsentCallbackResult {
  if (
    !isConsentState(expected.state) ||
    params.state === undefined ||
    !constantTimeEquals(params.state, expected.state)
  ) {
    return { ok: false, reason: 'state-mismatch' };
  }
  if (params.error !== undefined && params.error !== '') {
    return {
      ok: false,
      reason: 'error',
      error: params.error,
      aadsts: extractAadstsCode(params.errorDescription),
    };
  }
  if (params.adminConsent?.toLowerCase() !== 'true') return { ok: false, reason: 'not-granted' };
  const returned = params.tenant?.trim().toLowerCase() ?? '';
  const entered = expected.tenantId.trim().toLowerCase();
  if (!isGuid(returned) || (isGuid(entered) && returned !== entered)) {
    return { ok: false, reason: 'tenant-mismatch' };
  }
  return { ok: true, tenant: returned };
}
