import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../custom-elements.json';
// Registers every element of the kit under its default tag name.
import '../src/define/index.js';

// Fills the docs tables (attributes, properties, events, parts, CSS properties) from the JSDoc.
setCustomElementsManifest(manifest);

type Lang = 'en' | 'fr';
type Theme = 'light' | 'dark';

/** A console's font stack, Segoe UI first for the look of Microsoft's admin centers. */
const CONSOLE_FONT =
  "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Roboto, Arial, sans-serif";

const isLang = (value: unknown): value is Lang => value === 'en' || value === 'fr';
const isTheme = (value: unknown): value is Theme => value === 'light' || value === 'dark';

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // The decorator draws the console's page and card, with their own spacing.
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'requiredFirst' },
    // Violations show in the Accessibility panel and fail story tests.
    a11y: { test: 'error' },
  },
  globalTypes: {
    lang: {
      description: 'Language of the elements (the `lang` of the wrapper around the story)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'en' },
          { value: 'fr', title: 'Français', right: 'fr' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour scheme of the page around the elements',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'en', theme: 'light' },
  decorators: [
    (story, { globals }) => {
      const lang: Lang = isLang(globals['lang']) ? globals['lang'] : 'en';
      const theme: Theme = isTheme(globals['theme']) ? globals['theme'] : 'light';
      // The elements follow the nearest `lang`; their colours follow the inherited `color-scheme`.
      // The frame is a console's: its page background, a card surface, and a console font (the
      // kit itself inherits the host's font, as it does in a real console).
      const page = theme === 'dark' ? '#111418' : '#f3f4f6';
      const surface = theme === 'dark' ? '#1f2227' : '#ffffff';
      const border = theme === 'dark' ? '#3a3f47' : '#d9dde3';
      const text = theme === 'dark' ? '#e8eaed' : '#1b1f24';
      return html`<div
        class="story-page"
        style="color-scheme: ${theme}; background: ${page}; padding: 1.5rem; min-block-size: 100vh; box-sizing: border-box;"
      >
        <div
          class="story-wrapper"
          lang=${lang}
          theme=${theme}
          style="font-family: ${CONSOLE_FONT}; font-size: 0.9375rem; line-height: 1.5; color: ${text}; background: ${surface}; border: 1px solid ${border}; border-radius: 0.5rem; padding: 1.5rem; max-inline-size: 48rem;"
        >
          ${story()}
        </div>
      </div>`;
    },
  ],
};

export default preview;
