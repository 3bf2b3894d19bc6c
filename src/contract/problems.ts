import * as z from 'zod/mini';
import type { ErrorCode } from '../core/errors.js';

/** Media type of every error answer (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * Every error a backend answers, by `code`, with its usual HTTP status. `conflict` is also sent
 * as `412` when an `If-Match` version is stale.
 */
export const PROBLEM_STATUS = {
  'invalid-json': 400,
  'invalid-query': 400,
  'idempotency-key-required': 400,
  unauthorized: 401,
  forbidden: 403,
  'foreign-origin': 403,
  'not-found': 404,
  'not-connected': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'not-verified': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'unknown-field': 422,
  'invalid-field': 422,
  'idempotency-key-reused': 422,
  'precondition-required': 428,
  internal: 500,
  unavailable: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;
export const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as ProblemCode[];

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEM_STATUS, value);
}

/** The `type` URI of a problem code. */
export function problemType(code: ProblemCode): string {
  return `urn:azure-compliance-connect:problem:${code}`;
}

/** One refused field: where it is (a JSON Pointer into the body or query) and why. */
export const fieldProblemSchema = z.object({
  pointer: z.string(),
  /** `unknown-field`, `required`, `wrong-type`, `not-allowed`, or a validator's code such as `tenant-multi`. */
  code: z.string(),
  detail: z.string(),
});
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

/** An RFC 9457 problem document carrying the kit's `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.optional(z.string()),
  code: z.string(),
  errors: z.optional(z.array(fieldProblemSchema)),
});
export type Problem = z.infer<typeof problemSchema>;
z.globalRegistry.add(problemSchema, { id: 'Problem' });

const KIT_CODES: Readonly<Partial<Record<string, ErrorCode>>> = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  'foreign-origin': 'forbidden',
  conflict: 'conflict',
  'not-connected': 'not-connected',
  'not-verified': 'not-verified',
  unavailable: 'unavailable',
  internal: 'adapter',
};

/**
 * The kit error code for a failed answer: from the problem's `code` when it has one the kit
 * knows, otherwise from the HTTP status. Requests the backend found malformed become
 * `invalid-request`: a mismatch between console and backend, not something the admin can fix.
 */
export function kitErrorCodeOf(status: number, code?: string): ErrorCode {
  const known = code === undefined || !Object.hasOwn(KIT_CODES, code) ? undefined : KIT_CODES[code];
  if (known) return known;
  if (isProblemCode(code) || (status >= 400 && status < 500)) {
    if (status === 401) return 'unauthorized';
    if (status === 403) return 'forbidden';
    if (status === 409 || status === 412) return 'conflict';
    if (status === 429) return 'unavailable';
    return 'invalid-request';
  }
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'adapter';
}
