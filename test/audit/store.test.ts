import { expect } from '@open-wc/testing';
import { IndexedDbAuditStore, MemoryAuditStore, type AuditStore } from '../../src/audit/outbox.js';
import { deleteDatabase, ids, makeEvents, uniqueName } from './fixtures/helpers.js';

/** The contract every AuditStore keeps, run against both stores. */
function storeContract(name: string, create: () => AuditStore): void {
  describe(name, () => {
    it('is empty at first', async () => {
      expect(await create().list()).to.deep.equal([]);
    });

    it('lists events oldest first, in the order they were put', async () => {
      const store = create();
      const events = makeEvents(12);
      // Ids are random, so any order other than insertion order would show.
      for (const event of events) await store.put(event);
      expect(ids(await store.list())).to.deep.equal(ids(events));
      expect(await store.list()).to.deep.equal(events);
    });

    it('keeps insertion order for puts started together', async () => {
      const store = create();
      const events = makeEvents(10);
      await Promise.all(events.map((event) => store.put(event)));
      expect(ids(await store.list())).to.deep.equal(ids(events));
    });

    it('keeps the first copy and its place when an id is put twice', async () => {
      const store = create();
      const [a, b] = makeEvents(2);
      await store.put(a!);
      await store.put(b!);
      await store.put({ ...a!, actor: 'someone-else' });
      expect(await store.list()).to.deep.equal([a, b]);
    });

    it('deletes by id, and ignores an unknown id', async () => {
      const store = create();
      const events = makeEvents(3);
      for (const event of events) await store.put(event);
      await store.delete(events[1]!.id);
      await store.delete('no-such-id');
      expect(ids(await store.list())).to.deep.equal([events[0]!.id, events[2]!.id]);
    });

    it('puts an id again after it was deleted, at the end', async () => {
      const store = create();
      const [a, b] = makeEvents(2);
      await store.put(a!);
      await store.put(b!);
      await store.delete(a!.id);
      await store.put(a!);
      expect(ids(await store.list())).to.deep.equal([b!.id, a!.id]);
    });

    it('returns copies: changing a listed event does not change the store', async () => {
      const store = create();
      const [event] = makeEvents(1);
      await store.put(event!);
      const [listed] = await store.list();
      listed!.actor = 'mallory';
      expect((await store.list())[0]!.actor).to.equal('admin@contoso.com');
    });
  });
}

describe('audit/stores', () => {
  storeContract('MemoryAuditStore', () => new MemoryAuditStore());

  describe('IndexedDbAuditStore', () => {
    const names: string[] = [];
    const stores: IndexedDbAuditStore[] = [];
    const create = (name = uniqueName('store')) => {
      names.push(name);
      const store = new IndexedDbAuditStore(name);
      stores.push(store);
      return store;
    };

    afterEach(async () => {
      for (const store of stores.splice(0)) store.close();
      for (const name of names.splice(0)) await deleteDatabase(name);
    });

    storeContract('contract', () => create());

    it('is durable: a new instance on the same database sees the events', async () => {
      const name = uniqueName('store');
      const events = makeEvents(5);
      const first = create(name);
      for (const event of events) await first.put(event);
      first.close();
      expect(await create(name).list()).to.deep.equal(events);
    });

    it('keeps order across instances (the sequence number is stored, not a counter in memory)', async () => {
      const name = uniqueName('store');
      const [a, b, c] = makeEvents(3);
      await create(name).put(a!);
      await create(name).put(b!);
      await create(name).put(c!);
      expect(ids(await create(name).list())).to.deep.equal([a!.id, b!.id, c!.id]);
    });

    it('uses the documented default database name', () => {
      expect(new IndexedDbAuditStore().dbName).to.equal('azure-compliance-connect-outbox');
    });

    it('never blocks deleteDatabase, and works again after it', async () => {
      const name = uniqueName('store');
      const store = create(name);
      const [a, b] = makeEvents(2);
      await store.put(a!);
      // The open connection closes itself on versionchange, so the delete is never blocked.
      const blocked = await new Promise<boolean>((resolve, reject) => {
        let wasBlocked = false;
        const request = indexedDB.deleteDatabase(name);
        request.onblocked = () => (wasBlocked = true);
        request.onsuccess = () => resolve(wasBlocked);
        request.onerror = () => reject(request.error);
      });
      expect(blocked).to.equal(false);
      expect(await store.list()).to.deep.equal([]);
      await store.put(b!);
      expect(ids(await store.list())).to.deep.equal([b!.id]);
    });
  });
});
