import * as z from 'zod/mini';

const UTC_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;

/**
 * True for an ISO 8601 date and time in UTC with a `Z` suffix, as `Date#toISOString()` writes
 * it (seconds required, any fraction of a second). Impossible dates such as 30 February fail.
 */
export function isUtcTimestamp(value: string): boolean {
  if (!UTC_TIMESTAMP.test(value)) return false;
  const time = Date.parse(value);
  // Date.parse rolls impossible days over into the next month; the round trip catches that.
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** A UTC timestamp string, checked with `isUtcTimestamp`. */
export const utcTimestampSchema = z
  .string()
  .check(z.refine(isUtcTimestamp, 'must be an ISO 8601 UTC timestamp'));
