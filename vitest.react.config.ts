import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { systemChromium } from './test/vitest-chromium.js';

// The React components of `azure-compliance-connect/react` (src/react/), tested in headless
// Chromium with React rendering real elements (`npx vitest run --config vitest.react.config.ts`).
// React ships CommonJS, which Vite pre-bundles here and web-test-runner cannot load.
//
// Projects:
// - `react`: test/react/**/*.test.tsx with the React 19 of the devDependencies;
// - `react-18`: the same tests with React 18 (test/react-18/package.json, installed there by
//   `npm install --prefix test/react-18`), every import of react and react-dom, the components'
//   own included, resolved to that copy. While it is not installed it is left out with a note,
//   except under `npm test` (KIT_REQUIRE_REACT_18), where that is an error.

const include = ['test/react/**/*.test.tsx'];

/** Each element of custom-elements.json with the events it declares: the tests cover them all. */
function kitEvents(): Record<string, string[]> {
  interface Declaration {
    tagName?: string;
    events?: { name: string }[];
  }
  const manifest = JSON.parse(
    readFileSync(new URL('./custom-elements.json', import.meta.url), 'utf8'),
  ) as { modules: { declarations?: Declaration[] }[] };
  const events: Record<string, string[]> = {};
  for (const module of manifest.modules) {
    for (const { tagName, events: declared } of module.declarations ?? []) {
      if (tagName) events[tagName] = (declared ?? []).map((event) => event.name);
    }
  }
  return events;
}
const provide = { kitEvents: kitEvents() };

/** React and ReactDOM, with their entry points, taken from `dir` instead of node_modules. */
function reactFrom(dir: string) {
  return [
    { find: /^react(\/.*)?$/, replacement: `${dir}/react$1` },
    { find: /^react-dom(\/.*)?$/, replacement: `${dir}/react-dom$1` },
  ];
}

const NOTED = Symbol.for('azure-compliance-connect.react-18-note');
const react18 = fileURLToPath(new URL('./test/react-18/node_modules', import.meta.url));
const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'react',
      include,
      provide: { ...provide, reactMajor: 19 },
      browser: systemChromium(),
    },
  },
];
if (existsSync(`${react18}/react-dom/package.json`)) {
  projects.push({
    extends: true,
    resolve: { alias: reactFrom(react18) },
    test: {
      name: 'react-18',
      include,
      provide: { ...provide, reactMajor: 18 },
      browser: systemChromium(),
    },
  });
} else if (process.env['KIT_REQUIRE_REACT_18'] === '1') {
  // `npm test` installs React 18 first (scripts/ensure-deps.mjs): without it, fail, not skip.
  throw new Error(
    'React 18 is not installed in test/react-18: run npm install --prefix test/react-18.',
  );
} else if (!(NOTED in globalThis)) {
  // Vitest reads this file more than once in a run: the note is printed the first time.
  Object.defineProperty(globalThis, NOTED, { value: true });
  console.warn(
    'vitest.react.config.ts: React 18 is not installed (npm install --prefix test/react-18): ' +
      'the react-18 project is left out.',
  );
}

export default defineConfig({
  test: { projects },
});
