import * as z from 'zod/mini';
import { TENANT_TYPES, type TenantType } from './cloud.js';
import type { ErrorCode } from './errors.js';
import { utcTimestampSchema } from './timestamp.js';

/**
 * `verify-consent` is written by backends that check consent themselves (see
 * `ConnectionAdapter.authorsAudit`); the kit writes the other four.
 */
export const AUDIT_ACTIONS = [
  'connect',
  'edit',
  'disconnect',
  'consent-rejected',
  'verify-consent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'success' | 'failure';

/** The largest `count` one collapsed audit event may carry. */
export const MAX_AUDIT_COUNT = 1_000_000;

/**
 * One line of the audit log: who did what to which tenant, in which cloud, when (UTC) and how it
 * ended. It never holds secrets: no consent `state`, no tokens, no client secrets.
 */
export const auditEventSchema = z.object({
  id: z.string().check(z.refine((id) => id.length > 0, 'id must not be empty')),
  at: utcTimestampSchema,
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  outcome: z.enum(['success', 'failure']),
  tenantId: z.string(),
  tenantType: z.enum(TENANT_TYPES),
  /** Fields an edit changed. */
  changes: z.optional(z.array(z.string())),
  /** Why it failed, as a kit error code. */
  error: z.optional(z.string()),
  aadsts: z.optional(z.string()),
  /**
   * How many identical refusals this event stands for, when a burst of refused consent
   * callbacks was collapsed into one event (absent: one).
   */
  count: z.optional(
    z
      .number()
      .check(
        z.refine(
          (n) => Number.isSafeInteger(n) && n >= 2 && n <= MAX_AUDIT_COUNT,
          `count must be a whole number from 2 to ${MAX_AUDIT_COUNT}`,
        ),
      ),
  ),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;

export interface AuditInput {
  readonly actor: string;
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly tenantId: string;
  readonly tenantType: TenantType;
  readonly changes?: readonly string[];
  readonly error?: ErrorCode;
  readonly aadsts?: string;
  /** A burst of identical refusals collapsed into this one event (2 or more). */
  readonly count?: number;
}

/** Builds an audit event; the clock and id source are passed in so the result is testable. */
export function createAuditEvent(
  input: AuditInput,
  now: Date = new Date(),
  id: string = globalThis.crypto.randomUUID(),
): AuditEvent {
  const event: AuditEvent = {
    id,
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    outcome: input.outcome,
    tenantId: input.tenantId,
    tenantType: input.tenantType,
  };
  if (input.changes !== undefined) event.changes = [...input.changes];
  if (input.error !== undefined) event.error = input.error;
  if (input.aadsts !== undefined) event.aadsts = input.aadsts;
  if (input.count !== undefined) event.count = input.count;
  return event;
}
