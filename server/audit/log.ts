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
  readonly seq: number;
  readonly hash: string;
}

/**
 * Locks the console for the rest of the transaction (creating it on first use) and returns the
 * head of its audit chain. Every write of a console starts here, so writes of one console are
 * serialised and its chain has no forks; other consoles are not held up.
 */
export async function lockConsole(tx: Queryable, consoleId: string): Promise<ConsoleHead> {
  await tx.query(
    'INSERT INTO consoles (console_id) VALUES ($1) ON CONFLICT (console_id) DO NOTHING',
    [consoleId],
  );
  const [row] = await tx.query<{ audit_seq: unknown; audit_head: string }>(
    'SELECT audit_seq, audit_head FROM consoles WHERE console_id = $1 FOR UPDATE',
    [consoleId],
  );
  if (!row) throw new Error('the console row vanished inside its own transaction');
  return { seq: Number(row.audit_seq), hash: row.audit_head };
}

/** True when the console's trail already holds an event with this id. */
export async function hasEvent(tx: Queryable, consoleId: string, id: string): Promise<boolean> {
  const rows = await tx.query(
    'SELECT 1 FROM audit_events WHERE console_id = $1 AND event_id = $2',
    [consoleId, id],
  );
  return rows.length > 0;
}

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
  let at = now;
  if (head.seq > 0) {
    const [last] = await tx.query<{ at: Date }>(
      'SELECT at FROM audit_events WHERE console_id = $1 AND seq = $2',
      [consoleId, head.seq],
    );
    if (last && last.at.getTime() > at.getTime()) at = last.at;
  }
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
  await tx.query(
    `INSERT INTO audit_events (console_id, seq, event_id, at, actor, action, outcome, tenant_id,
       tenant_type, changes, error, aadsts, count, source, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
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
    ],
  );
  await tx.query('UPDATE consoles SET audit_seq = $2, audit_head = $3 WHERE console_id = $1', [
    consoleId,
    seq,
    hash,
  ]);
  return { record: { ...content, hash }, head: { seq, hash } };
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
