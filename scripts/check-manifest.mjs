// Checks that the committed custom-elements.json matches the sources (`npm run manifest:check`).
// Regenerates the manifest into a temporary directory with the project's own analyzer config and
// compares it with the committed one. Exits 1 when they differ, 0 when they match.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committedPath = join(root, 'custom-elements.json');
const configPath = join(root, 'custom-elements-manifest.config.mjs');
const STALE = 'custom-elements.json is stale: run npm run manifest';

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

if (!existsSync(committedPath)) {
  console.error('custom-elements.json is missing: run npm run manifest');
  process.exit(1);
}

const workDir = mkdtempSync(join(tmpdir(), 'manifest-check-'));
let exitCode = 1;
try {
  // The project's config, except that it must not rewrite package.json's `customElements`
  // to point at the temporary directory.
  const checkConfig = join(workDir, 'custom-elements-manifest.check.mjs');
  writeFileSync(
    checkConfig,
    `import config from ${JSON.stringify(pathToFileURL(configPath).href)};\n` +
      'export default { ...config, packagejson: false };\n',
  );
  // The analyzer joins --outdir to the working directory, so give it a relative path.
  const outDir = join(workDir, 'out');
  const run = spawnSync(
    process.execPath,
    [cli, 'analyze', '--config', checkConfig, '--outdir', relative(root, outDir), '--quiet'],
    { cwd: root, encoding: 'utf8' },
  );
  const generatedPath = join(outDir, 'custom-elements.json');
  if (run.status !== 0 || !existsSync(generatedPath)) {
    console.error('Could not regenerate the manifest:');
    console.error(run.error?.message ?? `${run.stdout}${run.stderr}`.trim());
  } else if (sameJson(committedPath, generatedPath)) {
    console.log('custom-elements.json is up to date.');
    exitCode = 0;
  } else {
    console.error(STALE);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
