/**
 * `npm run audit:verify -- --console ID` (or `--all`): walks the audit chain of a console and
 * names the first broken link. Exit code 0 when every chain holds, 1 when one is broken, 2 for
 * a usage or start error. Reads DATABASE_URL or DATA_DIR like the server; the embedded database
 * can be read only while no server holds it.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, DatabaseStartError, openDatabase, verifyChain } from '../index.js';
import { isConsoleId } from '../auth.js';

const usage = 'Usage: npm run audit:verify -- --console <console id> | --all';
let values: { console?: string; all?: boolean };
try {
  ({ values } = parseArgs({
    options: { console: { type: 'string' }, all: { type: 'boolean' } },
    strict: true,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if ((values.console === undefined) === (values.all !== true)) {
  console.error(usage);
  process.exit(2);
}
if (values.console !== undefined && !isConsoleId(values.console)) {
  console.error(`Not a console id: ${JSON.stringify(values.console)}\n${usage}`);
  process.exit(2);
}

let database;
try {
  database = await openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR || DEFAULT_DATA_DIR,
  });
} catch (error) {
  if (!(error instanceof DatabaseStartError)) throw error;
  console.error(error.message);
  process.exit(2);
}

let broken = 0;
try {
  const consoles = values.all
    ? (
        await database.query<{ console_id: string }>(
          'SELECT console_id FROM consoles ORDER BY console_id',
        )
      ).map((row) => row.console_id)
    : [values.console as string];
  for (const consoleId of consoles) {
    const verdict = await verifyChain(database, consoleId);
    if (verdict.ok) {
      console.log(
        `${consoleId}: ${verdict.events} events, chain intact (head ${verdict.head.slice(0, 16)}…).`,
      );
    } else {
      broken += 1;
      const id = verdict.eventId ? ` (id ${verdict.eventId})` : '';
      console.log(`${consoleId}: BROKEN at event ${verdict.seq}${id}: ${verdict.reason}.`);
    }
  }
} finally {
  await database.close();
}
process.exit(broken > 0 ? 1 : 0);
