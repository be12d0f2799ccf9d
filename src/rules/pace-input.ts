/**
 * A pace as valid input (createDelivery's `pace`): read once, checked and copied like every
 * other input (rules/valid-input.ts). Rates are messages per hour from 1 to MAX_PACE_PER_HOUR.
 */
import { InputError } from '../errors.js';
import { WEEKDAYS, type Pace, type SendingWindow, type WarmUp, type Weekday } from '../types.js';
import { isOneOf, readOptions, readSafely } from './valid-input.js';
import { checkTimeZone, minutesOfClockText } from './zoned-time.js';

export const MAX_PACE_PER_HOUR = 1_000_000_000;
/** A warm-up doubles at most once a minute and at least once a year. */
const DOUBLING_HOURS: readonly [number, number] = [1 / 60, 8_760];

function rate(field: string, value: unknown, max = MAX_PACE_PER_HOUR): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > max) {
    throw new InputError(field, `messages per hour, from 1 to ${max.toLocaleString('en-US')}`);
  }
  return value;
}

function readWarmUp(value: unknown, perHour: number): WarmUp | null {
  if (value === null || value === undefined) return null;
  const given = readOptions('pace.warmUp', value, ['startPerHour', 'doublingHours']);
  const { doublingHours } = given;
  const [min, max] = DOUBLING_HOURS;
  if (typeof doublingHours !== 'number' || !(doublingHours >= min) || doublingHours > max) {
    throw new InputError('pace.warmUp.doublingHours', `hours from 1/60 to ${max}`);
  }
  return {
    startPerHour: rate('pace.warmUp.startPerHour', given.startPerHour, perHour),
    doublingHours,
  };
}

function readDays(value: unknown): Weekday[] {
  return readSafely('pace.window.days', () => {
    if (!Array.isArray(value) || value.length === 0 || value.length > WEEKDAYS.length) {
      throw new InputError('pace.window.days', `a list of days: ${WEEKDAYS.join(', ')}`);
    }
    const days = new Set<Weekday>();
    for (let index = 0; index < value.length; index++) {
      const day: unknown = value[index];
      if (!isOneOf(WEEKDAYS, day) || days.has(day)) {
        throw new InputError(
          `pace.window.days[${index}]`,
          `a day not listed before: ${WEEKDAYS.join(', ')}`,
        );
      }
      days.add(day);
    }
    return WEEKDAYS.filter((day) => days.has(day));
  });
}

function clockText(field: string, value: unknown, latest: number): string {
  const minutes = typeof value === 'string' ? minutesOfClockText(value) : null;
  if (minutes === null || minutes > latest) {
    throw new InputError(
      field,
      `a local time HH:MM, from 00:00 to ${latest === 1440 ? '24:00' : '23:59'}`,
    );
  }
  return value as string;
}

function readWindow(value: unknown): SendingWindow | null {
  if (value === null || value === undefined) return null;
  const given = readOptions('pace.window', value, ['days', 'from', 'to', 'timeZone']);
  const from = clockText('pace.window.from', given.from, 1439);
  const to = clockText('pace.window.to', given.to, 1440);
  if (minutesOfClockText(from) === minutesOfClockText(to)) {
    throw new InputError(
      'pace.window.to',
      'a time other than `from` (leave the window out to send at any hour)',
    );
  }
  return {
    days: readDays(given.days),
    from,
    to,
    timeZone: checkTimeZone('pace.window.timeZone', given.timeZone ?? 'UTC'),
  };
}

/** The pace, checked and copied; null when none is given. */
export function readPace(value: unknown): Pace | null {
  if (value === null || value === undefined) return null;
  const given = readOptions('pace', value, ['perHour', 'warmUp', 'window']);
  const perHour = rate('pace.perHour', given.perHour);
  return Object.freeze({
    perHour,
    warmUp: readWarmUp(given.warmUp, perHour),
    window: readWindow(given.window),
  });
}
