import { PGlite } from '@electric-sql/pglite';
import { resolve } from 'node:path';
import type { Database, Queryable, Row } from './database.js';
import { acquireLock } from './lock.js';

/** `DATA_DIR` value that keeps the embedded database in memory (tests, throwaway demos). */
export const IN_MEMORY = 'memory://';

function queryable(db: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<T>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, kept in `dataDir` (or in memory
 * with `memory://`). The directory is locked for this process (see `acquireLock`).
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === IN_MEMORY;
  const path = inMemory ? dataDir : resolve(dataDir);
  const release = inMemory
    ? () => undefined
    : acquireLock(`${path}.lock`, `The embedded database in ${path}`);
  let db: PGlite;
  try {
    db = await PGlite.create(inMemory ? undefined : path);
  } catch (error) {
    release();
    throw error;
  }
  return {
    kind: 'pglite',
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    async ping() {
      return !db.closed;
    },
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        release();
      }
    },
  };
}
