/**
 * The redirect URI page's half of the automatic consent callback: it reads what Microsoft sent
 * back and hands it to the console tab on a same-origin `BroadcastChannel`. Dependency-free (no
 * Lit, no zod), so the redirect page stays tiny.
 *
 * @module
 */
import { readConsentCallback, type ConsentCallbackParams } from '../core/consent.js';
import {
  CONSENT_CHANNEL,
  MAX_CALLBACK_VALUE_LENGTH,
  type ConsentCallbackMessage,
} from './protocol.js';

// For a console with its own `storage-key`: `channelName: consentChannelName(key)`.
export { CONSENT_CHANNEL, consentChannelName } from './protocol.js';

export interface RelayConsentCallbackOptions {
  /** Where to read Microsoft's answer. Default: the page's own `location`. */
  readonly location?: Pick<Location, 'search' | 'hash'> & { readonly pathname?: string };
  /**
   * The channel the console listens on. Default: `CONSENT_CHANNEL`, the channel of a console
   * with the default `storage-key`.
   */
  readonly channelName?: string;
  /** Close this tab once the answer is sent. Default: true. */
  readonly close?: boolean;
  /** The window to close. Default: the page's own `window`. */
  readonly window?: Pick<Window, 'close'>;
  /** Where to strip the query from the address bar. Default: the page's own `history`. */
  readonly history?: Pick<History, 'replaceState'>;
}

/** The fields Microsoft sent, without the absent ones, each cut to what the console accepts. */
function present(params: ConsentCallbackParams): ConsentCallbackParams {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') kept[key] = value.slice(0, MAX_CALLBACK_VALUE_LENGTH);
  }
  return kept;
}

/** A random id for the message, so that the console tabs that all hear it can tell it is one. */
function messageId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Relays Microsoft's admin-consent answer to the console that asked for it, then closes the tab.
 *
 * Call it on the page registered as the app's redirect URI, served from the console's origin:
 *
 * ```html
 * <script type="module">
 *   import { relayConsentCallback } from 'azure-compliance-connect/callback';
 *   relayConsentCallback();
 * </script>
 * ```
 *
 * What it does, in order:
 * 1. reads `admin_consent`, `tenant`, `state`, `error` and `error_description` from the query
 *    string (or from the `#fragment` when the query is empty). A parameter that comes twice or
 *    empty (`state=a&state=b`, `tenant=`) is not read at all: its name goes in `ambiguous`, and
 *    the console refuses the answer (`readConsentCallback`);
 * 2. removes them from the address bar (`history.replaceState`), so the single-use `state` does
 *    not linger in the browser history;
 * 3. posts one `{ type: 'consent-callback', id, params }` message (`id`: random, one per
 *    message) on a `BroadcastChannel` named `CONSENT_CHANNEL`, then closes the channel. Browsers
 *    deliver it only to pages of the same origin, such as the console tab waiting for the answer.
 *    A console with another `storage-key` listens on `consentChannelName(key)`: pass that name as
 *    `channelName`;
 * 4. closes the tab (`window.close()`), unless `close: false`. Browsers let a script close only
 *    a tab that a script or a `target="_blank"` link opened; otherwise the page stays open.
 *
 * Nothing is checked here: the console verifies that the answer belongs to its attempt (`state`),
 * names the tenant that was entered, and carries no `error`. When the URL holds none of the five
 * fields, not even an empty or repeated one (the page was opened directly), nothing is posted and
 * the tab is not closed.
 *
 * @returns what Microsoft sent (absent fields left out), so the page can tell the admin, for the
 * case where the tab stays open.
 */
export function relayConsentCallback(
  options: RelayConsentCallbackOptions = {},
): ConsentCallbackParams {
  const location = options.location ?? globalThis.location;
  const query = location.search.replace(/^\?/, '');
  const fromHash = query === '';
  const params = present(readConsentCallback(fromHash ? location.hash.replace(/^#/, '') : query));
  if (Object.keys(params).length === 0) return params;

  const history = options.history ?? globalThis.history;
  const path = location.pathname ?? globalThis.location?.pathname;
  if (typeof history?.replaceState === 'function' && path !== undefined) {
    try {
      history.replaceState(null, '', path);
    } catch {
      // A sandboxed or opaque-origin page may refuse; the answer is relayed all the same.
    }
  }

  if (typeof BroadcastChannel !== 'function') return params;
  const message: ConsentCallbackMessage = { type: 'consent-callback', id: messageId(), params };
  const channel = new BroadcastChannel(options.channelName ?? CONSENT_CHANNEL);
  try {
    channel.postMessage(message);
  } finally {
    channel.close();
  }

  if (options.close ?? true) (options.window ?? globalThis.window)?.close();
  return params;
}
