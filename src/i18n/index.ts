import { en, type Strings } from './en.js';
import { fr } from './fr.js';

export type { Strings } from './en.js';
export { en } from './en.js';
export { fr } from './fr.js';

/** Partial overrides of the catalog; nested `errors` and `fieldErrors` may be partial too. */
export type StringOverrides = Partial<Omit<Strings, 'errors' | 'fieldErrors'>> & {
  errors?: Partial<Strings['errors']>;
  fieldErrors?: Partial<Strings['fieldErrors']>;
};

const catalogs: Readonly<Record<string, Strings>> = { en, fr };

/** The catalog for a language tag (`fr-CA`, `fr_FR` get French); English when none matches. */
export function catalogFor(lang: string | null | undefined): Strings {
  const primary = (typeof lang === 'string' ? lang : '').toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(catalogs, primary) ? (catalogs[primary] as Strings) : en;
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
