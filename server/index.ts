/**
 * The reference server, as a library: `createServer(options)` returns the Hono app, and
 * `openDatabase` opens (and migrates) the embedded PGlite database or PostgreSQL.
 */
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { IN_MEMORY, openPglite } from './db/pglite.js';
import { openPostgres, type PostgresOptions } from './db/postgres.js';

export { createServer, type RequestLogEntry, type ServerOptions } from './app.js';
export {
  AuthError,
  DEV_ACTOR_HEADER,
  DEV_CONSOLE_HEADER,
  createDevAuthenticator,
  type Authenticator,
  type Session,
} from './auth.js';
export {
  attestationVerifier,
  type ConsentCheck,
  type ConsentOutcome,
  type ConsentVerifier,
  type PartnerReport,
} from './verifier.js';
export {
  createMicrosoftVerifier,
  graphScopeOf,
  type AppCredential,
  type CloudApp,
  type MicrosoftOptions,
} from './microsoft/verifier.js';
export { MicrosoftConfigError, microsoftOptionsFromEnv } from './microsoft/config.js';
export { verifyChain, type ChainVerdict } from './audit/query.js';
export {
  DatabaseStartError,
  DatabaseUnavailableError,
  type Database,
  type Queryable,
} from './db/database.js';
export { migrate, IN_MEMORY };

export interface DatabaseOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used. */
  readonly url?: string;
  /** Directory of the embedded database (default `.data/pglite`), or `memory://`. */
  readonly dataDir?: string;
  /** PostgreSQL pool settings. */
  readonly postgres?: PostgresOptions;
}

export const DEFAULT_DATA_DIR = '.data/pglite';

/**
 * Opens the database the options name (PostgreSQL when `url` is set, else the embedded PGlite
 * in `dataDir`) and applies the migrations. Throws `DatabaseStartError` with what to do when it
 * cannot: another process holds the embedded directory, PostgreSQL cannot be reached, a
 * migration file changed after it was applied.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const db = options.url
    ? await openPostgres(options.url, options.postgres)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
