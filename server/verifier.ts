import type { TenantType } from '../src/core/cloud.js';

/** One consent check: which console asks, for which tenant in which cloud. */
export interface ConsentCheck {
  readonly consoleId: string;
  readonly actor: string;
  readonly tenantType: TenantType;
  readonly tenantId: string;
  readonly via: 'manual' | 'callback';
}

export type ConsentOutcome =
  | { readonly verified: true }
  | {
      readonly verified: false;
      /** A kit error code (`not-verified`, `consent-missing`, `wrong-cloud`...). */
      readonly error: string;
      readonly aadsts?: string;
    };

/**
 * Decides whether admin consent is in place for a tenant. The reference server asks it on
 * `POST /consent/verify`, records the outcome in the audit trail, and allows a connection only
 * after a verified outcome.
 */
export interface ConsentVerifier {
  /** Named in logs, so an operator sees which verifier runs. */
  readonly name: string;
  verify(check: ConsentCheck, options: { readonly signal: AbortSignal }): Promise<ConsentOutcome>;
}

/**
 * Records the admin's attestation ("I have given my consent", or Microsoft's redirect) as
 * verified, without asking Microsoft - exactly what the browser-storage adapter does. It is the
 * stand-in until a verifier that requests a token from Microsoft for the tenant is configured.
 */
export const attestationVerifier: ConsentVerifier = {
  name: 'attestation (the admin’s word; Microsoft is not asked)',
  async verify(_check, { signal }) {
    signal.throwIfAborted();
    return { verified: true };
  },
};
