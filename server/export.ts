import type { AuditRecord } from '../src/contract/index.js';

export const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'outcome',
  'tenantId',
  'tenantType',
  'changes',
  'error',
  'aadsts',
  'count',
  'source',
  'id',
  'hash',
] as const;

/**
 * One CSV cell, always quoted. A cell a spreadsheet would run as a formula (starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so opening the export
 * never runs anything an actor or a tenant name smuggled in.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvRow(record: AuditRecord): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    seq: String(record.seq),
    at: record.at,
    actor: record.actor,
    action: record.action,
    outcome: record.outcome,
    tenantId: record.tenantId,
    tenantType: record.tenantType,
    changes: (record.changes ?? []).join(' '),
    error: record.error ?? '',
    aadsts: record.aadsts ?? '',
    count: record.count === undefined ? '' : String(record.count),
    source: record.source,
    id: record.id,
    hash: record.hash,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`;
}

/**
 * The export as a byte stream, produced as the client reads it (a batch of rows at a time), so
 * a trail of any length is exported in constant memory.
 */
export function exportStream(
  records: AsyncIterator<AuditRecord>,
  format: 'csv' | 'jsonl',
  report: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let header = format === 'csv';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.map(csvCell).join(',')}\r\n`));
        return;
      }
      let chunk = '';
      try {
        for (let i = 0; i < 200; i++) {
          const next = await records.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += format === 'csv' ? csvRow(next.value) : `${JSON.stringify(next.value)}\n`;
        }
      } catch (error) {
        report(error);
        controller.error(error);
        return;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await records.return?.(undefined);
    },
  });
}
