/**
 * The two globals of this Storybook, `lang` and `theme`, as a story sees them.
 *
 * A story shown in its own frame on a docs page (`docs.story.inline: false`, as the composite's
 * and the dialogs' stories are, because their modal dialogs need a page each) is a separate
 * preview that does not receive the docs page's globals: the toolbar's Dark or French would
 * leave those frames light and English. So a story frame embedded in a docs page takes `lang`
 * and `theme` from that page (a story's own `globals` still win), and draws again when the page's
 * globals change.
 */
export type Lang = 'en' | 'fr';
export type Theme = 'light' | 'dark';

const isLang = (value: unknown): value is Lang => value === 'en' || value === 'fr';
const isTheme = (value: unknown): value is Theme => value === 'light' || value === 'dark';

/** What a story context carries of the globals (a decorator's or a play function's context). */
export interface GlobalsContext {
  readonly globals: Readonly<Record<string, unknown>>;
  readonly storyGlobals?: Readonly<Record<string, unknown>>;
}

/** The parts of a Storybook preview (`__STORYBOOK_PREVIEW__`) read here. */
interface PreviewHandle {
  readonly channel?: { on(event: string, listener: () => void): void };
  readonly storyStoreValue?: { readonly userGlobals?: { readonly globals?: object } };
  onForceReRender?(): Promise<void>;
}

function previewOf(view: Window): PreviewHandle | undefined {
  try {
    return (view as Window & { __STORYBOOK_PREVIEW__?: PreviewHandle }).__STORYBOOK_PREVIEW__;
  } catch {
    // Another origin's window: not a docs page of this Storybook.
    return undefined;
  }
}

let following = false;

/** The globals of the docs page this story frame is embedded in, or undefined. */
function docsPageGlobals(): Readonly<Record<string, unknown>> | undefined {
  if (typeof window === 'undefined' || window.parent === window) return undefined;
  // The manager, which holds the main preview frame, has no preview of its own.
  const page = previewOf(window.parent);
  const globals = page?.storyStoreValue?.userGlobals?.globals;
  if (!page || !globals) return undefined;
  if (!following) {
    following = true;
    // The page's channel also hears its frames' own announcements: draw this frame's story
    // again (its play function does not run again) only when the page's language or theme did
    // change.
    const shown = (values: object | undefined) => {
      const { lang, theme } = (values ?? {}) as Record<string, unknown>;
      return `${String(lang)}|${String(theme)}`;
    };
    let drawn = shown(globals);
    page.channel?.on('globalsUpdated', () => {
      const now = shown(page.storyStoreValue?.userGlobals?.globals);
      if (now === drawn) return;
      drawn = now;
      void previewOf(window)?.onForceReRender?.();
    });
  }
  return globals as Readonly<Record<string, unknown>>;
}

function globalOf(context: GlobalsContext, name: string): unknown {
  const own = context.storyGlobals?.[name];
  if (own !== undefined) return own;
  return docsPageGlobals()?.[name] ?? context.globals[name];
}

export function langOf(context: GlobalsContext): Lang {
  const lang = globalOf(context, 'lang');
  return isLang(lang) ? lang : 'en';
}

export function themeOf(context: GlobalsContext): Theme {
  const theme = globalOf(context, 'theme');
  return isTheme(theme) ? theme : 'light';
}
