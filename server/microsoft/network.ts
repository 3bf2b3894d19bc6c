import {
  AuthError,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { CLOUDS } from '../../src/core/cloud.js';

/** Every host the server may call: the sign-in and Graph hosts of the clouds the kit knows. */
export const MICROSOFT_HOSTS: ReadonlySet<string> = new Set(
  Object.values(CLOUDS).flatMap((cloud) => [cloud.loginHost, cloud.graphHost]),
);

/** Thrown when something asks the server to call a host that is not Microsoft's. */
export class ForeignHostError extends Error {
  constructor(url: string) {
    super(`Refused to call ${url}: only Microsoft's sign-in and Graph hosts are allowed.`);
    this.name = 'ForeignHostError';
  }
}

async function fetchAnswer<T>(
  fetcher: typeof fetch,
  method: 'GET' | 'POST',
  url: string,
  options: NetworkRequestOptions | undefined,
  timeoutMs: number,
): Promise<NetworkResponse<T>> {
  const response = await fetcher(url, {
    method,
    headers: options?.headers,
    body: method === 'POST' ? options?.body : undefined,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // As msal-node's own transport does: an answer that is not JSON is a parsing error (an
    // AuthError passes through msal unchanged), never an empty success.
    throw new AuthError(
      'token_parsing_error',
      '',
      `Microsoft answered ${response.status} with a body that is not JSON`,
    );
  }
  return { status: response.status, headers, body: body as T };
}

/**
 * The transport the server gives msal-node and uses for Graph: `fetch`, with a deadline on every
 * request and no redirects. `guardNetwork` wraps it (or a test's transport) so that nothing but
 * Microsoft's hosts is ever called.
 */
export function fetchNetwork(timeoutMs: number, fetcher: typeof fetch = fetch): INetworkModule {
  return {
    sendGetRequestAsync: (url, options, timeout) =>
      fetchAnswer(fetcher, 'GET', url, options, Math.min(timeout ?? timeoutMs, timeoutMs)),
    sendPostRequestAsync: (url, options) => fetchAnswer(fetcher, 'POST', url, options, timeoutMs),
  };
}

/** What the guard saw of the last answer to a URL that asked to wait. */
interface Wait {
  readonly until: number;
}

/** A transport that refuses foreign hosts and remembers each URL's `Retry-After`. */
export interface GuardedNetwork extends INetworkModule {
  /** Seconds still to wait before calling `url` again, when an answer said so. */
  retryAfterSeconds(url: string): number | undefined;
}

function retryAfterOf(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,6}$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Without `Retry-After`, msal-node holds back a request that got a 429 or a 5xx for 60 s: the
 * wait a check reports then.
 */
const MSAL_DEFAULT_THROTTLE_SECONDS = 60;

/**
 * Wraps a transport: a URL that is not `https:` on one of `MICROSOFT_HOSTS` is refused before
 * anything is sent (and reported to `onRefused`: msal-node turns the error into a plain network
 * error), and the wait after a failed answer is kept per URL (msal-node does not report
 * `Retry-After`), so a throttled check can say how long to wait.
 */
export function guardNetwork(
  inner: INetworkModule,
  onRefused: (error: ForeignHostError) => void = () => undefined,
  now: () => number = Date.now,
): GuardedNetwork {
  const waits = new Map<string, Wait>();
  const check = (url: string) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      parsed.protocol !== 'https:' ||
      !MICROSOFT_HOSTS.has(parsed.hostname) ||
      parsed.port
    ) {
      const error = new ForeignHostError(url.split('?')[0] ?? url);
      onRefused(error);
      throw error;
    }
  };
  const keyOf = (url: string) => url.split('?')[0] ?? url;
  const note = <T>(url: string, response: NetworkResponse<T>): NetworkResponse<T> => {
    const key = keyOf(url);
    const throttling = response.status === 429 || response.status >= 500;
    const seconds =
      response.status >= 400
        ? (retryAfterOf(response.headers['retry-after'], now()) ??
          (throttling ? MSAL_DEFAULT_THROTTLE_SECONDS : undefined))
        : undefined;
    if (seconds !== undefined) waits.set(key, { until: now() + seconds * 1000 });
    else if (response.status < 400) waits.delete(key);
    if (waits.size > 10_000) waits.clear();
    return response;
  };
  return {
    async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number) {
      check(url);
      return note(url, await inner.sendGetRequestAsync<T>(url, options, timeout));
    },
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      check(url);
      return note(url, await inner.sendPostRequestAsync<T>(url, options));
    },
    retryAfterSeconds(url) {
      const wait = waits.get(keyOf(url));
      if (!wait) return undefined;
      const left = Math.ceil((wait.until - now()) / 1000);
      return left > 0 ? left : undefined;
    },
  };
}
