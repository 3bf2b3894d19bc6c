import pg from 'pg';
import {
  DatabaseStartError,
  DatabaseUnavailableError,
  type Database,
  type Queryable,
  type Row,
} from './database.js';

/** SQLSTATE classes and codes that mean "the server is not there right now". */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True for errors that say the database cannot be reached (as opposed to a bad query). */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) {
      return true;
    }
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    error.message,
  );
}

function translate(error: unknown): unknown {
  return isUnavailable(error) && !(error instanceof DatabaseUnavailableError)
    ? new DatabaseUnavailableError('PostgreSQL cannot be reached.', { cause: error })
    : error;
}

/** `postgres://user:secret@host/db` without the password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

/**
 * Statement names by SQL text. Every query runs as a named prepared statement, so PostgreSQL
 * parses and plans each distinct statement once per connection, not once per call. The server's
 * statements are constants, so the map stays small.
 */
const statementNames = new Map<string, string>();

function prepared(sql: string, params: readonly unknown[]): pg.QueryConfig {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `acc_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: [...params] };
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      try {
        return (await client.query<T>(prepared(sql, params))).rows;
      } catch (error) {
        throw translate(error);
      }
    },
    async exec(sql: string) {
      try {
        await client.query(sql);
      } catch (error) {
        throw translate(error);
      }
    },
  };
}

export interface PostgresOptions {
  /** Most connections the pool opens. Default 10. */
  readonly max?: number;
  /** Called with pool errors (a connection dropped while idle); never with secrets. */
  readonly onError?: (error: Error) => void;
}

/**
 * PostgreSQL through a `pg` pool. Connection failures become `DatabaseUnavailableError` (the
 * server answers 503), and the pool reconnects by itself once the database is back. At start, an
 * unreachable database is a `DatabaseStartError` that says what to do.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
  });
  // Without a listener, a connection dropped while idle (a database restart) crashes Node.
  pool.on('error', (error) => options.onError?.(error));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(
      `Cannot reach PostgreSQL at ${redactUrl(url)} (${reason}). Start it and check DATABASE_URL, ` +
        'or unset DATABASE_URL to use the embedded database.',
      { cause: error },
    );
  }
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translate(error);
      }
      let broken: Error | undefined;
      // A connection that fails while it is checked out emits 'error' on the client, not on the
      // pool; without a listener that would crash the process (PostgreSQL restarting mid-request).
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollback) {
          // The connection itself failed: the pool must not hand it out again.
          broken = rollback instanceof Error ? rollback : new Error(String(rollback));
        }
        throw translate(error);
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
}
