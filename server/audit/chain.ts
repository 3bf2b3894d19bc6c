import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../src/contract/index.js';

/** The "previous hash" of a console's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: every field of the record but the hash itself, and the console. */
export type ChainedContent = Omit<AuditRecord, 'hash'>;

/**
 * SHA-256 over the previous event's hash and this event's content, in a fixed field order
 * (a JSON array, so no key-order or whitespace ambiguity). Changing any field, the order of
 * events, or the console an event belongs to changes the hash.
 */
export function chainHash(previous: string, consoleId: string, record: ChainedContent): string {
  const content = JSON.stringify([
    1,
    consoleId,
    record.seq,
    record.id,
    record.at,
    record.actor,
    record.action,
    record.outcome,
    record.tenantId,
    record.tenantType,
    record.changes ?? null,
    record.error ?? null,
    record.aadsts ?? null,
    record.count ?? null,
    record.source,
  ]);
  return createHash('sha256').update(previous).update('\n').update(content).digest('hex');
}
