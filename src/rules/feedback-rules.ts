/**
 * The message-status rules of SPEC §4 and §7, written once as data. The store compiles them
 * into lookup tables; `efs-comparison` renders the seed's table from them.
 */
import type { DeliveryMode, FailureType, OutcomeEventType, RecipientStatus } from '../types.js';

export interface OutcomeRule {
  readonly type: OutcomeEventType;
  /** Precedence: the strongest received event decides the status (SPEC §7). */
  readonly rank: number;
  /** Status the event gives, per mode. */
  readonly status: Readonly<Record<DeliveryMode, RecipientStatus>>;
  /** Whether the MTA reports this event at all in the mode (EFS-only "delivered"). */
  readonly reported: Readonly<Record<DeliveryMode, boolean>>;
  readonly failureType: FailureType | null;
  /** The event needs a failure reason. */
  readonly needsReason: boolean;
}

const both = { standard: true, efs: true } as const;

/** Weakest first; rank = position + 1 (rank 0 is "nothing received"). */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  {
    type: 'relayed',
    rank: 1,
    status: { standard: 'sent', efs: 'pending' },
    reported: both,
    failureType: null,
    needsReason: false,
  },
  {
    type: 'soft-bounce',
    rank: 2,
    status: { standard: 'sent', efs: 'failed' },
    reported: both,
    failureType: 'soft',
    needsReason: true,
  },
  {
    type: 'retries-failed',
    rank: 3,
    status: { standard: 'failed', efs: 'failed' },
    reported: both,
    failureType: 'soft',
    needsReason: true,
  },
  {
    type: 'delivered',
    rank: 4,
    status: { standard: 'sent', efs: 'sent' },
    reported: { standard: false, efs: true },
    failureType: null,
    needsReason: false,
  },
  {
    type: 'retry-succeeded',
    rank: 5,
    status: { standard: 'sent', efs: 'sent' },
    reported: both,
    failureType: null,
    needsReason: false,
  },
  {
    type: 'hard-bounce',
    rank: 6,
    status: { standard: 'failed', efs: 'failed' },
    reported: both,
    failureType: 'hard',
    needsReason: true,
  },
];

/** What "Bounces + errors" counts, per mode (SPEC §4). */
export const BOUNCE_DEFINITION: Readonly<
  Record<
    DeliveryMode,
    { readonly status: RecipientStatus; readonly failureType: FailureType | null }
  >
> = {
  standard: { status: 'failed', failureType: 'hard' },
  efs: { status: 'failed', failureType: null },
};

/** Status of a targeted message that nothing has been received for yet. */
export const UNRELAYED_STATUS: RecipientStatus = 'pending';

export function outcomeRule(type: OutcomeEventType): OutcomeRule {
  const rule = OUTCOME_RULES.find((candidate) => candidate.type === type);
  if (!rule) throw new Error(`No rule for ${type}`);
  return rule;
}
