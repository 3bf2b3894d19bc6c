// `npm run size`: what a console downloads, bundled and minified as an app's build would do it
// (Lit, @lit/context and zod inside, unused exports dropped), gzip level 9 per file.
//
// Each scenario is a small app entry. Its first load is the entry file and every file that it
// imports statically; the rest are the chunks the kit loads on demand (the French text, the
// browser-storage adapter). The two goals are checked and the run fails when one is missed:
// - a console that brings its own adapter and speaks English: first load at most 28 KiB;
// - everything (French and the default adapter included): at most 36 KiB.
// The registration entry's first load is also split into parts (Lit, zod, text, the kit).
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { minifyTemplatesPlugin } from './minify-templates.mjs';

const FIRST_LOAD_GOAL_KIB = 28;
const EVERYTHING_GOAL_KIB = 36;
const src = (path) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** The apps measured: the source of their one module. */
const scenarios = {
  'registration (own adapter, English)': `import ${JSON.stringify(src('define/index.ts'))};`,
  'registration + HttpAdapter': [
    `import ${JSON.stringify(src('define/index.ts'))};`,
    `export { HttpAdapter } from ${JSON.stringify(src('adapter/http-adapter.ts'))};`,
  ].join('\n'),
  'core only': `export * from ${JSON.stringify(src('core/index.ts'))};`,
  'HTTP adapter (with zod/mini)': `export * from ${JSON.stringify(src('adapter/http-adapter.ts'))};`,
  'callback page': `export * from ${JSON.stringify(src('callback/consent-callback.ts'))};`,
};
const REGISTRATION = 'registration (own adapter, English)';

/**
 * The parts of the registration entry whose share is reported, by the imports that load them
 * (bare names, or the catalog's relative path).
 */
const parts = {
  'Lit and @lit/context': (id) => /^(lit|lit-html|lit-element|@lit\/[^/]+)(\/|$)/.test(id),
  'zod/mini': (id) => /^zod(\/|$)/.test(id),
  'English text': (id) => /(^\.|\/i18n)\/en\.(ts|js)$/.test(id),
};

const ENTRY = '\0size-entry';
function entryPlugin(source) {
  return {
    name: 'size-entry',
    resolveId: (id) => (id === ENTRY ? ENTRY : null),
    load: (id) => (id === ENTRY ? source : null),
  };
}

const gzip = (code) => gzipSync(code, { level: 9 }).length;

async function bundle(source, external = () => false) {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: [entryPlugin(source), minifyTemplatesPlugin()],
    build: {
      write: false,
      minify: true,
      modulePreload: false,
      // The entry's exports are what the app uses; the rest of the kit is left out.
      rolldownOptions: {
        input: ENTRY,
        preserveEntrySignatures: 'exports-only',
        external,
        output: { format: 'es', minify: true },
      },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((result) => result.output)
    .filter((file) => file.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entry = chunks.find((chunk) => chunk.isEntry);
  // The first load: the entry and, transitively, what it imports statically.
  const first = new Set();
  const visit = (chunk) => {
    if (!chunk || first.has(chunk)) return;
    first.add(chunk);
    for (const name of chunk.imports) visit(byName.get(name));
  };
  visit(entry);
  const lazy = chunks.filter((chunk) => !first.has(chunk));
  return { first: [...first], lazy };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const row = (name, raw, zipped, note = '') =>
  console.log(
    `${name.padEnd(44)} ${kib(raw).padStart(10)} minified  ${kib(zipped).padStart(9)} gzip${note}`,
  );
const sum = (chunks, size) => chunks.reduce((total, chunk) => total + size(chunk), 0);
const rawOf = (chunk) => Buffer.byteLength(chunk.code);
const gzipOf = (chunk) => gzip(chunk.code);

/** A chunk's name for the report: what it holds rather than its hashed file name. */
function describe(chunk) {
  const ids = Object.keys(chunk.modules).filter((id) => chunk.modules[id].renderedLength > 0);
  if (ids.some((id) => /\/src\/i18n\/fr\.ts$/.test(id))) return 'French text';
  if (ids.some((id) => /\/browser-storage-adapter\.ts$/.test(id))) return 'browser-storage adapter';
  return chunk.fileName;
}

const failures = [];
for (const [name, source] of Object.entries(scenarios)) {
  const { first, lazy } = await bundle(source);
  const firstGzip = sum(first, gzipOf);
  const allGzip = firstGzip + sum(lazy, gzipOf);
  if (name !== REGISTRATION) {
    row(
      name,
      sum(first, rawOf),
      firstGzip,
      lazy.length ? ` (+ ${kib(allGzip - firstGzip)} on demand)` : '',
    );
    continue;
  }
  const firstOk = firstGzip <= FIRST_LOAD_GOAL_KIB * 1024;
  const allOk = allGzip <= EVERYTHING_GOAL_KIB * 1024;
  row(
    `${name}, first load`,
    sum(first, rawOf),
    firstGzip,
    ` (goal ${FIRST_LOAD_GOAL_KIB} KiB: ${firstOk ? 'ok' : 'OVER'})`,
  );
  // A part's share: the first load bundled again without it, and the difference.
  let rest = { raw: sum(first, rawOf), gzip: firstGzip };
  for (const [part, test] of Object.entries(parts)) {
    const without = (await bundle(source, test)).first;
    const raw = sum(first, rawOf) - sum(without, rawOf);
    const zipped = firstGzip - sum(without, gzipOf);
    row(`  of which ${part}`, raw, zipped);
    rest = { raw: rest.raw - raw, gzip: rest.gzip - zipped };
  }
  row('  of which the kit’s code (the rest)', rest.raw, rest.gzip);
  for (const chunk of lazy) row(`  on demand: ${describe(chunk)}`, rawOf(chunk), gzipOf(chunk));
  row(
    `${name}, everything`,
    sum([...first, ...lazy], rawOf),
    allGzip,
    ` (goal ${EVERYTHING_GOAL_KIB} KiB: ${allOk ? 'ok' : 'OVER'})`,
  );
  if (!firstOk) failures.push(`first load over ${FIRST_LOAD_GOAL_KIB} KiB`);
  if (!allOk) failures.push(`everything over ${EVERYTHING_GOAL_KIB} KiB`);
}
if (failures.length) {
  console.error(`Size goals missed: ${failures.join('; ')}.`);
  process.exit(1);
}
