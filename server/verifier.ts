import type { ConsentVerification } from '../src/adapter/adapter.js';
import type { TenantType } from '../src/core/cloud.js';
import type { PartnerStatus } from '../src/core/health.js';

/** One consent check: which console asks, for which tenant in which cloud. */
export interface ConsentCheck {
  readonly consoleId: string;
  readonly actor: string;
  readonly tenantType: TenantType;
  readonly tenantId: string;
  readonly via: 'manual' | 'callback' | 'check';
}

/**
 * The outcome of a check, as `POST /consent/verify` answers it: verified (with the tenant's GUID
 * when the verifier read it), or refused with a kit error code, Microsoft's AADSTS code, the
 * permissions missing, and how long Microsoft asked to wait.
 */
export type ConsentOutcome = ConsentVerification;

/** What Intune reports of the partner record, or why it could not be read. */
export type PartnerReport =
  | { readonly partner: PartnerStatus }
  | {
      readonly partner: null;
      /** `forbidden`, `not-found`, or a kit error code (`consent-missing`, `throttled`...). */
      readonly problem: string;
    };

/**
 * Decides whether admin consent is in place for a tenant. The reference server asks it on
 * `POST /consent/verify`, records the outcome in the audit trail, and allows a connection only
 * after a verified outcome. `partner` (optional) reads Intune's partner record for `GET /health`.
 */
export interface ConsentVerifier {
  /** Named in logs, so an operator sees which verifier runs. */
  readonly name: string;
  verify(check: ConsentCheck, options: { readonly signal: AbortSignal }): Promise<ConsentOutcome>;
  partner?(
    target: { readonly tenantType: TenantType; readonly tenantId: string },
    options: { readonly signal: AbortSignal },
  ): Promise<PartnerReport>;
}

/**
 * Records the admin's attestation ("I have given my consent", or Microsoft's redirect) as
 * verified, without asking Microsoft - exactly what the browser-storage adapter does. The server
 * uses it when no Microsoft app is configured (`npm start`, tests of other parts); it reads no
 * partner record, so `GET /health` says it is not configured.
 */
export const attestationVerifier: ConsentVerifier = {
  name: 'attestation (the admin’s word; Microsoft is not asked)',
  async verify(_check, { signal }) {
    signal.throwIfAborted();
    return { verified: true };
  },
};
