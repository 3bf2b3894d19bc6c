import * as z from 'zod/mini';
import { TENANT_TYPES, type TenantType } from './cloud.js';
import { GUID_PATTERN, validateTenantId, type TenantIdError } from './tenant.js';
import { utcTimestampSchema } from './timestamp.js';
import { validateHttpsUrl, type UrlError } from './url.js';

/** What the admin types in "Connect account": kept verbatim, even when invalid. */
export interface Draft {
  readonly tenantType: TenantType;
  readonly tenantId: string;
  readonly enrollmentUrl: string;
  readonly remediationUrl: string;
}

export type DraftField = 'tenantId' | 'enrollmentUrl' | 'remediationUrl';
export const DRAFT_FIELDS: readonly DraftField[] = ['tenantId', 'enrollmentUrl', 'remediationUrl'];
export type FieldError = TenantIdError | UrlError;
export type FieldErrors = Readonly<Partial<Record<DraftField, FieldError>>>;

/** A validated, normalised draft: what is sent to the adapter. */
export interface ConnectionInput {
  readonly tenantType: TenantType;
  readonly tenantId: string;
  readonly enrollmentUrl?: string;
  readonly remediationUrl?: string;
}

/**
 * Only the `ConnectionInput` fields of `input` (a save request also carries an actor, an
 * idempotency key or a version), without absent URLs: what is stored or sent.
 */
export function connectionInputOf(input: ConnectionInput): ConnectionInput {
  const value: { -readonly [K in keyof ConnectionInput]: ConnectionInput[K] } = {
    tenantType: input.tenantType,
    tenantId: input.tenantId,
  };
  if (input.enrollmentUrl !== undefined) value.enrollmentUrl = input.enrollmentUrl;
  if (input.remediationUrl !== undefined) value.remediationUrl = input.remediationUrl;
  return value;
}

export function emptyDraft(tenantType: TenantType = 'standard'): Draft {
  return { tenantType, tenantId: '', enrollmentUrl: '', remediationUrl: '' };
}

export function draftFromConnection(connection: ConnectionInput): Draft {
  return {
    tenantType: connection.tenantType,
    tenantId: connection.tenantId,
    enrollmentUrl: connection.enrollmentUrl ?? '',
    remediationUrl: connection.remediationUrl ?? '',
  };
}

/** `errors` without the error of `field` (after the admin edits that field). */
export function clearFieldError(errors: FieldErrors, field: DraftField): FieldErrors {
  if (errors[field] === undefined) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== field));
}

export function validateField(field: DraftField, value: string): FieldError | undefined {
  const result = field === 'tenantId' ? validateTenantId(value) : validateHttpsUrl(value);
  return result.ok ? undefined : result.error;
}

export type DraftValidation =
  | { readonly ok: true; readonly value: ConnectionInput }
  | { readonly ok: false; readonly errors: FieldErrors };

/** Validates every field at once, so the admin sees all problems together. */
export function validateDraft(draft: Draft): DraftValidation {
  const tenant = validateTenantId(draft.tenantId);
  const enrollment = validateHttpsUrl(draft.enrollmentUrl);
  const remediation = validateHttpsUrl(draft.remediationUrl);
  if (tenant.ok && enrollment.ok && remediation.ok) {
    const value: { -readonly [K in keyof ConnectionInput]: ConnectionInput[K] } = {
      tenantType: draft.tenantType,
      tenantId: tenant.value,
    };
    if (enrollment.value !== undefined) value.enrollmentUrl = enrollment.value;
    if (remediation.value !== undefined) value.remediationUrl = remediation.value;
    return { ok: true, value };
  }
  const errors: Partial<Record<DraftField, FieldError>> = {};
  if (!tenant.ok) errors.tenantId = tenant.error;
  if (!enrollment.ok) errors.enrollmentUrl = enrollment.error;
  if (!remediation.ok) errors.remediationUrl = remediation.error;
  return { ok: false, errors };
}

/** True when an edit changes who consented (tenant or cloud): that needs a new consent. */
export function needsNewConsent(before: ConnectionInput, after: ConnectionInput): boolean {
  return before.tenantId !== after.tenantId || before.tenantType !== after.tenantType;
}

/** Names of the fields an edit changes, for the audit trail. */
export function changedFields(before: ConnectionInput, after: ConnectionInput): string[] {
  const keys = ['tenantType', 'tenantId', 'enrollmentUrl', 'remediationUrl'] as const;
  return keys.filter((key) => (before[key] ?? '') !== (after[key] ?? ''));
}

const tenantIdSchema = z.string().check(
  z.refine((value) => {
    const result = validateTenantId(value);
    return result.ok && result.value === value;
  }, 'tenantId must be a normalised GUID or domain'),
);
/** A tenant's GUID as Microsoft reports it (a token's `tid`): lower-case, with hyphens. */
export const tenantGuidSchema = z.string().check(z.regex(GUID_PATTERN));

const httpsUrlSchema = z.string().check(
  z.refine((value) => {
    const result = validateHttpsUrl(value);
    return result.ok && result.value === value;
  }, 'must be a normalised https URL'),
);

/** A connected tenant, as the adapter reports it. Checked at the adapter boundary. */
export const connectionSchema = z.object({
  tenantType: z.enum(TENANT_TYPES),
  tenantId: tenantIdSchema,
  enrollmentUrl: z.optional(httpsUrlSchema),
  remediationUrl: z.optional(httpsUrlSchema),
  connectedAt: utcTimestampSchema,
  updatedAt: utcTimestampSchema,
  /** Increases on every change; lets a backend refuse a save that races another. */
  version: z
    .number()
    .check(
      z.refine((n) => Number.isSafeInteger(n) && n >= 1, 'version must be a whole number from 1'),
    ),
  /** Who connected the tenant. */
  connectedBy: z.optional(z.string()),
  /**
   * The tenant's GUID as Microsoft reported it (the token's `tid`) when the backend verified
   * consent; shown beside `tenantId` when that is a domain name.
   */
  tenantGuid: z.optional(tenantGuidSchema),
  /**
   * Set by a backend when a check found the connection broken (consent withdrawn, permissions
   * removed): the kit error code and since when. Cleared by the next successful check.
   */
  attention: z.optional(
    z.object({
      error: z.string().check(z.minLength(1), z.maxLength(64)),
      since: utcTimestampSchema,
    }),
  ),
});

export type Connection = z.infer<typeof connectionSchema>;
