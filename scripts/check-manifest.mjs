// Checks that the committed custom-elements.json, and the typings and editor data generated with it
// in types/, match the sources (`npm run manifest:check`). Regenerates them all into a temporary
// directory with the project's own analyzer config and compares each with the committed one.
// Exits 1 when any differs or is missing, 0 when they all match.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committedPath = join(root, 'custom-elements.json');
const configPath = join(root, 'custom-elements-manifest.config.mjs');
const { GENERATED_FILES, TYPES_DIR } = await import(pathToFileURL(configPath).href);

const require = createRequire(import.meta.url);
const analyzerDir = dirname(require.resolve('@custom-elements-manifest/analyzer/package.json'));
const cli = join(analyzerDir, 'cem.js');

/** Same content, whatever the formatting; a committed file that is not JSON is stale too. */
function sameJson(committedPath, generatedPath) {
  const generated = JSON.parse(readFileSync(generatedPath, 'utf8'));
  try {
    const committed = JSON.parse(readFileSync(committedPath, 'utf8'));
    return JSON.stringify(committed) === JSON.stringify(generated);
  } catch {
    return false;
  }
}

/**
 * What the manifest must say of the package as published: each module is a built file in `dist/`
 * (from a module in `src/`), and each reference inside the package names a declaration of the
 * manifest.
 */
function shippedAndResolved(manifest) {
  const problems = [];
  const declared = new Set();
  for (const mod of manifest.modules) {
    const source = mod.path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
    if (!/^dist\/.+\.js$/.test(mod.path) || !existsSync(join(root, source))) {
      problems.push(`module ${mod.path} is not a file the build ships from src/`);
    }
    for (const declaration of mod.declarations ?? [])
      declared.add(`${mod.path}#${declaration.name}`);
  }
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    if (typeof value.module === 'string' && !value.package) {
      if (!declared.has(`${value.module}#${value.name}`)) {
        problems.push(`${value.name} in ${value.module} does not resolve to a declaration`);
      }
    }
    Object.values(value).forEach(visit);
  };
  visit(manifest.modules);
  return [...new Set(problems)];
}

if (!existsSync(committedPath)) {
  console.error('custom-elements.json is missing: run npm run manifest');
  process.exit(1);
}

const workDir = mkdtempSync(join(tmpdir(), 'manifest-check-'));
let exitCode = 1;
try {
  // The project's config, except that it must not rewrite package.json's `customElements`
  // to point at the temporary directory, and writes the typings beside the manifest.
  const outDir = join(workDir, 'out');
  const typesDir = join(outDir, TYPES_DIR);
  const checkConfig = join(workDir, 'custom-elements-manifest.check.mjs');
  writeFileSync(
    checkConfig,
    `import { createConfig } from ${JSON.stringify(pathToFileURL(configPath).href)};\n` +
      `export default { ...createConfig({ typesDir: ${JSON.stringify(typesDir)} }), packagejson: false };\n`,
  );
  // The analyzer joins --outdir to the working directory, so give it a relative path.
  const run = spawnSync(
    process.execPath,
    [cli, 'analyze', '--config', checkConfig, '--outdir', relative(root, outDir), '--quiet'],
    { cwd: root, encoding: 'utf8' },
  );
  const generatedPath = join(outDir, 'custom-elements.json');
  if (run.status !== 0 || !existsSync(generatedPath)) {
    console.error('Could not regenerate the manifest:');
    console.error(run.error?.message ?? `${run.stdout}${run.stderr}`.trim());
  } else {
    const stale = [];
    if (!sameJson(committedPath, generatedPath)) stale.push('custom-elements.json');
    const problems = shippedAndResolved(JSON.parse(readFileSync(generatedPath, 'utf8')));
    for (const problem of problems) console.error(`custom-elements.json: ${problem}`);
    // The generated files are written formatted (Prettier, the project's config): compare the text.
    for (const name of GENERATED_FILES) {
      const committed = join(root, TYPES_DIR, name);
      const generated = readFileSync(join(typesDir, name), 'utf8');
      if (!existsSync(committed) || readFileSync(committed, 'utf8') !== generated) {
        stale.push(`${TYPES_DIR}/${name}`);
      }
    }
    for (const name of stale) console.error(`${name} is stale: run npm run manifest`);
    if (problems.length === 0 && stale.length === 0) {
      console.log(
        `custom-elements.json and ${GENERATED_FILES.length} generated files in ${TYPES_DIR}/ are up to date.`,
      );
      exitCode = 0;
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
