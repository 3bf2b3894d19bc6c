import type { StorybookConfig } from '@storybook/web-components-vite';
import { fileURLToPath } from 'node:url';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  // addon-vitest: the stories also run as tests, in Vitest (vitest.config.ts, `npm test`).
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      builder: {
        // The root vite.config.ts serves the demo (`root: 'demo'`, a fixed port): Storybook
        // gets its own, so it inherits none of that.
        viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
      },
    },
  },
  core: { disableTelemetry: true },
  viteFinal: (config) => ({
    ...config,
    // Storybook's own docs and axe bundles pass 500 kB; the kit's chunks are a few kB.
    build: { ...config.build, chunkSizeWarningLimit: 1500 },
  }),
};

export default config;
