import { expect } from '@open-wc/testing';
import {
  BrowserStorageAdapter,
  BrowserStorageCorruptError,
} from '../../src/adapter/browser-storage-adapter.js';
import { MAX_AUDIT_EVENT_BYTES } from '../../src/audit/check.js';
import { createAuditEvent, type AuditAction, type AuditEvent } from '../../src/core/audit.js';
import type { ConnectionInput } from '../../src/core/connection.js';
import { AdapterError, type ErrorCode } from '../../src/core/errors.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const input: ConnectionInput = {
  tenantType: 'standard',
  tenantId: TENANT,
  enrollmentUrl: 'https://contoso.com/enroll',
};

let counter = 0;
let key = '';
const options = () => ({ signal: new AbortController().signal });

function clock(...isoTimes: string[]): () => Date {
  let i = 0;
  return () => new Date(isoTimes[Math.min(i++, isoTimes.length - 1)]!);
}

function auditEvent(
  id: string,
  at = '2025-01-01T00:00:00.000Z',
  action: AuditAction = 'connect',
): AuditEvent {
  return createAuditEvent(
    {
      actor: 'admin',
      action,
      outcome: action === 'consent-rejected' ? 'failure' : 'success',
      tenantId: TENANT,
      tenantType: 'standard',
    },
    new Date(at),
    id,
  );
}

async function expectAdapterError(promise: Promise<unknown>, code: ErrorCode): Promise<Error> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected a rejection with ${code}`).to.be.instanceOf(AdapterError);
  expect((thrown as AdapterError).code).to.equal(code);
  return thrown as Error;
}

describe('adapter/BrowserStorageAdapter', () => {
  beforeEach(() => {
    key = `bsa-test-${Date.now()}-${counter++}`;
  });

  afterEach(() => {
    localStorage.removeItem(`${key}:connection`);
    localStorage.removeItem(`${key}:audit`);
  });

  it('loads null when nothing is stored', async () => {
    expect(await new BrowserStorageAdapter({ key }).loadConnection(options())).to.equal(null);
  });

  it('saves a connection at version 1 with the actor and the clock', async () => {
    const adapter = new BrowserStorageAdapter({ key, now: clock('2025-02-03T04:05:06.000Z') });
    const saved = await adapter.saveConnection({ ...input, actor: 'admin@contoso.com' }, options());
    expect(saved).to.deep.equal({
      tenantType: 'standard',
      tenantId: TENANT,
      enrollmentUrl: 'https://contoso.com/enroll',
      connectedAt: '2025-02-03T04:05:06.000Z',
      updatedAt: '2025-02-03T04:05:06.000Z',
      version: 1,
      connectedBy: 'admin@contoso.com',
    });
    expect(await adapter.loadConnection(options())).to.deep.equal(saved);
    expect(JSON.parse(localStorage.getItem(`${key}:connection`)!)).to.deep.equal(saved);
  });

  it('does not store fields beyond the connection input', async () => {
    const adapter = new BrowserStorageAdapter({ key });
    const extra = { ...input, actor: 'a', via: 'manual', secret: 'x' } as ConnectionInput & {
      actor: string;
    };
    const saved = await adapter.saveConnection(extra, options());
    expect(saved).not.to.have.property('secret');
    expect(saved).not.to.have.property('via');
    expect(localStorage.getItem(`${key}:connection`)).not.to.contain('secret');
  });

  it('persists across instances on the same storage (a reload)', async () => {
    const first = new BrowserStorageAdapter({ key });
    const saved = await first.saveConnection({ ...input, actor: 'a' }, options());
    await first.appendAuditEvent(auditEvent('e1'), options());
    const second = new BrowserStorageAdapter({ key });
    expect(await second.loadConnection(options())).to.deep.equal(saved);
    expect((await second.listAuditEvents(options())).map((e) => e.id)).to.deep.equal(['e1']);
  });

  it('keeps consoles apart by key', async () => {
    await new BrowserStorageAdapter({ key }).saveConnection({ ...input, actor: 'a' }, options());
    const other = new BrowserStorageAdapter({ key: `${key}-other` });
    expect(await other.loadConnection(options())).to.equal(null);
  });

  it('works on another Storage (sessionStorage)', async () => {
    const adapter = new BrowserStorageAdapter({ key, storage: sessionStorage });
    try {
      await adapter.saveConnection({ ...input, actor: 'a' }, options());
      expect(localStorage.getItem(`${key}:connection`)).to.equal(null);
      expect(sessionStorage.getItem(`${key}:connection`)).to.be.a('string');
    } finally {
      sessionStorage.removeItem(`${key}:connection`);
    }
  });

  it('refuses a second save while connected (conflict)', async () => {
    const adapter = new BrowserStorageAdapter({ key });
    const saved = await adapter.saveConnection({ ...input, actor: 'a' }, options());
    await expectAdapterError(
      adapter.saveConnection({ ...input, tenantId: 'contoso.com', actor: 'b' }, options()),
      'conflict',
    );
    expect(await adapter.loadConnection(options())).to.deep.equal(saved);
  });

  it('updates with the expected version, keeping connectedAt and connectedBy', async () => {
    const adapter = new BrowserStorageAdapter({
      key,
      now: clock('2025-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z'),
    });
    await adapter.saveConnection({ ...input, actor: 'first' }, options());
    const updated = await adapter.updateConnection(
      {
        tenantType: 'standard',
        tenantId: TENANT,
        remediationUrl: 'https://contoso.com/fix',
        expectedVersion: 1,
      },
      options(),
    );
    expect(updated).to.deep.equal({
      tenantType: 'standard',
      tenantId: TENANT,
      remediationUrl: 'https://contoso.com/fix',
      connectedAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-06-01T00:00:00.000Z',
      version: 2,
      connectedBy: 'first',
    });
    expect(updated).not.to.have.property('expectedVersion');
    expect(await new BrowserStorageAdapter({ key }).loadConnection(options())).to.deep.equal(
      updated,
    );
  });

  it('refuses an update with a stale expectedVersion (conflict) and keeps the data', async () => {
    const adapter = new BrowserStorageAdapter({ key });
    await adapter.saveConnection({ ...input, actor: 'a' }, options());
    const v2 = await adapter.updateConnection({ ...input, expectedVersion: 1 }, options());
    const error = await expectAdapterError(
      adapter.updateConnection(
        { ...input, tenantId: 'contoso.com', expectedVersion: 1 },
        options(),
      ),
      'conflict',
    );
    expect(error.message).to.contain('version 2');
    expect(await adapter.loadConnection(options())).to.deep.equal(v2);
  });

  it('refuses an update when nothing is connected (not-connected)', async () => {
    await expectAdapterError(
      new BrowserStorageAdapter({ key }).updateConnection(
        { ...input, expectedVersion: 1 },
        options(),
      ),
      'not-connected',
    );
  });

  it('removes the connection but keeps the audit log', async () => {
    const adapter = new BrowserStorageAdapter({ key });
    await adapter.saveConnection({ ...input, actor: 'a' }, options());
    await adapter.appendAuditEvent(auditEvent('e1'), options());
    await adapter.removeConnection(options());
    expect(await adapter.loadConnection(options())).to.equal(null);
    expect(localStorage.getItem(`${key}:connection`)).to.equal(null);
    expect(await adapter.listAuditEvents(options())).to.have.length(1);
    // A new connection can now be saved.
    const again = await adapter.saveConnection({ ...input, actor: 'b' }, options());
    expect(again.version).to.equal(1);
  });

  it('removing when nothing is connected is harmless', async () => {
    const adapter = new BrowserStorageAdapter({ key });
    await adapter.appendAuditEvent(auditEvent('kept'), options());
    const auditBefore = localStorage.getItem(`${key}:audit`);
    // Another console's connection, on its own key, and an unrelated entry under this prefix.
    const other = new BrowserStorageAdapter({ key: `${key}-other` });
    const otherConnection = await other.saveConnection({ ...input, actor: 'admin' }, options());
    localStorage.setItem(`${key}:unrelated`, 'stays');
    try {
      expect(await adapter.removeConnection(options())).to.equal(undefined);
      expect(await adapter.loadConnection(options())).to.equal(null);
      expect(localStorage.getItem(`${key}:connection`)).to.equal(null);
      // What was there stays, untouched.
      expect(localStorage.getItem(`${key}:audit`)).to.equal(auditBefore);
      expect((await adapter.listAuditEvents(options())).map((e) => e.id)).to.deep.equal(['kept']);
      expect(await other.loadConnection(options())).to.deep.equal(otherConnection);
      expect(localStorage.getItem(`${key}:unrelated`)).to.equal('stays');
    } finally {
      localStorage.removeItem(`${key}-other:connection`);
      localStorage.removeItem(`${key}-other:audit`);
      localStorage.removeItem(`${key}:unrelated`);
    }
  });

  it('verifyConsent reports the attestation as verified', async () => {
    expect(await new BrowserStorageAdapter({ key }).verifyConsent(input, options())).to.deep.equal({
      verified: true,
    });
  });

  describe('audit log', () => {
    it('lists an empty log', async () => {
      expect(await new BrowserStorageAdapter({ key }).listAuditEvents(options())).to.deep.equal([]);
    });

    it('appends, dedupes by id and lists newest first', async () => {
      const adapter = new BrowserStorageAdapter({ key });
      await adapter.appendAuditEvent(auditEvent('a', '2025-01-01T00:00:00.000Z'), options());
      await adapter.appendAuditEvent(auditEvent('b', '2025-01-02T00:00:00.000Z'), options());
      await adapter.appendAuditEvent(auditEvent('a', '2025-01-03T00:00:00.000Z'), options());
      await adapter.appendAuditEvent(auditEvent('c', '2025-01-04T00:00:00.000Z'), options());
      const events = await adapter.listAuditEvents(options());
      expect(events.map((e) => e.id)).to.deep.equal(['c', 'b', 'a']);
      expect(events[2]!.at).to.equal('2025-01-01T00:00:00.000Z');
    });

    it('honours limit', async () => {
      const adapter = new BrowserStorageAdapter({ key });
      for (const id of ['a', 'b', 'c', 'd'])
        await adapter.appendAuditEvent(auditEvent(id), options());
      expect(
        (await adapter.listAuditEvents({ ...options(), limit: 2 })).map((e) => e.id),
      ).to.deep.equal(['d', 'c']);
      expect(
        (await adapter.listAuditEvents({ ...options(), limit: 10 })).map((e) => e.id),
      ).to.deep.equal(['d', 'c', 'b', 'a']);
      expect(await adapter.listAuditEvents({ ...options(), limit: 0 })).to.deep.equal([]);
    });

    it('drops the oldest events past maxAuditEvents', async () => {
      const adapter = new BrowserStorageAdapter({ key, maxAuditEvents: 3 });
      for (const id of ['a', 'b', 'c', 'd', 'e']) {
        await adapter.appendAuditEvent(auditEvent(id, undefined, 'consent-rejected'), options());
      }
      expect((await adapter.listAuditEvents(options())).map((e) => e.id)).to.deep.equal([
        'e',
        'd',
        'c',
      ]);
      expect(JSON.parse(localStorage.getItem(`${key}:audit`)!)).to.have.length(3);
    });

    it('keeps only connect, edit and disconnect events with maxAuditEvents 0', async () => {
      const adapter = new BrowserStorageAdapter({ key, maxAuditEvents: 0 });
      await adapter.appendAuditEvent(auditEvent('a', undefined, 'consent-rejected'), options());
      await adapter.appendAuditEvent(auditEvent('b', undefined, 'verify-consent'), options());
      expect(await adapter.listAuditEvents(options())).to.deep.equal([]);
      await adapter.appendAuditEvent(auditEvent('c', undefined, 'connect'), options());
      expect((await adapter.listAuditEvents(options())).map((e) => e.id)).to.deep.equal(['c']);
    });

    it('keeps every connect, edit and disconnect when a burst of consent-rejected events exceeds maxAuditEvents', async () => {
      const adapter = new BrowserStorageAdapter({ key, maxAuditEvents: 5 });
      const kept: string[] = [];
      let n = 0;
      const at = () => new Date(Date.UTC(2025, 0, 1, 0, 0, n++)).toISOString();
      for (const action of ['connect', 'edit', 'disconnect', 'connect'] as const) {
        const id = `${action}-${n}`;
        kept.push(id);
        await adapter.appendAuditEvent(auditEvent(id, at(), action), options());
      }
      for (let i = 0; i < 20; i++) {
        await adapter.appendAuditEvent(
          auditEvent(`rejected-${i}`, at(), 'consent-rejected'),
          options(),
        );
      }
      await adapter.appendAuditEvent(auditEvent('edit-last', at(), 'edit'), options());
      kept.push('edit-last');
      await adapter.appendAuditEvent(auditEvent('verify', at(), 'verify-consent'), options());
      const listed = (await adapter.listAuditEvents(options())).map((e) => e.id).reverse();
      // All five protected events, oldest first; no room is left for anything else.
      expect(listed).to.deep.equal(kept);
      expect(listed).to.have.length(5);
    });

    it('keeps protected events past the limit, and drops the oldest others first', async () => {
      const adapter = new BrowserStorageAdapter({ key, maxAuditEvents: 3 });
      await adapter.appendAuditEvent(auditEvent('r1', undefined, 'consent-rejected'), options());
      await adapter.appendAuditEvent(auditEvent('c1', undefined, 'connect'), options());
      await adapter.appendAuditEvent(auditEvent('r2', undefined, 'consent-rejected'), options());
      await adapter.appendAuditEvent(auditEvent('d1', undefined, 'disconnect'), options());
      expect((await adapter.listAuditEvents(options())).map((e) => e.id)).to.deep.equal([
        'd1',
        'r2',
        'c1',
      ]);
      await adapter.appendAuditEvent(auditEvent('c2', undefined, 'connect'), options());
      await adapter.appendAuditEvent(auditEvent('e1', undefined, 'edit'), options());
      expect((await adapter.listAuditEvents(options())).map((e) => e.id)).to.deep.equal([
        'e1',
        'c2',
        'd1',
        'c1',
      ]);
    });

    it('keeps up to 1000 events by default', async () => {
      const events = Array.from({ length: 1000 }, (_, i) =>
        auditEvent(`old-${i}`, undefined, 'consent-rejected'),
      );
      localStorage.setItem(`${key}:audit`, JSON.stringify(events));
      const adapter = new BrowserStorageAdapter({ key });
      await adapter.appendAuditEvent(auditEvent('new'), options());
      const listed = await adapter.listAuditEvents(options());
      expect(listed).to.have.length(1000);
      expect(listed[0]!.id).to.equal('new');
      expect(listed[999]!.id).to.equal('old-1');
    });
  });

  describe('corrupt storage', () => {
    it('throws BrowserStorageCorruptError naming the damaged value', async () => {
      localStorage.setItem(`${key}:connection`, '{not json');
      const error = await expectAdapterError(
        new BrowserStorageAdapter({ key }).loadConnection(options()),
        'malformed-response',
      );
      expect(error).to.be.instanceOf(BrowserStorageCorruptError);
      expect((error as BrowserStorageCorruptError).corruption).to.deep.equal({
        part: 'connection',
        key: `${key}:connection`,
        problem: 'not-json',
      });
    });

    it('loadConnection reports a damaged audit log too, even with a valid connection', async () => {
      const adapter = new BrowserStorageAdapter({ key });
      await adapter.saveConnection({ ...input, actor: 'a' }, options());
      localStorage.setItem(`${key}:audit`, JSON.stringify([null]));
      const error = await expectAdapterError(
        adapter.loadConnection(options()),
        'malformed-response',
      );
      expect((error as BrowserStorageCorruptError).corruption.part).to.equal('audit');
    });

    it('findCorruption lists what is damaged and changes nothing; reset clears both keys only', async () => {
      const adapter = new BrowserStorageAdapter({ key });
      expect(adapter.findCorruption()).to.deep.equal([]);
      localStorage.setItem(`${key}:connection`, JSON.stringify({ tenantId: 'x' }));
      localStorage.setItem(`${key}:audit`, 'nope');
      localStorage.setItem(`${key}:other`, 'kept');
      expect(adapter.findCorruption()).to.deep.equal([
        { part: 'connection', key: `${key}:connection`, problem: 'invalid' },
        { part: 'audit', key: `${key}:audit`, problem: 'not-json' },
      ]);
      expect(localStorage.getItem(`${key}:audit`)).to.equal('nope');
      adapter.reset();
      expect(localStorage.getItem(`${key}:connection`)).to.equal(null);
      expect(localStorage.getItem(`${key}:audit`)).to.equal(null);
      expect(localStorage.getItem(`${key}:other`)).to.equal('kept');
      localStorage.removeItem(`${key}:other`);
      expect(adapter.findCorruption()).to.deep.equal([]);
      expect(await adapter.loadConnection(options())).to.equal(null);
    });

    it('a stored log holding an event over MAX_AUDIT_EVENT_BYTES is damaged', async () => {
      const big = { ...auditEvent('big'), actor: 'x'.repeat(MAX_AUDIT_EVENT_BYTES) };
      localStorage.setItem(`${key}:audit`, JSON.stringify([big]));
      await expectAdapterError(
        new BrowserStorageAdapter({ key }).listAuditEvents(options()),
        'malformed-response',
      );
    });

    it('appendAuditEvent refuses an invalid or huge event, and the log stays readable', async () => {
      const adapter = new BrowserStorageAdapter({ key });
      await adapter.appendAuditEvent(auditEvent('ok'), options());
      for (const bad of [
        null,
        { ...auditEvent('no-action'), action: 'delete' },
        { ...auditEvent('huge'), actor: 'x'.repeat(MAX_AUDIT_EVENT_BYTES) },
      ]) {
        await expectAdapterError(
          adapter.appendAuditEvent(bad as AuditEvent, options()),
          'invalid-request',
        );
      }
      expect((await adapter.listAuditEvents(options())).map((e) => e.id)).to.deep.equal(['ok']);
      expect(adapter.findCorruption()).to.deep.equal([]);
    });

    it('reports a connection that is not JSON as malformed-response', async () => {
      localStorage.setItem(`${key}:connection`, '{not json');
      const adapter = new BrowserStorageAdapter({ key });
      await expectAdapterError(adapter.loadConnection(options()), 'malformed-response');
      await expectAdapterError(
        adapter.saveConnection({ ...input, actor: 'a' }, options()),
        'malformed-response',
      );
      await expectAdapterError(
        adapter.updateConnection({ ...input, expectedVersion: 1 }, options()),
        'malformed-response',
      );
    });

    it('reports a stored connection that fails the schema as malformed-response', async () => {
      for (const bad of [
        { tenantType: 'standard', tenantId: 'COMMON', version: 1 },
        { tenantType: 'standard', tenantId: TENANT },
        [],
        'text',
        42,
      ]) {
        localStorage.setItem(`${key}:connection`, JSON.stringify(bad));
        await expectAdapterError(
          new BrowserStorageAdapter({ key }).loadConnection(options()),
          'malformed-response',
        );
      }
    });

    it('reports a corrupt audit log as malformed-response', async () => {
      const adapter = new BrowserStorageAdapter({ key });
      localStorage.setItem(`${key}:audit`, 'nope');
      await expectAdapterError(adapter.listAuditEvents(options()), 'malformed-response');
      await expectAdapterError(
        adapter.appendAuditEvent(auditEvent('x'), options()),
        'malformed-response',
      );
      localStorage.setItem(`${key}:audit`, JSON.stringify([{ id: 'x' }]));
      await expectAdapterError(adapter.listAuditEvents(options()), 'malformed-response');
      localStorage.setItem(`${key}:audit`, JSON.stringify({ events: [] }));
      await expectAdapterError(adapter.listAuditEvents(options()), 'malformed-response');
    });
  });

  it('reports a storage that refuses writes as adapter', async () => {
    const full: Storage = {
      length: 0,
      clear() {},
      getItem: () => null,
      key: () => null,
      removeItem() {},
      setItem() {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const adapter = new BrowserStorageAdapter({ key, storage: full });
    const error = await expectAdapterError(
      adapter.saveConnection({ ...input, actor: 'a' }, options()),
      'adapter',
    );
    expect((error as AdapterError).cause).to.be.instanceOf(DOMException);
  });

  it('rejects every call on an aborted signal without touching storage', async () => {
    const adapter = new BrowserStorageAdapter({ key });
    const controller = new AbortController();
    controller.abort();
    const aborted = { signal: controller.signal };
    const calls: [string, () => Promise<unknown>][] = [
      ['loadConnection', () => adapter.loadConnection(aborted)],
      ['verifyConsent', () => adapter.verifyConsent(input, aborted)],
      ['saveConnection', () => adapter.saveConnection({ ...input, actor: 'a' }, aborted)],
      [
        'updateConnection',
        () => adapter.updateConnection({ ...input, expectedVersion: 1 }, aborted),
      ],
      ['removeConnection', () => adapter.removeConnection(aborted)],
      ['appendAuditEvent', () => adapter.appendAuditEvent(auditEvent('a'), aborted)],
      ['listAuditEvents', () => adapter.listAuditEvents(aborted)],
    ];
    for (const [name, call] of calls) {
      let thrown: unknown;
      try {
        await call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).to.be.instanceOf(DOMException);
      expect((thrown as DOMException).name, name).to.equal('AbortError');
    }
    expect(localStorage.getItem(`${key}:connection`)).to.equal(null);
    expect(localStorage.getItem(`${key}:audit`)).to.equal(null);
  });
});
