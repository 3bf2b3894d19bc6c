/**
 * Timing helpers for the audit outbox: full-jitter exponential backoff, an abortable sleep, and
 * a race that lets a caller stop waiting for a promise that ignores its signal.
 *
 * Side-effect free: nothing here touches the DOM or starts a timer at import time.
 */

export interface BackoffOptions {
  /** The ceiling before jitter for the first retry (attempt 0). */
  readonly baseDelayMs: number;
  /** No delay is ever longer than this. */
  readonly maxDelayMs: number;
  /** A number in [0, 1]; values outside are clamped. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry), with full jitter:
 * `random() * min(maxDelayMs, baseDelayMs * 2 ** attempt)`.
 *
 * Full jitter spreads the retries of many clients over the whole window, so a backend that comes
 * back is not hit by all of them at the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(
    Math.max(0, options.maxDelayMs),
    Math.max(0, options.baseDelayMs) * 2 ** Math.max(0, attempt),
  );
  const draw = (options.random ?? Math.random)();
  const unit = Number.isFinite(draw) ? Math.min(1, Math.max(0, draw)) : 0;
  return unit * ceiling;
}

/** The reason a signal was aborted with, as an Error (`AbortError` when it had none). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Waits `ms` milliseconds. Rejects with the signal's reason as soon as it is aborted, and clears
 * its timer then, so an aborted sleep leaves nothing behind.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `work()`, or rejects with the signal's reason as soon as the signal is aborted,
 * whichever comes first. `work` is called on a later microtask, so a synchronous throw becomes a
 * rejection too. Use it around code that may ignore its signal.
 */
export function raceAbort<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A signal that aborts when any of `signals` does (with that signal's reason). A small stand-in
 * for `AbortSignal.any`, which older Safari lacks. `dispose()` removes its listeners.
 */
export function anySignal(...signals: AbortSignal[]): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const listeners: [AbortSignal, () => void][] = [];
  const dispose = () => {
    for (const [source, listener] of listeners) source.removeEventListener('abort', listener);
    listeners.length = 0;
  };
  for (const source of signals) {
    if (source.aborted) {
      dispose();
      controller.abort(abortReason(source));
      break;
    }
    const listener = () => {
      dispose();
      controller.abort(abortReason(source));
    };
    listeners.push([source, listener]);
    source.addEventListener('abort', listener, { once: true });
  }
  return { signal: controller.signal, dispose };
}
