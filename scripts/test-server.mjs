// `npm run test:server`: the server-side tests on Node's test runner (TypeScript through tsx):
// the reference server on PGlite and on a real PostgreSQL, the conformance suite, the command-line
// tools and the demo in Chromium. Prints the totals as its last line (and to SERVER_TOTALS_FILE).
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';

const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only
    : readdirSync('server/test')
        .filter((name) => name.endsWith('.test.ts'))
        .sort()
        .map((name) => `server/test/${name}`);

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: ['inherit', 'pipe', 'inherit'] },
);
let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
const code = await new Promise((resolve) => child.on('close', resolve));
const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
const line = `${count('pass')} passed, ${count('fail') + count('cancelled')} failed, ${count('skipped') + count('todo')} skipped`;
console.log(`\nserver tests: ${line}`);
if (process.env.SERVER_TOTALS_FILE) writeFileSync(process.env.SERVER_TOTALS_FILE, line);
process.exit(code === 0 && count('pass') > 0 ? 0 : 1);
