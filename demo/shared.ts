/**
 * What the three demo pages share: the language and theme the visitor chose (kept in
 * localStorage so the consent stand-in and the callback page follow the console), and a
 * tiny text catalog helper. Text is always set with `textContent`, never as markup.
 */

export type DemoLang = 'en' | 'fr';
export type DemoTheme = 'light' | 'dark';

const LANG_KEY = 'azure-compliance-connect-demo:lang';
const THEME_KEY = 'azure-compliance-connect-demo:theme';

function readPref(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writePref(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (private mode, quota); the choice then lasts for this page only.
  }
}

export function isDemoLang(value: unknown): value is DemoLang {
  return value === 'en' || value === 'fr';
}

export function isDemoTheme(value: unknown): value is DemoTheme {
  return value === 'light' || value === 'dark';
}

/** The saved language, else the browser's if it is French, else English. */
export function savedLang(): DemoLang {
  const saved = readPref(LANG_KEY);
  if (isDemoLang(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The saved theme, else the operating system's preference. */
export function savedTheme(): DemoTheme {
  const saved = readPref(THEME_KEY);
  if (isDemoTheme(saved)) return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Sets `lang` on the root: every element of the kit follows the nearest `lang`. */
export function applyLang(lang: DemoLang, save = false): void {
  document.documentElement.lang = lang;
  if (save) writePref(LANG_KEY, lang);
}

/** Sets `color-scheme` on the root: the kit's colours use `light-dark()` and follow it. */
export function applyTheme(theme: DemoTheme, save = false): void {
  document.documentElement.style.colorScheme = theme;
  document.documentElement.dataset['theme'] = theme;
  if (save) writePref(THEME_KEY, theme);
}

/** Applies the saved language and theme; call first thing on every demo page. */
export function applySavedPrefs(): DemoLang {
  const lang = savedLang();
  applyLang(lang);
  applyTheme(savedTheme());
  return lang;
}

export type Catalog<K extends string> = Readonly<Record<DemoLang, Readonly<Record<K, string>>>>;

/**
 * Fills every `[data-text="key"]` element under `root` with the catalog's text for `lang`
 * (and the `aria-label` of every `[data-label="key"]` element).
 * The HTML carries the English text, so the pages read fine before the script runs.
 */
export function fillText<K extends string>(
  catalog: Catalog<K>,
  lang: DemoLang,
  root: ParentNode = document,
): void {
  const texts: Readonly<Record<string, string>> = catalog[lang];
  for (const element of root.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = element.dataset['text'] ?? '';
    const text = Object.hasOwn(texts, key) ? texts[key] : undefined;
    if (text !== undefined) element.textContent = text;
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-label]')) {
    const key = element.dataset['label'] ?? '';
    const text = Object.hasOwn(texts, key) ? texts[key] : undefined;
    if (text !== undefined) element.setAttribute('aria-label', text);
  }
}

/** The element with `id`, typed; throws when the page markup is missing it. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`Demo page: #${id} is missing.`);
  return element;
}

/** Keeps the page in step when another demo tab changes the language or theme. */
export function followOtherTabs(onChange: (lang: DemoLang) => void): void {
  addEventListener('storage', (event) => {
    if (event.key === LANG_KEY && isDemoLang(event.newValue)) {
      applyLang(event.newValue);
      onChange(event.newValue);
    }
    if (event.key === THEME_KEY && isDemoTheme(event.newValue)) applyTheme(event.newValue);
  });
}
