// Type tests for the generated typings (`npm run typecheck:consumers`, part of `npm run typecheck`).
// Lays the package out as a consumer installs it, in test/types/node_modules/azure-compliance-connect
// (package.json, the committed types/ and the declarations that `npm run build` would ship in
// dist/), then compiles the consumer apps beside it, each `@ts-expect-error` or `@vue-expect-error`
// line marking a mistake that must stay an error:
// - test/types/react: React 19 TSX (tsc) using every tag through `azure-compliance-connect/jsx`
//   (app.tsx), and every component of `azure-compliance-connect/react` (wrappers.tsx);
// - test/types/vue: a Vue 3 SFC using every tag (vue-tsc, `strictTemplates`), through
//   `azure-compliance-connect/vue`.
// test/types/package.json makes the apps a package of their own, so that the import of
// `azure-compliance-connect` resolves to node_modules as a consumer's would, not to this repository
// by self-reference. Exits 1 on the first app that does not compile.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apps = join(root, 'test/types');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const installed = join(apps, 'node_modules', pkg.name);
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const vueTsc = join(dirname(require.resolve('vue-tsc/package.json')), 'bin/vue-tsc.js');

function run(label, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr + (result.error?.message ?? ''));
    console.error(`type tests: ${label} failed (${seconds} s)`);
    process.exit(1);
  }
  console.log(`type tests: ${label} (${seconds} s)`);
}

// The package as installed: what `files` ships of it that the compilers read.
rmSync(join(apps, 'node_modules'), { recursive: true, force: true });
mkdirSync(installed, { recursive: true });
cpSync(join(root, 'package.json'), join(installed, 'package.json'));
cpSync(join(root, 'types'), join(installed, 'types'), { recursive: true });
run('declarations built', [
  tsc,
  '-p',
  join(root, 'tsconfig.build.json'),
  '--outDir',
  join(installed, 'dist'),
]);

run('React 19 TSX compiles', [tsc, '-p', relative(root, join(apps, 'react/tsconfig.json'))]);
run('Vue 3 SFC compiles', [vueTsc, '-p', relative(root, join(apps, 'vue/tsconfig.json'))]);
