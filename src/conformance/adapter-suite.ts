import type { ConnectionAdapter } from '../adapter/adapter.js';
import { createAuditEvent } from '../core/audit.js';
import type { ConnectionInput } from '../core/connection.js';
import { connectionSchema } from '../core/connection.js';
import { conforms, equal, fail, ok } from './check.js';

/** The runner's test function: node:test `test`, Mocha `it`, Vitest `test`, Jest `test`... */
export type TestFunction = (name: string, body: () => Promise<void>) => unknown;

/** The tenant the suites connect. A backend under test must verify consent for it. */
export const CONFORMANCE_TENANT: ConnectionInput = Object.freeze({
  tenantType: 'standard',
  tenantId: '3f2a1b4c-5d6e-4f70-8a91-b2c3d4e5f607',
  enrollmentUrl: 'https://mdm.conformance.example/enroll',
});
/** A second tenant, in the other cloud, for moves between tenants. */
export const CONFORMANCE_OTHER_TENANT: ConnectionInput = Object.freeze({
  tenantType: 'gcc-high',
  tenantId: 'b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e',
});

export interface AdapterConformanceOptions {
  readonly test: TestFunction;
  /**
   * An adapter on the backend under test. Called at the start of every test; the suite then
   * disconnects whatever is connected, so each test starts from "no connection".
   */
  createAdapter(): ConnectionAdapter | Promise<ConnectionAdapter>;
  /** Put before every test name, e.g. `'browser storage: '`. */
  readonly prefix?: string;
}

const signal = () => new AbortController().signal;

async function expectCode(promise: Promise<unknown>, code: string, what: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    const got = (error as { code?: unknown }).code;
    equal(got, code, `${what}: the error code`);
    return;
  }
  fail(`${what}: expected a failure with code "${code}", but it succeeded`);
}

/**
 * What every `ConnectionAdapter` must do, whatever stands behind it: the behaviours the kit's
 * wizard relies on. Registers one test per behaviour with the runner's `test` function.
 */
export function defineAdapterConformanceSuite(options: AdapterConformanceOptions): void {
  const { test } = options;
  const prefix = options.prefix ?? '';
  const tenant = CONFORMANCE_TENANT;

  async function fresh(): Promise<ConnectionAdapter> {
    const adapter = await options.createAdapter();
    if ((await adapter.loadConnection({ signal: signal() })) !== null) {
      await adapter.removeConnection({ signal: signal() });
    }
    return adapter;
  }

  async function connect(adapter: ConnectionAdapter, input = tenant) {
    const verification = await adapter.verifyConsent(
      { ...input, actor: 'conformance@example.test', via: 'manual' },
      { signal: signal() },
    );
    equal(verification, { verified: true }, `verifyConsent for ${input.tenantId}`);
    return conforms(
      connectionSchema,
      await adapter.saveConnection(
        { ...input, actor: 'conformance@example.test' },
        { signal: signal() },
      ),
      'saveConnection',
    );
  }

  test(`${prefix}loadConnection answers null when no tenant is connected`, async () => {
    const adapter = await fresh();
    equal(await adapter.loadConnection({ signal: signal() }), null, 'loadConnection');
  });

  test(`${prefix}saveConnection connects at version 1 and loadConnection returns it`, async () => {
    const adapter = await fresh();
    const saved = await connect(adapter);
    equal(
      {
        tenantType: saved.tenantType,
        tenantId: saved.tenantId,
        enrollmentUrl: saved.enrollmentUrl,
        version: saved.version,
      },
      { ...tenant, version: 1 },
      'the saved connection',
    );
    ok(saved.connectedAt === saved.updatedAt, 'a new connection has connectedAt === updatedAt');
    equal(await adapter.loadConnection({ signal: signal() }), saved, 'loadConnection after save');
  });

  test(`${prefix}saveConnection refuses a second tenant while one is connected`, async () => {
    const adapter = await fresh();
    const first = await connect(adapter);
    await expectCode(connect(adapter, CONFORMANCE_OTHER_TENANT), 'conflict', 'a second save');
    equal(await adapter.loadConnection({ signal: signal() }), first, 'the first connection');
  });

  test(`${prefix}updateConnection saves the edited version and refuses a stale one`, async () => {
    const adapter = await fresh();
    const first = await connect(adapter);
    const edited = conforms(
      connectionSchema,
      await adapter.updateConnection(
        {
          tenantType: tenant.tenantType,
          tenantId: tenant.tenantId,
          remediationUrl: 'https://mdm.conformance.example/fix',
          expectedVersion: 1,
        },
        { signal: signal() },
      ),
      'updateConnection',
    );
    equal(edited.version, 2, 'the version after an edit');
    equal(edited.enrollmentUrl, undefined, 'the removed enrollment URL');
    equal(edited.remediationUrl, 'https://mdm.conformance.example/fix', 'the new remediation URL');
    equal(edited.connectedAt, first.connectedAt, 'connectedAt after an edit');
    await expectCode(
      adapter.updateConnection({ ...tenant, expectedVersion: 1 }, { signal: signal() }),
      'conflict',
      'an edit of version 1 after version 2 was saved',
    );
    equal(
      await adapter.loadConnection({ signal: signal() }),
      edited,
      'the connection after the refused edit',
    );
  });

  test(`${prefix}removeConnection disconnects, and an edit then finds nothing`, async () => {
    const adapter = await fresh();
    await connect(adapter);
    await adapter.removeConnection({ signal: signal() });
    equal(await adapter.loadConnection({ signal: signal() }), null, 'loadConnection after remove');
    await expectCode(
      adapter.updateConnection({ ...tenant, expectedVersion: 1 }, { signal: signal() }),
      'not-connected',
      'an edit with nothing connected',
    );
  });

  test(`${prefix}appendAuditEvent keeps one event per id, and the log lists newest first`, async () => {
    const adapter = await fresh();
    const run = Math.random().toString(36).slice(2, 10);
    const events = [1, 2, 3].map((n) =>
      createAuditEvent(
        {
          actor: 'conformance@example.test',
          action: 'consent-rejected',
          outcome: 'failure',
          tenantId: tenant.tenantId,
          tenantType: tenant.tenantType,
          error: 'state-mismatch',
        },
        new Date(Date.now() + n),
        `conformance-${run}-${n}`,
      ),
    );
    for (const event of events) await adapter.appendAuditEvent(event, { signal: signal() });
    const first = events[0];
    if (first) await adapter.appendAuditEvent(first, { signal: signal() });
    const listed = await adapter.listAuditEvents({ signal: signal(), limit: 50 });
    const ours = listed.filter((event) => event.id.startsWith(`conformance-${run}-`));
    equal(
      ours.map((event) => event.id),
      [3, 2, 1].map((n) => `conformance-${run}-${n}`),
      'the appended events, newest first, each once',
    );
    const two = await adapter.listAuditEvents({ signal: signal(), limit: 2 });
    ok(two.length === 2, `listAuditEvents({ limit: 2 }) gave ${two.length} events`);
  });

  test(`${prefix}an aborted signal stops a call`, async () => {
    const adapter = await fresh();
    const controller = new AbortController();
    controller.abort();
    try {
      await adapter.loadConnection({ signal: controller.signal });
    } catch {
      return;
    }
    fail('loadConnection with an aborted signal resolved');
  });
}
