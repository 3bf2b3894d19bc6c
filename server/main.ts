/**
 * `npm run server`: the reference server on its own, with the development authenticator.
 *
 *   PORT             port to listen on (default 8787; taken strictly)
 *   HOST             address to listen on (default 127.0.0.1)
 *   DATABASE_URL     PostgreSQL connection string; without it the embedded PGlite is used
 *   DATA_DIR         directory of the embedded database (default .data/pglite), or memory://
 *   ALLOWED_ORIGINS  comma-separated origins allowed to send changes, besides the server's own
 *   MICROSOFT_*      the app registered in each cloud, to verify consent with Microsoft (see
 *                    "Verifying consent with Microsoft" in the README); without them, the
 *                    admin's word is recorded as consent
 *
 * It refuses to start with NODE_ENV=production: production needs an authenticator that checks
 * the console's real session (see "Writing your own backend" in the README).
 */
import { serve } from '@hono/node-server';
import {
  DEFAULT_DATA_DIR,
  DatabaseStartError,
  MicrosoftConfigError,
  microsoftOptionsFromEnv,
  type MicrosoftOptions,
  createDevAuthenticator,
  createServer,
  openDatabase,
  type Authenticator,
  type Database,
  type RequestLogEntry,
} from './index.js';
import { redactUrl } from './db/postgres.js';

function fail(message: string): never {
  console.error(`reference server: ${message}`);
  process.exit(1);
}

function logLine(entry: RequestLogEntry): void {
  const who = entry.consoleId ? ` console=${entry.consoleId}` : '';
  const code = entry.code ? ` ${entry.code}` : '';
  console.log(`${entry.method} ${entry.path} ${entry.status}${code} ${entry.ms} ms${who}`);
}

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`PORT must be 1 to 65535, not ${process.env.PORT}`);
const host = process.env.HOST ?? '127.0.0.1';
const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

let authenticate: Authenticator;
try {
  authenticate = createDevAuthenticator();
} catch (error) {
  fail(
    `${(error as Error).message} \`npm run server\` is for development; in production, serve createServer() from your own entry.`,
  );
}

let microsoft: MicrosoftOptions | undefined;
try {
  microsoft = microsoftOptionsFromEnv(process.env);
} catch (error) {
  if (error instanceof MicrosoftConfigError) fail(error.message);
  throw error;
}
const heartbeat = process.env.HEARTBEAT_MAX_AGE_MINUTES;
const heartbeatMaxAgeMinutes = heartbeat ? Number(heartbeat) : undefined;
if (
  heartbeatMaxAgeMinutes !== undefined &&
  !(Number.isSafeInteger(heartbeatMaxAgeMinutes) && heartbeatMaxAgeMinutes >= 1)
) {
  fail('HEARTBEAT_MAX_AGE_MINUTES must be a whole number of minutes from 1.');
}

let database: Database;
try {
  database = await openDatabase({
    url,
    dataDir,
    postgres: { onError: (error) => console.error(`PostgreSQL connection lost: ${error.message}`) },
  });
} catch (error) {
  if (error instanceof DatabaseStartError) fail(error.message);
  throw error;
}

const app = createServer({
  database,
  authenticate,
  allowedOrigins,
  summarySweepMs: 60_000,
  log: logLine,
  ...(microsoft ? { microsoft } : {}),
  ...(heartbeatMaxAgeMinutes !== undefined ? { heartbeatMaxAgeMinutes } : {}),
});

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const where = url ? `PostgreSQL at ${redactUrl(url)}` : `the embedded database in ${dataDir}`;
  console.log(`Reference server on http://${host}:${info.port} (${where}).`);
  console.log(
    'Development authenticator: send X-Dev-Console and X-Dev-Actor headers. Not for production.',
  );
  console.log(
    microsoft
      ? `Consent is verified with Microsoft for: ${Object.keys(microsoft.apps).join(', ')}; required permissions: ${microsoft.requiredRoles.join(', ')}.`
      : 'Consent is not verified with Microsoft (no MICROSOFT_* app configured): the admin’s word is recorded.',
  );
});
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    fail(`port ${port} is in use. Stop what listens there, or set PORT to another port.`);
  }
  fail(error.message);
});

let stopping = false;
async function shutdown(): Promise<void> {
  // A second signal (a terminal and a process manager both sending one) changes nothing.
  if (stopping) return;
  stopping = true;
  server.close();
  await database.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
