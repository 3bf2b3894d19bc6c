import { auditEventSchema, type AuditEvent } from '../core/audit.js';

/**
 * The largest audit event the kit stores or sends, in bytes of its JSON (UTF-8): 16 KiB. A real
 * event is a few hundred bytes; anything this large is a bug or tampering, and would slow down
 * every read of the queue or the log that holds it.
 */
export const MAX_AUDIT_EVENT_BYTES = 16 * 1024;

/** Why a stored row is not delivered: it fails `auditEventSchema`, or it is over the size limit. */
export type SetAsideReason = 'invalid' | 'too-large';

export type AuditEventCheck =
  | { readonly ok: true; readonly event: AuditEvent }
  | { readonly ok: false; readonly reason: SetAsideReason; readonly message: string };

const encoder = new TextEncoder();

/**
 * Checks a value read back from storage (or handed in by a console) against `auditEventSchema`
 * and `MAX_AUDIT_EVENT_BYTES`. On success, `event` holds only the schema's fields.
 */
export function checkAuditEvent(value: unknown): AuditEventCheck {
  const parsed = auditEventSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      reason: 'invalid',
      message: `Not a valid audit event: ${issue?.message ?? 'invalid'}${where}`,
    };
  }
  const bytes = encoder.encode(JSON.stringify(parsed.data)).byteLength;
  if (bytes > MAX_AUDIT_EVENT_BYTES) {
    return {
      ok: false,
      reason: 'too-large',
      message: `Audit event too large: ${bytes} bytes (at most ${MAX_AUDIT_EVENT_BYTES})`,
    };
  }
  return { ok: true, event: parsed.data };
}
