/**
 * The breakdowns as pure functions of their counters: per mailbox provider group (a tally each,
 * read with the KPI formulas of indicators.ts) and per failure reason and type, with the health
 * bands mailbox providers and sending platforms publish, as data with their sources.
 */
import type {
  Channel,
  DeliveryMode,
  ExclusionCause,
  FailureReason,
  FailureType,
} from '../types.js';
import { COMPLAINT_BANDS } from './complaints.js';
import { EXCLUSION_CODES, REASON_CODES } from './event-codes.js';
import { EXCLUSION_REASONS } from './feedback-rules.js';
import { countsOf, percent } from './indicators.js';
import { CLASS_COUNT, EXCLUDED_CLASS, failureTypeOfClass } from './message-classes.js';
import type { ProviderGroup } from './providers.js';

/**
 * Hard bounces / relayed, in percent. Amazon SES puts an account under review at a 5 % bounce
 * rate and may pause it at 10 %, and asks senders to stay under 2 % (SES developer guide,
 * "Sending review process FAQs"); SendGrid and Mailgun give the same 2 % as their guidance.
 */
export const BOUNCE_BANDS = [
  { band: 'healthy', below: 2 },
  { band: 'at-risk', below: 5 },
  { band: 'harmful', below: Infinity },
] as const;

export type HealthBand = (typeof BOUNCE_BANDS)[number]['band'];

/** The band of a rate among bands (BOUNCE_BANDS, COMPLAINT_BANDS). */
export function bandOf(
  rate: number,
  bands: readonly { readonly band: HealthBand; readonly below: number }[],
): HealthBand {
  return bands.find((entry) => rate < entry.below)?.band ?? 'harmful';
}

export interface ProviderRow {
  readonly group: ProviderGroup;
  readonly targeted: number;
  readonly relayed: number;
  readonly delivered: number;
  /** Bounces + errors, as the delivery's mode counts them (SPEC §4). */
  readonly bounces: number;
  readonly hardBounces: number;
  readonly complaints: number;
  readonly opens: number;
  readonly clicks: number;
  /** Delivered / relayed, in percent. */
  readonly deliveredRate: number;
  /** Hard bounces / relayed, in percent, and its band (BOUNCE_BANDS). */
  readonly hardBounceRate: number;
  readonly hardBounceBand: HealthBand;
  /** Complaints / delivered (email only, else null) and its band (COMPLAINT_BANDS). */
  readonly complaintRate: number | null;
  readonly complaintBand: HealthBand | null;
  /** Unique opens and clicks / delivered, live, each at most 100 %. */
  readonly openRate: number;
  readonly clickRate: number;
}

/** One group's counters: the classes (0–7), then opens, clicks, complaints. */
export function providerRow(
  group: ProviderGroup,
  counters: ArrayLike<number>,
  offset: number,
  mode: DeliveryMode,
  channel: Channel,
): ProviderRow {
  const classes = Array.from({ length: CLASS_COUNT }, (_, cls) => counters[offset + cls] ?? 0);
  const opens = counters[offset + CLASS_COUNT] ?? 0;
  const clicks = counters[offset + CLASS_COUNT + 1] ?? 0;
  const complaints = counters[offset + CLASS_COUNT + 2] ?? 0;
  const counts = countsOf({ classes, opens, clicks, complaints }, mode);
  const hardBounces = classes.reduce(
    (sum, count, cls) =>
      sum + (cls !== EXCLUDED_CLASS && failureTypeOfClass(cls) === 'hard' ? count : 0),
    0,
  );
  const hardBounceRate = percent(hardBounces, counts.relayed);
  const complaintRate = channel === 'email' ? percent(complaints, counts.delivered) : null;
  return {
    group,
    targeted: counts.targeted,
    relayed: counts.relayed,
    delivered: counts.delivered,
    bounces: counts.bounces,
    hardBounces,
    complaints,
    opens,
    clicks,
    deliveredRate: percent(counts.delivered, counts.relayed),
    hardBounceRate,
    hardBounceBand: bandOf(hardBounceRate, BOUNCE_BANDS),
    complaintRate,
    complaintBand: complaintRate === null ? null : bandOf(complaintRate, COMPLAINT_BANDS),
    openRate: Math.min(100, percent(opens, counts.delivered)),
    clickRate: Math.min(100, percent(clicks, counts.delivered)),
  };
}

export interface ReasonRow {
  readonly failureType: FailureType;
  readonly reason: FailureReason;
  /** For `ignored` rows: the exclusion cause (several share a reason: SPEC §4). */
  readonly cause: ExclusionCause | null;
  readonly count: number;
  /** count / targeted, in percent. */
  readonly rate: number;
}

const REASON_OF_CODE = new Map(
  Object.entries(REASON_CODES).map(([reason, code]) => [code, reason as FailureReason]),
);
const CAUSE_OF_CODE = new Map(
  Object.entries(EXCLUSION_CODES).map(([cause, code]) => [code, cause as ExclusionCause]),
);

/**
 * Messages by failure type and reason (reason code * CLASS_COUNT + class), the most first:
 * hard and soft failures by their reason, exclusions (`ignored`) by their cause.
 */
export function reasonRows(
  byReason: ArrayLike<number>,
  rows: number,
  targeted: number,
): ReasonRow[] {
  const found = new Map<string, { -readonly [K in keyof ReasonRow]: ReasonRow[K] }>();
  for (let code = 0; code < rows; code++) {
    for (let cls = 0; cls < CLASS_COUNT; cls++) {
      const count = byReason[code * CLASS_COUNT + cls] ?? 0;
      const failureType = failureTypeOfClass(cls);
      if (count === 0 || failureType === null) continue;
      const cause = failureType === 'ignored' ? (CAUSE_OF_CODE.get(code) ?? 'no-address') : null;
      const reason = cause ? EXCLUSION_REASONS[cause] : (REASON_OF_CODE.get(code) ?? 'Not defined');
      const key = `${failureType}|${reason}|${cause ?? ''}`;
      const row = found.get(key);
      if (row) row.count += count;
      else found.set(key, { failureType, reason, cause, count, rate: 0 });
    }
  }
  for (const row of found.values()) row.rate = percent(row.count, targeted);
  return [...found.values()].sort((a, b) => b.count - a.count);
}
