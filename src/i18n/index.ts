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
  const primary = (lang ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return catalogs[primary] ?? en;
}

export function resolveStrings(
  lang: string | null | undefined,
  overrides?: StringOverrides,
): Strings {
  const base = catalogFor(lang);
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    errors: { ...base.errors, ...overrides.errors },
    fieldErrors: { ...base.fieldErrors, ...overrides.fieldErrors },
  } as Strings;
}

/** Fills `{name}` placeholders; unknown names are left as they are. Text only, never markup. */
export function format(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
