import { defineConfig } from 'vite';

// Storybook's own Vite config: nothing from the demo's vite.config.ts (root, port, outDir).
// Storybook sets the root, entry points and output directory itself.
export default defineConfig({
  // `storybook build --quiet` still lets Vite list every chunk; keep warnings and errors only.
  logLevel: 'warn',
});
