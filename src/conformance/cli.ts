#!/usr/bin/env node
/**
 * Runs the conformance suite against a running backend, on Node's own test runner:
 *
 *   azure-compliance-connect-conformance --url http://127.0.0.1:8787
 *   azure-compliance-connect-conformance --url https://console.example.com/api \
 *     --header "Authorization: Bearer <console A>" --second-header "Authorization: Bearer <console B>"
 *
 * Without --header it signs in through the reference server's development authenticator, with
 * two new consoles per run. Exit code 0 when every check passes, 1 when one fails, 2 for bad
 * arguments.
 */
import { test } from 'node:test';
import { parseArgs } from 'node:util';
import { defineConformanceSuite, devSessions, type SessionHeaders } from './index.js';

const usage = `Usage: azure-compliance-connect-conformance --url <base URL> [--header "Name: value"]... [--second-header "Name: value"]...

  --url            the backend's base URL (where GET <url>/healthz answers)
  --header         a header that signs in as console A (repeatable)
  --second-header  a header that signs in as another console B, for the isolation checks
                   (required with --header)
Without --header, two new consoles are made through the reference server's development
authenticator (X-Dev-Console, X-Dev-Actor).`;

function exit(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function headersOf(values: readonly string[] | undefined, option: string): SessionHeaders {
  const headers: Record<string, string> = {};
  for (const value of values ?? []) {
    const colon = value.indexOf(':');
    const name = colon > 0 ? value.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      exit(`${option} "${value}" is not "Name: value".`);
    headers[name] = value.slice(colon + 1).trim();
  }
  return headers;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      url: { type: 'string' },
      header: { type: 'string', multiple: true },
      'second-header': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  exit((error as Error).message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.url) exit('--url is required.');
let baseUrl: URL;
try {
  baseUrl = new URL(values.url);
} catch {
  exit(`--url "${values.url}" is not an absolute URL.`);
}
if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:')
  exit('--url must be http: or https:.');

const a = headersOf(values.header, '--header');
const b = headersOf(values['second-header'], '--second-header');
const given = Object.keys(a).length > 0;
if (given && Object.keys(b).length === 0) {
  exit('The isolation checks need a second console: pass --second-header as well.');
}

defineConformanceSuite({
  test: (name, body) => test(name, body),
  baseUrl,
  sessions: () => (given ? { a, b } : devSessions()),
});
