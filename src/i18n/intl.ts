/**
 * Dates, relative times and durations in the element's language. `lang` comes from the page and
 * may not be a valid language tag (`en_US`): then English, like the catalog.
 */

function withLocale<T>(locale: string, make: (locale: string) => T): T {
  try {
    return make(locale);
  } catch {
    return make('en');
  }
}

/** "14 March 2025 at 09:26" (the date and time, long and short), or the text itself if invalid. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return withLocale(locale, (tag) =>
    new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' }).format(date),
  );
}

const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "12 minutes ago", "il y a 2 heures", "now": how long before `now` the time `iso` was. A time a
 * little in the future (clocks that disagree) counts as now.
 */
export function formatRelative(iso: string, now: Date, locale: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.max(0, Math.round((now.getTime() - at) / 1000));
  const format = withLocale(
    locale,
    (tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'long' }),
  );
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(-seconds, 'second');
}

/** "90 minutes", "2 hours", "1 jour": a whole number of minutes in the largest exact unit. */
export function formatMinutes(minutes: number, locale: string): string {
  const [unit, value] =
    minutes % 1440 === 0
      ? (['day', minutes / 1440] as const)
      : minutes % 60 === 0
        ? (['hour', minutes / 60] as const)
        : (['minute', minutes] as const);
  return withLocale(locale, (tag) =>
    new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' }).format(value),
  );
}

/** "09:26:13": the time of day, for what just happened. */
export function formatTime(date: Date, locale: string): string {
  return withLocale(locale, (tag) =>
    new Intl.DateTimeFormat(tag, { timeStyle: 'medium' }).format(date),
  );
}
