/** Number and date formatting shared by the elements, in the page's (or a given) locale. */
export function formatPercent(value: number | null, locale?: string): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} %`;
}

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatDate(time: number | null, locale?: string): string {
  if (time === null) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(time);
}
