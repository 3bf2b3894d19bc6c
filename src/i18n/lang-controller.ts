import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StringOverrides, Strings } from './index.js';
import { pendingCatalog, resolveStrings } from './index.js';

type Host = ReactiveControllerHost & HTMLElement;

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/** One observer for the whole page: any `lang` change in the document re-resolves every element. */
function watch(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => listeners.forEach((notify) => notify()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}

/** The `lang` of the nearest ancestor that has one, crossing shadow roots. */
export function nearestLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

/**
 * Gives an element the catalog of its nearest `lang`, merged with its `strings` overrides, and
 * re-renders it when a `lang` attribute changes anywhere in the document. While the catalog of a
 * new language loads, `pending` holds its load, which the element awaits before rendering.
 */
export class LangController implements ReactiveController {
  #lang = '';
  #pending?: Promise<unknown>;
  #unwatch?: () => void;
  #cache?: { lang: string; overrides: StringOverrides | undefined; strings: Strings };

  constructor(
    private readonly host: Host,
    private readonly overrides: () => StringOverrides | undefined,
  ) {
    host.addController(this);
  }

  get lang(): string {
    return this.#lang;
  }

  /**
   * The load of the current language's catalog while it is under way, so the host renders once
   * the text is there rather than in English first; `undefined` once it can render.
   */
  get pending(): Promise<unknown> | undefined {
    return this.#pending;
  }

  /** The strings to render with; cheap to call in `render()`. */
  get strings(): Strings {
    const overrides = this.overrides();
    const cache = this.#cache;
    if (cache && cache.lang === this.#lang && cache.overrides === overrides) return cache.strings;
    const strings = resolveStrings(this.#lang, overrides);
    this.#cache = { lang: this.#lang, overrides, strings };
    return strings;
  }

  hostConnected(): void {
    this.#update();
    this.#unwatch = watch(() => this.#update());
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  #update(): void {
    const lang = nearestLang(this.host);
    if (lang === this.#lang) return;
    this.#lang = lang;
    const load = pendingCatalog(lang);
    if (load) {
      const pending = load.then(() => {
        // A later language change has its own load; only the latest clears the wait.
        if (this.#pending === pending) this.#pending = undefined;
        this.#cache = undefined;
        this.host.requestUpdate();
      });
      this.#pending = pending;
    } else {
      this.#pending = undefined;
    }
    this.host.requestUpdate();
  }
}
