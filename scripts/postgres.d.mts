export interface EnsureOptions {
  /** Progress messages (default: standard error). */
  log?: (message: string) => void;
}

export interface StartOptions extends EnsureOptions {
  /** Keep fsync, synchronous_commit and full_page_writes on (benchmarks). */
  durable?: boolean;
  /** Install PostgreSQL with apt-get when it is missing and this process is root. Default true. */
  install?: boolean;
  /** The directory holding initdb, pg_ctl and postgres. */
  binDir?: string;
}

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth, no password). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly baseDir: string;
  readonly logFile: string;
  readonly binDir: string;
  /** Fast shutdown (clients are disconnected); no-op when stopped. */
  stop(): Promise<void>;
  /** Starts again on the same port and data; no-op when running. */
  start(): Promise<void>;
  /** Immediate shutdown, then removes baseDir; idempotent. */
  destroy(): Promise<void>;
  /** Creates a database (name matching /^[a-z_][a-z0-9_]{0,62}$/) and returns its URL. */
  createDatabase(name: string): Promise<string>;
}

export function findPostgresBin(): string | undefined;
export function ensurePostgres(options?: EnsureOptions): Promise<string>;
export function startPostgres(options?: StartOptions): Promise<PostgresServer>;
