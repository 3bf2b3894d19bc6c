// A throwaway HTTP server for the standalone bundle (dist/standalone): `/` answers with the given
// page, `/dist/standalone/*` with the built files, anything else 404 (a favicon, 204). Used by the
// standalone check and the bench, which load the bundle as a page without a bundler would.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const standalone = join(root, 'dist/standalone');
const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

/**
 * Serves `page` at `/` and the bundle under `/dist/standalone/` on a free local port. `onRequest`
 * hears every path asked for. Returns the page's URL and `close()`.
 */
export async function serveStandalone(page, { onRequest } = {}) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    onRequest?.(path);
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = normalize(join(root, path));
    let body;
    try {
      if (!file.startsWith(`${standalone}/`)) throw new Error('outside the bundle');
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
