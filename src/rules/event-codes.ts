/**
 * The numbers the store writes into IndexedDB for events, reasons and exclusion causes.
 *
 * APPEND-ONLY. Databases already hold these numbers: a code never changes meaning and is never
 * reused; a new value takes the next free code. Reordering a list in types.ts or rules changes
 * nothing here, which is the point. `test/stored-codes.test.ts` pins every value.
 */
import {
  EXCLUSION_CAUSES,
  FAILURE_REASONS,
  FEEDBACK_EVENT_TYPES,
  type EngagementEventType,
  type FeedbackEventType,
  type ExclusionCause,
  type FailureReason,
  type OutcomeEventType,
} from '../types.js';

/** Outcome event → its code; its received-events mask bit is `1 << code` (bits 0x01–0x40). */
export const OUTCOME_EVENT_CODES: Readonly<Record<OutcomeEventType, number>> = {
  relayed: 0,
  'soft-bounce': 1,
  'retries-failed': 2,
  delivered: 3,
  'retry-succeeded': 4,
  'hard-bounce': 5,
};

/** Mask bit of a recipient excluded at preparation (the mask's top bit). */
export const EXCLUDED_BIT = 0x80;

/** Engagement bits, in a byte of their own per recipient. */
export const ENGAGEMENT_BITS: Readonly<Record<EngagementEventType, number>> = {
  open: 0x01,
  click: 0x02,
  complaint: 0x04,
};

/** Failure reason → code in the reason byte; 0 is "none". */
export const REASON_CODES: Readonly<Record<FailureReason, number>> = {
  'User unknown': 1,
  'Invalid domain': 2,
  Unreachable: 3,
  'Account disabled': 4,
  'Mailbox full': 5,
  Refused: 6,
  'Address on denylist': 7,
  'Quarantined address': 8,
  'Not defined': 9,
};

/** Exclusion cause → code in the reason byte of an excluded recipient; 0 is "none". */
export const EXCLUSION_CODES: Readonly<Record<ExclusionCause, number>> = {
  'no-address': 1,
  duplicate: 2,
  denylisted: 3,
  quarantined: 4,
};

export function outcomeBit(type: OutcomeEventType): number {
  return 1 << OUTCOME_EVENT_CODES[type];
}

const REASON_OF_CODE: readonly (FailureReason | null)[] = decoder(FAILURE_REASONS, REASON_CODES);
const EXCLUSION_OF_CODE: readonly (ExclusionCause | null)[] = decoder(
  EXCLUSION_CAUSES,
  EXCLUSION_CODES,
);

function decoder<T extends string>(
  values: readonly T[],
  codes: Readonly<Record<T, number>>,
): (T | null)[] {
  const table = new Array<T | null>(256).fill(null);
  for (const value of values) table[codes[value]] = value;
  return table;
}

export function reasonOfCode(code: number): FailureReason | null {
  return REASON_OF_CODE[code] ?? null;
}

export function exclusionOfCode(code: number): ExclusionCause | null {
  return EXCLUSION_OF_CODE[code] ?? null;
}

/** Whether a string names a failure reason (feedback comes from outside). */
export function isFailureReason(value: string): value is FailureReason {
  return Object.hasOwn(REASON_CODES, value);
}

/**
 * In-memory numbering of every feedback event type (never stored): its position in
 * FEEDBACK_EVENT_TYPES, for compact queues such as the simulator's event heap.
 */
export const FEEDBACK_EVENT_INDEX: ReadonlyMap<FeedbackEventType, number> = new Map(
  FEEDBACK_EVENT_TYPES.map((type, index) => [type, index]),
);
