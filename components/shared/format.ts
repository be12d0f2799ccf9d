/**
 * Number, percentage and date formatting in the element's locale. Intl formatters are costly to
 * build, so each is built once per locale and reused. A value that cannot be formatted (a time
 * beyond a Date, NaN) renders as a placeholder: an element never throws on a stored value.
 */
export const PLACEHOLDER = '—';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  locale: string | undefined,
  build: () => T,
): T {
  const id = `${key}:${locale ?? ''}`;
  let found = cache.get(id) as T | undefined;
  if (!found) {
    found = build();
    cache.set(id, found);
  }
  return found;
}

/** `value` is a percentage (0–100); formatted with Intl's percent style, e.g. "12.5 %" in fr. */
export function formatPercent(value: number | null, locale?: string, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return PLACEHOLDER;
  return formatter(
    `percent:${digits}`,
    locale,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }),
  ).format(value / 100);
}

export function formatCount(value: number, locale?: string): string {
  if (!Number.isFinite(value)) return PLACEHOLDER;
  return formatter('count', locale, () => new Intl.NumberFormat(locale)).format(value);
}

/** A date with the full year; '' for "no time", the placeholder for a time it cannot show. */
export function formatDate(time: number | null, locale?: string): string {
  if (time === null) return '';
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return PLACEHOLDER;
  return formatter(
    'date',
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
  ).format(date);
}

/** A weekday and a time in a given zone, named ("Mon 08:00 GMT+1"): a sending window's opening. */
export function formatWeekdayTime(time: number, timeZone: string, locale?: string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return PLACEHOLDER;
  return formatter(
    `weekday-time:${timeZone}`,
    locale,
    () =>
      new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      }),
  ).format(date);
}

/** ISO 8601 for exports; '' for "no time", the placeholder for a time it cannot show. */
export function isoDate(time: number | null): string {
  if (time === null) return '';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? PLACEHOLDER : date.toISOString();
}

/** A valid BCP 47 tag, canonicalised, or undefined. */
export function validLocale(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/**
 * The locale of an element: its `locale` property if valid, else the closest `lang` attribute
 * (the element's own, then its ancestors', across shadow roots, up to the document's), else the
 * browser's. An invalid value anywhere is skipped, never thrown.
 */
export function localeOf(element: Element, explicit: unknown): string | undefined {
  const chosen = validLocale(explicit);
  if (chosen) return chosen;
  for (let node: Node | null = element; node;) {
    if (node instanceof Element) {
      const lang = validLocale(node.getAttribute('lang'));
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return validLocale(navigator.language);
}
