import type { AuditAction, AuditOutcome } from '../../src/core/audit.js';
import type { AuditRecord } from '../../src/contract/index.js';
import type { Queryable } from '../db/database.js';
import { chainHash } from './chain.js';
import { AUDIT_COLUMNS, GENESIS_HASH, recordOf, type AuditRow } from './log.js';

/** Larger than any sequence number: "no upper bound". */
const NO_BOUND = '9223372036854775807';

export interface AuditFilter {
  readonly action?: AuditAction;
  readonly outcome?: AuditOutcome;
  /** Inclusive, ISO 8601 UTC. */
  readonly from?: string;
  /** Exclusive, ISO 8601 UTC. */
  readonly to?: string;
}

interface SeqRange {
  /** Lowest sequence number included. */
  readonly min: string;
  /** Sequence numbers below this are included. */
  readonly below: string;
}

/**
 * Turns a time range into a range of sequence numbers. Times never go back along a chain, so
 * the events in [from, to) are exactly those between two sequence numbers, found through the
 * (console_id, at) index; pages are then read by (console_id, seq), however deep.
 */
async function seqRange(db: Queryable, consoleId: string, filter: AuditFilter): Promise<SeqRange> {
  const firstAt = async (at: string) => {
    const [row] = await db.query<{ seq: unknown }>(
      'SELECT seq FROM audit_events WHERE console_id = $1 AND at >= $2 ORDER BY at, seq LIMIT 1',
      [consoleId, at],
    );
    return row ? String(row.seq) : undefined;
  };
  const min = filter.from === undefined ? '1' : ((await firstAt(filter.from)) ?? NO_BOUND);
  const below = filter.to === undefined ? NO_BOUND : ((await firstAt(filter.to)) ?? NO_BOUND);
  return { min, below };
}

const PAGE_SQL = `SELECT ${AUDIT_COLUMNS} FROM audit_events
  WHERE console_id = $1 AND seq < $2 AND seq >= $3
    AND ($4::text IS NULL OR action = $4) AND ($5::text IS NULL OR outcome = $5)
  ORDER BY seq DESC LIMIT $6`;

/** The opaque cursor of the page after `seq` (newest first). */
export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ v: 1, before: seq })).toString('base64url');
}

/** The sequence number a cursor points below, or undefined for a cursor this server never made. */
export function decodeCursor(cursor: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const before = (value as { v?: unknown; before?: unknown } | null)?.before;
    if ((value as { v?: unknown }).v !== 1) return undefined;
    return typeof before === 'number' && Number.isSafeInteger(before) && before >= 1
      ? before
      : undefined;
  } catch {
    return undefined;
  }
}

/** Up to `limit + 1` rows of the range below `before`, newest first. */
async function readPage(
  db: Queryable,
  consoleId: string,
  range: SeqRange,
  filter: AuditFilter,
  limit: number,
  before: number | undefined,
): Promise<AuditRow[]> {
  const below = before !== undefined && before < Number(range.below) ? String(before) : range.below;
  return db.query<AuditRow & Record<string, unknown>>(PAGE_SQL, [
    consoleId,
    below,
    range.min,
    filter.action ?? null,
    filter.outcome ?? null,
    limit + 1,
  ]);
}

/** One page of the console's trail, newest first, with the cursor of the next page. */
export async function listAudit(
  db: Queryable,
  consoleId: string,
  options: AuditFilter & { readonly limit: number; readonly before?: number },
): Promise<{ events: AuditRecord[]; nextCursor: string | null }> {
  const range = await seqRange(db, consoleId, options);
  const rows = await readPage(db, consoleId, range, options, options.limit, options.before);
  const events = rows.slice(0, options.limit).map(recordOf);
  const last = events.at(-1);
  return {
    events,
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.seq) : null,
  };
}

/**
 * Every matching record, newest first, a batch at a time (for exports of any size). The time
 * range is turned into sequence bounds once, at the start.
 */
export async function* iterateAudit(
  db: Queryable,
  consoleId: string,
  filter: AuditFilter,
  batch = 500,
): AsyncGenerator<AuditRecord> {
  const range = await seqRange(db, consoleId, filter);
  let before: number | undefined;
  for (;;) {
    const rows = await readPage(db, consoleId, range, filter, batch, before);
    const events = rows.slice(0, batch).map(recordOf);
    yield* events;
    const last = events.at(-1);
    if (rows.length <= batch || !last) return;
    before = last.seq;
  }
}

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | {
      readonly ok: false;
      readonly events: number;
      /** The first broken link: the sequence number where the chain stops holding. */
      readonly seq: number;
      readonly eventId?: string;
      readonly reason: string;
    };

/**
 * Walks a console's chain from its first event and names the first broken link: a missing
 * event, an event whose content no longer matches its hash, a link to the wrong predecessor,
 * or events removed from the end (the console's recorded head is ahead of the trail).
 */
export async function verifyChain(db: Queryable, consoleId: string): Promise<ChainVerdict> {
  let previous = GENESIS_HASH;
  let seq = 0;
  for (;;) {
    const rows = await db.query<AuditRow & Record<string, unknown>>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE console_id = $1 AND seq > $2 ORDER BY seq LIMIT 1000`,
      [consoleId, seq],
    );
    for (const row of rows) {
      const record = recordOf(row);
      if (record.seq !== seq + 1) {
        return {
          ok: false,
          events: seq,
          seq: seq + 1,
          reason: `event ${seq + 1} is missing (the next event is ${record.seq}): events were deleted`,
        };
      }
      if (row.prev_hash !== previous) {
        return {
          ok: false,
          events: seq,
          seq: record.seq,
          eventId: record.id,
          reason: `event ${record.seq} does not link to the hash of event ${seq}: events were replaced or reordered`,
        };
      }
      const { hash, ...content } = record;
      if (chainHash(previous, consoleId, content) !== hash) {
        return {
          ok: false,
          events: seq,
          seq: record.seq,
          eventId: record.id,
          reason: `event ${record.seq} no longer matches its hash: its content was changed`,
        };
      }
      previous = hash;
      seq = record.seq;
    }
    if (rows.length < 1000) break;
  }
  const [head] = await db.query<{ audit_seq: unknown; audit_head: string }>(
    'SELECT audit_seq, audit_head FROM consoles WHERE console_id = $1',
    [consoleId],
  );
  const headSeq = head ? Number(head.audit_seq) : 0;
  if (headSeq !== seq || (head && head.audit_head !== previous)) {
    return {
      ok: false,
      events: seq,
      seq: seq + 1,
      reason:
        headSeq > seq
          ? `the trail ends at event ${seq} but the console recorded ${headSeq} events: events were removed from the end`
          : `the console's recorded head (event ${headSeq}) does not match the trail (event ${seq})`,
    };
  }
  return { ok: true, events: seq, head: previous };
}
