import { expect, waitUntil } from '@open-wc/testing';
import { relayConsentCallback } from '../../src/callback/consent-callback.js';
import { CONSENT_CHANNEL, isConsentCallbackMessage } from '../../src/callback/protocol.js';

const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const STATE = 'Zm9vYmFyYmF6cXV4X3N0YXRlX3ZhbHVl';
const FIELDS = ['adminConsent', 'tenant', 'state', 'error', 'errorDescription'];

let serial = 0;
/** A channel name of its own for each test, so that no other page (or test) hears it. */
const uniqueChannel = () => `consent-callback-test/${Date.now()}/${++serial}`;

/** A real listener on `name`: every message that arrives, in order. */
function listen(name: string): { messages: unknown[]; close: () => void } {
  const channel = new BroadcastChannel(name);
  const messages: unknown[] = [];
  channel.addEventListener('message', (event) => messages.push(event.data));
  return { messages, close: () => channel.close() };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The message without its random `id`, after checking that the id is one (32 hex digits). */
function withoutId(message: unknown): unknown {
  const { id, ...rest } = message as { id?: unknown };
  expect(id, 'the message id')
    .to.be.a('string')
    .and.match(/^[0-9a-f]{32}$/);
  return rest;
}

/** A window and a history that record calls instead of acting on the test page. */
function fakes() {
  const calls = { close: 0, replaceState: [] as unknown[][] };
  return {
    calls,
    window: { close: () => void calls.close++ },
    history: { replaceState: (...args: unknown[]) => void calls.replaceState.push(args) },
  };
}

const at = (search: string, hash = '') => ({ search, hash, pathname: '/callback.html' });

describe('relayConsentCallback', () => {
  const listeners: { close: () => void }[] = [];
  const open = (name: string) => {
    const listener = listen(name);
    listeners.push(listener);
    return listener;
  };
  afterEach(() => {
    for (const listener of listeners.splice(0)) listener.close();
  });

  it('posts one success message, strips the query and closes the tab', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { calls, window, history } = fakes();
    const params = relayConsentCallback({
      location: at(`?admin_consent=True&tenant=${TENANT}&state=${STATE}`),
      channelName: name,
      window,
      history,
    });

    const expected = { adminConsent: 'True', tenant: TENANT, state: STATE };
    expect(params).to.deep.equal(expected);
    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    await pause(100);
    expect(listener.messages).to.have.length(1);
    expect(withoutId(listener.messages[0])).to.deep.equal({
      type: 'consent-callback',
      params: expected,
    });
    expect(isConsentCallbackMessage(listener.messages[0])).to.be.true;
    expect(calls.close).to.equal(1);
    expect(calls.replaceState).to.deep.equal([[null, '', '/callback.html']]);
  });

  it('relays a duplicated or empty parameter as ambiguous, never its first value', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { window, history } = fakes();
    const params = relayConsentCallback({
      location: at(`?admin_consent=True&tenant=&state=${STATE}&state=other-state-value-12`),
      channelName: name,
      window,
      history,
    });
    const expected = { adminConsent: 'True', ambiguous: 'tenant,state' };
    expect(params).to.deep.equal(expected);
    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    expect(withoutId(listener.messages[0])).to.deep.equal({
      type: 'consent-callback',
      params: expected,
    });
    expect(isConsentCallbackMessage(listener.messages[0])).to.be.true;
  });

  it('relays an answer whose only parameter is empty, so that the console refuses it', () => {
    const { calls, window, history } = fakes();
    const params = relayConsentCallback({
      location: at('?state='),
      channelName: uniqueChannel(),
      window,
      history,
    });
    expect(params).to.deep.equal({ ambiguous: 'state' });
    expect(calls.close).to.equal(1);
  });

  it('posts an error answer with its description, and nothing beyond the five fields', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { calls, window, history } = fakes();
    const description = 'AADSTS65004: User declined to consent to access the app.';
    const query = new URLSearchParams({
      error: 'access_denied',
      error_description: description,
      state: STATE,
      admin_consent: 'True',
      extra: 'not relayed',
      client_id: 'not relayed either',
    });
    relayConsentCallback({ location: at(`?${query}`), channelName: name, window, history });

    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    await pause(100);
    expect(listener.messages).to.have.length(1);
    const message = listener.messages[0];
    expect(withoutId(message)).to.deep.equal({
      type: 'consent-callback',
      params: {
        adminConsent: 'True',
        state: STATE,
        error: 'access_denied',
        errorDescription: description,
      },
    });
    expect(isConsentCallbackMessage(message)).to.be.true;
    expect(Object.keys(message as object)).to.have.members(['type', 'id', 'params']);
    const keys = Object.keys((message as { params: object }).params);
    expect(
      keys.every((key) => FIELDS.includes(key)),
      keys.join(),
    ).to.be.true;
    expect(calls.close).to.equal(1);
  });

  it('uses CONSENT_CHANNEL by default, posts once, then closes the channel', () => {
    // A recording stand-in for BroadcastChannel: a real message on CONSENT_CHANNEL would reach
    // the consoles of the other test pages of this origin.
    const log: string[] = [];
    const posted: unknown[] = [];
    class RecordingChannel {
      constructor(readonly name: string) {
        log.push(`open ${name}`);
      }
      postMessage(message: unknown): void {
        log.push('post');
        posted.push(structuredClone(message));
      }
      close(): void {
        log.push('close');
      }
    }
    const global = globalThis as { BroadcastChannel?: unknown };
    const original = global.BroadcastChannel;
    const { calls, window, history } = fakes();
    const closedBefore: number[] = [];
    window.close = () => {
      closedBefore.push(log.length);
      calls.close++;
    };
    try {
      global.BroadcastChannel = RecordingChannel;
      relayConsentCallback({
        location: at(`?error=access_denied&state=${STATE}`),
        window,
        history,
      });
    } finally {
      global.BroadcastChannel = original;
    }
    expect(log).to.deep.equal([`open ${CONSENT_CHANNEL}`, 'post', 'close']);
    expect(posted.map(withoutId)).to.deep.equal([
      { type: 'consent-callback', params: { error: 'access_denied', state: STATE } },
    ]);
    // The tab closes last, after the channel.
    expect(closedBefore).to.deep.equal([3]);
  });

  it('gives each message an id of its own', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    for (let i = 0; i < 2; i++) {
      const { window, history } = fakes();
      relayConsentCallback({ location: at(`?state=${STATE}`), channelName: name, window, history });
    }
    await waitUntil(() => listener.messages.length === 2, 'both messages should arrive');
    const [first, second] = listener.messages as { id: string }[];
    expect(first!.id).to.not.equal(second!.id);
  });

  it('reads the hash fragment when the query string is empty', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { calls, window, history } = fakes();
    const params = relayConsentCallback({
      location: at('', `#admin_consent=True&tenant=${TENANT}&state=${STATE}`),
      channelName: name,
      window,
      history,
    });

    const expected = { adminConsent: 'True', tenant: TENANT, state: STATE };
    expect(params).to.deep.equal(expected);
    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    expect(listener.messages.map(withoutId)).to.deep.equal([
      { type: 'consent-callback', params: expected },
    ]);
    expect(calls.replaceState).to.deep.equal([[null, '', '/callback.html']]);
  });

  it('prefers the query string to the hash fragment', () => {
    const { window, history } = fakes();
    const params = relayConsentCallback({
      location: at(`?error=consent_required&state=${STATE}`, '#admin_consent=True&state=other'),
      channelName: uniqueChannel(),
      window,
      history,
    });
    expect(params).to.deep.equal({ error: 'consent_required', state: STATE });
  });

  it('leaves the tab open with close: false', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { calls, window, history } = fakes();
    relayConsentCallback({
      location: at(`?admin_consent=True&tenant=${TENANT}&state=${STATE}`),
      channelName: name,
      close: false,
      window,
      history,
    });
    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    expect(calls.close).to.equal(0);
    expect(calls.replaceState).to.have.length(1);
  });

  it('posts nothing, keeps the address and the tab when the URL holds no answer', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { calls, window, history } = fakes();
    const params = relayConsentCallback({
      location: at('?unrelated=1', ''),
      channelName: name,
      window,
      history,
    });
    expect(params).to.deep.equal({});
    await pause(200);
    expect(listener.messages).to.deep.equal([]);
    expect(calls.close).to.equal(0);
    expect(calls.replaceState).to.deep.equal([]);
  });

  it('cuts each value to the length the console accepts', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { window, history } = fakes();
    const long = 'AADSTS65001: '.padEnd(10_000, 'x');
    relayConsentCallback({
      location: at(`?${new URLSearchParams({ error: 'invalid_client', error_description: long })}`),
      channelName: name,
      window,
      history,
    });
    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    const message = listener.messages[0] as { params: { errorDescription: string } };
    expect(message.params.errorDescription).to.equal(long.slice(0, 4096));
    expect(isConsentCallbackMessage(message)).to.be.true;
  });

  it('works without a history to strip (guarded)', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { calls, window } = fakes();
    relayConsentCallback({
      location: at(`?admin_consent=True&tenant=${TENANT}&state=${STATE}`),
      channelName: name,
      window,
      history: {} as Pick<History, 'replaceState'>,
    });
    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    expect(calls.close).to.equal(1);
  });
  it('relays even when the address cannot be rewritten', async () => {
    const name = uniqueChannel();
    const listener = open(name);
    const { calls, window } = fakes();
    const history = {
      replaceState: () => {
        throw new DOMException('refused', 'SecurityError');
      },
    };
    relayConsentCallback({
      location: at(`?admin_consent=True&tenant=${TENANT}&state=${STATE}`),
      channelName: name,
      window,
      history,
    });
    await waitUntil(() => listener.messages.length > 0, 'the message should arrive');
    expect(calls.close).to.equal(1);
  });

  it('keeps the tab open, for the manual path, where BroadcastChannel is missing', () => {
    const global = globalThis as { BroadcastChannel?: typeof BroadcastChannel };
    const original = global.BroadcastChannel;
    const { calls, window, history } = fakes();
    let params;
    try {
      global.BroadcastChannel = undefined;
      params = relayConsentCallback({
        location: at(`?admin_consent=True&tenant=${TENANT}&state=${STATE}`),
        window,
        history,
      });
    } finally {
      global.BroadcastChannel = original;
    }
    expect(params).to.deep.equal({ adminConsent: 'True', tenant: TENANT, state: STATE });
    expect(calls.close).to.equal(0);
    expect(calls.replaceState).to.have.length(1);
  });
});

describe('the redirect page across origins', () => {
  const frames: HTMLIFrameElement[] = [];
  let listener: { messages: unknown[]; close: () => void } | undefined;
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
    listener?.close();
    listener = undefined;
  });

  /** The relay page's URL on `host` (same port), relaying `state` on `channel`. */
  function relayPage(host: string, channel: string, state: string): string {
    const url = new URL('./fixtures/relay-page.html', import.meta.url);
    url.hostname = host;
    url.search = new URLSearchParams({
      admin_consent: 'True',
      tenant: TENANT,
      state,
      channel,
    }).toString();
    return url.href;
  }

  /** Loads `src` in an iframe and resolves with what the page reports once it has relayed. */
  function load(src: string): Promise<{ state: string | null; origin: string; search: string }> {
    const frame = document.createElement('iframe');
    frames.push(frame);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${src} did not report`)), 8000);
      const onMessage = (event: MessageEvent) => {
        if (event.source !== frame.contentWindow) return;
        const data = event.data as { type?: string; state: string | null; origin: string };
        if (data.type !== 'relay-page-done') return;
        clearTimeout(timer);
        removeEventListener('message', onMessage);
        resolve(event.data);
      };
      addEventListener('message', onMessage);
      frame.src = src;
      document.body.append(frame);
    });
  }

  it('delivers from a page of the same origin only', async function () {
    this.timeout(20_000);
    const channel = uniqueChannel();
    listener = listen(channel);
    const messages = listener.messages;
    // Same port, other host name: `localhost` and `127.0.0.1` are two origins.
    const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const sameState = `same-origin-${crypto.randomUUID()}`;
    const otherState = `other-origin-${crypto.randomUUID()}`;

    const [other, same] = await Promise.all([
      load(relayPage(otherHost, channel, otherState)),
      load(relayPage(location.hostname, channel, sameState)),
    ]);
    // Both pages ran and relayed: the other one really is of another origin.
    expect(same.origin).to.equal(location.origin);
    expect(other.origin).to.not.equal(location.origin);
    expect(other.origin).to.equal(`${location.protocol}//${otherHost}:${location.port}`);
    expect(other.state).to.equal(otherState);
    // Each page stripped the answer from its address.
    expect(same.search).to.equal('');
    expect(other.search).to.equal('');

    const stateOf = (message: unknown) =>
      (message as { params?: { state?: string } }).params?.state;
    await waitUntil(
      () => messages.some((message) => stateOf(message) === sameState),
      'the same-origin page should deliver',
      { timeout: 5000 },
    );
    await pause(300);
    expect(messages.map(stateOf)).to.deep.equal([sameState]);
    expect(isConsentCallbackMessage(messages[0])).to.be.true;
  });
});
