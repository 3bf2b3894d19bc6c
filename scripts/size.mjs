// Prints the gzip size of the full registration entry (every element, Lit, @lit/context and zod
// bundled and minified, as an app would ship it) and fails when it exceeds the budget.
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { minifyTemplatesPlugin } from './minify-templates.mjs';

const BUDGET_KIB = 20;
const entries = {
  'define (all elements)': 'src/define/index.ts',
  'core only': 'src/core/index.ts',
  'callback page': 'src/callback/consent-callback.ts',
};

async function bundle(entry) {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: [minifyTemplatesPlugin()],
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'bundle' },
      rolldownOptions: { output: { codeSplitting: false } },
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
let failed = false;
for (const [name, entry] of Object.entries(entries)) {
  const { raw, gzip } = await bundle(entry);
  const budget = name.startsWith('define') ? BUDGET_KIB * 1024 : undefined;
  const verdict =
    budget === undefined
      ? ''
      : gzip <= budget
        ? ` (budget ${BUDGET_KIB} KiB: ok)`
        : ` (budget ${BUDGET_KIB} KiB: OVER)`;
  console.log(
    `${name.padEnd(24)} ${kib(raw).padStart(10)} minified  ${kib(gzip).padStart(9)} gzip${verdict}`,
  );
  if (budget !== undefined && gzip > budget) failed = true;
}
if (failed) {
  console.error(`The registration entry is over its ${BUDGET_KIB} KiB gzip budget.`);
  process.exit(1);
}
