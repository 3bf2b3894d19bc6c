/**
 * The demo's local stand-in for Microsoft's admin-consent page: how the console builds a link to
 * it, and how the stand-in reads that link back. Everything read from a query string is checked
 * here; only relative, same-origin URLs to the demo's own pages are ever built.
 */
import { isTenantType, type TenantType } from '../src/core/cloud.js';
import { isGuid, validateTenantId } from '../src/core/tenant.js';

export const STAND_IN_PAGE = 'consent-stand-in.html';
export const CALLBACK_PAGE = 'consent-callback.html';

/** The shape of the kit's consent `state` values (URL-safe, 16 to 128 characters). */
const STATE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface StandInRequest {
  /** The tenant as the admin entered it, normalised: a GUID or a domain. */
  readonly tenantId: string;
  readonly tenantType: TenantType;
  /** The consent attempt's single-use `state`. */
  readonly state: string;
  /** The application (client) ID, when the console has a valid one. */
  readonly clientId?: string;
}

export type StandInRead =
  | { readonly ok: true; readonly request: StandInRequest }
  | { readonly ok: false; readonly problem: 'tenant' | 'tenant-type' | 'state' };

function checkRequest(
  tenantId: unknown,
  tenantType: unknown,
  state: unknown,
  clientId: unknown,
): StandInRead {
  const tenant = validateTenantId(tenantId);
  if (!tenant.ok) return { ok: false, problem: 'tenant' };
  if (!isTenantType(tenantType)) return { ok: false, problem: 'tenant-type' };
  if (typeof state !== 'string' || !STATE_PATTERN.test(state))
    return { ok: false, problem: 'state' };
  const client = typeof clientId === 'string' ? clientId.trim().toLowerCase() : '';
  const request: StandInRequest = { tenantId: tenant.value, tenantType, state };
  return { ok: true, request: isGuid(client) ? { ...request, clientId: client } : request };
}

/** A relative link to the stand-in for one consent attempt, or undefined if a part is invalid. */
export function standInHref(
  tenantId: string,
  tenantType: TenantType,
  state: string,
  clientId: string,
): string | undefined {
  const checked = checkRequest(tenantId, tenantType, state, clientId);
  if (!checked.ok) return undefined;
  const { request } = checked;
  const params = new URLSearchParams({
    tenant: request.tenantId,
    tenant_type: request.tenantType,
    state: request.state,
  });
  if (request.clientId !== undefined) params.set('client_id', request.clientId);
  return `${STAND_IN_PAGE}?${params.toString()}`;
}

/** Reads and checks the stand-in's query string. */
export function readStandInRequest(query: string): StandInRead {
  const params = new URLSearchParams(query);
  return checkRequest(
    params.get('tenant'),
    params.get('tenant_type'),
    params.get('state'),
    params.get('client_id'),
  );
}

/**
 * The tenant GUID the stand-in reports. Microsoft returns the tenant's GUID even when the admin
 * entered a domain; the stand-in makes one up from the domain (SHA-256, shaped as a version 4
 * GUID) so that the same domain always gets the same GUID.
 */
export async function tenantGuidFor(tenantId: string): Promise<string> {
  if (isGuid(tenantId)) return tenantId;
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tenantId)),
  );
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The callback URL (relative) that Microsoft would redirect to after Accept. */
export function acceptedCallbackHref(tenantGuid: string, state: string): string {
  const params = new URLSearchParams({ admin_consent: 'True', tenant: tenantGuid, state });
  return `${CALLBACK_PAGE}?${params.toString()}`;
}

/** The callback URL (relative) that Microsoft would redirect to after Cancel. */
export function declinedCallbackHref(state: string): string {
  const params = new URLSearchParams({
    error: 'access_denied',
    error_description:
      'AADSTS65004: User declined to consent to access the app. (Local stand-in, not Microsoft.)',
    state,
  });
  return `${CALLBACK_PAGE}?${params.toString()}`;
}
