/** The KPI formulas of SPEC §4: pure functions of a delivery's tally. */
import type { Channel, DeliveryMode, Indicators } from '../types.js';
import {
  CLASS_COUNT,
  EXCLUDED_CLASS,
  RETRYING_CLASS,
  UNRELAYED_CLASS,
  isBounceClass,
  isFinalClass,
  statusOfClass,
} from './message-classes.js';

/** Counters kept with a delivery: messages per class, unique opens and clicks. */
export interface Tally {
  readonly classes: readonly number[];
  readonly opens: number;
  readonly clicks: number;
  /** Absent in records from before complaints were counted: none then. */
  readonly complaints?: number;
}

/** Open and click rates as last published (refreshed at most hourly). */
export interface EngagementSnapshot {
  readonly openRate: number;
  readonly clickRate: number;
  readonly at: number;
}

/** Which engagement rates a channel has (SPEC §6). */
export const CHANNEL_RATES: Readonly<Record<Channel, { open: boolean; click: boolean }>> = {
  email: { open: true, click: true },
  sms: { open: false, click: false },
  push: { open: true, click: false },
};

export const ENGAGEMENT_REFRESH_MS = 60 * 60 * 1000;

export function emptyTally(): Tally {
  return { classes: new Array<number>(CLASS_COUNT).fill(0), opens: 0, clicks: 0, complaints: 0 };
}

/** A percentage whose denominator is 0 is 0 (SPEC §4, choice), never NaN. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

export interface Counts {
  readonly targeted: number;
  readonly excluded: number;
  readonly toDeliver: number;
  readonly relayed: number;
  readonly delivered: number;
  readonly bounces: number;
  readonly pending: number;
  readonly failed: number;
  readonly retrying: number;
}

export function countsOf(tally: Tally, mode: DeliveryMode): Counts {
  let targeted = 0;
  let delivered = 0;
  let bounces = 0;
  let pending = 0;
  let failed = 0;
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    const count = tally.classes[cls] ?? 0;
    targeted += count;
    const status = statusOfClass(mode, cls);
    if (status === 'sent') delivered += count;
    else if (status === 'pending') pending += count;
    else if (status === 'failed') failed += count;
    if (isBounceClass(mode, cls)) bounces += count;
  }
  const excluded = tally.classes[EXCLUDED_CLASS] ?? 0;
  const toDeliver = targeted - excluded;
  const relayed = toDeliver - (tally.classes[UNRELAYED_CLASS] ?? 0);
  const retrying = tally.classes[RETRYING_CLASS] ?? 0;
  return { targeted, excluded, toDeliver, relayed, delivered, bounces, pending, failed, retrying };
}

/** Publishes the open and click rates as of `at` (each at most 100 %). */
export function snapshotEngagement(
  tally: Tally,
  mode: DeliveryMode,
  at: number,
): EngagementSnapshot {
  const { delivered } = countsOf(tally, mode);
  return {
    openRate: Math.min(100, percent(tally.opens, delivered)),
    clickRate: Math.min(100, percent(tally.clicks, delivered)),
    at,
  };
}

/** A delivery's indicators from its counters, in its own mode or in `mode`. */
export function indicatorsOf(
  delivery: {
    readonly tally: Tally;
    readonly mode: DeliveryMode;
    readonly channel: Channel;
    readonly engagement: EngagementSnapshot | null;
  },
  mode: DeliveryMode = delivery.mode,
): Indicators {
  return computeIndicators(delivery.tally, mode, delivery.channel, delivery.engagement);
}

export function computeIndicators(
  tally: Tally,
  mode: DeliveryMode,
  channel: Channel,
  engagement: EngagementSnapshot | null,
): Indicators {
  const counts = countsOf(tally, mode);
  const rates = CHANNEL_RATES[channel];
  return {
    ...counts,
    relayedPercent: percent(counts.relayed, counts.toDeliver),
    deliveredPercent: percent(counts.delivered, counts.relayed),
    bouncesPercent: percent(counts.bounces, counts.relayed),
    opens: tally.opens,
    clicks: tally.clicks,
    complaints: tally.complaints ?? 0,
    complaintRate: channel === 'email' ? percent(tally.complaints ?? 0, counts.delivered) : null,
    openRate: rates.open ? (engagement?.openRate ?? 0) : null,
    clickRate: rates.click ? (engagement?.clickRate ?? 0) : null,
    engagementRefreshedAt: engagement?.at ?? null,
  };
}

/**
 * Every message has its final status (SPEC §2): none waits to be relayed, none is relayed with
 * nothing reported yet, none is being retried. Without EFS a relayed message is never reported
 * delivered, so such a delivery finishes at the end of its validity period: finishing earlier
 * would depend on whether a late soft bounce came before or after the check.
 */
export function allMessagesFinal(tally: Tally): boolean {
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    if ((tally.classes[cls] ?? 0) > 0 && !isFinalClass(cls)) return false;
  }
  return true;
}
