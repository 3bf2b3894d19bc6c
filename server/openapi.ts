import { generateSpecs } from 'hono-openapi';
import { readFileSync } from 'node:fs';
import { createServer } from './app.js';
import type { Database } from './db/database.js';

/** A database for describing the routes only: the document is built without a request. */
const unused: Database = {
  kind: 'pglite',
  query: () => Promise.reject(new Error('not connected')),
  exec: () => Promise.reject(new Error('not connected')),
  transaction: () => Promise.reject(new Error('not connected')),
  ping: async () => false,
  close: async () => undefined,
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * The OpenAPI 3.1 document of the HTTP contract, generated from the routes of the reference
 * server and the contract's schemas. `openapi.json` at the root is this, committed.
 */
export async function generateOpenApi(): Promise<Record<string, unknown>> {
  const app = createServer({ database: unused, authenticate: () => null });
  return (await generateSpecs(app, {
    defaultValidationErrorResponse: false,
    documentation: {
      info: {
        title: 'azure-compliance-connect backend',
        version: pkg.version,
        description: [
          'What `HttpAdapter` expects of a backend. Paths are relative to the backend’s base URL (for example `/api`).',
          '',
          '- Every request except `GET /healthz` belongs to a console session, read by the backend from its own cookie or token (`401 unauthorized` without one). The console and the actor recorded in the audit trail come from that session, never from a body.',
          '- Bodies are `application/json` (`415` otherwise), at most 16 KiB (`413`), with no unknown fields (`422 unknown-field`). Tenant IDs and URLs are checked with the kit’s own validators.',
          '- Requests that change something and carry an `Origin` other than the backend’s own are refused (`403 foreign-origin`).',
          '- Every error is an RFC 9457 `application/problem+json` document with the kit’s `code`; refused fields are listed in `errors`.',
          '- Every change writes its audit event in the same transaction. The audit trail is append-only and hash-chained per console.',
        ].join('\n'),
      },
      servers: [{ url: '/api', description: 'Where the demo mounts it' }],
      tags: [
        { name: 'Connection', description: 'The tenant connected to the console' },
        { name: 'Consent', description: 'Checking admin consent' },
        { name: 'Audit', description: 'The audit trail' },
        { name: 'Health', description: 'For load balancers and monitors' },
      ],
      components: {
        securitySchemes: {
          consoleSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'session',
            description:
              'The console’s own session (a cookie, or a bearer token sent by `HttpAdapter`’s `headers` hook), checked by the backend.',
          },
        },
      },
      security: [{ consoleSession: [] }],
    },
  })) as unknown as Record<string, unknown>;
}

/** The document as committed: two-space JSON with a final newline. */
export async function openApiText(): Promise<string> {
  return `${JSON.stringify(await generateOpenApi(), null, 2)}\n`;
}
