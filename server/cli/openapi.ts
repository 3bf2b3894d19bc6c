/**
 * `npm run openapi`: writes openapi.json from the contract. `npm run openapi -- --check` fails
 * (exit 1) when the committed file differs, so a stale contract document cannot land.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { openApiText } from '../openapi.js';

const target = new URL('../../openapi.json', import.meta.url);
const text = await openApiText();
if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error('openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is current.');
} else {
  await writeFile(target, text);
  console.log('openapi.json written.');
}
