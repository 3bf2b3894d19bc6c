import { defineConfig } from 'vite';
import { minifyTemplatesPlugin } from './scripts/minify-templates.mjs';

// The standalone bundle, for pages without a bundler: one minified ES module per entry with
// everything it needs (Lit and zod included). Entries share their common code through chunks in
// `chunks/`, so a page that loads two entries loads Lit once and registers each element once.
export default defineConfig({
  plugins: [minifyTemplatesPlugin()],
  // Lit's production build, without its development warnings.
  resolve: { conditions: ['production'] },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist/standalone',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    lib: {
      entry: {
        define: 'src/define/index.ts',
        'define/tenant-type-picker': 'src/define/tenant-type-picker.ts',
        'define/azure-connect-form': 'src/define/azure-connect-form.ts',
        'define/consent-dialog': 'src/define/consent-dialog.ts',
        'define/connection-actions': 'src/define/connection-actions.ts',
        'define/azure-connection-health': 'src/define/azure-connection-health.ts',
        'define/azure-device-compliance': 'src/define/azure-device-compliance.ts',
        'http-adapter': 'src/adapter/http-adapter.ts',
        'consent-callback': 'src/callback/consent-callback.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
