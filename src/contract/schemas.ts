import * as z from 'zod/mini';
import { AUDIT_ACTIONS, MAX_AUDIT_COUNT, auditEventSchema } from '../core/audit.js';
import { TENANT_TYPES } from '../core/cloud.js';
import { verificationSchema } from '../adapter/adapter.js';
import { connectionSchema } from '../core/connection.js';
import { connectionHealthSchema } from '../core/health.js';
import { CALLBACK_ERROR_CODES } from '../core/errors.js';
import { validateTenantId } from '../core/tenant.js';
import { isUtcTimestamp } from '../core/timestamp.js';
import { validateHttpsUrl } from '../core/url.js';

/**
 * The HTTP contract between the kit's `HttpAdapter` and a backend, written once: the reference
 * server validates requests with these schemas and generates `openapi.json` from them, the
 * adapter validates answers with them, and the conformance suite checks a backend against them.
 * Paths are relative to the backend's base URL (for example `/api`).
 */
export const PATHS = {
  connection: '/connection',
  verifyConsent: '/consent/verify',
  audit: '/audit',
  auditExport: '/audit/export',
  health: '/healthz',
  connectionHealth: '/health',
} as const;

/** Largest request body a backend must accept; larger ones get `413 payload-too-large`. */
export const MAX_BODY_BYTES = 16 * 1024;
/** `GET /audit` page size: default and largest `limit`. */
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
/** Header that makes `POST /connection` safe to repeat. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** True for a usable `Idempotency-Key`: 8 to 255 visible ASCII characters. */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}

/** The strong ETag of a connection version, as sent in `ETag` and expected in `If-Match`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version named by an `If-Match` header (`"3"`), or `undefined` when it names none. */
export function versionFromIfMatch(header: string | null | undefined): number | undefined {
  const match = /^\s*"(\d{1,15})"\s*$/.exec(header ?? '');
  const version = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(version) && version >= 1 ? version : undefined;
}

/** Registers a description for the OpenAPI document; returns the same schema. */
function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

/**
 * A tenant ID as typed: checked with the kit's own `validateTenantId`, so Node and browsers give
 * one verdict. The issue message is the validator's error code (`tenant-multi`, ...).
 */
const tenantIdInput = described(
  z.string().check(
    z.refine((value) => validateTenantId(value).ok, {
      error: (issue) => {
        const result = validateTenantId(issue.input);
        return result.ok ? 'tenant-invalid' : result.error;
      },
    }),
  ),
  'A tenant GUID or verified domain name, checked like the console checks it; stored trimmed and lower-cased. `common`, `organizations`, `consumers`, the nil GUID and the personal-accounts tenant are refused.',
);

const httpsUrlInput = described(
  z.string().check(
    z.refine((value) => validateHttpsUrl(value).ok, {
      error: (issue) => {
        const result = validateHttpsUrl(issue.input);
        return result.ok ? 'url-invalid' : result.error;
      },
    }),
  ),
  'An absolute https: URL without credentials, at most 2048 characters, on a public DNS name (at least two labels, a letters-only top-level domain; no IP address, `localhost`, port 0, empty or hyphen-edged label, or bidirectional control character), checked like the console checks it and stored in its normalised form; blank means not set.',
);

const tenantType = described(
  z.enum(TENANT_TYPES),
  '`standard`: Microsoft commercial cloud (.com). `gcc-high`: US government cloud (.us).',
);

/** Body of `POST /connection` and `PUT /connection`. Unknown fields are refused. */
export const connectionInputSchema = z.strictObject({
  tenantType,
  tenantId: tenantIdInput,
  enrollmentUrl: z.optional(httpsUrlInput),
  remediationUrl: z.optional(httpsUrlInput),
});
export type ConnectionInputBody = z.infer<typeof connectionInputSchema>;

/** Body of `POST /consent/verify`. */
export const verifyConsentBodySchema = z.strictObject({
  tenantType,
  tenantId: tenantIdInput,
  via: described(
    z.enum(['manual', 'callback', 'check']),
    'Why consent is checked: the admin ticked the box (`manual`), Microsoft redirected back (`callback`), or "Check now" on the connected tenant (`check`).',
  ),
});
export type VerifyConsentBody = z.infer<typeof verifyConsentBodySchema>;

/** Answer of `POST /consent/verify` (`200` whether or not consent was found): `verified`, and
 * when not, `error` (a kit error code such as `not-verified`) and `aadsts` when Microsoft gave one. */
export { verificationSchema } from '../adapter/adapter.js';

/** Answer of `GET /connection`: the connected tenant or `null`. */
export const connectionOrNullSchema = z.nullable(connectionSchema);

/** Actions the browser may report through `POST /audit`: observations only the browser makes. */
export const CLIENT_AUDIT_ACTIONS = ['consent-rejected'] as const;

/** Why a consent answer was refused in the browser: the codes `POST /audit` accepts. */
export const CLIENT_AUDIT_ERRORS = CALLBACK_ERROR_CODES;

const AUDIT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const AADSTS = /^AADSTS\d{5,6}$/;

/**
 * Body of `POST /audit`: a client-side observation. The actor and the time are the server's
 * (from the session and its clock), never the body's. `id` makes the call idempotent.
 */
export const clientAuditEventSchema = z.strictObject({
  id: described(
    z.string().check(z.regex(AUDIT_ID)),
    'The event id chosen by the browser (1 to 128 of A-Z a-z 0-9 _ . : -); a second event with the same id is a duplicate.',
  ),
  action: z.enum(CLIENT_AUDIT_ACTIONS),
  outcome: z.enum(['failure']),
  tenantType,
  tenantId: z.optional(
    described(
      z.string().check(
        z.refine((value) => {
          const result = validateTenantId(value);
          return result.ok && result.value === value;
        }, 'tenant-invalid'),
      ),
      'The tenant concerned, when the browser knows a valid one: a normalised tenant GUID or domain.',
    ),
  ),
  error: z.enum(CLIENT_AUDIT_ERRORS),
  aadsts: z.optional(z.string().check(z.regex(AADSTS))),
  count: z.optional(
    described(
      z
        .number()
        .check(
          z.refine(
            (n) => Number.isSafeInteger(n) && n >= 2 && n <= MAX_AUDIT_COUNT,
            `count must be a whole number from 2 to ${MAX_AUDIT_COUNT}`,
          ),
        ),
      'How many identical refusals the browser collapsed into this event (a burst of made-up callbacks); absent means one. Recorded as one event with its count; past the rate limit, the count is added to the summary.',
    ),
  ),
});
export type ClientAuditEvent = z.infer<typeof clientAuditEventSchema>;

/** Answer of `POST /audit`: `201 recorded`, `200 duplicate` (same id) or `202 summarized`. */
export const clientAuditResultSchema = z.object({
  status: z.enum(['recorded', 'duplicate', 'summarized']),
});

const positiveInteger = z
  .number()
  .check(z.refine((n) => Number.isSafeInteger(n) && n >= 1, 'must be a whole number from 1'));

/** One entry of the server's audit trail: an `AuditEvent` and where it sits in the chain. */
export const auditRecordSchema = z.extend(auditEventSchema, {
  /** Position in the console's trail: 1, 2, 3... with no gap. */
  seq: positiveInteger,
  /** `server`: written by the server with the change. `client`: reported by the browser. */
  source: z.enum(['server', 'client']),
  /** SHA-256 (hex) over the previous record's hash and this record's content. */
  hash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  /** A summary of client reports beyond the rate limit: how many it stands for. */
  count: z.optional(positiveInteger),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** Answer of `GET /audit`: newest first; `nextCursor` fetches the next (older) page. */
export const auditPageSchema = z.object({
  events: z.array(auditRecordSchema),
  nextCursor: z.nullable(z.string()),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

const timestampQuery = (description: string) =>
  described(
    z.string().check(z.refine(isUtcTimestamp, 'must be an ISO 8601 UTC timestamp')),
    description,
  );
const auditFilters = {
  action: z.optional(z.enum(AUDIT_ACTIONS)),
  outcome: z.optional(z.enum(['success', 'failure'])),
  from: z.optional(
    timestampQuery(
      'Only events at or after this instant (ISO 8601 UTC, e.g. 2026-01-31T12:00:00Z).',
    ),
  ),
  to: z.optional(timestampQuery('Only events before this instant (ISO 8601 UTC).')),
};

/** Query of `GET /audit`. Unknown parameters are refused. */
export const auditQuerySchema = z.strictObject({
  limit: z.optional(
    described(
      z.string().check(
        z.refine((value) => {
          const n = /^\d{1,3}$/.test(value) ? Number(value) : 0;
          return n >= 1 && n <= AUDIT_PAGE_MAX;
        }, `must be a whole number from 1 to ${AUDIT_PAGE_MAX}`),
      ),
      `Events per page, 1 to ${AUDIT_PAGE_MAX} (default ${AUDIT_PAGE_DEFAULT}).`,
    ),
  ),
  cursor: z.optional(
    described(
      z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/)),
      'The `nextCursor` of the previous page, as it was given.',
    ),
  ),
  ...auditFilters,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Query of `GET /audit/export`. */
export const auditExportQuerySchema = z.strictObject({
  format: described(
    z.enum(['csv', 'jsonl']),
    '`csv` (cells that a spreadsheet would run as a formula are prefixed with an apostrophe) or `jsonl` (one record per line).',
  ),
  ...auditFilters,
});
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** Answer of `GET /healthz`. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
});

/** Answer of `GET /health`: Intune's partner record for the connected tenant, and the last check. */
export { connectionHealthSchema } from '../core/health.js';

/** Names of the schemas that `openapi.json` lists under `components`. */
const COMPONENTS: readonly (readonly [z.ZodMiniType, string])[] = [
  [connectionSchema, 'Connection'],
  [connectionInputSchema, 'ConnectionInput'],
  [verifyConsentBodySchema, 'VerifyConsentRequest'],
  [verificationSchema, 'ConsentVerification'],
  [clientAuditEventSchema, 'ClientAuditEvent'],
  [clientAuditResultSchema, 'ClientAuditResult'],
  [auditRecordSchema, 'AuditRecord'],
  [auditPageSchema, 'AuditPage'],
  [healthSchema, 'Health'],
  [connectionHealthSchema, 'ConnectionHealth'],
];
for (const [schema, id] of COMPONENTS) z.globalRegistry.add(schema, { id });
