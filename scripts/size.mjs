// Prints the gzip size of the full registration entry (every element, Lit, @lit/context and zod
// bundled and minified, as an app would ship it) and fails when it exceeds the budget. It also
// prints what each part costs: the entry is bundled again with that part left out, and the
// difference is that part's share.
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { minifyTemplatesPlugin } from './minify-templates.mjs';

const BUDGET_KIB = 20;
const DEFINE = 'src/define/index.ts';
const entries = {
  'define (all elements)': DEFINE,
  'core only': 'src/core/index.ts',
  'HTTP adapter (with zod/mini)': 'src/adapter/http-adapter.ts',
  'callback page': 'src/callback/consent-callback.ts',
};
/** The parts of the registration entry whose share is reported, by the modules they are. */
const parts = {
  'Lit and @lit/context': (id) => /^(lit|lit-html|lit-element|@lit\/[^/]+)(\/|$)/.test(id),
  'zod/mini': (id) => /^zod(\/|$)/.test(id),
  'English and French text': (id) => /\/i18n\/(en|fr)\.(ts|js)$/.test(id),
};

async function bundle(entry, external = () => false) {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: [minifyTemplatesPlugin()],
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'bundle' },
      // Library mode leaves whitespace in ES output (to keep pure annotations for the app's own
      // bundler); an app's build removes it, so the output is minified fully here.
      rolldownOptions: { external, output: { codeSplitting: false, minify: true } },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output);
  const code = outputs
    .filter((chunk) => chunk.type === 'chunk')
    .map((chunk) => chunk.code)
    .join('\n');
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const row = (name, raw, gzip, verdict = '') =>
  console.log(
    `${name.padEnd(36)} ${kib(raw).padStart(10)} minified  ${kib(gzip).padStart(9)} gzip${verdict}`,
  );

let failed = false;
for (const [name, entry] of Object.entries(entries)) {
  const { raw, gzip } = await bundle(entry);
  if (entry !== DEFINE) {
    row(name, raw, gzip);
    continue;
  }
  const over = gzip > BUDGET_KIB * 1024;
  row(name, raw, gzip, ` (budget ${BUDGET_KIB} KiB: ${over ? 'OVER' : 'ok'})`);
  failed ||= over;
  let rest = { raw, gzip };
  for (const [part, external] of Object.entries(parts)) {
    const without = await bundle(entry, external);
    row(`  of which ${part}`, raw - without.raw, gzip - without.gzip);
    rest = { raw: rest.raw - (raw - without.raw), gzip: rest.gzip - (gzip - without.gzip) };
  }
  row('  of which the kit’s code', rest.raw, rest.gzip);
}
if (failed) {
  console.error(`The registration entry is over its ${BUDGET_KIB} KiB gzip budget.`);
  process.exit(1);
}
