/** A time span of the timeline in words: weekday and time of its start, time of its end. */
import { fillTemplate } from '../../src/index.js';
import { PLACEHOLDER } from '../shared/format.js';

const formats = new Map<string, Intl.DateTimeFormat[]>();

function formatsOf(locale: string | undefined): Intl.DateTimeFormat[] {
  const key = locale ?? '';
  let found = formats.get(key);
  if (!found) {
    found = [
      new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
      new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
    ];
    formats.set(key, found);
  }
  return found;
}

/** A time on the axis: weekday and time. */
export function formatTick(time: number, locale?: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? PLACEHOLDER : formatsOf(locale)[0]!.format(date);
}

export function formatSpan(from: number, to: number, template: string, locale?: string): string {
  const [start, end] = formatsOf(locale);
  const a = new Date(from);
  const b = new Date(to);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return PLACEHOLDER;
  return fillTemplate(template, { from: start!.format(a), to: end!.format(b) });
}
