/**
 * Which backend the demo console runs on, kept in localStorage so that the console and its
 * consent callback page agree: the reference server at /api through `HttpAdapter` (the default),
 * or the embedded browser-storage adapter. Each backend (and each reference-server console) has
 * its own `storage-key`, so drafts, consent ledgers and audit outboxes never mix.
 */
import { consentChannelName } from '../src/callback/protocol.js';

export type DemoBackend = 'http' | 'browser';

const BACKEND_KEY = 'azure-compliance-connect-demo:backend';
const CONSOLE_KEY = 'azure-compliance-connect-demo:console';
/** Storage keys of reference-server consoles given up with "Start a new demo console". */
const RETIRED_KEY = 'azure-compliance-connect-demo:retired';

/** The element's default `storage-key`: the browser-storage mode keeps the demo's earlier data. */
export const BROWSER_STORAGE_KEY = 'azure-compliance-connect';

/** What the reference server's development authenticator accepts as a console id. */
const CONSOLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}

export function isDemoBackend(value: unknown): value is DemoBackend {
  return value === 'http' || value === 'browser';
}

/** The saved backend; the reference server unless the visitor chose this browser. */
export function savedBackend(): DemoBackend {
  const saved = read(BACKEND_KEY);
  return isDemoBackend(saved) ? saved : 'http';
}

export function saveBackend(backend: DemoBackend): void {
  write(BACKEND_KEY, backend);
}

/** This browser's reference-server console id, or undefined when none was made yet. */
export function savedConsoleId(): string | undefined {
  const saved = read(CONSOLE_KEY);
  return saved !== null && CONSOLE_ID.test(saved) ? saved : undefined;
}

/** A fresh console id: `demo-` and 16 random hex digits. */
function randomConsoleId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `demo-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** This browser's reference-server console id, made and saved on first use. */
export function demoConsoleId(): string {
  const saved = savedConsoleId();
  if (saved !== undefined) return saved;
  const id = randomConsoleId();
  write(CONSOLE_KEY, id);
  return id;
}

/** The element's `storage-key` for a backend (and, on the reference server, a console). */
export function storageKeyFor(backend: DemoBackend, consoleId: string | undefined): string {
  return backend === 'http' && consoleId !== undefined
    ? `${BROWSER_STORAGE_KEY}-http-${consoleId}`
    : BROWSER_STORAGE_KEY;
}

/** The channel the console of the saved backend listens on for consent callbacks. */
export function savedConsentChannel(): string {
  return consentChannelName(storageKeyFor(savedBackend(), savedConsoleId()));
}

/**
 * Gives up this browser's reference-server console for a new one. The server keeps the old
 * console's audit trail (it is append-only); what this browser kept for it (draft, consent
 * ledger) is removed now, and its audit outbox on the next page load, once nothing holds it open.
 */
export function startNewConsole(): void {
  const old = savedConsoleId();
  if (old !== undefined) {
    const key = storageKeyFor('http', old);
    write(`${key}:consent-attempts`, null);
    try {
      sessionStorage.removeItem(`${key}:session`);
    } catch {
      // Nothing kept.
    }
    write(RETIRED_KEY, JSON.stringify([...retiredKeys(), key]));
  }
  write(CONSOLE_KEY, randomConsoleId());
}

function retiredKeys(): string[] {
  try {
    const value: unknown = JSON.parse(read(RETIRED_KEY) ?? '[]');
    return Array.isArray(value)
      ? value.filter((key): key is string => typeof key === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Deletes the audit outboxes of retired consoles (a console the page uses is never retired). */
export function dropRetiredOutboxes(inUse: string): void {
  const keys = retiredKeys().filter((key) => key !== inUse);
  if (keys.length === 0 || typeof indexedDB === 'undefined') return;
  for (const key of keys) {
    const request = indexedDB.deleteDatabase(`${key}-outbox`);
    request.onsuccess = () =>
      write(RETIRED_KEY, JSON.stringify(retiredKeys().filter((k) => k !== key)));
  }
}
