import { defineConfig } from 'vite';
import { minifyTemplatesPlugin } from './scripts/minify-templates.mjs';

// The package build: one ES module per source module, Lit, zod, React and @lit/react left to the
// consumer's bundler (and Node's built-ins to Node, for the conformance command).
export default defineConfig({
  plugins: [minifyTemplatesPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        'define/index': 'src/define/index.ts',
        'define/tenant-type-picker': 'src/define/tenant-type-picker.ts',
        'define/azure-connect-form': 'src/define/azure-connect-form.ts',
        'define/consent-dialog': 'src/define/consent-dialog.ts',
        'define/connection-actions': 'src/define/connection-actions.ts',
        'define/azure-device-compliance': 'src/define/azure-device-compliance.ts',
        'core/index': 'src/core/index.ts',
        'adapter/adapter': 'src/adapter/adapter.ts',
        'adapter/browser-storage-adapter': 'src/adapter/browser-storage-adapter.ts',
        'adapter/http-adapter': 'src/adapter/http-adapter.ts',
        'contract/index': 'src/contract/index.ts',
        'conformance/index': 'src/conformance/index.ts',
        'conformance/cli': 'src/conformance/cli.ts',
        'audit/outbox': 'src/audit/outbox.ts',
        'callback/consent-callback': 'src/callback/consent-callback.ts',
        // The optional React components (`./react`): the only modules that import React.
        'react/index': 'src/react/index.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^react($|\/)/, /^node:/],
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
});
