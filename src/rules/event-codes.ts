/** Compact codes for feedback events and reasons, as stored in chunk typed arrays. */
import {
  ENGAGEMENT_EVENT_TYPES,
  EXCLUSION_CAUSES,
  FAILURE_REASONS,
  OUTCOME_EVENT_TYPES,
  type DeliveryMode,
  type ExclusionCause,
  type FailureReason,
  type FeedbackEventType,
} from '../types.js';
import { outcomeRule } from './feedback-rules.js';
import { outcomeBit } from './message-classes.js';

export const FEEDBACK_EVENT_TYPES: readonly FeedbackEventType[] = [
  ...OUTCOME_EVENT_TYPES,
  ...ENGAGEMENT_EVENT_TYPES,
];

/** Received-events bit an outcome event sets in a mode; 0 where the mode does not report it. */
export function maskBitOf(type: FeedbackEventType, mode: DeliveryMode): number {
  if (type === 'open' || type === 'click') return 0;
  const rule = outcomeRule(type);
  return rule.reported[mode] ? outcomeBit(rule.rank) : 0;
}

/** Reasons are stored as 1 + their index in FAILURE_REASONS; 0 is "none". */
export const REASON_CODES: ReadonlyMap<string, number> = new Map(
  FAILURE_REASONS.map((reason, index) => [reason, index + 1]),
);

export function reasonOfCode(code: number): FailureReason | null {
  return code === 0 ? null : (FAILURE_REASONS[code - 1] ?? null);
}

/** What each exclusion cause shows as its failure reason. */
export const EXCLUSION_REASONS: Readonly<Record<ExclusionCause, FailureReason>> = {
  'no-address': 'Not defined',
  duplicate: 'Not defined',
  denylisted: 'Address on denylist',
  quarantined: 'Quarantined address',
};

/** Exclusion causes are stored in the reason array as 1 + their index. */
export function exclusionCode(cause: ExclusionCause): number {
  return EXCLUSION_CAUSES.indexOf(cause) + 1;
}

export function exclusionOfCode(code: number): ExclusionCause | null {
  return code === 0 ? null : (EXCLUSION_CAUSES[code - 1] ?? null);
}
