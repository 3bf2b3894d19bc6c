import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./demo/${name}.html`, import.meta.url));

/**
 * Mounts the reference server at /api of the dev server, on the embedded PGlite database in
 * DATA_DIR (default .data/pglite), or on PostgreSQL when DATABASE_URL is set.
 */
function referenceServer(): Plugin {
  return {
    name: 'reference-server',
    apply: 'serve',
    async configureServer(server) {
      const { mountReferenceServer } = await import('./server/dev.js');
      const { DatabaseStartError } = await import('./server/db/database.js');
      let mounted;
      try {
        mounted = await mountReferenceServer({
          dataDir: process.env.DATA_DIR || undefined,
          url: process.env.DATABASE_URL || undefined,
        });
      } catch (error) {
        if (!(error instanceof DatabaseStartError)) throw error;
        server.config.logger.error(`reference server: ${error.message}`);
        process.exit(1);
      }
      const api = mounted;
      server.httpServer?.once('close', () => void api.close());
      server.middlewares.use('/api', (request, response) => void api.handle(request, response));
      server.config.logger.info(
        `  Reference server at /api (${api.database.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${process.env.DATA_DIR || '.data/pglite'}`})`,
      );
    },
  };
}

// The demo console (`npm start`): a Vite dev server on PORT (default 5173) serving demo/, with the
// reference server at /api.
export default defineConfig({
  root: 'demo',
  plugins: [referenceServer()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    host: process.env.HOST ?? 'localhost',
  },
  preview: {
    port: Number(process.env.PORT ?? 5173),
  },
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    // The console, the local consent stand-in and the consent callback (redirect URI) page.
    rolldownOptions: {
      input: {
        index: page('index'),
        'consent-stand-in': page('consent-stand-in'),
        'consent-callback': page('consent-callback'),
      },
    },
  },
});
