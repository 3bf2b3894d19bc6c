import { en } from '../src/i18n/en.js';
import {
  PROBLEM_MEDIA_TYPE,
  PROBLEM_STATUS,
  problemType,
  type FieldProblem,
  type Problem,
  type ProblemCode,
} from '../src/contract/index.js';

const TITLES: Readonly<Record<ProblemCode, string>> = {
  'invalid-json': 'The request body is not valid JSON',
  'invalid-query': 'The query string is not valid',
  'idempotency-key-required': 'An Idempotency-Key header is required',
  unauthorized: 'Sign-in required',
  forbidden: 'Not allowed',
  'foreign-origin': 'Request from a foreign origin',
  'not-found': 'No such resource',
  'not-connected': 'No tenant is connected',
  'method-not-allowed': 'Method not allowed',
  conflict: 'The connection changed',
  'not-verified': 'Consent has not been verified',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'The request body must be JSON',
  'unknown-field': 'The request has unknown fields',
  'invalid-field': 'Some fields are not valid',
  'idempotency-key-reused': 'The Idempotency-Key was used for another request',
  'precondition-required': 'An If-Match header is required',
  internal: 'Internal error',
  unavailable: 'Temporarily unavailable',
};

/**
 * A refusal with its problem code. Thrown (or returned) anywhere in a request; the error handler
 * answers it as an RFC 9457 problem document.
 */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors?: readonly FieldProblem[];
  readonly headers?: Readonly<Record<string, string>>;

  constructor(
    code: ProblemCode,
    detail: string,
    options: {
      status?: number;
      errors?: readonly FieldProblem[];
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'ProblemError';
    this.code = code;
    this.status = options.status ?? PROBLEM_STATUS[code];
    this.errors = options.errors;
    this.headers = options.headers;
  }

  toProblem(): Problem {
    const problem: Problem = {
      type: problemType(this.code),
      title: TITLES[this.code],
      status: this.status,
      detail: this.message,
      code: this.code,
    };
    if (this.errors && this.errors.length > 0) problem.errors = [...this.errors];
    return problem;
  }
}

/** The problem document answer for `error`. */
export function problemResponse(error: ProblemError): Response {
  const headers = new Headers(error.headers);
  headers.set('Content-Type', PROBLEM_MEDIA_TYPE);
  headers.set('X-Problem-Code', error.code);
  return new Response(JSON.stringify(error.toProblem()), { status: error.status, headers });
}

/** A JSON Pointer (RFC 6901) to `path`, with keys escaped and cut to a sane length. */
function pointerOf(path: readonly PropertyKey[]): string {
  return path
    .map((key) => `/${String(key).slice(0, 64).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

interface Issue {
  readonly code?: string;
  readonly path?: readonly (PropertyKey | { key: PropertyKey })[];
  readonly message?: string;
  readonly expected?: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly input?: unknown;
}

function fieldDetail(code: string): string | undefined {
  return Object.hasOwn(en.fieldErrors, code)
    ? en.fieldErrors[code as keyof typeof en.fieldErrors]
    : undefined;
}

/** Turns schema issues into field problems that name the field and the reason. */
export function fieldProblems(issues: readonly Issue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const path = (issue.path ?? []).map((part) =>
      typeof part === 'object' && part !== null ? part.key : part,
    );
    const pointer = pointerOf(path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) {
        const name = key.slice(0, 64);
        problems.push({
          pointer: pointerOf([...path, key]),
          code: 'unknown-field',
          detail: `Unknown field "${name}": it is not part of the contract.`,
        });
      }
    } else if (issue.code === 'invalid_type') {
      const missing = issue.input === undefined;
      problems.push({
        pointer,
        code: missing ? 'required' : 'wrong-type',
        detail: missing
          ? `${pointer || 'The body'} is required.`
          : `${pointer || 'The body'} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected ?? 'value of another type'}`}.`,
      });
    } else if (issue.code === 'invalid_value') {
      const allowed = (issue.values ?? []).map((value) => JSON.stringify(value)).join(', ');
      problems.push({
        pointer,
        code: 'not-allowed',
        detail: `${pointer} must be one of ${allowed}.`,
      });
    } else if (issue.code === 'invalid_format') {
      problems.push({
        pointer,
        code: 'invalid-format',
        detail: `${pointer} does not have the expected format.`,
      });
    } else {
      const code = issue.message ?? 'invalid';
      const known = fieldDetail(code);
      problems.push({
        pointer,
        code: known ? code : 'invalid',
        detail: known ?? `${pointer} ${code}.`,
      });
    }
  }
  return problems;
}

/** The refusal for a body or query that failed its schema. */
export function validationProblem(issues: readonly Issue[], where: 'body' | 'query'): ProblemError {
  const errors = fieldProblems(issues);
  if (where === 'query') {
    return new ProblemError(
      'invalid-query',
      `The query is not valid: ${errors.map((e) => e.detail).join(' ')}`,
      { errors },
    );
  }
  const unknown = errors.some((error) => error.code === 'unknown-field');
  return new ProblemError(
    unknown ? 'unknown-field' : 'invalid-field',
    errors.map((error) => error.detail).join(' '),
    { errors },
  );
}
