import { expect } from '@open-wc/testing';
import {
  AuditOutbox,
  IndexedDbAuditStore,
  MAX_AUDIT_EVENT_BYTES,
  MemoryAuditStore,
  type AuditStore,
  type SetAsideNotice,
} from '../../src/audit/outbox.js';
import type { AuditEvent } from '../../src/core/audit.js';
import { deleteDatabase, FaultBackend, ids, makeEvents, uniqueName } from './fixtures/helpers.js';

/** Adds a row to the outbox's object store as another version (or a tamperer) could. */
function addRawRow(dbName: string, row: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction('events', 'readwrite');
      transaction.objectStore('events').add(row);
      transaction.oncomplete = () => {
        db.close();
        resolve();
      };
      transaction.onerror = () => {
        db.close();
        reject(transaction.error);
      };
    };
  });
}

function huge(event: AuditEvent): AuditEvent {
  return { ...event, actor: 'x'.repeat(MAX_AUDIT_EVENT_BYTES + 1) };
}

describe('audit/AuditOutbox: bad rows are set aside', () => {
  let names: string[] = [];
  let stores: IndexedDbAuditStore[] = [];
  let outboxes: AuditOutbox[] = [];

  afterEach(async () => {
    for (const outbox of outboxes) outbox.stop();
    for (const store of stores) store.close();
    await Promise.all(names.map((name) => deleteDatabase(name)));
    names = [];
    stores = [];
    outboxes = [];
  });

  function idbStore(): IndexedDbAuditStore {
    const name = uniqueName('set-aside');
    names.push(name);
    const store = new IndexedDbAuditStore(name);
    stores.push(store);
    return store;
  }

  function outboxOn(store: AuditStore, backend: FaultBackend, notices: SetAsideNotice[]) {
    const errors: unknown[] = [];
    const outbox = new AuditOutbox({
      send: backend.send,
      store,
      lockName: uniqueName('lock'),
      random: () => 0,
      onSetAside: (notice) => notices.push(notice),
      onError: (error) => errors.push(error),
    });
    outboxes.push(outbox);
    return { outbox, errors };
  }

  it('sets aside a null row, a schema-failing row and a huge row, and delivers the rest in order', async () => {
    const store = idbStore();
    const good = makeEvents(4, 'good');
    const [e0, e1, e2, e3] = good as [AuditEvent, AuditEvent, AuditEvent, AuditEvent];
    await store.put(e0);
    await addRawRow(store.dbName, { id: 'bad-null', event: null });
    await store.put(e1);
    await addRawRow(store.dbName, {
      id: 'bad-schema',
      event: { ...e1, id: 'bad-schema', action: 'delete-everything' },
    });
    await store.put(e2);
    await addRawRow(store.dbName, { id: 'bad-huge', event: huge({ ...e2, id: 'bad-huge' }) });
    await store.put(e3);

    const backend = new FaultBackend();
    const notices: SetAsideNotice[] = [];
    const { outbox } = outboxOn(store, backend, notices);
    await outbox.flush();

    expect(ids(backend.log)).to.deep.equal(ids(good));
    expect(backend.calls.map((call) => call.id)).to.deep.equal(ids(good));
    expect(outbox.setAsideCount).to.equal(3);
    expect(notices.map((notice) => notice.reason)).to.deep.equal([
      'invalid',
      'invalid',
      'too-large',
    ]);
    expect(notices.map((notice) => notice.count)).to.deep.equal([1, 2, 3]);
    expect(notices[0]!.value).to.equal(null);
    // Moved out of the queue, kept aside for inspection.
    expect(await store.entries()).to.deep.equal([]);
    const aside = await store.listSetAside();
    expect(aside.map((entry) => entry.reason)).to.deep.equal(['invalid', 'invalid', 'too-large']);
    expect((aside[1]!.value as { id: string }).id).to.equal('bad-schema');
  });

  it('keeps delivering later events after a bad row, flush after flush', async () => {
    const store = idbStore();
    const [first, second] = makeEvents(2, 'later') as [AuditEvent, AuditEvent];
    await store.list(); // creates the database
    await addRawRow(store.dbName, { id: 'bad', event: 'not an event' });
    const backend = new FaultBackend();
    const notices: SetAsideNotice[] = [];
    const { outbox } = outboxOn(store, backend, notices);
    await outbox.enqueue(first);
    await outbox.flush();
    await outbox.enqueue(second);
    await outbox.flush();
    expect(ids(backend.log)).to.deep.equal([first.id, second.id]);
    expect(outbox.setAsideCount).to.equal(1);
    expect(await outbox.pending()).to.deep.equal([]);
  });

  it('refuses to enqueue an event over MAX_AUDIT_EVENT_BYTES, storing nothing', async () => {
    const store = idbStore();
    const backend = new FaultBackend();
    const { outbox } = outboxOn(store, backend, []);
    const [event] = makeEvents(1, 'big') as [AuditEvent];
    let thrown: unknown;
    try {
      await outbox.enqueue(huge(event));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(TypeError);
    expect(String((thrown as Error).message)).to.contain('too large');
    expect(await store.entries()).to.deep.equal([]);
    expect(backend.calls).to.deep.equal([]);
  });

  it('IndexedDbAuditStore.put refuses an invalid event itself', async () => {
    const store = idbStore();
    let thrown: unknown;
    try {
      await store.put(null as unknown as AuditEvent);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(TypeError);
  });

  describe('MemoryAuditStore (the fallback without IndexedDB) checks too', () => {
    it('refuses invalid and huge events in put', async () => {
      const store = new MemoryAuditStore();
      const [event] = makeEvents(1, 'mem') as [AuditEvent];
      for (const bad of [null, { ...event, tenantType: 'moon' }, huge(event)]) {
        let thrown: unknown;
        try {
          await store.put(bad as AuditEvent);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, JSON.stringify(bad)?.slice(0, 60)).to.be.instanceOf(TypeError);
      }
      expect(await store.list()).to.deep.equal([]);
    });

    it('an outbox on it sets aside what the store returns that is not valid', async () => {
      // A store wrapping the memory store whose entries hand back a damaged row in the middle.
      const inner = new MemoryAuditStore();
      const good = makeEvents(2, 'wrapped');
      for (const event of good) await inner.put(event);
      let damaged = true;
      const store: AuditStore = {
        put: (event) => inner.put(event),
        list: () => inner.list(),
        delete: (id) => inner.delete(id),
        entries: async () => {
          const entries = await inner.entries();
          return damaged
            ? [entries[0]!, { key: 'ghost', value: null }, ...entries.slice(1)]
            : entries;
        },
        setAside: async (key, reason) => {
          expect(key).to.equal('ghost');
          expect(reason).to.equal('invalid');
          damaged = false;
        },
      };
      const backend = new FaultBackend();
      const notices: SetAsideNotice[] = [];
      const { outbox } = outboxOn(store, backend, notices);
      await outbox.flush();
      expect(ids(backend.log)).to.deep.equal(ids(good));
      expect(outbox.setAsideCount).to.equal(1);
      expect(damaged).to.equal(false);
    });
  });

  it('a store without setAside: the bad item is skipped, counted once, and the rest delivered', async () => {
    const good = makeEvents(3, 'plain');
    const pending = new Map<string, unknown>(good.map((event) => [event.id, event]));
    pending.set('broken', { id: 'broken', at: 'yesterday' });
    const order = [good[0]!.id, 'broken', good[1]!.id, good[2]!.id];
    const store: AuditStore = {
      put: async () => undefined,
      list: async () =>
        order.filter((id) => pending.has(id)).map((id) => pending.get(id) as AuditEvent),
      delete: async (id) => void pending.delete(id),
    };
    const backend = new FaultBackend();
    const notices: SetAsideNotice[] = [];
    const { outbox } = outboxOn(store, backend, notices);
    await outbox.flush();
    await outbox.flush();
    expect(ids(backend.log)).to.deep.equal(ids(good));
    expect(outbox.setAsideCount).to.equal(1);
    expect(notices).to.have.length(1);
    expect([...pending.keys()]).to.deep.equal(['broken']);
  });
});
