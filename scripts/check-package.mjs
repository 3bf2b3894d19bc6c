// Checks the package as it would be published (`npm run package:check`): builds it, then fails
// when an `exports` target (code or types) is missing or left out of the tarball, when an element
// in custom-elements.json has no registration entry, when the tarball carries tests, stories or
// the demo, when the built registration entry or React entry does not bundle on its own with its
// dependencies, when an entry other than `./react` imports React (or the React entry bundles it),
// when publint (strict) or Are the Types Wrong (ESM-only profile) find a problem in the tarball, or
// when the standalone bundle does not load in a plain page (scripts/check-standalone.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    console.error(`package check: ${command} ${args.join(' ')} failed`);
    process.exit(result.status || 1);
  }
  return result.stdout;
}

run('npm', ['run', '-s', 'build']);

// Every export target, with `*` patterns expanded against what the build wrote.
const targets = [];
for (const [subpath, value] of Object.entries(pkg.exports)) {
  const conditions = typeof value === 'string' ? { default: value } : value;
  for (const target of Object.values(conditions)) {
    if (!target.includes('*')) {
      targets.push({ subpath, target });
      continue;
    }
    const [before, after] = target.split('*');
    const dir = join(root, before.slice(0, before.lastIndexOf('/')));
    const prefix = before.slice(before.lastIndexOf('/') + 1);
    const matches = existsSync(dir)
      ? readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith(after))
      : [];
    if (matches.length === 0) problems.push(`${subpath}: nothing matches ${target}`);
    for (const name of matches) {
      const stem = name.slice(prefix.length, name.length - after.length);
      targets.push({ subpath: subpath.replace('*', stem), target: target.replace('*', stem) });
    }
  }
}

const packed = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']))[0];
const files = new Set(packed.files.map((file) => file.path));
for (const { subpath, target } of targets) {
  const path = target.replace(/^\.\//, '');
  if (!existsSync(join(root, path))) problems.push(`${subpath}: ${target} was not built`);
  else if (!files.has(path)) problems.push(`${subpath}: ${target} is not in the package`);
}

// Every command in `bin` is built, packed, and starts with a Node shebang.
for (const [name, target] of Object.entries(pkg.bin ?? {})) {
  const path = target.replace(/^\.\//, '');
  if (!existsSync(join(root, path))) problems.push(`bin ${name}: ${target} was not built`);
  else if (!files.has(path)) problems.push(`bin ${name}: ${target} is not in the package`);
  else if (!readFileSync(join(root, path), 'utf8').startsWith('#!/usr/bin/env node\n'))
    problems.push(`bin ${name}: ${target} does not start with #!/usr/bin/env node`);
}

for (const file of files) {
  if (
    /^(test|stories|demo|scripts|server|\.storybook|src)\//.test(file) ||
    file.startsWith('dist/demo/')
  )
    problems.push(`the package carries ${file}`);
}

const manifest = JSON.parse(readFileSync(join(root, pkg.customElements), 'utf8'));
const tags = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).flatMap((declaration) =>
    declaration.tagName ? [declaration.tagName] : [],
  ),
);
if (tags.length === 0) problems.push('custom-elements.json declares no element');
// The manifest describes the published package: each module it names is in the tarball.
for (const module of manifest.modules) {
  if (!files.has(module.path)) problems.push(`custom-elements.json: ${module.path} is not packed`);
}
const webTypes = pkg['web-types']?.replace(/^\.\//, '');
if (webTypes && !files.has(webTypes)) problems.push(`web-types: ${webTypes} is not packed`);
for (const tag of tags) {
  if (!targets.some(({ subpath }) => subpath === `./define/${tag}`))
    problems.push(`<${tag}> has no ./define/${tag} entry`);
}

// The built registration entry and React entry must bundle on their own: every import they make
// resolves (Lit, zod, React and @lit/react from node_modules).
for (const entry of ['dist/define/index.js', 'dist/react/index.js']) {
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        lib: { entry: join(root, entry), formats: ['es'], fileName: 'bundle' },
      },
    });
  } catch (error) {
    problems.push(`${entry} does not bundle: ${error.message.split('\n')[0]}`);
  }
}

// React stays optional: the built module graph of every entry but `./react` (followed through its
// relative imports) imports neither React nor @lit/react, and the React entry imports React rather
// than carrying a copy of it.
const REACT_IMPORT = /^(react|react-dom)($|\/)|^@lit\/react($|\/)/;
/** The bare imports (package names) of a built module and of every module it reaches in dist/. */
function bareImportsOf(entry) {
  const bare = new Map();
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift();
    const source = readFileSync(file, 'utf8');
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (!fileName.startsWith('.')) {
        if (!bare.has(fileName)) bare.set(fileName, file);
        continue;
      }
      const next = join(dirname(file), fileName);
      if (seen.has(next)) continue;
      seen.add(next);
      if (existsSync(next)) queue.push(next);
      else problems.push(`${relative(root, file)} imports ${fileName}, which was not built`);
    }
  }
  return bare;
}
const modules = [
  ...targets.map(({ subpath, target }) => ({ name: subpath, target })),
  ...Object.entries(pkg.bin ?? {}).map(([name, target]) => ({ name: `bin ${name}`, target })),
];
for (const { name, target } of modules) {
  const file = join(root, target);
  if (!target.endsWith('.js') || !existsSync(file)) continue;
  const bare = bareImportsOf(file);
  if (name === './react') {
    if (!bare.has('react')) problems.push(`./react: ${target} does not import react`);
    continue;
  }
  for (const [specifier, importer] of bare) {
    if (REACT_IMPORT.test(specifier))
      problems.push(`${name}: ${relative(root, importer)} imports ${specifier}`);
  }
}

// publint (strict) and Are the Types Wrong (ESM-only profile) on the tarball as published.
const packDir = mkdtempSync(join(tmpdir(), 'package-check-'));
try {
  const [{ filename }] = JSON.parse(
    run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir]),
  );
  const tarball = join(packDir, filename);
  for (const [name, args] of [
    ['publint', ['publint', '--strict', tarball]],
    ['attw', ['attw', tarball, '--profile', 'esm-only', '--format', 'ascii']],
  ]) {
    const result = spawnSync('npx', ['--no-install', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    if (result.status !== 0) {
      process.stderr.write(result.stdout + result.stderr);
      problems.push(`${name} reports problems (above)`);
    }
  }
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

// The standalone bundle loads in a plain page, without a bundler.
const standalone = spawnSync(process.execPath, [join(root, 'scripts/check-standalone.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (standalone.status !== 0) problems.push('the standalone bundle check failed');

if (problems.length > 0) {
  for (const problem of problems) console.error(`package check: ${problem}`);
  process.exit(1);
}
console.log(
  `package check: ${targets.length} export targets built and packed, ${tags.length} elements each with a registration entry, ${files.size} files in the tarball`,
);
