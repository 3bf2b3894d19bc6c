/**
 * The ledger of consent attempts, shared by every tab of the console: which `state` values are
 * waiting for Microsoft's answer, which were used, and which a newer attempt replaced. It lets a
 * tab tell a forged callback (unknown state) from a replayed or stale one.
 */
export interface AttemptRecord {
  readonly state: string;
  readonly status: 'pending' | 'used' | 'superseded';
  /** When the attempt started (ISO 8601, UTC). */
  readonly at: string;
}

/** A consent link older than this is stale: Microsoft's sign-in session will have ended. */
export const ATTEMPT_TTL_MS = 60 * 60 * 1000;
const MAX_RECORDS = 50;

export type CallbackOrigin = 'pending' | 'used' | 'stale' | 'unknown';

/** Starts an attempt: older pending attempts become superseded. */
export function beginAttempt(
  records: readonly AttemptRecord[],
  state: string,
  now: Date,
): AttemptRecord[] {
  const kept = records
    .filter((record) => record.state !== state)
    .map((record) =>
      record.status === 'pending' ? { ...record, status: 'superseded' as const } : record,
    );
  return [...kept, { state, status: 'pending' as const, at: now.toISOString() }].slice(
    -MAX_RECORDS,
  );
}

/** Marks an attempt's state as used: any later callback carrying it is a replay. */
export function consumeAttempt(records: readonly AttemptRecord[], state: string): AttemptRecord[] {
  return records.map((record) =>
    record.state === state ? { ...record, status: 'used' as const } : record,
  );
}

/** Where a callback's `state` comes from, as far as the ledger knows. */
export function classifyCallbackState(
  records: readonly AttemptRecord[],
  state: string | undefined,
  now: Date,
): CallbackOrigin {
  const record = state === undefined ? undefined : records.find((entry) => entry.state === state);
  if (!record) return 'unknown';
  if (record.status === 'used') return 'used';
  if (record.status === 'superseded') return 'stale';
  const age = now.getTime() - Date.parse(record.at);
  return Number.isNaN(age) || age > ATTEMPT_TTL_MS ? 'stale' : 'pending';
}

/** Reads a ledger from untrusted storage, dropping anything malformed. */
export function parseAttempts(value: unknown): AttemptRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is AttemptRecord =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as AttemptRecord).state === 'string' &&
      ['pending', 'used', 'superseded'].includes((entry as AttemptRecord).status) &&
      typeof (entry as AttemptRecord).at === 'string',
  );
}
