import { expect } from '@open-wc/testing';
import { IndexedDbAuditStore } from '../../src/audit/outbox.js';
import type { AuditEvent } from '../../src/core/audit.js';
import type { PageCommand, PageMessage } from './fixtures/outbox-page.js';
import { deleteDatabase, ids, makeEvents, uniqueName, waitFor } from './fixtures/helpers.js';

const PAGE = new URL('./fixtures/outbox-page.html', import.meta.url).href;

/** An iframe running the fixture page, and every message it posted, across reloads. */
class FramedPage {
  readonly iframe = document.createElement('iframe');
  readonly messages: PageMessage[] = [];
  readonly #onMessage = (event: MessageEvent<PageMessage>) => {
    if (event.source !== this.iframe.contentWindow || event.origin !== location.origin) return;
    this.messages.push(event.data);
  };

  constructor() {
    window.addEventListener('message', this.#onMessage);
    this.iframe.src = PAGE;
    document.body.append(this.iframe);
  }

  of<T extends PageMessage['type']>(type: T): Extract<PageMessage, { type: T }>[] {
    return this.messages.filter(
      (message): message is Extract<PageMessage, { type: T }> => message.type === type,
    );
  }

  async loaded(count: number): Promise<string> {
    await waitFor(() => this.of('ready').length >= count, `page load #${count}`, 8_000);
    return this.of('ready')[count - 1]!.load;
  }

  send(command: PageCommand): void {
    this.iframe.contentWindow!.postMessage(command, location.origin);
  }

  expectNoErrors(): void {
    expect(this.of('error')).to.deep.equal([]);
  }

  remove(): void {
    window.removeEventListener('message', this.#onMessage);
    this.iframe.remove();
  }
}

describe('audit/AuditOutbox across a real page reload', () => {
  let page: FramedPage | undefined;
  let dbName = '';

  beforeEach(() => {
    dbName = uniqueName('reload');
  });

  afterEach(async () => {
    page?.remove();
    page = undefined;
    await deleteDatabase(dbName);
  });

  /** First load: enqueue, with a send that hangs; reload; second load delivers. */
  async function reloadBetweenWriteAndSend(
    events: AuditEvent[],
    deliverFirst: number,
    lostAck: boolean,
  ) {
    const lockName = uniqueName('lock');
    page = new FramedPage();
    const first = await page.loaded(1);
    page.send({ type: 'enqueue', dbName, lockName, events, deliverFirst, lostAck });
    await waitFor(() => page!.of('enqueued').length === 1, 'the first load to enqueue');
    // One send is in flight (never answered) when the page reloads.
    const inFlight = () =>
      lostAck ? page!.of('sent').length > deliverFirst : page!.of('attempt').length > 0;
    await waitFor(inFlight, 'a send in flight');
    page.expectNoErrors();

    // What the first load left: everything not acknowledged, on disk.
    const store = new IndexedDbAuditStore(dbName);
    expect(ids(await store.list())).to.deep.equal(ids(events.slice(deliverFirst)));
    store.close();

    const start = performance.now();
    page.iframe.contentWindow!.location.reload();
    const second = await page.loaded(2);
    expect(second).to.not.equal(first);
    page.send({ type: 'deliver', dbName, lockName });
    await waitFor(() => page!.of('drained').length === 1, 'the second load to drain', 8_000);
    const elapsed = performance.now() - start;
    page.expectNoErrors();
    return { first, second, elapsed, page };
  }

  it('the next load delivers every event exactly once (send hung when the page reloaded)', async function () {
    this.timeout(20_000);
    const events = makeEvents(20);
    const {
      first,
      second,
      elapsed,
      page: framed,
    } = await reloadBetweenWriteAndSend(events, 0, false);
    const sent = framed.of('sent');
    // Nothing was recorded by the first load; the second sent each event once, in order.
    expect(sent.every((message) => message.load === second)).to.equal(true);
    expect(ids(sent.map((message) => message.event))).to.deep.equal(ids(events));
    expect(sent.map((message) => message.event)).to.deep.equal(events);
    // The first load attempted exactly one send (the oldest event), which never answered.
    const attempts = framed.of('attempt');
    expect(attempts.map((message) => [message.load, message.event.id])).to.deep.equal([
      [first, events[0]!.id],
    ]);
    console.log(`reload test: reload + delivery of 20 events in ${elapsed.toFixed(0)} ms`);
  });

  it('a send recorded by the backend but unanswered before the reload is resent; dedupe keeps one', async function () {
    this.timeout(20_000);
    const events = makeEvents(20);
    const { first, second, page: framed } = await reloadBetweenWriteAndSend(events, 5, true);
    const sent = framed.of('sent');
    // The first load recorded events 0-5 (the answer for 5 was lost); the second load sent 5-19.
    expect(sent.filter((m) => m.load === first).map((m) => m.event.id)).to.deep.equal(
      ids(events.slice(0, 6)),
    );
    expect(sent.filter((m) => m.load === second).map((m) => m.event.id)).to.deep.equal(
      ids(events.slice(5)),
    );
    // A backend that keeps one copy per id (as the adapter contract requires) has each once.
    const log = new Map<string, AuditEvent>();
    for (const message of sent)
      if (!log.has(message.event.id)) log.set(message.event.id, message.event);
    expect([...log.values()]).to.deep.equal(events);
  });
});
