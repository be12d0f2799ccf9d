/**
 * Number and date formatting shared by the elements, in the page's (or a given) locale.
 * Intl formatters are costly to build, so each is built once per locale and reused.
 */
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

export function formatPercent(value: number | null, locale?: string): string {
  if (value === null) return '—';
  const format = formatter(
    'percent',
    locale,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
  );
  return `${format.format(value)} %`;
}

export function formatCount(value: number, locale?: string): string {
  return formatter('count', locale, () => new Intl.NumberFormat(locale)).format(value);
}

export function formatDate(time: number | null, locale?: string): string {
  if (time === null) return '';
  const format = formatter(
    'date',
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }),
  );
  return format.format(time);
}
