// Setup for the stories run as tests (the `storybook` project of vitest.config.ts). Storybook's
// Vitest plugin applies preview.ts and the addons' annotations (the accessibility checks among
// them) by itself, so this file does not repeat them.
import { configure } from 'storybook/test';
import { beforeEach } from 'vitest';

// A query or `waitFor` that fails reports its message without a dump of the page: the page's
// light DOM is Storybook's scaffolding (the kit renders into shadow roots), and hundreds of lines
// of it would bury the message.
configure({
  getElementError: (message) => {
    const error = new Error(message ?? 'No element found.');
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

// Every story starts on empty browser storage, as on a first visit: a story that saves a
// connection (the browser-storage adapter) cannot change what a later one shows.
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
