/**
 * The server's only view of its database: parameterised queries, multi-statement scripts (for
 * migrations) and transactions. Two implementations share the same SQL: PGlite (embedded, the
 * default) and PostgreSQL through `pg` (when `DATABASE_URL` is set).
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement with `$1`, `$2`... parameters; never build SQL from values. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Nothing of a failed request is ever half written.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Answers whether the database can be reached now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The database cannot be reached (stopped, restarting, network): the server answers
 * `503 unavailable` with `Retry-After` and recovers by itself when it is back.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** A database that cannot be opened at start; the message says what to do. */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}
