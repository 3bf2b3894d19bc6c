import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./demo/${name}.html`, import.meta.url));

// The demo console (`npm start`): a Vite dev server on PORT (default 5173) serving demo/.
export default defineConfig({
  root: 'demo',
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
