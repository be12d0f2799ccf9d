/**
 * The send over time, as data: counters per interval of model time since the delivery started.
 *
 * One interval is one minute: a one-hour send has 60 of them, a 3.5-day validity 5,040 (each is
 * 12 counters, so a whole validity is 242 KB, stored in blocks of TIMELINE_BLOCK intervals).
 * Per interval: messages relayed in it (the first event of each), messages whose current status
 * was reached in it, by class (so the outcome series sum to the KPIs, and Compute stats recounts
 * them from the logs exactly), and first opens, clicks and complaints in it.
 */
import type { DeliveryMode, FailureType } from '../types.js';
import {
  CLASS_COUNT,
  EXCLUDED_CLASS,
  UNRELAYED_CLASS,
  failureTypeOfClass,
  statusOfClass,
} from './message-classes.js';

export const INTERVAL_MS = 60_000;
/** Intervals per stored block (4 h 16 min). */
export const TIMELINE_BLOCK = 256;
/** The last interval: stored interval numbers are 16 bits (+1), 45 days after the start. */
export const LAST_INTERVAL = 0xfffe;

/** Counter columns of one interval: the classes (0–7), then these. */
export const RELAYED_COLUMN = CLASS_COUNT;
export const OPENS_COLUMN = CLASS_COUNT + 1;
export const CLICKS_COLUMN = CLASS_COUNT + 2;
export const COMPLAINTS_COLUMN = CLASS_COUNT + 3;
export const TIMELINE_STRIDE = CLASS_COUNT + 4;

/** The interval of a model time, for a delivery started at `startedAt` (clamped to the range). */
export function intervalOf(at: number, startedAt: number): number {
  const interval = Math.floor((at - startedAt) / INTERVAL_MS);
  return interval < 0 ? 0 : interval > LAST_INTERVAL ? LAST_INTERVAL : interval;
}

/** Whether a class is counted by the time its status was reached (not unrelayed, not excluded). */
export function isTimedClass(cls: number): boolean {
  return cls !== UNRELAYED_CLASS && cls !== EXCLUDED_CLASS;
}

export const TIMELINE_SERIES = [
  'relayed',
  'delivered',
  'hardBounces',
  'softBounces',
  'opens',
  'clicks',
  'complaints',
] as const;
export type TimelineSeries = (typeof TIMELINE_SERIES)[number];

/**
 * Which class columns make each outcome series, per mode: delivered = the `sent` status, as the
 * KPI counts it; bounces by the class's failure type (a soft bounce later delivered leaves the
 * soft series). Without EFS a message being retried is both (SPEC §4: it "stays Sent").
 */
export function seriesColumns(
  mode: DeliveryMode,
): Readonly<Record<TimelineSeries, readonly number[]>> {
  const classes = Array.from({ length: CLASS_COUNT }, (_, cls) => cls).filter(isTimedClass);
  const ofType = (type: FailureType) => classes.filter((cls) => failureTypeOfClass(cls) === type);
  return {
    relayed: [RELAYED_COLUMN],
    delivered: classes.filter((cls) => statusOfClass(mode, cls) === 'sent'),
    hardBounces: ofType('hard'),
    softBounces: ofType('soft'),
    opens: [OPENS_COLUMN],
    clicks: [CLICKS_COLUMN],
    complaints: [COMPLAINTS_COLUMN],
  };
}

/** The series of `length` intervals from their counters (TIMELINE_STRIDE per interval). */
export function seriesOf(
  counts: ArrayLike<number>,
  length: number,
  mode: DeliveryMode,
): Record<TimelineSeries, number[]> {
  const columns = seriesColumns(mode);
  const result = {} as Record<TimelineSeries, number[]>;
  for (const name of TIMELINE_SERIES) {
    const picked = columns[name];
    const values = new Array<number>(length);
    for (let interval = 0; interval < length; interval++) {
      let sum = 0;
      for (const column of picked) sum += counts[interval * TIMELINE_STRIDE + column] ?? 0;
      values[interval] = sum;
    }
    result[name] = values;
  }
  return result;
}
