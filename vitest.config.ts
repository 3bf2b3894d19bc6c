import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { systemChromium } from './test/vitest-chromium.js';

// Vitest projects. `storybook`: every story of .storybook/main.ts rendered in Chromium, its play
// function run and the accessibility checks applied (`a11y.test: 'error'` in preview.ts), so a
// thrown error, a failed assertion or a violation fails the run. Run them alone with
// `npx vitest run --project storybook`.
export default defineConfig({
  test: {
    // Lit's development build (the one tests load) announces itself in every test file.
    onConsoleLog: (log) => !log.startsWith('Lit is in dev mode.'),
    projects: [
      {
        extends: true,
        plugins: [
          // Collects the stories named in .storybook/main.ts and nothing else: the unit tests
          // under test/ and server/test/ have their own runners.
          storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) }),
        ],
        optimizeDeps: {
          // Storybook's renderer imports this part of lit; pre-bundled with the rest of lit, the
          // page loads one copy of lit-html instead of two.
          include: ['lit/directive-helpers.js'],
        },
        test: {
          name: 'storybook',
          setupFiles: ['./.storybook/vitest.setup.ts'],
          // One page for every story file, one file at a time: Storybook's preview, axe and the
          // kit load once instead of once per file (about 10 s less on two cores), and no story
          // competes with another for focus. Each story still renders into a fresh canvas.
          isolate: false,
          fileParallelism: false,
          browser: systemChromium(),
        },
      },
    ],
  },
});
