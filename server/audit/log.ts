import { randomUUID } from 'node:crypto';
import type { AuditInput } from '../../src/core/audit.js';
import type { AuditRecord } from '../../src/contract/index.js';
import type { Queryable } from '../db/database.js';
import { GENESIS_HASH, chainHash } from './chain.js';

/**
 * An event to append: the kit's `AuditInput`, with an error that may also be a server code
 * (`rate-limited`, `unavailable`), the count of a summary, and who reported it. The log adds its
 * place (`seq`), time and hash; `id` defaults to a new UUID.
 */
export interface NewAuditEvent extends Omit<AuditInput, 'error'> {
  readonly id?: string;
  readonly error?: string;
  readonly count?: number;
  readonly source: 'server' | 'client';
}

export interface ConsoleHead {
  /** The last event's place in the chain (0 before the first). */
  readonly seq: number;
  /** The last event's hash (`GENESIS_HASH` before the first). */
  readonly hash: string;
  /** The last event's time; the next one is never earlier. */
  readonly at: Date | null;
  /** When the first pending summary of client reports is due, if one is pending. */
  readonly summaryDueAt: Date | null;
}

interface HeadRow {
  readonly audit_seq: unknown;
  readonly audit_head: string;
  readonly audit_at: Date | null;
  readonly summary_due_at: Date | null;
  readonly event_seen?: boolean;
}

const HEAD_SQL =
  'SELECT audit_seq, audit_head, audit_at, summary_due_at FROM consoles WHERE console_id = $1 FOR UPDATE';
/** The head, and whether the trail already holds an event id: one round trip for both. */
const HEAD_AND_EVENT_SQL = `SELECT audit_seq, audit_head, audit_at, summary_due_at,
    EXISTS (SELECT 1 FROM audit_events e WHERE e.console_id = c.console_id AND e.event_id = $2)
      AS event_seen
  FROM consoles c WHERE c.console_id = $1 FOR UPDATE OF c`;

/**
 * Locks the console for the rest of the transaction (creating it on first use) and returns the
 * head of its audit chain. Every write of a console starts here, so writes of one console are
 * serialised and its chain has no forks; other consoles are not held up.
 */
export async function lockConsole(tx: Queryable, consoleId: string): Promise<ConsoleHead>;
/** The same, also telling whether the console's trail already holds the event `eventId`. */
export async function lockConsole(
  tx: Queryable,
  consoleId: string,
  eventId: string,
): Promise<ConsoleHead & { readonly eventSeen: boolean }>;
export async function lockConsole(
  tx: Queryable,
  consoleId: string,
  eventId?: string,
): Promise<ConsoleHead & { readonly eventSeen?: boolean }> {
  const read = () =>
    eventId === undefined
      ? tx.query<HeadRow & Record<string, unknown>>(HEAD_SQL, [consoleId])
      : tx.query<HeadRow & Record<string, unknown>>(HEAD_AND_EVENT_SQL, [consoleId, eventId]);
  let [row] = await read();
  if (!row) {
    await tx.query(
      'INSERT INTO consoles (console_id) VALUES ($1) ON CONFLICT (console_id) DO NOTHING',
      [consoleId],
    );
    [row] = await read();
  }
  if (!row) throw new Error('the console row vanished inside its own transaction');
  const head = {
    seq: Number(row.audit_seq),
    hash: row.audit_head,
    at: row.audit_at,
    summaryDueAt: row.summary_due_at,
  };
  return eventId === undefined ? head : { ...head, eventSeen: row.event_seen === true };
}

/** The event and the console's new head, in one statement. */
const APPEND_SQL = `WITH appended AS (
    INSERT INTO audit_events (console_id, seq, event_id, at, actor, action, outcome, tenant_id,
      tenant_type, changes, error, aadsts, count, source, prev_hash, hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
    RETURNING 1
  )
  UPDATE consoles SET audit_seq = $2, audit_head = $16, audit_at = $4
  WHERE console_id = $1 AND EXISTS (SELECT 1 FROM appended)`;

/**
 * Appends one event to the console's chain, inside the caller's transaction, after
 * `lockConsole`. Its time is the server's clock, never earlier than the event before it (so
 * time order and chain order agree).
 */
export async function appendEvent(
  tx: Queryable,
  consoleId: string,
  head: ConsoleHead,
  event: NewAuditEvent,
  now: Date,
): Promise<{ record: AuditRecord; head: ConsoleHead }> {
  const seq = head.seq + 1;
  const at = head.at && head.at.getTime() > now.getTime() ? head.at : now;
  const content = {
    id: event.id ?? randomUUID(),
    at: at.toISOString(),
    actor: event.actor,
    action: event.action,
    outcome: event.outcome,
    tenantId: event.tenantId,
    tenantType: event.tenantType,
    ...(event.changes ? { changes: [...event.changes] } : {}),
    ...(event.error !== undefined ? { error: event.error } : {}),
    ...(event.aadsts !== undefined ? { aadsts: event.aadsts } : {}),
    ...(event.count !== undefined ? { count: event.count } : {}),
    seq,
    source: event.source,
  };
  const hash = chainHash(head.hash, consoleId, content);
  await tx.query(APPEND_SQL, [
    consoleId,
    seq,
    content.id,
    content.at,
    content.actor,
    content.action,
    content.outcome,
    content.tenantId,
    content.tenantType,
    content.changes ?? null,
    content.error ?? null,
    content.aadsts ?? null,
    content.count ?? null,
    content.source,
    head.hash,
    hash,
  ]);
  return { record: { ...content, hash }, head: { ...head, seq, hash, at } };
}

/** A row of `audit_events` as the drivers return it. */
export interface AuditRow {
  readonly seq: unknown;
  readonly event_id: string;
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly outcome: string;
  readonly tenant_id: string;
  readonly tenant_type: string;
  readonly changes: string[] | null;
  readonly error: string | null;
  readonly aadsts: string | null;
  readonly count: number | null;
  readonly source: string;
  readonly prev_hash: string;
  readonly hash: string;
}

export const AUDIT_COLUMNS =
  'seq, event_id, at, actor, action, outcome, tenant_id, tenant_type, changes, error, aadsts, count, source, prev_hash, hash';

/** The record a row stands for (as stored: whether it still matches its hash is not checked). */
export function recordOf(row: AuditRow): AuditRecord {
  const record: AuditRecord = {
    id: row.event_id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action as AuditRecord['action'],
    outcome: row.outcome as AuditRecord['outcome'],
    tenantId: row.tenant_id,
    tenantType: row.tenant_type as AuditRecord['tenantType'],
    seq: Number(row.seq),
    source: row.source as AuditRecord['source'],
    hash: row.hash,
  };
  if (row.changes !== null) record.changes = [...row.changes];
  if (row.error !== null) record.error = row.error;
  if (row.aadsts !== null) record.aadsts = row.aadsts;
  if (row.count !== null) record.count = Number(row.count);
  return record;
}

export { GENESIS_HASH };
