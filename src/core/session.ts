import * as z from 'zod/mini';
import { isAttemptFresh, type AttemptRecord } from './attempts.js';
import { TENANT_TYPES } from './cloud.js';
import {
  connectionSchema,
  validateDraft,
  type Connection,
  type ConnectionInput,
} from './connection.js';
import { isConsentState } from './consent.js';
import type { WizardState } from './machine.js';

/**
 * What of the wizard survives a reload of the console: the draft being typed, and a consent
 * attempt that is waiting for the admin. Everything else is reloaded from the adapter.
 */
export type SessionSnapshot = Extract<
  WizardState,
  { status: 'filling' | 'awaiting-consent' | 'editing' }
>;

const text = z.string().check(z.refine((value) => value.length <= 4096, 'too long'));
const draftSchema = z.object({
  tenantType: z.enum(TENANT_TYPES),
  tenantId: text,
  enrollmentUrl: text,
  remediationUrl: text,
});
const inputSchema = z.object({
  tenantType: z.enum(TENANT_TYPES),
  tenantId: text,
  enrollmentUrl: z.optional(text),
  remediationUrl: z.optional(text),
});
/** One schema per kept status; the status itself is checked by looking it up here. */
const snapshotSchemas = {
  filling: z.object({ draft: draftSchema }),
  editing: z.object({ draft: draftSchema, connection: connectionSchema }),
  'awaiting-consent': z.object({
    draft: draftSchema,
    attempt: z.object({ state: z.string().check(z.refine(isConsentState)), input: inputSchema }),
    consentGiven: z.boolean(),
    previous: z.optional(connectionSchema),
  }),
};

type KeptStatus = keyof typeof snapshotSchemas;
type SavedSnapshot = {
  [S in KeptStatus]: { status: S } & z.infer<(typeof snapshotSchemas)[S]>;
}[KeptStatus];

function parseSnapshot(snapshot: unknown): SavedSnapshot | undefined {
  if (typeof snapshot !== 'object' || snapshot === null) return undefined;
  const status: unknown = (snapshot as { status?: unknown }).status;
  if (typeof status !== 'string' || !Object.hasOwn(snapshotSchemas, status)) return undefined;
  const parsed = snapshotSchemas[status as KeptStatus].safeParse(snapshot);
  return parsed.success ? ({ status, ...parsed.data } as SavedSnapshot) : undefined;
}

/** The part of `state` worth keeping across a reload, or null when there is nothing to keep. */
export function snapshotOf(state: WizardState): SessionSnapshot | null {
  switch (state.status) {
    case 'filling':
      return { status: 'filling', draft: state.draft, errors: {} };
    case 'editing':
    case 'saving':
      return { status: 'editing', connection: state.connection, draft: state.draft, errors: {} };
    case 'awaiting-consent':
    case 'verifying': {
      // An interrupted verification comes back as "awaiting consent", ticked, to confirm again.
      const consentGiven = state.status === 'verifying' || state.consentGiven;
      const snapshot: SessionSnapshot = {
        status: 'awaiting-consent',
        draft: state.draft,
        attempt: state.attempt,
        consentGiven,
      };
      return state.previous ? { ...snapshot, previous: state.previous } : snapshot;
    }
    default:
      return null;
  }
}

function sameInput(a: ConnectionInput, b: ConnectionInput): boolean {
  return (
    a.tenantType === b.tenantType &&
    a.tenantId === b.tenantId &&
    a.enrollmentUrl === b.enrollmentUrl &&
    a.remediationUrl === b.remediationUrl
  );
}

function sameVersion(a: Connection, b: Connection): boolean {
  return a.tenantId === b.tenantId && a.tenantType === b.tenantType && a.version === b.version;
}

/** The consent ledger, and the time, to judge a saved attempt's age by. */
export interface ResumeLedger {
  readonly attempts: readonly AttemptRecord[];
  readonly now: Date;
}

/**
 * True when the ledger says the attempt can no longer be answered: older than `ATTEMPT_TTL_MS`
 * (or dated in the future), or superseded by a newer one. An attempt the ledger does not hold
 * (no shared storage) is judged live: there is nothing to date it by.
 */
function isExpired(state: string, ledger: ResumeLedger | undefined): boolean {
  const record = ledger?.attempts.find((entry) => entry.state === state);
  if (!ledger || !record) return false;
  return record.status === 'superseded' || !isAttemptFresh(record, ledger.now);
}

/**
 * The state to resume after a reload, given what the adapter now reports. A snapshot that no
 * longer fits (a tenant was connected or changed meanwhile, or the data is malformed) is dropped.
 * With `ledger`, a consent attempt that aged out (or was superseded) is not resumed: the admin
 * gets the draft back (`filling`, or `editing` the same connection) to start a fresh attempt, as
 * a tab's own attempt ages out like any other.
 */
export function resumeState(
  connection: Connection | null,
  snapshot: unknown,
  ledger?: ResumeLedger,
): WizardState | undefined {
  const saved = parseSnapshot(snapshot);
  if (!saved) return undefined;
  switch (saved.status) {
    case 'filling':
      return connection === null
        ? { status: 'filling', draft: saved.draft, errors: {} }
        : undefined;
    case 'editing':
      return connection && sameVersion(connection, saved.connection)
        ? { status: 'editing', connection, draft: saved.draft, errors: {} }
        : undefined;
    case 'awaiting-consent': {
      // The attempt must be exactly what the draft validates to, or it is not resumed.
      const checked = validateDraft(saved.draft);
      if (!checked.ok || !sameInput(checked.value, saved.attempt.input)) return undefined;
      const { previous, ...rest } = saved;
      if (isExpired(saved.attempt.state, ledger)) {
        if (!previous)
          return connection === null
            ? { status: 'filling', draft: saved.draft, errors: {} }
            : undefined;
        return connection && sameVersion(connection, previous)
          ? { status: 'editing', connection, draft: saved.draft, errors: {} }
          : undefined;
      }
      if (!previous) return connection === null ? rest : undefined;
      return connection && sameVersion(connection, previous)
        ? { ...rest, previous: connection }
        : undefined;
    }
  }
}
