/**
 * The reference server mounted inside another Node server (the demo's Vite dev server, the
 * browser test runner), on the embedded database by default, with the development
 * authenticator. Requests are handed over as Node `IncomingMessage` / `ServerResponse` pairs.
 */
import { getRequestListener } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_DATA_DIR, createDevAuthenticator, createServer, openDatabase } from './index.js';
import type { Database } from './db/database.js';

export interface MountedServer {
  /** Answers one request; its URL must already be relative to the mount point. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  readonly database: Database;
  close(): Promise<void>;
}

export async function mountReferenceServer(
  options: { dataDir?: string; url?: string } = {},
): Promise<MountedServer> {
  const database = await openDatabase({
    url: options.url,
    dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
  });
  const app = createServer({
    database,
    authenticate: createDevAuthenticator(),
    summarySweepMs: 60_000,
  });
  const listener = getRequestListener(app.fetch);
  return {
    handle: (request, response) => listener(request, response),
    database,
    close: () => database.close(),
  };
}
