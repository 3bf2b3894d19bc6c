import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { DatabaseStartError } from './database.js';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
      return { pid: owner.pid, host: owner.host, since: String(owner.since ?? '') };
    }
  } catch {
    // Unreadable or half written: treated as abandoned below.
  }
  return undefined;
}

/**
 * Takes the lock file `path` for this process, or throws a `DatabaseStartError` naming the
 * process that holds it. PGlite does not lock its directory itself, and two processes writing
 * one directory lose rows, so the server refuses to be the second one. A lock left by a process
 * that no longer runs (on this host) is taken over. Returns the function that releases it; it is
 * also released when the process exits.
 */
export function acquireLock(path: string, what: string): () => void {
  mkdirSync(dirname(path), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      const abandoned = !owner || (owner.host === me.host && !isAlive(owner.pid));
      if (abandoned && attempt === 0) {
        rmSync(path, { force: true });
        continue;
      }
      const who = owner
        ? `process ${owner.pid} on ${owner.host}, since ${owner.since}`
        : 'another process';
      throw new DatabaseStartError(
        `${what} is in use by ${who}. Only one server may use it at a time: stop the other ` +
          '`npm start` or `npm run server`, or set DATA_DIR to another directory. If no such ' +
          `process runs any more, delete ${path}.`,
      );
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readOwner(path)?.pid === me.pid) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return release;
}
