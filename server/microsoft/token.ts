import { isGuid } from '../../src/core/tenant.js';

/** What the server reads from an app-only access token: the tenant and the granted roles. */
export interface TokenClaims {
  /** The tenant's GUID (`tid`), lower-cased. */
  readonly tenantGuid: string;
  /** Granted application permissions (`roles`); empty when the claim is absent. */
  readonly roles: readonly string[];
}

/** Why a token could not be read; the message names what was wrong, never the token. */
export class UnreadableTokenError extends Error {
  constructor(reason: string) {
    super(`Microsoft's access token could not be read: ${reason}.`);
    this.name = 'UnreadableTokenError';
  }
}

/**
 * Reads `tid` and `roles` from a JWT access token. The signature is not checked: the token comes
 * straight from Microsoft's token endpoint over TLS and is only read, never trusted by anyone
 * else. An encrypted token (five parts) or anything that is not a JWT is refused.
 */
export function readTokenClaims(token: unknown): TokenClaims {
  if (typeof token !== 'string' || token === '') throw new UnreadableTokenError('it is empty');
  const parts = token.split('.');
  if (parts.length === 5) throw new UnreadableTokenError('it is encrypted');
  if (parts.length !== 3) throw new UnreadableTokenError('it is not a JWT');
  const payload = parts[1] ?? '';
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) throw new UnreadableTokenError('it is not a JWT');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new UnreadableTokenError('its claims are not JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new UnreadableTokenError('its claims are not an object');
  }
  const { tid, roles } = claims as { tid?: unknown; roles?: unknown };
  const tenantGuid = typeof tid === 'string' ? tid.toLowerCase() : '';
  if (!isGuid(tenantGuid)) throw new UnreadableTokenError('it has no tenant GUID (tid)');
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
    throw new UnreadableTokenError('its roles are not a list of names');
  }
  return { tenantGuid, roles: (roles as string[] | undefined) ?? [] };
}
