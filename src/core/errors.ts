/**
 * Every failure the kit can show, as a stable code. The catalogs (English, French) turn a code
 * into a sentence that names the cause and the fix; integrators branch on the code.
 */
export const AADSTS_REASONS = {
  AADSTS65001: 'consent-missing',
  AADSTS65004: 'consent-declined',
  /** For a token request: the app has no service principal in the tenant (no consent there). */
  AADSTS700016: 'consent-missing',
  /** The app's service principal is missing in the tenant: consent never given, or withdrawn. */
  AADSTS7000229: 'consent-missing',
  AADSTS90002: 'tenant-not-found',
  AADSTS90038: 'wrong-cloud',
  AADSTS500011: 'resource-not-found',
  AADSTS90094: 'admin-consent-required',
  AADSTS900023: 'tenant-malformed',
  /** The vendor's client secret is wrong or expired. */
  AADSTS7000215: 'vendor-credentials',
  /** The vendor's certificate (client assertion) is not the one registered. */
  AADSTS700027: 'vendor-credentials',
  /** Too many identical requests: Microsoft asks to back off. */
  AADSTS50196: 'throttled',
} as const;

export type AadstsCode = keyof typeof AADSTS_REASONS;
export type AadstsReason = (typeof AADSTS_REASONS)[AadstsCode];

export type ErrorCode =
  | AadstsReason
  /**
   * Kept for adapters that report it: the app is not registered in this cloud. The kit maps
   * AADSTS700016 to `consent-missing`, its meaning for a token request.
   */
  | 'app-not-found'
  /** Consent is in place without some permissions the deployment requires (`permissions`). */
  | 'permissions-missing'
  /** Microsoft's sign-in service could not be reached or did not answer in time. */
  | 'microsoft-unavailable'
  /** Microsoft answered something that cannot be read (not a token, not the expected shape). */
  | 'microsoft-malformed'
  /** Microsoft answered with an `error` the kit has no specific advice for. */
  | 'consent-error'
  /** The admin closed Microsoft's page with "Cancel" (`access_denied`). */
  | 'access-denied'
  | 'state-mismatch'
  /** A callback carried the `state` of an attempt that was already used. */
  | 'state-replayed'
  /** A callback carried the `state` of an older or expired attempt. */
  | 'state-stale'
  | 'tenant-mismatch'
  | 'not-granted'
  /** The backend found no consent (yet): it can take about 30 s to become visible. */
  | 'not-verified'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'malformed-response'
  | 'conflict'
  | 'not-connected'
  /** The backend refused the session: it expired or is missing (HTTP 401). */
  | 'unauthorized'
  /** The backend refused this user the change (HTTP 403, or a request from a foreign origin). */
  | 'forbidden'
  /** The backend or its database is down for a moment (HTTP 503). */
  | 'unavailable'
  /** The backend refused the request itself as malformed (a bug between console and backend). */
  | 'invalid-request'
  | 'adapter';

export interface KitError {
  readonly code: ErrorCode;
  /** The AADSTS code Microsoft reported, when there was one. */
  readonly aadsts?: string;
  /** `permissions-missing`: the application permissions the tenant has not granted. */
  readonly permissions?: readonly string[];
  /** How long to wait before retrying, when the backend or Microsoft said so. */
  readonly retryAfterSeconds?: number;
  /** Technical detail for logs and the audit trail; never shown as the main message. */
  readonly detail?: string;
}

/**
 * Why a consent answer is refused in the browser: Microsoft's errors on the callback, and the
 * kit's own checks of the answer (state, tenant, grant).
 */
export const CALLBACK_ERROR_CODES = [
  'consent-missing',
  'consent-declined',
  'app-not-found',
  'tenant-not-found',
  'wrong-cloud',
  'resource-not-found',
  'admin-consent-required',
  'tenant-malformed',
  'consent-error',
  'access-denied',
  'state-mismatch',
  'state-replayed',
  'state-stale',
  'tenant-mismatch',
  'not-granted',
] as const satisfies readonly ErrorCode[];

/** Every `ErrorCode`, for checking values that come from outside. */
export const ERROR_CODES = [
  ...CALLBACK_ERROR_CODES,
  'vendor-credentials',
  'throttled',
  'permissions-missing',
  'microsoft-unavailable',
  'microsoft-malformed',
  'not-verified',
  'network',
  'timeout',
  'aborted',
  'malformed-response',
  'conflict',
  'not-connected',
  'unauthorized',
  'forbidden',
  'unavailable',
  'invalid-request',
  'adapter',
] as const satisfies readonly ErrorCode[];

/** True for one of the kit's own error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isAadstsCode(value: unknown): value is AadstsCode {
  return typeof value === 'string' && Object.hasOwn(AADSTS_REASONS, value);
}

/** Maps Microsoft's `error` and AADSTS code to the kit's error code. */
export function consentErrorCode(error: string | undefined, aadsts?: string): ErrorCode {
  if (isAadstsCode(aadsts)) return AADSTS_REASONS[aadsts];
  if (error === 'access_denied') return 'access-denied';
  if (error === 'consent_required') return 'consent-missing';
  return 'consent-error';
}

/** Thrown by adapters (or raised by the kit around them) with a code the UI can explain. */
export class AdapterError extends Error implements KitError {
  readonly code: ErrorCode;
  readonly aadsts?: string;
  readonly permissions?: readonly string[];
  readonly retryAfterSeconds?: number;
  readonly detail?: string;

  constructor(
    code: ErrorCode,
    detail?: string,
    options?: {
      aadsts?: string;
      permissions?: readonly string[];
      retryAfterSeconds?: number;
      cause?: unknown;
    },
  ) {
    super(detail ?? code, { cause: options?.cause });
    this.name = 'AdapterError';
    this.code = code;
    this.detail = detail;
    this.aadsts = options?.aadsts;
    this.permissions = options?.permissions;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** Turns anything thrown into a KitError without losing its code when it has one. */
export function toKitError(thrown: unknown): KitError {
  const error = codedError(thrown);
  if (error) return error;
  if (thrown instanceof Error) {
    if (thrown.name === 'AbortError') return { code: 'aborted' };
    if (thrown.name === 'TimeoutError') return { code: 'timeout' };
    if (thrown instanceof TypeError) return { code: 'network', detail: textOf(thrown.message) };
    return { code: 'adapter', detail: textOf(thrown.message) };
  }
  return { code: 'adapter', detail: textOf(thrown) };
}

/**
 * The kit error an object carries: an `AdapterError` of this copy of the kit or of another one
 * (another bundle, another version), recognised by its name and a known `code`; only its own,
 * well-typed fields are kept.
 */
function codedError(thrown: unknown): KitError | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  let fields: Record<string, unknown>;
  try {
    const value = thrown as Record<string, unknown>;
    if (!(thrown instanceof AdapterError) && value.name !== 'AdapterError') return undefined;
    fields = {
      code: Object.hasOwn(value, 'code') ? value.code : undefined,
      aadsts: value.aadsts,
      permissions: value.permissions,
      retryAfterSeconds: value.retryAfterSeconds,
      detail: value.detail,
    };
  } catch {
    return undefined;
  }
  if (!isErrorCode(fields.code)) return undefined;
  const permissions = fields.permissions;
  const wait = fields.retryAfterSeconds;
  return withoutUndefined({
    code: fields.code,
    aadsts: typeof fields.aadsts === 'string' ? fields.aadsts : undefined,
    permissions:
      Array.isArray(permissions) && permissions.every((p) => typeof p === 'string')
        ? (permissions as string[])
        : undefined,
    retryAfterSeconds:
      typeof wait === 'number' && Number.isSafeInteger(wait) && wait >= 0 ? wait : undefined,
    detail: typeof fields.detail === 'string' ? fields.detail : undefined,
  });
}

/** Text for a detail, whatever was thrown: a value that cannot become text is named, not thrown. */
function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'a value that cannot be shown as text';
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
