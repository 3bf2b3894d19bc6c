import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';

/**
 * Vitest's browser mode on the system's Chromium, headless, through Playwright (which downloads
 * no browser of its own): the `test.browser` of every Vitest project of the kit (the stories, the
 * React components). Reduced motion makes dialogs open without their fade, so what a test or an
 * accessibility check sees is the final frame. A missing Chromium is reported when a project
 * starts, with the fix.
 */
export function systemChromium() {
  const executablePath = findChromium();
  const provider = playwright({
    launchOptions: { executablePath, args: [...CHROMIUM_ARGS] },
    contextOptions: { reducedMotion: 'reduce' },
  });
  return {
    enabled: true,
    headless: true,
    provider: {
      ...provider,
      providerFactory: (project: Parameters<typeof provider.providerFactory>[0]) => {
        if (!executablePath) {
          throw new Error(
            'No Chromium found. Install one (apt-get install -y chromium) or set CHROME_PATH.',
          );
        }
        return provider.providerFactory(project);
      },
    },
    instances: [{ browser: 'chromium' as const }],
    // A failed test reports its assertion; no screenshot is written into the repository.
    screenshotFailures: false,
  };
}
