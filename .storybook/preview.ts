import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../custom-elements.json';
// Registers every element of the kit under its default tag name.
import '../src/define/index.js';

// Fills the docs tables (attributes, properties, events, parts, CSS properties) from the JSDoc.
setCustomElementsManifest(manifest);

type Lang = 'en' | 'fr';
type Theme = 'light' | 'dark';

const isLang = (value: unknown): value is Lang => value === 'en' || value === 'fr';
const isTheme = (value: unknown): value is Theme => value === 'light' || value === 'dark';

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
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
      return html`<div
        class="story-wrapper"
        lang=${lang}
        theme=${theme}
        style="color-scheme: ${theme}; background: Canvas; color: CanvasText; padding: 1rem; min-block-size: 100%;"
      >
        ${story()}
      </div>`;
    },
  ],
};

export default preview;
