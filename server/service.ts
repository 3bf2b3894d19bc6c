import { createHash } from 'node:crypto';
import type { ClientAuditEvent, ConnectionInputBody } from '../src/contract/index.js';
import { etagOf } from '../src/contract/index.js';
import {
  changedFields,
  needsNewConsent,
  validateDraft,
  type Connection,
  type ConnectionInput,
} from '../src/core/connection.js';
import type { Session } from './auth.js';
import { appendEvent, lockConsole, type ConsoleHead, type NewAuditEvent } from './audit/log.js';
import type { Database, Queryable } from './db/database.js';
import { ProblemError } from './problems.js';
import type { ConnectionHealth } from '../src/core/health.js';
import type { ConsentOutcome, PartnerReport } from './verifier.js';

/**
 * Failed checks that say the connection itself is broken (consent withdrawn, permissions
 * removed, tenant gone): they mark the connected tenant as needing attention.
 */
const ATTENTION_ERRORS: ReadonlySet<string> = new Set([
  'consent-missing',
  'permissions-missing',
  'tenant-mismatch',
  'tenant-not-found',
  'wrong-cloud',
  'admin-consent-required',
]);

/** Limits of client-reported audit events, per console. */
export interface ClientEventLimit {
  /** Events recorded one by one in a window; the rest are counted into one summary. */
  readonly perWindow: number;
  readonly windowMs: number;
}

export interface ServiceOptions {
  readonly database: Database;
  readonly now: () => Date;
  /** How long a verified consent allows a connection to its tenant. */
  readonly verificationTtlMs: number;
  readonly clientEvents: ClientEventLimit;
}

/** An answer that succeeded (2xx) with its body and headers. */
export interface Answer<T> {
  readonly status: 200 | 201 | 202 | 204;
  readonly body: T;
  readonly headers?: Readonly<Record<string, string>>;
}

interface ConnectionRow {
  tenant_type: Connection['tenantType'];
  tenant_id: string;
  enrollment_url: string | null;
  remediation_url: string | null;
  connected_at: Date;
  updated_at: Date;
  version: number;
  connected_by: string;
  tenant_guid: string | null;
  attention_error: string | null;
  attention_since: Date | null;
}

function connectionOf(row: ConnectionRow): Connection {
  const connection: Connection = {
    tenantType: row.tenant_type,
    tenantId: row.tenant_id,
    connectedAt: row.connected_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: Number(row.version),
    connectedBy: row.connected_by,
  };
  if (row.enrollment_url !== null) connection.enrollmentUrl = row.enrollment_url;
  if (row.remediation_url !== null) connection.remediationUrl = row.remediation_url;
  if (row.tenant_guid !== null) connection.tenantGuid = row.tenant_guid;
  if (row.attention_error !== null && row.attention_since !== null) {
    connection.attention = {
      error: row.attention_error,
      since: row.attention_since.toISOString(),
    };
  }
  return connection;
}

/**
 * The body after the kit's own validators: trimmed, lower-cased tenant, normalised URLs, blank
 * URLs dropped. The schema already refused what they refuse, so this never fails.
 */
export function normalise(body: ConnectionInputBody): ConnectionInput {
  const checked = validateDraft({
    tenantType: body.tenantType,
    tenantId: body.tenantId,
    enrollmentUrl: body.enrollmentUrl ?? '',
    remediationUrl: body.remediationUrl ?? '',
  });
  if (!checked.ok) throw new Error('normalise: the body passed the schema but not the validators');
  return checked.value;
}

async function readConnection(db: Queryable, consoleId: string): Promise<Connection | null> {
  const [row] = await db.query<ConnectionRow & Record<string, unknown>>(
    `SELECT tenant_type, tenant_id, enrollment_url, remediation_url, connected_at, updated_at,
       version, connected_by, tenant_guid, attention_error, attention_since
       FROM connections WHERE console_id = $1`,
    [consoleId],
  );
  return row ? connectionOf(row) : null;
}

function requestHash(input: ConnectionInput): string {
  const canonical = JSON.stringify([
    input.tenantType,
    input.tenantId,
    input.enrollmentUrl ?? null,
    input.remediationUrl ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** What a change records: the action and its target; the actor, outcome and time are added. */
type ChangeEvent = Omit<NewAuditEvent, 'actor' | 'outcome' | 'source' | 'error'>;

/** What `Service.#change` hands the work of one change. */
interface ChangeContext {
  readonly tx: Queryable;
  readonly now: Date;
  /** Appends the change's (successful) audit event. */
  audit(event: ChangeEvent): Promise<void>;
  /** Appends the failure event for `problem` and hands the refusal back, to be returned. */
  refuse(event: ChangeEvent, problem: ProblemError): Promise<ProblemError>;
}

/** Idempotency keys older than this are forgotten (and may be used again). */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * What the server does, request by request. Every change and its audit event are written in one
 * transaction that starts by locking the console, so nothing is half written and one console's
 * changes are applied one at a time. Refusals that reached the rules (a conflict, no consent)
 * are audited as failures; malformed requests never get this far.
 */
export class Service {
  constructor(private readonly options: ServiceOptions) {}

  get #db(): Database {
    return this.options.database;
  }

  async getConnection(session: Session): Promise<Answer<Connection | null>> {
    const connection = await readConnection(this.#db, session.consoleId);
    return {
      status: 200,
      body: connection,
      headers: connection ? { ETag: etagOf(connection.version) } : undefined,
    };
  }

  async verifyConsent(
    session: Session,
    input: Pick<ConnectionInput, 'tenantType' | 'tenantId'>,
    outcome: ConsentOutcome,
  ): Promise<Answer<ConsentOutcome>> {
    const now = this.options.now();
    const at = now.toISOString();
    await this.#db.transaction(async (tx) => {
      const head = await lockConsole(tx, session.consoleId);
      const guid = outcome.verified ? (outcome.tenantGuid ?? null) : null;
      await tx.query(
        `INSERT INTO consent_verifications (console_id, tenant_type, tenant_id, verified_at,
           checked_at, last_verified, last_error, last_aadsts, tenant_guid)
         VALUES ($1, $2, $3, CASE WHEN $5 THEN $4::timestamptz END, $4, $5, $6, $7, $8)
         ON CONFLICT (console_id, tenant_type, tenant_id) DO UPDATE SET
           verified_at = EXCLUDED.verified_at, checked_at = $4, last_verified = $5,
           last_error = $6, last_aadsts = $7,
           tenant_guid = COALESCE($8, consent_verifications.tenant_guid)`,
        [
          session.consoleId,
          input.tenantType,
          input.tenantId,
          at,
          outcome.verified,
          outcome.verified ? null : outcome.error,
          outcome.verified ? null : (outcome.aadsts ?? null),
          guid,
        ],
      );
      // A check of the connected tenant marks the connection when it found it broken, and a
      // successful one clears the mark; a passing failure (throttled, unreachable) changes nothing.
      if (outcome.verified) {
        await tx.query(
          `UPDATE connections SET attention_error = NULL, attention_since = NULL,
             tenant_guid = COALESCE($4, tenant_guid)
           WHERE console_id = $1 AND tenant_type = $2 AND tenant_id = $3`,
          [session.consoleId, input.tenantType, input.tenantId, guid],
        );
      } else if (ATTENTION_ERRORS.has(outcome.error)) {
        await tx.query(
          `UPDATE connections SET attention_error = $4,
             attention_since = CASE WHEN attention_error IS NULL THEN $5::timestamptz
               ELSE attention_since END
           WHERE console_id = $1 AND tenant_type = $2 AND tenant_id = $3`,
          [session.consoleId, input.tenantType, input.tenantId, outcome.error, at],
        );
      }
      await appendEvent(
        tx,
        session.consoleId,
        head,
        {
          actor: session.actor,
          action: 'verify-consent',
          outcome: outcome.verified ? 'success' : 'failure',
          tenantId: input.tenantId,
          tenantType: input.tenantType,
          ...(outcome.verified ? {} : { error: outcome.error }),
          ...(!outcome.verified && outcome.aadsts ? { aadsts: outcome.aadsts } : {}),
          source: 'server',
        },
        now,
      );
    });
    return { status: 200, body: outcome };
  }

  /**
   * The consent check that allows connecting `input` now: the last one succeeded within the
   * verification window. Its tenant GUID (when the verifier read one) goes on the connection.
   */
  async #recentConsent(
    tx: Queryable,
    consoleId: string,
    input: ConnectionInput,
    now: Date,
  ): Promise<{ tenantGuid: string | null } | undefined> {
    const since = new Date(now.getTime() - this.options.verificationTtlMs).toISOString();
    const [row] = await tx.query<{ tenant_guid: string | null }>(
      `SELECT tenant_guid FROM consent_verifications
       WHERE console_id = $1 AND tenant_type = $2 AND tenant_id = $3 AND verified_at >= $4`,
      [consoleId, input.tenantType, input.tenantId, since],
    );
    return row ? { tenantGuid: row.tenant_guid } : undefined;
  }

  /**
   * What `GET /health` answers: the connected tenant's last consent check, and Intune's partner
   * record as `readPartner` reports it (read outside any transaction: it calls Microsoft).
   */
  async health(
    session: Session,
    readPartner: (target: ConnectionInput) => Promise<PartnerReport>,
    heartbeatMaxAgeMinutes: number,
  ): Promise<Answer<ConnectionHealth>> {
    const connection = await readConnection(this.#db, session.consoleId);
    if (!connection) {
      throw new ProblemError(
        'not-connected',
        'No tenant is connected to this console: there is no health to report.',
      );
    }
    const [check] = await this.#db.query<{
      checked_at: Date;
      last_verified: boolean;
      last_error: string | null;
      last_aadsts: string | null;
    }>(
      `SELECT checked_at, last_verified, last_error, last_aadsts FROM consent_verifications
       WHERE console_id = $1 AND tenant_type = $2 AND tenant_id = $3`,
      [session.consoleId, connection.tenantType, connection.tenantId],
    );
    const report = await readPartner(connection);
    const health: ConnectionHealth = {
      checkedAt: this.options.now().toISOString(),
      partner: report.partner,
      ...(report.partner === null ? { partnerProblem: report.problem } : {}),
      lastVerification: check
        ? {
            at: check.checked_at.toISOString(),
            verified: check.last_verified,
            ...(check.last_error !== null ? { error: check.last_error } : {}),
            ...(check.last_aadsts !== null ? { aadsts: check.last_aadsts } : {}),
          }
        : null,
      heartbeatMaxAgeMinutes,
    };
    return { status: 200, body: health };
  }

  /**
   * Runs one change of a console in a transaction that starts by locking the console. `work`
   * writes the change with its audit event (`audit`), or returns a refusal made by `refuse`,
   * which writes the failure event: the refusal is thrown once the transaction committed, so the
   * failure event is kept while the change itself was never made. Both events carry the
   * session's actor and the server's clock.
   */
  async #change<T>(
    session: Session,
    work: (change: ChangeContext) => Promise<Answer<T> | ProblemError>,
  ): Promise<Answer<T>> {
    const now = this.options.now();
    const result = await this.#db.transaction(async (tx) => {
      let head = await lockConsole(tx, session.consoleId);
      const append = async (event: ChangeEvent, outcome: 'success' | 'failure', error?: string) => {
        ({ head } = await appendEvent(
          tx,
          session.consoleId,
          head,
          {
            ...event,
            actor: session.actor,
            outcome,
            source: 'server',
            ...(error ? { error } : {}),
          },
          now,
        ));
      };
      return work({
        tx,
        now,
        audit: (event) => append(event, 'success'),
        refuse: async (event, problem) => {
          await append(event, 'failure', problem.code);
          return problem;
        },
      });
    });
    if (result instanceof ProblemError) throw result;
    return result;
  }

  async createConnection(
    session: Session,
    input: ConnectionInput,
    idempotencyKey: string,
  ): Promise<Answer<Connection>> {
    const hash = requestHash(input);
    return this.#change(
      session,
      async ({ tx, now, audit, refuse }): Promise<Answer<Connection> | ProblemError> => {
        const [seen] = await tx.query<{
          request_hash: string;
          status: number;
          response: string;
        }>(
          `SELECT request_hash, status, response FROM idempotency_keys
         WHERE console_id = $1 AND idempotency_key = $2 AND created_at >= $3`,
          [
            session.consoleId,
            idempotencyKey,
            new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
          ],
        );
        if (seen) {
          if (seen.request_hash !== hash) {
            return new ProblemError(
              'idempotency-key-reused',
              'This Idempotency-Key was already used for a request with another body. Use a new key for a new request.',
            );
          }
          const replayed = JSON.parse(seen.response) as Connection;
          return {
            status: 201,
            body: replayed,
            headers: { ETag: etagOf(replayed.version), 'Idempotent-Replayed': 'true' },
          };
        }
        const target = {
          tenantId: input.tenantId,
          tenantType: input.tenantType,
          action: 'connect' as const,
        };
        const current = await readConnection(tx, session.consoleId);
        if (current) {
          return refuse(
            target,
            new ProblemError(
              'conflict',
              `Tenant ${current.tenantId} is already connected to this console. Disconnect it first, or edit it.`,
            ),
          );
        }
        const consent = await this.#recentConsent(tx, session.consoleId, input, now);
        if (!consent) {
          return refuse(
            target,
            new ProblemError(
              'not-verified',
              `Consent for tenant ${input.tenantId} (${input.tenantType}) has not been verified in the last ${Math.round(this.options.verificationTtlMs / 60000)} minutes. Call POST /consent/verify first.`,
            ),
          );
        }
        const at = now.toISOString();
        const connection: Connection = {
          ...input,
          connectedAt: at,
          updatedAt: at,
          version: 1,
          connectedBy: session.actor,
          ...(consent.tenantGuid !== null ? { tenantGuid: consent.tenantGuid } : {}),
        };
        await tx.query(
          `INSERT INTO connections (console_id, tenant_type, tenant_id, enrollment_url,
           remediation_url, connected_at, updated_at, version, connected_by, tenant_guid)
         VALUES ($1, $2, $3, $4, $5, $6, $6, 1, $7, $8)`,
          [
            session.consoleId,
            input.tenantType,
            input.tenantId,
            input.enrollmentUrl ?? null,
            input.remediationUrl ?? null,
            at,
            session.actor,
            consent.tenantGuid,
          ],
        );
        await audit(target);
        await tx.query('DELETE FROM idempotency_keys WHERE console_id = $1 AND created_at < $2', [
          session.consoleId,
          new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
        ]);
        await tx.query(
          `INSERT INTO idempotency_keys (console_id, idempotency_key, request_hash, status, response, created_at)
         VALUES ($1, $2, $3, 201, $4, $5)
         ON CONFLICT (console_id, idempotency_key) DO UPDATE
           SET request_hash = $3, status = 201, response = $4, created_at = $5`,
          [session.consoleId, idempotencyKey, hash, JSON.stringify(connection), at],
        );
        return { status: 201, body: connection, headers: { ETag: etagOf(1) } };
      },
    );
  }

  async updateConnection(
    session: Session,
    input: ConnectionInput,
    expectedVersion: number,
  ): Promise<Answer<Connection>> {
    return this.#change(
      session,
      async ({ tx, now, audit, refuse }): Promise<Answer<Connection> | ProblemError> => {
        const target = {
          tenantId: input.tenantId,
          tenantType: input.tenantType,
          action: 'edit' as const,
        };
        const current = await readConnection(tx, session.consoleId);
        if (!current) {
          return refuse(
            target,
            new ProblemError(
              'not-connected',
              'No tenant is connected to this console: there is nothing to edit.',
            ),
          );
        }
        const changes = changedFields(current, input);
        if (current.version !== expectedVersion) {
          return refuse(
            { ...target, changes },
            new ProblemError(
              'conflict',
              `The connection is at version ${current.version}; this edit was made on version ${expectedVersion}. Load it again, then edit.`,
              { status: 412, headers: { ETag: etagOf(current.version) } },
            ),
          );
        }
        if (changes.length === 0) {
          return { status: 200, body: current, headers: { ETag: etagOf(current.version) } };
        }
        const moved = needsNewConsent(current, input);
        const consent = moved
          ? await this.#recentConsent(tx, session.consoleId, input, now)
          : undefined;
        if (moved && !consent) {
          return refuse(
            { ...target, changes },
            new ProblemError(
              'not-verified',
              `Moving the connection to tenant ${input.tenantId} (${input.tenantType}) needs its consent verified first. Call POST /consent/verify.`,
            ),
          );
        }
        // Another tenant or cloud: its own GUID, and the old tenant's attention mark goes.
        const tenantGuid = moved ? (consent?.tenantGuid ?? undefined) : current.tenantGuid;
        const attention = moved ? undefined : current.attention;
        const connection: Connection = {
          ...input,
          connectedAt: current.connectedAt,
          updatedAt: now.toISOString(),
          version: current.version + 1,
          ...(current.connectedBy !== undefined ? { connectedBy: current.connectedBy } : {}),
          ...(tenantGuid !== undefined ? { tenantGuid } : {}),
          ...(attention !== undefined ? { attention } : {}),
        };
        await tx.query(
          `UPDATE connections SET tenant_type = $2, tenant_id = $3, enrollment_url = $4,
           remediation_url = $5, updated_at = $6, version = $7, tenant_guid = $8,
           attention_error = $9, attention_since = $10
         WHERE console_id = $1`,
          [
            session.consoleId,
            input.tenantType,
            input.tenantId,
            input.enrollmentUrl ?? null,
            input.remediationUrl ?? null,
            connection.updatedAt,
            connection.version,
            tenantGuid ?? null,
            attention?.error ?? null,
            attention?.since ?? null,
          ],
        );
        await audit({ ...target, changes });
        return { status: 200, body: connection, headers: { ETag: etagOf(connection.version) } };
      },
    );
  }

  async deleteConnection(session: Session, expectedVersion?: number): Promise<Answer<null>> {
    return this.#change(
      session,
      async ({ tx, audit, refuse }): Promise<Answer<null> | ProblemError> => {
        const current = await readConnection(tx, session.consoleId);
        if (!current) {
          return new ProblemError('not-connected', 'No tenant is connected to this console.');
        }
        const target = {
          tenantId: current.tenantId,
          tenantType: current.tenantType,
          action: 'disconnect' as const,
        };
        if (expectedVersion !== undefined && current.version !== expectedVersion) {
          return refuse(
            target,
            new ProblemError(
              'conflict',
              `The connection is at version ${current.version}, not ${expectedVersion}. Load it again before disconnecting.`,
              { status: 412, headers: { ETag: etagOf(current.version) } },
            ),
          );
        }
        await tx.query('DELETE FROM connections WHERE console_id = $1', [session.consoleId]);
        await audit(target);
        return { status: 204, body: null };
      },
    );
  }

  /**
   * Records a client-side observation: once per id; one by one up to the console's limit per
   * window, then only counted, so that a flood becomes one summary event instead of burying the
   * real entries. Summaries that became due are appended first, in the same transaction.
   */
  async recordClientEvent(
    session: Session,
    event: ClientAuditEvent,
  ): Promise<Answer<{ status: 'recorded' | 'duplicate' | 'summarized' }>> {
    const now = this.options.now();
    const { windowMs } = this.options.clientEvents;
    const perWindow = Math.min(this.options.clientEvents.perWindow, 2 ** 31 - 1);
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const consoleId = session.consoleId;
    const status = await this.#db.transaction(async (tx) => {
      const locked = await lockConsole(tx, consoleId, event.id);
      if (locked.eventSeen) return 'duplicate' as const;
      const head = await this.#summarizeDue(tx, consoleId, locked, now);
      const counted = await tx.query(
        `INSERT INTO client_event_windows (console_id, window_start, recorded) VALUES ($1, $2, 1)
         ON CONFLICT (console_id, window_start) DO UPDATE
           SET recorded = client_event_windows.recorded + 1
           WHERE client_event_windows.recorded < $3
         RETURNING recorded`,
        [consoleId, new Date(start).toISOString(), perWindow],
      );
      if (counted.length === 0) {
        await tx.query(
          `WITH counted AS (
             UPDATE client_event_windows SET suppressed = suppressed + $6,
               first_actor = COALESCE(first_actor, $3), first_tenant_type = COALESCE(first_tenant_type, $4)
             WHERE console_id = $1 AND window_start = $2 RETURNING 1
           )
           UPDATE consoles SET summary_due_at = LEAST(COALESCE(summary_due_at, $5), $5)
           WHERE console_id = $1 AND EXISTS (SELECT 1 FROM counted)`,
          [
            consoleId,
            new Date(start).toISOString(),
            session.actor,
            event.tenantType,
            new Date(start + windowMs).toISOString(),
            event.count ?? 1,
          ],
        );
        return 'summarized' as const;
      }
      await appendEvent(
        tx,
        consoleId,
        head,
        {
          id: event.id,
          actor: session.actor,
          action: event.action,
          outcome: event.outcome,
          tenantId: event.tenantId ?? '',
          tenantType: event.tenantType,
          error: event.error,
          ...(event.aadsts ? { aadsts: event.aadsts } : {}),
          ...(event.count !== undefined ? { count: event.count } : {}),
          source: 'client',
        },
        now,
      );
      return 'recorded' as const;
    });
    return {
      status: status === 'recorded' ? 201 : status === 'duplicate' ? 200 : 202,
      body: { status },
    };
  }

  /**
   * Inside a console's transaction: appends one summary event per ended window in which client
   * reports went past the limit, and moves the console's `summary_due_at` to the next window
   * still open (or clears it). Returns the head after the summaries.
   */
  async #summarizeDue(
    tx: Queryable,
    consoleId: string,
    head: ConsoleHead,
    now: Date,
  ): Promise<ConsoleHead> {
    if (head.summaryDueAt === null || head.summaryDueAt.getTime() > now.getTime()) return head;
    const { windowMs } = this.options.clientEvents;
    const windows = await tx.query<{
      window_start: Date;
      suppressed: number;
      first_actor: string;
      first_tenant_type: 'standard' | 'gcc-high';
    }>(
      `SELECT window_start, suppressed, first_actor, first_tenant_type FROM client_event_windows
       WHERE console_id = $1 AND suppressed > 0 AND NOT summarized ORDER BY window_start`,
      [consoleId],
    );
    let current = head;
    let nextDue: Date | null = null;
    for (const window of windows) {
      const end = window.window_start.getTime() + windowMs;
      if (end > now.getTime()) {
        nextDue ??= new Date(end);
        continue;
      }
      await tx.query(
        'UPDATE client_event_windows SET summarized = true WHERE console_id = $1 AND window_start = $2',
        [consoleId, window.window_start.toISOString()],
      );
      ({ head: current } = await appendEvent(
        tx,
        consoleId,
        current,
        {
          id: `client-summary-${window.window_start.getTime()}`,
          actor: window.first_actor,
          action: 'consent-rejected',
          outcome: 'failure',
          tenantId: '',
          tenantType: window.first_tenant_type,
          error: 'rate-limited',
          count: Number(window.suppressed),
          source: 'client',
        },
        now,
      ));
    }
    await tx.query('UPDATE consoles SET summary_due_at = $2 WHERE console_id = $1', [
      consoleId,
      nextDue?.toISOString() ?? null,
    ]);
    return { ...current, summaryDueAt: nextDue };
  }

  /**
   * Appends the summaries that are due, for one console or for every console (the periodic
   * sweep). A console with none due costs one index lookup; safe to run from several places at
   * once. Returns how many consoles were summarized.
   */
  async flushClientSummaries(consoleId?: string): Promise<number> {
    const now = this.options.now();
    const due = await this.#db.query<{ console_id: string }>(
      `SELECT console_id FROM consoles
       WHERE summary_due_at <= $1 AND ($2::text IS NULL OR console_id = $2)
       ORDER BY summary_due_at LIMIT 1000`,
      [now.toISOString(), consoleId ?? null],
    );
    for (const { console_id: id } of due) {
      await this.#db.transaction(async (tx) =>
        this.#summarizeDue(tx, id, await lockConsole(tx, id), now),
      );
    }
    return due.length;
  }
}
