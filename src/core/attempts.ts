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
  /**
   * For a used attempt: how it was completed. After a manual Confirm (`manual`), Microsoft's
   * own answer may still arrive: that one late callback is the attempt's, not a replay.
   */
  readonly via?: 'manual' | 'callback';
  /**
   * For a used attempt: the id of the relayed callback message that answered it (every tab hears
   * the same message, so each can tell it from a second one carrying the same `state`).
   */
  readonly answeredBy?: string;
}

/** How an attempt was completed, for `consumeAttempt`. */
export type AttemptCompletion =
  { readonly via: 'manual' } | { readonly via: 'callback'; readonly messageId?: string };

/** A consent link older than this is stale: Microsoft's sign-in session will have ended. */
export const ATTEMPT_TTL_MS = 60 * 60 * 1000;
/** How far in the future a record's start may lie (clocks of tabs and machines drift). */
export const ATTEMPT_CLOCK_SKEW_MS = 5 * 60 * 1000;
const MAX_RECORDS = 50;

/**
 * - `pending`: a live attempt (started less than `ATTEMPT_TTL_MS` ago) waiting for its answer;
 * - `completed`: the answer of an attempt already completed, and not a replay: the late callback
 *   of an attempt confirmed manually (once), or the very message that completed it, heard again
 *   by another tab. Nothing to do, nothing to report;
 * - `used`: a replay (the `state` of an attempt already answered, in another message);
 * - `stale`: the attempt was superseded, or is older than `ATTEMPT_TTL_MS` (also when it is the
 *   tab's own attempt: a consent link does not live forever), or its start is unreadable or in
 *   the future;
 * - `unknown`: no attempt of this console has this `state`.
 */
export type CallbackOrigin = 'pending' | 'completed' | 'used' | 'stale' | 'unknown';

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

/**
 * Marks an attempt's state as used. Without `completion` (or with `via: 'callback'`), any later
 * callback carrying it is a replay (except the same `messageId`, heard by another tab); after a
 * manual Confirm (`via: 'manual'`), the attempt's own callback may still arrive once, within
 * `ATTEMPT_TTL_MS`, and is `completed`, not a replay (see `answerAttempt`).
 */
export function consumeAttempt(
  records: readonly AttemptRecord[],
  state: string,
  completion: AttemptCompletion = { via: 'callback' },
): AttemptRecord[] {
  return records.map((record) => {
    if (record.state !== state) return record;
    const used: AttemptRecord = {
      state: record.state,
      status: 'used',
      at: record.at,
      via: completion.via,
    };
    return completion.via === 'callback' && completion.messageId !== undefined
      ? { ...used, answeredBy: completion.messageId }
      : used;
  });
}

/**
 * Records that the relayed message `messageId` was the late answer of an attempt confirmed
 * manually: any other message with the same `state` is then a replay.
 */
export function answerAttempt(
  records: readonly AttemptRecord[],
  state: string,
  messageId: string,
): AttemptRecord[] {
  return records.map((record) =>
    record.state === state && record.status === 'used' && record.answeredBy === undefined
      ? { ...record, answeredBy: messageId }
      : record,
  );
}

/** Milliseconds since the attempt started, or NaN when its start is unreadable or in the future. */
function ageOf(record: AttemptRecord, now: Date): number {
  const age = now.getTime() - Date.parse(record.at);
  return age < -ATTEMPT_CLOCK_SKEW_MS ? Number.NaN : age;
}

/**
 * True while an attempt can still be answered: started less than `ATTEMPT_TTL_MS` ago (and not
 * in the future). The tab's own attempt included: check it before handing its callback on.
 */
export function isAttemptFresh(record: AttemptRecord, now: Date): boolean {
  const age = ageOf(record, now);
  return !Number.isNaN(age) && age <= ATTEMPT_TTL_MS;
}

/**
 * Where a callback's `state` comes from, as far as the ledger knows (see `CallbackOrigin`).
 * `messageId` is the relayed message's id, when it has one.
 */
export function classifyCallbackState(
  records: readonly AttemptRecord[],
  state: string | undefined,
  now: Date,
  messageId?: string,
): CallbackOrigin {
  const record = state === undefined ? undefined : records.find((entry) => entry.state === state);
  if (!record) return 'unknown';
  if (record.status === 'used') {
    if (record.answeredBy !== undefined)
      return messageId !== undefined && messageId === record.answeredBy ? 'completed' : 'used';
    return record.via === 'manual' && isAttemptFresh(record, now) ? 'completed' : 'used';
  }
  if (record.status === 'superseded') return 'stale';
  return isAttemptFresh(record, now) ? 'pending' : 'stale';
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
      typeof (entry as AttemptRecord).at === 'string' &&
      [undefined, 'manual', 'callback'].includes((entry as AttemptRecord).via) &&
      ['undefined', 'string'].includes(typeof (entry as AttemptRecord).answeredBy),
  );
}
