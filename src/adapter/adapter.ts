import * as z from 'zod/mini';
import type { AuditEvent } from '../core/audit.js';
import { auditEventSchema } from '../core/audit.js';
import type { Connection, ConnectionInput } from '../core/connection.js';
import { connectionSchema, tenantGuidSchema } from '../core/connection.js';
import { AdapterError, toKitError } from '../core/errors.js';
import { connectionHealthSchema, type ConnectionHealth } from '../core/health.js';

/** Passed to every adapter call. Abort it and the call must stop and reject. */
export interface CallOptions {
  readonly signal: AbortSignal;
}

export interface VerifyConsentRequest extends ConnectionInput {
  /** Who asks: recorded by the backend if it keeps its own trail. */
  readonly actor: string;
  /**
   * Why consent is checked: the admin's tick (`manual`), Microsoft's callback (`callback`), or
   * "Check now" on a connected tenant (`check`).
   */
  readonly via: 'manual' | 'callback' | 'check';
}

/**
 * The result of verifying consent. A backend verifies by requesting a client-credentials token
 * for the tenant in its cloud and checking its `tid` and `roles`; `error` carries the AADSTS
 * code or one of the kit's error codes when it could not.
 */
export type ConsentVerification =
  | {
      readonly verified: true;
      /** The tenant's GUID as Microsoft reported it (the token's `tid`), when the backend read it. */
      readonly tenantGuid?: string;
    }
  | {
      readonly verified: false;
      readonly error: string;
      readonly aadsts?: string;
      /** `permissions-missing`: the application permissions the tenant has not granted. */
      readonly permissions?: readonly string[];
      /** How long to wait before checking again, when Microsoft said so. */
      readonly retryAfterSeconds?: number;
    };

/** What `saveConnection` receives: the validated input, who asks, and the attempt's key. */
export interface SaveConnectionRequest extends ConnectionInput {
  /** Who asks: recorded by the backend as the connection's `connectedBy`. */
  readonly actor: string;
  /**
   * The same for every try of one consent attempt (a Retry after a lost answer, say) and
   * different for the next attempt. A backend may use it to make the create safe to repeat:
   * a second call with the same key gets the first call's answer instead of a `conflict`.
   */
  readonly idempotencyKey?: string;
}

export interface UpdateRequest extends ConnectionInput {
  /** The version the admin edited; a backend should refuse the save if it has moved on. */
  readonly expectedVersion: number;
}

/**
 * Everything the kit asks of a backend. Implement it for your own API; the kit validates every
 * result (see `guardAdapter`), so a malformed answer becomes a clear error, not a broken screen.
 */
export interface ConnectionAdapter {
  /**
   * True when the backend writes its own audit event for every change (connect, edit,
   * disconnect) and every consent verification, with the actor from its session and its own
   * clock. The kit then sends `appendAuditEvent` only what the browser alone can see (consent
   * callbacks it refused). Absent or false: the kit sends every event.
   */
  readonly authorsAudit?: boolean;
  /** The connected tenant, or `null` when none is connected. */
  loadConnection(options: CallOptions): Promise<Connection | null>;
  /** Asks the backend whether consent is in place for the tenant. */
  verifyConsent(request: VerifyConsentRequest, options: CallOptions): Promise<ConsentVerification>;
  /** Connects a tenant; should refuse (`conflict`) when one is already connected. */
  saveConnection(input: SaveConnectionRequest, options: CallOptions): Promise<Connection>;
  /** Changes the connected tenant; should refuse (`conflict`) a stale `expectedVersion`. */
  updateConnection(request: UpdateRequest, options: CallOptions): Promise<Connection>;
  /** Disconnects the tenant. */
  removeConnection(options: CallOptions): Promise<void>;
  /** Appends one event. `event.id` is unique: a backend that sees it twice keeps one. */
  appendAuditEvent(event: AuditEvent, options: CallOptions): Promise<void>;
  /** The audit log, newest first. */
  listAuditEvents(options: CallOptions & { readonly limit?: number }): Promise<AuditEvent[]>;
  /**
   * Optional: what Intune reports of the connected tenant (partner state, last heartbeat,
   * platforms onboarded) and the last consent check. Without it, the connected view says that
   * this console does not report health.
   */
  loadHealth?(options: CallOptions): Promise<ConnectionHealth>;
}

/**
 * The shape of a `ConsentVerification` on the wire (the HTTP contract names it
 * `ConsentVerification` too); `toVerification` turns a parsed value into the typed result.
 */
export const verificationSchema = z.object({
  verified: z.boolean(),
  error: z.optional(z.string().check(z.maxLength(256))),
  aadsts: z.optional(z.string().check(z.maxLength(64))),
  tenantGuid: z.optional(tenantGuidSchema),
  permissions: z.optional(z.array(z.string().check(z.maxLength(128))).check(z.maxLength(64))),
  retryAfterSeconds: z.optional(
    z
      .number()
      .check(
        z.refine(
          (n) => Number.isSafeInteger(n) && n >= 0 && n <= 86_400,
          'retryAfterSeconds must be a whole number from 0 to 86400',
        ),
      ),
  ),
});

/** A parsed verification as the kit's result; a refusal without an error is malformed. */
export function toVerification(value: z.infer<typeof verificationSchema>): ConsentVerification {
  if (value.verified) {
    return value.tenantGuid === undefined
      ? { verified: true }
      : { verified: true, tenantGuid: value.tenantGuid };
  }
  if (value.error === undefined) {
    throw new AdapterError('malformed-response', 'verifyConsent: a refusal must name its error');
  }
  return {
    verified: false,
    error: value.error,
    ...(value.aadsts === undefined ? {} : { aadsts: value.aadsts }),
    ...(value.permissions === undefined ? {} : { permissions: value.permissions }),
    ...(value.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: value.retryAfterSeconds }),
  };
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The longest deadline a timer can hold (about 24.8 days); longer ones would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Timeouts already warned about: a console that re-renders warns once per mistake. */
const warnedTimeouts = new Set<string>();

/**
 * The deadline to use for `timeoutMs`: the default when it is absent or not a positive number
 * (`0`, `-5`, `NaN` from an attribute such as `timeout-ms="abc"`), with one console warning;
 * clamped to `MAX_TIMEOUT_MS` (so `Infinity` never fires at once).
 */
export function deadlineOf(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    const said = String(timeoutMs);
    if (warnedTimeouts.has(said)) return DEFAULT_TIMEOUT_MS;
    warnedTimeouts.add(said);
    console.warn(
      `azure-compliance-connect: timeout ${said} ms is not a positive number of milliseconds; using ${DEFAULT_TIMEOUT_MS} ms.`,
    );
    return DEFAULT_TIMEOUT_MS;
  }
  return Math.min(Math.ceil(timeoutMs), MAX_TIMEOUT_MS);
}

export interface GuardOptions {
  /** Milliseconds before a call fails with `timeout`. */
  readonly timeoutMs?: number;
}

function parse<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new AdapterError('malformed-response', `${what}: ${issue?.message ?? 'invalid'}${where}`);
  }
  return result.data;
}

/**
 * Runs one adapter call with a deadline and the caller's signal. The returned promise settles
 * as soon as either fires, even if the adapter ignores the signal.
 */
async function run<T>(
  call: (options: CallOptions) => Promise<T>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  const stop = (reason: AdapterError) => controller.abort(reason);
  if (signal.aborted) throw new AdapterError('aborted');
  const onAbort = () => stop(new AdapterError('aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () => stop(new AdapterError('timeout', `No answer in ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    return await new Promise<T>((resolve, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
        once: true,
      });
      Promise.resolve()
        .then(() => call({ signal: controller.signal }))
        .then(resolve, (thrown: unknown) => {
          const error = toKitError(thrown);
          reject(
            new AdapterError(error.code, error.detail, {
              aadsts: error.aadsts,
              permissions: error.permissions,
              retryAfterSeconds: error.retryAfterSeconds,
              cause: thrown,
            }),
          );
        });
    });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Wraps any adapter so that every call has a deadline, honours its signal, throws only
 * `AdapterError`s, and returns only data that passed the schema. `authorsAudit` reads the
 * wrapped adapter's current value.
 */
export function guardAdapter(
  adapter: ConnectionAdapter,
  options: GuardOptions = {},
): ConnectionAdapter {
  const timeoutMs = deadlineOf(options.timeoutMs);
  const guarded: ConnectionAdapter = {
    get authorsAudit() {
      return adapter.authorsAudit === true;
    },
    async loadConnection({ signal }) {
      const value = await run((o) => adapter.loadConnection(o), signal, timeoutMs);
      return value === null ? null : parse(connectionSchema, value, 'loadConnection');
    },
    async verifyConsent(request, { signal }) {
      const value = await run((o) => adapter.verifyConsent(request, o), signal, timeoutMs);
      return toVerification(parse(verificationSchema, value, 'verifyConsent'));
    },
    async saveConnection(input, { signal }) {
      const value = await run((o) => adapter.saveConnection(input, o), signal, timeoutMs);
      return parse(connectionSchema, value, 'saveConnection');
    },
    async updateConnection(request, { signal }) {
      const value = await run((o) => adapter.updateConnection(request, o), signal, timeoutMs);
      return parse(connectionSchema, value, 'updateConnection');
    },
    async removeConnection({ signal }) {
      await run((o) => adapter.removeConnection(o), signal, timeoutMs);
    },
    async appendAuditEvent(event, { signal }) {
      await run((o) => adapter.appendAuditEvent(event, o), signal, timeoutMs);
    },
    async listAuditEvents({ signal, limit }) {
      const value = await run((o) => adapter.listAuditEvents({ ...o, limit }), signal, timeoutMs);
      return parse(z.array(auditEventSchema), value, 'listAuditEvents');
    },
  };
  // Only an adapter that reports health gets `loadHealth`: its absence is what the view tests.
  if (typeof adapter.loadHealth === 'function') {
    const loadHealth = adapter.loadHealth.bind(adapter);
    guarded.loadHealth = async ({ signal }) => {
      const value = await run((o) => loadHealth(o), signal, timeoutMs);
      return parse(connectionHealthSchema, value, 'loadHealth');
    };
  }
  return guarded;
}
