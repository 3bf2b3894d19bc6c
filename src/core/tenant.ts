/**
 * Tenant identifiers: a GUID or a verified domain name. Anything else, and the identifiers
 * that do not name one organisation, are refused before any consent link is built.
 */
export type TenantIdError =
  | 'tenant-required'
  | 'tenant-multi'
  | 'tenant-nil'
  | 'tenant-personal'
  | 'tenant-too-long'
  | 'tenant-invalid';

export type Validation<T, E extends string> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** A GUID in the normalised form: lower-case hex with hyphens. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A top-level domain: letters only (or an IDNA `xn--` label), at least two characters. */
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Identifiers that stand for many tenants (or none) and so cannot be connected. */
export const MULTI_TENANT_ALIASES: readonly string[] = ['common', 'organizations', 'consumers'];
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';
/** The tenant of personal Microsoft accounts: never an organisation. */
export const PERSONAL_ACCOUNTS_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
export const MAX_DOMAIN_LENGTH = 253;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

function isDomainName(value: string): boolean {
  const labels = value.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  return labels.every((label) => LABEL.test(label)) && TLD.test(tld);
}

/**
 * Lower-cases the ASCII letters A-Z and nothing else. Unicode case mapping (`toLowerCase`) turns
 * some non-ASCII letters into ASCII ones (U+212A KELVIN SIGN into `k`, U+0130 into `i` plus a
 * combining dot), so it would make a lookalike pass as the identifier it imitates; identifiers
 * are checked as typed and folded with this instead.
 */
export function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * Validates a tenant identifier and returns it normalised: trimmed and lower-cased
 * (GUIDs and domain names are both case-insensitive). Only ASCII letters are case-folded, so a
 * non-ASCII character (`K` KELVIN SIGN, `İ`, `ſ`, fullwidth forms) stays what it is and is
 * refused, never read as the ASCII letter it resembles.
 */
export function validateTenantId(input: unknown): Validation<string, TenantIdError> {
  if (typeof input !== 'string' || input.trim() === '')
    return { ok: false, error: 'tenant-required' };
  const value = asciiLowerCase(input.trim());
  if (MULTI_TENANT_ALIASES.includes(value)) return { ok: false, error: 'tenant-multi' };
  if (value === NIL_GUID) return { ok: false, error: 'tenant-nil' };
  if (value === PERSONAL_ACCOUNTS_TENANT) return { ok: false, error: 'tenant-personal' };
  if (isGuid(value)) return { ok: true, value };
  if (value.length > MAX_DOMAIN_LENGTH) return { ok: false, error: 'tenant-too-long' };
  if (isDomainName(value)) return { ok: true, value };
  return { ok: false, error: 'tenant-invalid' };
}
