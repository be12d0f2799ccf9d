/**
 * Local wall-clock time in a named time zone, from the platform's own zone data (Intl): what a
 * sending window's "Mon 08:00 in Europe/Paris" is as an instant, across daylight-saving changes.
 */
import { DAY_MS } from '../clock.js';
import { InputError } from '../errors.js';
import type { Weekday } from '../types.js';

const MINUTE_MS = 60_000;
const WEEKDAY_OF_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's canonical name, or an InputError for `field` when the platform does not know it. */
export function checkTimeZone(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 64) {
    throw new InputError(field, 'an IANA time zone name, such as Europe/Paris or UTC');
  }
  try {
    return formatterOf(value).resolvedOptions().timeZone;
  } catch {
    throw new InputError(field, `a time zone this browser knows (not "${value}")`);
  }
}

/** The local wall-clock time of `instant` in `zone`, as ms of a UTC calendar (seconds kept). */
export function wallClockOf(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC maps years 0–99 to 1900–1999.
  return year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
}

/**
 * The instant the wall clock of `zone` shows `wall` (ms of a UTC calendar). A wall time skipped
 * by a change to summer time does not exist: it maps to the instant the clock shows it plus the
 * skipped hour (a skipped 02:30 opens at 03:30); a wall time that happens twice (the change back)
 * maps to its first occurrence.
 */
export function instantOfWallClock(zone: string, wall: number): number {
  const first = wall - (wallClockOf(zone, wall) - wall);
  const offset = wallClockOf(zone, first) - first;
  const candidate = wall - offset;
  if (wallClockOf(zone, candidate) === wall) {
    // The earlier of the two instants a repeated hour has, when there are two.
    const earlier = candidate - 3_600_000;
    return wallClockOf(zone, earlier) === wall ? earlier : candidate;
  }
  return Math.max(first, candidate);
}

/** The local day (a UTC-calendar midnight) `instant` falls on in `zone`. */
export function localDayOf(zone: string, instant: number): number {
  const wall = wallClockOf(zone, instant);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

export function weekdayOfDay(day: number): Weekday {
  return WEEKDAY_OF_UTC_DAY[new Date(day).getUTCDay()]!;
}

/** Minutes after midnight of an `HH:MM` text (00:00 to 24:00), or null. */
export function minutesOfClockText(value: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

export { MINUTE_MS };
