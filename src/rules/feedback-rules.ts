/**
 * The message-status rules of SPEC §4 and §7, written once as data. The store compiles them
 * into lookup tables (message-classes.ts); `efs-comparison` renders the seed's table from them.
 *
 * Precedence is the order of OUTCOME_RULES and nothing else: the strongest event a message
 * received decides its status, whatever the order the events arrived in (SPEC §7).
 */
import type {
  DeliveryMode,
  EngagementEventType,
  ExclusionCause,
  FailureReason,
  FailureType,
  FeedbackEventType,
  OutcomeEventType,
  RecipientStatus,
} from '../types.js';

export interface OutcomeRule {
  readonly type: OutcomeEventType;
  /** Status the event gives, per mode. */
  readonly status: Readonly<Record<DeliveryMode, RecipientStatus>>;
  /**
   * Whether the seed's Enhanced MTA reports the event in the mode ("delivered" is EFS only).
   * What the seed's table shows; a provider that does report it is still heard (SPEC §7).
   */
  readonly reported: Readonly<Record<DeliveryMode, boolean>>;
  readonly failureType: FailureType | null;
  /** The event needs a failure reason. */
  readonly needsReason: boolean;
  /**
   * The message has its final status once this is its strongest event: nothing it may still
   * receive can change it (SPEC §2). A relayed or soft-bounced message is not final.
   */
  readonly final: boolean;
}

const both = { standard: true, efs: true } as const;

/** Weakest first: the precedence of SPEC §7. */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  {
    type: 'relayed',
    status: { standard: 'sent', efs: 'pending' },
    reported: both,
    failureType: null,
    needsReason: false,
    final: false,
  },
  {
    type: 'soft-bounce',
    status: { standard: 'sent', efs: 'failed' },
    reported: both,
    failureType: 'soft',
    needsReason: true,
    final: false,
  },
  {
    type: 'retries-failed',
    status: { standard: 'failed', efs: 'failed' },
    reported: both,
    failureType: 'soft',
    needsReason: true,
    final: true,
  },
  {
    // With a soft bounce, a delivery report is a successful retry (SPEC §7): it outranks the
    // bounce and gives a retry success's status, in both modes.
    type: 'delivered',
    status: { standard: 'sent', efs: 'sent' },
    reported: { standard: false, efs: true },
    failureType: null,
    needsReason: false,
    final: true,
  },
  {
    type: 'retry-succeeded',
    status: { standard: 'sent', efs: 'sent' },
    reported: both,
    failureType: null,
    needsReason: false,
    final: true,
  },
  {
    type: 'hard-bounce',
    status: { standard: 'failed', efs: 'failed' },
    reported: both,
    failureType: 'hard',
    needsReason: true,
    final: true,
  },
];

/** Opens and clicks: independent of precedence, unique per recipient; a click implies an open. */
export const ENGAGEMENT_RULES: Readonly<
  Record<EngagementEventType, { readonly implies: readonly EngagementEventType[] }>
> = {
  open: { implies: [] },
  click: { implies: ['open'] },
  // A complaint is a report from the recipient's mailbox: it says nothing of opens.
  complaint: { implies: [] },
};

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

/** What each exclusion cause shows as its failure reason in the exclusion logs (SPEC §4, §6). */
export const EXCLUSION_REASONS: Readonly<Record<ExclusionCause, FailureReason>> = {
  'no-address': 'Not defined',
  duplicate: 'Not defined',
  denylisted: 'Address on denylist',
  quarantined: 'Quarantined address',
};

/** Status of a targeted message that nothing has been received for yet. */
export const UNRELAYED_STATUS: RecipientStatus = 'pending';

/** The event that ends a soft-bounced message's retries at the end of the validity period. */
export const VALIDITY_END_EVENT: OutcomeEventType = 'retries-failed';

/** The event whose messages are being retried while it is their strongest one. */
export const RETRYING_EVENT: OutcomeEventType = 'soft-bounce';

export function isEngagementEvent(type: FeedbackEventType): type is EngagementEventType {
  return Object.hasOwn(ENGAGEMENT_RULES, type);
}

export function outcomeRule(type: OutcomeEventType): OutcomeRule {
  return OUTCOME_RULES[precedenceOf(type) - 1]!;
}

/** 1 for the weakest outcome event, up to OUTCOME_RULES.length for the strongest. */
export function precedenceOf(type: OutcomeEventType): number {
  const index = OUTCOME_RULES.findIndex((rule) => rule.type === type);
  if (index < 0) throw new Error(`No rule for ${type}`);
  return index + 1;
}
