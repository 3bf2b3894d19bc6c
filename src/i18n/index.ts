import { en, type Strings } from './en.js';

export type { Strings } from './en.js';
export { en } from './en.js';

/** Partial overrides of the catalog; nested `errors` and `fieldErrors` may be partial too. */
export type StringOverrides = Partial<Omit<Strings, 'errors' | 'fieldErrors'>> & {
  errors?: Partial<Strings['errors']>;
  fieldErrors?: Partial<Strings['fieldErrors']>;
};

/**
 * The catalogs other than English, each loaded the first time a `lang` asks for it: a console
 * that speaks only English never downloads the French text.
 */
const loaders: Readonly<Record<string, () => Promise<Strings>>> = {
  fr: () => import('./fr.js').then((module) => module.fr),
};

/** The catalogs ready to use, by primary language subtag. */
const loaded = new Map<string, Strings>([['en', en]]);
/** The loads under way, so every element waiting for a language shares one request. */
const loading = new Map<string, Promise<Strings>>();

/** `fr` for `fr-CA`, `FR_fr` or `fr`; empty for anything that is not text. */
function primaryOf(lang: unknown): string {
  return (typeof lang === 'string' ? lang : '').toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The catalog for a language tag (`fr-CA`, `fr_FR` get French) once it is loaded; English when
 * no catalog matches, or before the matching one has loaded (see `loadCatalog`).
 */
export function catalogFor(lang: string | null | undefined): Strings {
  return loaded.get(primaryOf(lang)) ?? en;
}

/**
 * The catalog for a language tag, loading it first when needed (French is a separate chunk).
 * Never rejects: when the catalog cannot be loaded (a network failure), it warns and gives
 * English, and the next call tries again.
 */
export function loadCatalog(lang: string | null | undefined): Promise<Strings> {
  return pendingCatalog(lang) ?? Promise.resolve(catalogFor(lang));
}

/**
 * The load of a language tag's catalog when one is needed and not done yet; `undefined` when
 * `catalogFor` already gives the right catalog, so an element can render without waiting.
 */
export function pendingCatalog(lang: string | null | undefined): Promise<Strings> | undefined {
  const primary = primaryOf(lang);
  if (loaded.has(primary) || !Object.hasOwn(loaders, primary)) return undefined;
  let pending = loading.get(primary);
  if (!pending) {
    const load = loaders[primary] as () => Promise<Strings>;
    pending = load().then(
      (catalog) => {
        loaded.set(primary, catalog);
        loading.delete(primary);
        return catalog;
      },
      (error: unknown) => {
        loading.delete(primary);
        console.warn(
          `azure-compliance-connect: the "${primary}" text could not be loaded; showing English.`,
          error,
        );
        return en;
      },
    );
    loading.set(primary, pending);
  }
  return pending;
}

/** Overrides already warned about, so a console that re-renders warns once per mistake. */
const warned = new Set<string>();

/**
 * `table` with the overrides that replace one of its sentences by text; anything else (an unknown
 * key, a value that is not text, `__proto__`) is left out with one console warning.
 */
function overlay<T extends object>(table: T, overrides: unknown, where: string): T {
  if (overrides === undefined) return table;
  const result: Record<string, unknown> = { ...(table as Record<string, unknown>) };
  if (typeof overrides !== 'object' || overrides === null) {
    warnOnce(`${where} must be an object of strings`);
    return table;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (key === 'errors' || key === 'fieldErrors') continue;
    if (!Object.hasOwn(table, key) || typeof (table as Record<string, unknown>)[key] !== 'string') {
      warnOnce(`${where}.${key} is not a sentence of the kit`);
    } else if (typeof value !== 'string') {
      warnOnce(`${where}.${key} must be a string`);
    } else {
      result[key] = value;
    }
  }
  return result as T;
}

function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`azure-compliance-connect: strings override ignored: ${message}.`);
}

export function resolveStrings(
  lang: string | null | undefined,
  overrides?: StringOverrides,
): Strings {
  const base = catalogFor(lang);
  if (overrides === undefined || overrides === null) return base;
  const raw = overrides as Record<string, unknown>;
  return {
    ...overlay(base, overrides, 'strings'),
    errors: overlay(base.errors, raw.errors, 'strings.errors'),
    fieldErrors: overlay(base.fieldErrors, raw.fieldErrors, 'strings.fieldErrors'),
  };
}

/** Fills `{name}` placeholders; unknown names are left as they are. Text only, never markup. */
export function format(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
