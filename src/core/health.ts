import * as z from 'zod/mini';
import { utcTimestampSchema } from './timestamp.js';

/**
 * The states Intune reports for a compliance partner (Microsoft Graph
 * `complianceManagementPartner.partnerState`).
 */
export const PARTNER_STATES = [
  'unknown',
  'unavailable',
  'enabled',
  'terminated',
  'rejected',
  'unresponsive',
] as const;
export type PartnerState = (typeof PARTNER_STATES)[number];

/**
 * Why a backend could not report the partner record: `not-configured` (it has no Microsoft
 * credentials, so it asks nobody), `forbidden` (Graph answered 403: the permission
 * `DeviceManagementServiceConfig.Read.All` is not granted), `not-found` (Intune lists no partner
 * of this name), or a kit error code of the token request (`consent-missing`, `throttled`,
 * `microsoft-unavailable`, `microsoft-malformed`...).
 */
export const partnerProblemSchema = z.string().check(z.minLength(1), z.maxLength(64));

const platformsSchema = z.object({
  ios: z.boolean(),
  android: z.boolean(),
  macos: z.boolean(),
});

/** What Intune reports of the partner connection. */
export const partnerStatusSchema = z.object({
  state: z.enum(PARTNER_STATES),
  /** The partner's last heartbeat, or `null` when Intune has none. */
  lastHeartbeatAt: z.nullable(utcTimestampSchema),
  /** Whether each platform is onboarded for partner compliance. */
  platforms: platformsSchema,
  /** The partner's name in Intune. */
  displayName: z.optional(z.string().check(z.maxLength(256))),
});
export type PartnerStatus = z.infer<typeof partnerStatusSchema>;

/** The last consent check of the connected tenant (Confirm, Microsoft's callback or Check now). */
export const lastVerificationSchema = z.object({
  at: utcTimestampSchema,
  verified: z.boolean(),
  /** Why it failed: a kit error code. */
  error: z.optional(z.string().check(z.maxLength(64))),
  aadsts: z.optional(z.string().check(z.regex(/^AADSTS\d{5,7}$/))),
});
export type LastVerification = z.infer<typeof lastVerificationSchema>;

/**
 * What the connected view shows of a connection's health: Intune's partner record (or why it
 * could not be read), the last consent check, and the age beyond which a heartbeat is a warning.
 */
export const connectionHealthSchema = z.object({
  /** When the backend read it. */
  checkedAt: utcTimestampSchema,
  partner: z.nullable(partnerStatusSchema),
  /** Why `partner` is `null`. */
  partnerProblem: z.optional(partnerProblemSchema),
  lastVerification: z.nullable(lastVerificationSchema),
  /** A heartbeat older than this many minutes is shown as a warning. */
  heartbeatMaxAgeMinutes: z
    .number()
    .check(
      z.refine(
        (n) => Number.isSafeInteger(n) && n >= 1 && n <= 525_600,
        'heartbeatMaxAgeMinutes must be a whole number from 1 to 525600',
      ),
    ),
});
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;

/** True when the partner's last heartbeat is missing or older than the deployment allows. */
export function isHeartbeatStale(health: ConnectionHealth, now: Date): boolean {
  const at = health.partner?.lastHeartbeatAt;
  if (!at) return true;
  return now.getTime() - Date.parse(at) > health.heartbeatMaxAgeMinutes * 60_000;
}
