/**
 * The conformance suite that integrators run against their own backend, run here against the
 * reference server over real HTTP: on the embedded PGlite and on a real PostgreSQL, twice in a
 * row each (a second run must pass on the same server).
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { defineConformanceSuite, devSessions } from '../../src/conformance/index.js';
import { app, pglite, postgres, type Backend } from './helpers.js';

async function listen(backend: Backend): Promise<string> {
  const db = await backend.open();
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app(db).fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

for (const backend of [pglite, await postgres()]) {
  const baseUrl = await listen(backend);
  for (const run of [1, 2]) {
    describe(`conformance on ${backend.name}, run ${run}`, () => {
      defineConformanceSuite({
        test: (name, body) => it(name, body),
        baseUrl,
        sessions: devSessions,
      });
    });
  }
}
