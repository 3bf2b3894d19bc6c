import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import type { Hono } from 'hono';
import { startPostgres, type PostgresServer } from '../../scripts/postgres.mjs';
import {
  DEV_ACTOR_HEADER,
  DEV_CONSOLE_HEADER,
  IN_MEMORY,
  createDevAuthenticator,
  createServer,
  openDatabase,
  type Database,
  type ServerOptions,
} from '../index.js';

export const TENANT = '6a1e2f3d-4c5b-4a69-8877-665544332211';
export const OTHER_TENANT = 'contoso.onmicrosoft.us';

/** A fresh console id per call: tests never share data. */
export const newConsole = () => `test-${randomUUID()}`;

export interface Backend {
  readonly name: 'PGlite' | 'PostgreSQL';
  open(): Promise<Database>;
  /** PostgreSQL only: the throwaway server, to stop and start it. */
  readonly postgres?: PostgresServer;
}

/** The embedded database, in memory. */
export const pglite: Backend = {
  name: 'PGlite',
  open: () => openDatabase({ dataDir: IN_MEMORY }),
};

/**
 * A real PostgreSQL server for this test file: installed from the system packages when missing
 * (as root), started on a free port, removed after the file's tests.
 */
export async function postgres(): Promise<Backend & { postgres: PostgresServer }> {
  const server = await startPostgres({ log: () => undefined });
  after(() => server.destroy());
  const url = await server.createDatabase(`acc_${randomUUID().replace(/-/g, '').slice(0, 12)}`);
  return {
    name: 'PostgreSQL',
    postgres: server,
    open: () => openDatabase({ url, postgres: { onError: () => undefined } }),
  };
}

export type App = Hono<{ Variables: { session: { consoleId: string; actor: string } } }>;

export function app(database: Database, options: Partial<ServerOptions> = {}): App {
  return createServer({ database, authenticate: createDevAuthenticator({}), ...options });
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  readonly text: string;
}

/** Calls the app as one console and actor, with JSON bodies. */
export function as(server: App, consoleId: string = newConsole(), actor = 'admin@contoso.example') {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const response = await server.request(path, {
      method,
      headers: {
        [DEV_CONSOLE_HEADER]: consoleId,
        [DEV_ACTOR_HEADER]: actor,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    consoleId,
    actor,
    call,
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      call('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) =>
      call('PUT', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) =>
      call('DELETE', path, undefined, headers),
    /** Verifies consent for the tenant, then connects it. */
    async connect(tenantId = TENANT, tenantType: 'standard' | 'gcc-high' = 'standard') {
      const verified = await call('POST', '/consent/verify', {
        tenantType,
        tenantId,
        via: 'manual',
      });
      if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${verified.text}`);
      const created = await call(
        'POST',
        '/connection',
        { tenantType, tenantId },
        { 'Idempotency-Key': `key-${randomUUID()}` },
      );
      if (created.status !== 201) throw new Error(`connect: ${created.status} ${created.text}`);
      return created;
    },
  };
}
