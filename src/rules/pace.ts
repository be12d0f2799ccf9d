/**
 * The pace of a send, as pure functions of the delivery and a model time: how many messages may
 * have been handed to the MTA by then (`dueBy`), when a given count will be (`dueAt`), and what
 * the operator is shown (`paceProgress`). The simulated MTA, takeDue and the readers all use
 * these, so the send, the seam for real senders and the KPIs never disagree.
 *
 * The allowance grows only while the delivery is sending (in progress: a pause stops it, a
 * resume continues from where it was, never from the start) and only inside its sending window.
 * A warm-up's rate grows with the time since the send started (**choice**: a sender's reputation
 * builds by the calendar, so a pause does not restart the warm-up), from its start rate, doubling
 * every `doublingHours`, up to the pace.
 */
import { DAY_MS, HOUR_MS } from '../clock.js';
import type { Delivery, JournalEntry, Pace, PaceProgress, SendingWindow } from '../types.js';
import {
  MINUTE_MS,
  instantOfWallClock,
  localDayOf,
  minutesOfClockText,
  weekdayOfDay,
} from './zoned-time.js';

/** How far ahead an expected end is looked for: past it, the end shows as unknown. */
export const PACE_HORIZON_MS = 400 * DAY_MS;
/** Sums of a rate over time are floats: a count this close below a whole number is that number. */
const EPSILON = 1e-6;

export interface Span {
  readonly start: number;
  /** Exclusive; Infinity for a period still open. */
  readonly end: number;
}

/** What the pace functions read of a delivery. */
export type PacedDelivery = Pick<Delivery, 'pace' | 'startedAt' | 'journal' | 'recipientCount'>;

/** The periods the delivery was in progress, from its journal; the last one open while it is. */
export function sendingPeriods(journal: readonly JournalEntry[]): Span[] {
  const periods: Span[] = [];
  let open: number | null = null;
  for (const entry of journal) {
    const entering = entry.to === 'in-progress' && entry.from !== 'in-progress';
    const leaving = entry.from === 'in-progress' && entry.to !== 'in-progress';
    if (entering && open === null) open = entry.at;
    else if (leaving && open !== null) {
      periods.push({ start: open, end: entry.at });
      open = null;
    }
  }
  if (open !== null) periods.push({ start: open, end: Infinity });
  return periods;
}

/** The parts of [from, to) inside the window, in order (all of it without a window). */
export function* windowSpans(
  window: SendingWindow | null,
  from: number,
  to: number,
): Generator<Span> {
  if (!window) {
    if (to > from) yield { start: from, end: to };
    return;
  }
  const opens = minutesOfClockText(window.from)! * MINUTE_MS;
  const closes = minutesOfClockText(window.to)! * MINUTE_MS;
  const closesNextDay = closes <= opens;
  // A window opened the day before may still be open at `from` (one past midnight).
  for (let day = localDayOf(window.timeZone, from) - DAY_MS; ; day += DAY_MS) {
    const start = instantOfWallClock(window.timeZone, day + opens);
    if (start >= to) return;
    if (!window.days.includes(weekdayOfDay(day))) continue;
    const end = instantOfWallClock(window.timeZone, day + closes + (closesNextDay ? DAY_MS : 0));
    if (Math.min(end, to) > Math.max(start, from))
      yield { start: Math.max(start, from), end: Math.min(end, to) };
  }
}

/** Every span the delivery was (or, for an open period, will be) sending in, up to `until`. */
function* sendingSpans(pace: Pace, periods: readonly Span[], until: number): Generator<Span> {
  for (const period of periods) {
    if (period.start >= until) return;
    yield* windowSpans(pace.window, period.start, Math.min(period.end, until));
  }
}

/** When a warm-up reaches the pace's rate (the start itself without one). */
function warmedUpAt(pace: Pace, startedAt: number): number {
  const warmUp = pace.warmUp;
  if (!warmUp || warmUp.startPerHour >= pace.perHour) return startedAt;
  return startedAt + warmUp.doublingHours * HOUR_MS * Math.log2(pace.perHour / warmUp.startPerHour);
}

/** The rate allowed at `at`, messages per hour. */
export function rateAt(pace: Pace, startedAt: number, at: number): number {
  const warmUp = pace.warmUp;
  if (!warmUp || at >= warmedUpAt(pace, startedAt)) return pace.perHour;
  return warmUp.startPerHour * 2 ** ((at - startedAt) / (warmUp.doublingHours * HOUR_MS));
}

/** Messages the rate allows over [a, b] (a fraction: the caller counts whole ones). */
function allowanceOver(pace: Pace, startedAt: number, a: number, b: number): number {
  const capped = warmedUpAt(pace, startedAt);
  let total = (Math.max(0, b - Math.max(a, capped)) * pace.perHour) / HOUR_MS;
  if (a < capped) {
    const { startPerHour, doublingHours } = pace.warmUp!;
    const d = doublingHours * HOUR_MS;
    const growth = (t: number) => 2 ** ((t - startedAt) / d);
    total += ((startPerHour * d) / HOUR_MS / Math.LN2) * (growth(Math.min(b, capped)) - growth(a));
  }
  return total;
}

/** The first time in [a, b] by which the rate allowed `need` messages since `a`, or null. */
function reachedWithin(pace: Pace, startedAt: number, a: number, b: number, need: number) {
  if (allowanceOver(pace, startedAt, a, b) < need - EPSILON) return null;
  const capped = warmedUpAt(pace, startedAt);
  if (a < capped) {
    const { startPerHour, doublingHours } = pace.warmUp!;
    const d = doublingHours * HOUR_MS;
    const inWarmUp = allowanceOver(pace, startedAt, a, Math.min(b, capped));
    if (inWarmUp >= need - EPSILON) {
      const growthAtA = 2 ** ((a - startedAt) / d);
      const growth = growthAtA + (need * HOUR_MS * Math.LN2) / (startPerHour * d);
      return Math.min(b, startedAt + d * Math.log2(growth));
    }
    return Math.min(b, capped + ((need - inWarmUp) * HOUR_MS) / pace.perHour);
  }
  return Math.min(b, a + (need * HOUR_MS) / pace.perHour);
}

/**
 * How many messages may have been handed to the MTA by `at`: every recipient once the delivery
 * started when it has no pace, none before it started.
 */
export function dueBy(delivery: PacedDelivery, at: number): number {
  const { pace, startedAt, recipientCount } = delivery;
  if (startedAt === null || at < startedAt) return 0;
  if (!pace) return recipientCount;
  let total = 0;
  for (const span of sendingSpans(pace, sendingPeriods(delivery.journal), at)) {
    total += allowanceOver(pace, startedAt, span.start, span.end);
  }
  return Math.min(recipientCount, Math.floor(total + EPSILON));
}

/**
 * The first whole ms at which `count` messages may have been handed over, assuming a delivery
 * in progress stays so; null when it is not sending, or not within PACE_HORIZON_MS of `from`.
 */
export function dueAt(delivery: PacedDelivery, count: number, from: number): number | null {
  const { pace, startedAt } = delivery;
  const periods = sendingPeriods(delivery.journal);
  if (startedAt === null || periods.at(-1)?.end !== Infinity) return null;
  if (!pace) return Math.max(from, startedAt);
  let total = 0;
  for (const span of sendingSpans(pace, periods, from + PACE_HORIZON_MS)) {
    const need = count - total;
    const at = reachedWithin(pace, startedAt, span.start, span.end, need);
    if (at !== null) return Math.max(from, Math.ceil(at));
    total += allowanceOver(pace, startedAt, span.start, span.end);
  }
  return null;
}

/** When the window opens next after `at`, or null when `at` is inside it (or it has none). */
export function nextWindowOpening(window: SendingWindow | null, at: number): number | null {
  if (!window) return null;
  const next = windowSpans(window, at, at + 8 * DAY_MS).next();
  if (next.done) return null;
  return next.value.start > at ? next.value.start : null;
}

/** Time spent sending (in progress and inside the window) from the start up to `at`. */
function sendingTime(pace: Pace, journal: readonly JournalEntry[], at: number): number {
  let total = 0;
  for (const span of sendingSpans(pace, sendingPeriods(journal), at))
    total += span.end - span.start;
  return total;
}

/**
 * The pace as the operator sees it, for a delivery that has one and has started: planned and
 * actual rates, when it should end, and when it waits for its window.
 */
export function paceProgress(
  delivery: PacedDelivery & Pick<Delivery, 'state' | 'endsAt'>,
  counts: { readonly relayed: number; readonly toDeliver: number },
  now: number,
): PaceProgress | null {
  const { pace, startedAt } = delivery;
  if (!pace || startedAt === null) return null;
  const sending = delivery.state === 'in-progress';
  const hours = sendingTime(pace, delivery.journal, now) / HOUR_MS;
  const expectedEndAt =
    sending && counts.relayed < counts.toDeliver ? dueAt(delivery, counts.toDeliver, now) : null;
  return {
    plannedPerHour: pace.perHour,
    currentPerHour: rateAt(pace, startedAt, now),
    actualPerHour: hours > 0 ? counts.relayed / hours : 0,
    expectedEndAt,
    waitingUntil: sending ? nextWindowOpening(pace.window, now) : null,
    endsAfterValidity:
      expectedEndAt !== null && delivery.endsAt !== null && expectedEndAt > delivery.endsAt,
  };
}

/**
 * `count` times spread evenly over the sending time (in progress, inside the window) of
 * [from, to]: when a sender that handed over `count` messages in that stretch relayed each.
 * All at `from` when the stretch holds no sending time.
 */
export function spreadOverSending(
  delivery: Pick<Delivery, 'pace' | 'journal'>,
  from: number,
  to: number,
  count: number,
): number[] {
  const window = delivery.pace?.window ?? null;
  const spans: Span[] = [];
  for (const period of sendingPeriods(delivery.journal)) {
    const start = Math.max(from, period.start);
    const end = Math.min(to, period.end);
    if (end > start) spans.push(...windowSpans(window, start, end));
  }
  const total = spans.reduce((sum, span) => sum + (span.end - span.start), 0);
  if (total === 0) return new Array<number>(count).fill(from);
  const times: number[] = [];
  let span = 0;
  let before = 0;
  for (let index = 0; index < count; index++) {
    const offset = ((index + 1) * total) / count;
    while (span < spans.length - 1 && before + spans[span]!.end - spans[span]!.start < offset) {
      before += spans[span]!.end - spans[span]!.start;
      span++;
    }
    const at = spans[span]!.start + (offset - before);
    times.push(Math.min(Math.floor(at), spans[span]!.end - 1));
  }
  return times;
}
