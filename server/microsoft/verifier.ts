import { X509Certificate } from 'node:crypto';
import {
  AuthError,
  ConfidentialClientApplication,
  ServerError,
  type INetworkModule,
  type NodeAuthOptions,
} from '@azure/msal-node';
import * as z from 'zod/mini';
import { TENANT_TYPES, cloudOf, type TenantType } from '../../src/core/cloud.js';
import { AADSTS_REASONS, isAadstsCode, type ErrorCode } from '../../src/core/errors.js';
import { PARTNER_STATES, type PartnerStatus } from '../../src/core/health.js';
import { isGuid } from '../../src/core/tenant.js';
import type { ConsentCheck, ConsentOutcome, ConsentVerifier, PartnerReport } from '../verifier.js';
import {
  type ForeignHostError,
  fetchNetwork,
  guardNetwork,
  type GuardedNetwork,
} from './network.js';
import { UnreadableTokenError, readTokenClaims } from './token.js';

/** How the server's app proves itself to Microsoft in one cloud. */
export type AppCredential =
  | {
      /** Recommended: a certificate registered on the app, and its private key (PEM). */
      readonly certificatePem: string;
      readonly privateKeyPem: string;
    }
  | { readonly secret: string };

/** The app registered in one cloud (an app is registered separately in each). */
export interface CloudApp {
  readonly clientId: string;
  readonly credential: AppCredential;
}

export interface MicrosoftOptions {
  /** The app of each cloud the server serves; a cloud without one is refused as `not-verified`. */
  readonly apps: Readonly<Partial<Record<TenantType, CloudApp>>>;
  /**
   * Application permissions the deployment needs (`roles` of the token), for example
   * `DeviceManagementServiceConfig.Read.All`. A token without one of them is not consent.
   */
  readonly requiredRoles: readonly string[];
  /** The partner's name in Intune, to pick its record for `GET /health`. */
  readonly partnerName?: string;
  /** Deadline of one request to Microsoft (token or Graph). Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * A fresh consent takes up to about 30 s to reach every Microsoft server: a check made on
   * Microsoft's callback that finds no consent asks again after each of these waits (as long as
   * the request's own deadline allows). Default 2 s, then 4 s (the kit waits 15 s for an answer).
   */
  readonly propagationDelaysMs?: readonly number[];
}

/** The Graph scope of a cloud: app-only tokens ask for every granted permission. */
export function graphScopeOf(tenantType: TenantType): string {
  return `https://${cloudOf(tenantType).graphHost}/.default`;
}

const CREDENTIAL_CODES = new Set([
  'AADSTS7000215',
  'AADSTS7000222',
  'AADSTS700027',
  'AADSTS700024',
  'AADSTS700023',
]);

/** Why a request to Microsoft ended before an answer: our deadline, or the caller's signal. */
class DeadlineError extends Error {
  constructor(ms: number) {
    super(`Microsoft did not answer within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/** Runs `work`, settling at the deadline or on `signal` even if `work` never does. */
async function withDeadline<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
    onAbort = () => reject(new DeadlineError(ms));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
    // A request left running after the deadline must not become an unhandled rejection.
    work.catch(() => undefined);
  }
}

/** The AADSTS code of an msal error: `errorNo`, an AADSTS number in the code, or the message. */
function aadstsOf(error: AuthError): string | undefined {
  const number =
    (error instanceof ServerError ? error.errorNo : undefined) ??
    /^\d{5,7}$/.exec(error.errorCode.trim().split(/\s+/)[0] ?? '')?.[0] ??
    /AADSTS(\d{5,7})/.exec(error.errorMessage)?.[1];
  return number ? `AADSTS${number}` : undefined;
}

type Refusal = Extract<ConsentOutcome, { verified: false }>;

function refusal(error: ErrorCode, extra: Omit<Refusal, 'verified' | 'error'> = {}): Refusal {
  return { verified: false, error, ...extra };
}

/**
 * Turns what msal-node (or the deadline) threw into an outcome that says who must act:
 * the tenant's administrator (consent, permissions, tenant, cloud), the console's operator (the
 * app's credentials), or nobody but time (throttled, unreachable).
 */
export function outcomeOfError(thrown: unknown, retryAfterSeconds?: number): Refusal {
  const wait = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  if (thrown instanceof DeadlineError) return refusal('microsoft-unavailable');
  if (thrown instanceof UnreadableTokenError) return refusal('microsoft-malformed');
  if (thrown instanceof AuthError) {
    const aadsts = aadstsOf(thrown);
    const withCode = aadsts ? { aadsts } : {};
    if (aadsts && CREDENTIAL_CODES.has(aadsts)) return refusal('vendor-credentials', withCode);
    if (aadsts === 'AADSTS50196') return refusal('throttled', { ...withCode, ...wait });
    if (aadsts && isAadstsCode(aadsts)) return refusal(AADSTS_REASONS[aadsts], withCode);
    if (thrown instanceof ServerError) {
      const status = thrown.status;
      // msal-node holding back a request it was told to retry later: no status, no number.
      const heldBack = status === undefined && thrown.errorNo === undefined;
      if (heldBack || thrown.errorCode === 'temporarily_unavailable' || status === 429) {
        return refusal('throttled', { ...withCode, ...wait });
      }
      if (status !== undefined && status >= 500) {
        return refusal('microsoft-unavailable', { ...withCode, ...wait });
      }
      if (thrown.errorCode === 'invalid_client') return refusal('vendor-credentials', withCode);
      return refusal('consent-error', withCode);
    }
    if (thrown.errorCode === 'network_error' || thrown.errorCode === 'endpoints_resolution_error') {
      return refusal('microsoft-unavailable');
    }
    return refusal('microsoft-malformed', withCode);
  }
  if (thrown instanceof TypeError || (thrown instanceof Error && thrown.name === 'TimeoutError')) {
    return refusal('microsoft-unavailable');
  }
  if (thrown instanceof SyntaxError) return refusal('microsoft-malformed');
  throw thrown;
}

function authOf(tenantType: TenantType, app: CloudApp): NodeAuthOptions {
  const base = {
    clientId: app.clientId,
    authority: `https://${cloudOf(tenantType).loginHost}/organizations`,
  };
  if ('secret' in app.credential) return { ...base, clientSecret: app.credential.secret };
  const certificate = new X509Certificate(app.credential.certificatePem);
  return {
    ...base,
    clientCertificate: {
      thumbprintSha256: certificate.fingerprint256.replaceAll(':', ''),
      privateKey: app.credential.privateKeyPem,
    },
  };
}

const graphPartnerSchema = z.object({
  displayName: z.optional(z.nullable(z.string())),
  partnerState: z.enum(PARTNER_STATES),
  lastHeartbeatDateTime: z.optional(z.nullable(z.string())),
  iosOnboarded: z.boolean(),
  androidOnboarded: z.boolean(),
  macOsOnboarded: z.boolean(),
});
const graphPartnersSchema = z.object({ value: z.array(graphPartnerSchema) });
type GraphPartner = z.infer<typeof graphPartnerSchema>;

/** Graph's `0001-01-01T00:00:00Z` (never) and unreadable dates become `null`. */
function heartbeatOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at) || at <= Date.parse('1970-01-02T00:00:00Z')) return null;
  return new Date(at).toISOString();
}

function partnerStatusOf(record: GraphPartner): PartnerStatus {
  return {
    state: record.partnerState,
    lastHeartbeatAt: heartbeatOf(record.lastHeartbeatDateTime),
    platforms: {
      ios: record.iosOnboarded,
      android: record.androidOnboarded,
      macos: record.macOsOnboarded,
    },
    ...(record.displayName ? { displayName: record.displayName.slice(0, 256) } : {}),
  };
}

/**
 * The consent verifier that asks Microsoft: a client-credentials token for the tenant, requested
 * with msal-node from the tenant's own cloud with the cache skipped, whose `tid` and `roles` say
 * whether admin consent is in place and complete. `network` replaces the transport (tests give a
 * fake Microsoft here); whatever it is, only Microsoft's hosts are ever called.
 */
export function createMicrosoftVerifier(
  options: MicrosoftOptions,
  network?: INetworkModule,
  onRefused?: (error: ForeignHostError) => void,
): ConsentVerifier {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs >= 100 && timeoutMs <= 120_000)) {
    throw new RangeError('microsoft.timeoutMs must be from 100 to 120000');
  }
  const required = [...new Set(options.requiredRoles.map((role) => role.trim()).filter(Boolean))];
  if (required.length === 0) {
    throw new RangeError(
      'microsoft.requiredRoles must name at least one application permission (for example DeviceManagementServiceConfig.Read.All).',
    );
  }
  const guarded: GuardedNetwork = guardNetwork(network ?? fetchNetwork(timeoutMs), onRefused);
  const clients = new Map<TenantType, ConfidentialClientApplication>();
  for (const tenantType of TENANT_TYPES) {
    const app = options.apps[tenantType];
    if (!app) continue;
    clients.set(
      tenantType,
      new ConfidentialClientApplication({
        auth: authOf(tenantType, app),
        system: { networkClient: guarded },
      }),
    );
  }
  if (clients.size === 0) throw new RangeError('microsoft.apps must configure at least one cloud');

  const tokenUrl = (tenantType: TenantType, tenant: string) =>
    `https://${cloudOf(tenantType).loginHost}/${tenant}/oauth2/v2.0/token`;

  /** A fresh token for the tenant (never from the cache), or the refusal that explains why not. */
  async function token(
    tenantType: TenantType,
    tenantId: string,
    signal: AbortSignal,
  ): Promise<{ accessToken: string } | Refusal> {
    const client = clients.get(tenantType);
    if (!client) {
      return refusal('not-verified');
    }
    try {
      const result = await withDeadline(
        client.acquireTokenByClientCredential({
          scopes: [graphScopeOf(tenantType)],
          authority: `https://${cloudOf(tenantType).loginHost}/${tenantId}`,
          skipCache: true,
        }),
        timeoutMs,
        signal,
      );
      if (!result?.accessToken) throw new UnreadableTokenError('Microsoft returned no token');
      return { accessToken: result.accessToken };
    } catch (thrown) {
      return outcomeOfError(thrown, guarded.retryAfterSeconds(tokenUrl(tenantType, tenantId)));
    }
  }

  /** Waits `ms`, or less when `signal` aborts first; true when the whole wait passed. */
  const pause = (ms: number, signal: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const done = (passed: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        resolve(passed);
      };
      const stop = () => done(false);
      const timer = setTimeout(() => done(true), ms);
      signal.addEventListener('abort', stop, { once: true });
    });
  const propagation = options.propagationDelaysMs ?? [2_000, 4_000];

  async function verifyOnce(check: ConsentCheck, signal: AbortSignal): Promise<ConsentOutcome> {
    const got = await token(check.tenantType, check.tenantId, signal);
    if ('verified' in got) return got;
    let claims;
    try {
      claims = readTokenClaims(got.accessToken);
    } catch (thrown) {
      return outcomeOfError(thrown);
    }
    if (isGuid(check.tenantId) && claims.tenantGuid !== check.tenantId) {
      return refusal('tenant-mismatch');
    }
    const missing = required.filter((role) => !claims.roles.includes(role));
    if (missing.length > 0) return refusal('permissions-missing', { permissions: missing });
    return { verified: true, tenantGuid: claims.tenantGuid };
  }

  return {
    name: `Microsoft (msal-node; ${[...clients.keys()].join(', ')})`,

    async verify(check: ConsentCheck, { signal }) {
      // Microsoft's callback says the admin has just consented: no consent yet is most likely a
      // consent still on its way to every server, so ask again a little later.
      const waits = check.via === 'callback' ? propagation : [];
      let outcome = await verifyOnce(check, signal);
      for (const ms of waits) {
        if (outcome.verified || outcome.error !== 'consent-missing') break;
        if (!(await pause(ms, signal))) break;
        outcome = await verifyOnce(check, signal);
      }
      return outcome;
    },

    async partner(target, { signal }): Promise<PartnerReport> {
      const got = await token(target.tenantType, target.tenantId, signal);
      if ('verified' in got) return { partner: null, problem: got.error };
      const url = `https://${cloudOf(target.tenantType).graphHost}/v1.0/deviceManagement/complianceManagementPartners`;
      let answer;
      try {
        answer = await withDeadline(
          guarded.sendGetRequestAsync<unknown>(
            url,
            { headers: { Authorization: `Bearer ${got.accessToken}`, Accept: 'application/json' } },
            timeoutMs,
          ),
          timeoutMs,
          signal,
        );
      } catch (thrown) {
        return { partner: null, problem: outcomeOfError(thrown).error };
      }
      if (answer.status === 403) return { partner: null, problem: 'forbidden' };
      if (answer.status === 429) return { partner: null, problem: 'throttled' };
      if (answer.status >= 500) return { partner: null, problem: 'microsoft-unavailable' };
      if (answer.status !== 200) return { partner: null, problem: 'microsoft-malformed' };
      const parsed = graphPartnersSchema.safeParse(answer.body);
      if (!parsed.success) return { partner: null, problem: 'microsoft-malformed' };
      const records = parsed.data.value;
      const name = options.partnerName?.trim().toLowerCase();
      const record = name
        ? records.find((r) => r.displayName?.trim().toLowerCase() === name)
        : records.length === 1
          ? records[0]
          : undefined;
      return record
        ? { partner: partnerStatusOf(record) }
        : { partner: null, problem: 'not-found' };
    },
  };
}
