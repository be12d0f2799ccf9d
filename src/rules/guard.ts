/**
 * The reputation guard (data and pure functions): a running delivery whose hard-bounce rate or
 * Bounces + errors rate crosses its threshold, once enough messages were relayed for the rate to
 * mean something, is paused by the system in the transaction that made it cross. Mailbox
 * providers judge senders by these rates (Amazon SES reviews an account at a 5 % bounce rate and
 * may pause it at 10 %; above about 2 % hard bounces delivery already suffers), and a bad list
 * sent in full does lasting damage.
 *
 * After a user resumes a guarded pause, the guard is acknowledged at the rates of that moment: it
 * fires again only when a rate climbs GUARD_MARGIN_POINTS further, above both its threshold and
 * the rate acknowledged. So the same crossing never pauses twice, whatever the batching.
 */
import type { GuardAcknowledgement, GuardMeasure, GuardTrip, ReputationGuard } from '../types.js';
import type { Counts } from './indicators.js';
import { percent } from './indicators.js';

export const DEFAULT_GUARD: ReputationGuard = {
  hardBounceRate: 5,
  bounceRate: 10,
  minRelayed: 500,
  complaintRate: 0.3,
};

/** How far a rate must climb past the rate acknowledged at a resume to pause again. */
export const GUARD_MARGIN_POINTS = 2;
/** The same for the complaint rate, whose scale is a hundred times smaller. */
export const COMPLAINT_MARGIN_POINTS = 0.1;

/**
 * The counts the guard reads: relayed, bounces in the delivery's mode, hard bounces, and
 * complaints over delivered (absent: none counted).
 */
export type GuardCounts = Pick<Counts, 'relayed' | 'bounces'> & {
  readonly hardBounces: number;
  readonly complaints?: number;
  readonly delivered?: number;
};

/** The current rates of the three measures, in percent. */
export function guardRates(counts: GuardCounts): Required<GuardAcknowledgement> {
  return {
    hardBounceRate: percent(counts.hardBounces, counts.relayed),
    bounceRate: percent(counts.bounces, counts.relayed),
    complaintRate: percent(counts.complaints ?? 0, counts.delivered ?? 0),
  };
}

/** The crossing these counts make, or null. Hard bounces are looked at first. */
export function guardTrip(
  guard: ReputationGuard,
  counts: GuardCounts,
  acknowledged: GuardAcknowledgement | null,
): GuardTrip | null {
  if (counts.relayed < guard.minRelayed || counts.relayed === 0) return null;
  const rates = guardRates(counts);
  const levels: [GuardMeasure, number, number, number | undefined, number][] = [
    [
      'hard-bounces',
      rates.hardBounceRate,
      guard.hardBounceRate,
      acknowledged?.hardBounceRate,
      GUARD_MARGIN_POINTS,
    ],
    ['bounces', rates.bounceRate, guard.bounceRate, acknowledged?.bounceRate, GUARD_MARGIN_POINTS],
    // Guards stored before complaints were counted have no threshold of their own.
    [
      'complaints',
      rates.complaintRate,
      guard.complaintRate ?? DEFAULT_GUARD.complaintRate,
      acknowledged?.complaintRate,
      COMPLAINT_MARGIN_POINTS,
    ],
  ];
  for (const [measure, rate, threshold, accepted, margin] of levels) {
    const level = accepted === undefined ? threshold : Math.max(threshold, accepted + margin);
    if (rate >= level) return { measure, rate, threshold: level, relayed: counts.relayed };
  }
  return null;
}

const MEASURE_TEXT: Readonly<Record<GuardMeasure, string>> = {
  'hard-bounces': 'hard bounces',
  bounces: 'bounces + errors',
  complaints: 'complaints',
};

/** The journal's detail: "6.2 % hard bounces after 1,000 messages". */
export function guardDetail(trip: GuardTrip): string {
  return `${trip.rate.toFixed(1)} % ${MEASURE_TEXT[trip.measure]} after ${trip.relayed.toLocaleString('en-US')} messages`;
}

/** The journal's detail of an acknowledgement: the levels at which the guard pauses again. */
export function acknowledgementDetail(
  guard: ReputationGuard,
  accepted: GuardAcknowledgement,
): string {
  const level = (threshold: number, rate: number) =>
    Math.max(threshold, rate + GUARD_MARGIN_POINTS).toFixed(1);
  const complaints = Math.max(
    guard.complaintRate ?? DEFAULT_GUARD.complaintRate,
    (accepted.complaintRate ?? 0) + COMPLAINT_MARGIN_POINTS,
  ).toFixed(2);
  return `it pauses again at ${level(guard.hardBounceRate, accepted.hardBounceRate)} % hard bounces, ${level(guard.bounceRate, accepted.bounceRate)} % bounces + errors or ${complaints} % complaints`;
}
