/**
 * Public types of the sendkit delivery model, in one module so that the API reads in one place
 * (and `sendkit` re-exports them at once); over 300 lines because each field is documented.
 */
import type { CorrelationTags } from './feedback/correlation.js';
import type { LifecycleAction } from './rules/lifecycle.js';
import type { ProviderRow, ReasonRow } from './rules/breakdown.js';
import type { TimelineSeries } from './rules/timeline.js';

export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = ['start-deliveries', 'prepare-deliveries', 'workflow'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly name: string;
  readonly roles: readonly Role[];
}

/** How feedback is reported: `efs` (Email Feedback Service) exists for email only. */
export const DELIVERY_MODES = ['standard', 'efs'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const DELIVERY_STATES = [
  'editing',
  'preparing',
  'prepared',
  'preparation-error',
  'start-pending',
  'in-progress',
  'paused',
  'stopped',
  'finished',
  'failed',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const RECIPIENT_STATUSES = ['pending', 'sent', 'failed', 'ignored'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const FAILURE_TYPES = ['hard', 'soft', 'ignored'] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

export const FAILURE_REASONS = [
  'User unknown',
  'Invalid domain',
  'Unreachable',
  'Account disabled',
  'Mailbox full',
  'Refused',
  'Address on denylist',
  'Quarantined address',
  'Not defined',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Why preparation excluded a recipient (its exclusion-log row). */
export const EXCLUSION_CAUSES = ['no-address', 'duplicate', 'denylisted', 'quarantined'] as const;
export type ExclusionCause = (typeof EXCLUSION_CAUSES)[number];

/** Events that decide a message's status (SPEC §4, §7). */
export const OUTCOME_EVENT_TYPES = [
  'relayed',
  'soft-bounce',
  'retries-failed',
  'delivered',
  'retry-succeeded',
  'hard-bounce',
] as const;
export type OutcomeEventType = (typeof OUTCOME_EVENT_TYPES)[number];

/** Opens, clicks and complaints (a recipient reported the message as spam): unique per recipient. */
export const ENGAGEMENT_EVENT_TYPES = ['open', 'click', 'complaint'] as const;
export type EngagementEventType = (typeof ENGAGEMENT_EVENT_TYPES)[number];

export const FEEDBACK_EVENT_TYPES = [...OUTCOME_EVENT_TYPES, ...ENGAGEMENT_EVENT_TYPES] as const;
export type FeedbackEventType = (typeof FEEDBACK_EVENT_TYPES)[number];

/** One piece of MTA feedback. `recipient` is the recipient's position in the delivery. */
export interface FeedbackEvent {
  readonly deliveryId: string;
  readonly recipient: number;
  readonly type: FeedbackEventType;
  /** Model time of the event, in ms since the epoch. */
  readonly at: number;
  /** Required for hard-bounce, soft-bounce and retries-failed. */
  readonly reason?: FailureReason;
}

/**
 * Feedback in bulk for one delivery, as typed columns (a file import, a relay): the same events
 * as FeedbackEvent objects, in a few bytes each. Event `i` is `recipients[i]`, `types[i]`, …
 */
export interface FeedbackColumns {
  readonly deliveryId: string;
  readonly recipients: Uint32Array;
  /** Event types, as positions in FEEDBACK_EVENT_TYPES. */
  readonly types: Uint8Array;
  /** Times, whole ms since the epoch. */
  readonly at: Float64Array;
  /** Failure reasons, as positions in FAILURE_REASONS plus 1; 0 for none. */
  readonly reasons: Uint8Array;
  /** Hashes of the provider's event ids, two numbers per event ([0, 0] for none). */
  readonly idHashes?: Uint32Array;
}

/** Options of applyFeedback. */
/** What an event the model refuses does to its batch (FeedbackOptions.refuse). */
export const FEEDBACK_REFUSALS = ['batch', 'event'] as const;
export type FeedbackRefusal = (typeof FEEDBACK_REFUSALS)[number];

export interface FeedbackOptions {
  /**
   * The provider's id of each event (null where it has none), for FeedbackEvent arrays: an id
   * already applied to the delivery makes its event a duplicate (a re-imported file, a replay).
   */
  readonly eventIds?: readonly (string | null)[];
  /**
   * Where a feed (a relay's stream) stands after this batch, recorded in the same transaction;
   * `log` is the id of the relay's log the sequence belongs to.
   */
  readonly cursor?: { readonly feed: string; readonly seq: number; readonly log?: string };
  /**
   * Addresses to put on the denylist in the same transaction (complaints, unsubscribes), so a
   * reload never keeps the events and loses the complaint.
   */
  readonly denylist?: readonly string[];
  /**
   * What an event the model refuses (its delivery unknown or not sending, its recipient out of
   * range or excluded) does. `'batch'` (the default): the whole batch is refused with a
   * FeedbackError and nothing is written. `'event'`: that event is skipped and listed in
   * `refused` with its position, and the rest applies. A malformed event refuses the batch in
   * both. File import and the relay feed use `'event'`.
   */
  readonly refuse?: FeedbackRefusal;
}

/** An event the model refused, by its position in the batch, and why. */
export interface RefusedEvent {
  readonly index: number;
  readonly reason: string;
}

export interface FeedbackResult {
  /** Events that changed a message. */
  readonly applied: number;
  /** Events already received before (at-least-once delivery). */
  readonly duplicates: number;
  /** Events weaker than one the message already had, or not reported in its mode. */
  readonly superseded: number;
  /** With `refuse: 'event'`: the events the model refused, in batch order. */
  readonly refused?: readonly RefusedEvent[];
}

export const RECURRENCE_PERIODS = ['hour', 'day', 'week', 'month'] as const;
export type RecurrencePeriod = (typeof RECURRENCE_PERIODS)[number];

export const AGGREGATIONS = ['none', 'day', 'month'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface Recurrence {
  readonly every: RecurrencePeriod;
  readonly aggregation: Aggregation;
  /** "Request confirmation before sending messages": only with no aggregation period. */
  readonly requestConfirmation: boolean;
}

export type RecipientsInput =
  { readonly addresses: readonly string[] } | { readonly generated: number };

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When messages may be handed to the MTA: some days of the week, between two local times. */
export interface SendingWindow {
  /** The days a window opens on (a window past midnight belongs to the day it opens). */
  readonly days: readonly Weekday[];
  /** Local opening time, `HH:MM`. */
  readonly from: string;
  /** Local closing time, `HH:MM` (`24:00` for midnight); earlier than `from`: the next day. */
  readonly to: string;
  /** An IANA time zone (`Europe/Paris`); default `UTC`. */
  readonly timeZone: string;
}

/** A warm-up: the rate starts lower and doubles every `doublingHours` until it reaches the pace. */
export interface WarmUp {
  readonly startPerHour: number;
  readonly doublingHours: number;
}

/**
 * The pace of a send (rules/pace.ts): at most `perHour` messages handed to the MTA per hour of
 * sending, optionally warmed up from a lower rate and only inside a sending window.
 */
export interface Pace {
  readonly perHour: number;
  readonly warmUp: WarmUp | null;
  readonly window: SendingWindow | null;
}

/** A pace as createDelivery takes it: warm-up and window may be left out. */
export interface PaceInput {
  readonly perHour: number;
  readonly warmUp?: WarmUp | null;
  readonly window?: (Omit<SendingWindow, 'timeZone'> & { readonly timeZone?: string }) | null;
}

/** One recipient handed over by takeDue: where to send, and the tags its feedback comes back by. */
export interface DueRecipient {
  readonly recipient: number;
  readonly address: string;
  readonly tags: CorrelationTags;
}

/**
 * What takeDue hands over: the recipients (an array, as `RegExp.exec`'s result is, with two
 * facts beside them), how many are still to hand over after these, and when more will be due.
 */
export interface DueBatch extends ReadonlyArray<DueRecipient> {
  /** Recipients not yet handed over (leased ones not counted). */
  readonly remaining: number;
  /**
   * Model time at which the pace allows the next recipient: now when more are due at once, a
   * later time when the pace or the window holds them back, null when nothing is left.
   */
  readonly nextDueAt: number | null;
  /** Until when these recipients are the caller's: unreported by then, they are handed over again. */
  readonly leaseUntil: number;
}

/** The pace of a sending delivery as its readers show it (rules/pace.ts paceProgress). */
export interface PaceProgress {
  /** The pace's rate, messages per hour. */
  readonly plannedPerHour: number;
  /** The rate allowed now (lower while warming up). */
  readonly currentPerHour: number;
  /** Sent per hour of sending so far (time inside the window, not paused). */
  readonly actualPerHour: number;
  /** When the last message is expected to be handed over; null when unknown (not sending). */
  readonly expectedEndAt: number | null;
  /** When the sending window opens next, while the send waits for it; else null. */
  readonly waitingUntil: number | null;
  /** The expected end is after the validity period: some messages will not be sent. */
  readonly endsAfterValidity: boolean;
}

export interface DeliveryInput {
  readonly label: string;
  readonly channel: Channel;
  readonly recipients: RecipientsInput;
  /** Email only; default false. */
  readonly efs?: boolean;
  /** "Delivery duration": at most 84 hours (3.5 days), the default. */
  readonly validityHours?: number;
  /** Relaying starts at this model time (ms); `null` or absent: as soon as confirmed. */
  readonly contactDate?: number | null;
  readonly recurrence?: Recurrence | null;
  /**
   * Pause the delivery when its bounce rates show a bad list: `true` for DEFAULT_GUARD, or some
   * thresholds (the others from DEFAULT_GUARD); absent or null: no guard.
   */
  readonly guard?: Partial<ReputationGuard> | true | null;
  /** Hand messages to the MTA at this pace; absent or null: as fast as the sender goes. */
  readonly pace?: PaceInput | null;
}

export interface JournalEntry {
  readonly at: number;
  readonly user: string;
  /** The life-cycle table's action (rules/lifecycle.ts): every entry is one of its transitions. */
  readonly action: LifecycleAction;
  readonly from: DeliveryState | null;
  readonly to: DeliveryState;
  readonly message: string;
}

/** The reputation guard of a delivery (rules/guard.ts): thresholds in percent, as the KPIs show them. */
export interface ReputationGuard {
  /** Hard bounces / relayed. */
  readonly hardBounceRate: number;
  /** Bounces + errors / relayed, in the delivery's own mode. */
  readonly bounceRate: number;
  /** No judgement before this many messages were relayed. */
  readonly minRelayed: number;
  /** Complaints / delivered (DEFAULT_GUARD: 0.3, the rate Gmail and Yahoo say never to reach). */
  readonly complaintRate: number;
}

export const GUARD_MEASURES = ['hard-bounces', 'bounces', 'complaints'] as const;
export type GuardMeasure = (typeof GUARD_MEASURES)[number];

/** The rates a user accepted by resuming a guarded pause. */
export interface GuardAcknowledgement {
  readonly hardBounceRate: number;
  readonly bounceRate: number;
  /** Absent in acknowledgements made before the complaint rate was guarded. */
  readonly complaintRate?: number;
}

/** Why the guard paused a delivery. */
export interface GuardTrip {
  readonly measure: GuardMeasure;
  /** The rate that crossed, in percent. */
  readonly rate: number;
  /** The level it crossed: the threshold, or the acknowledged rate plus the margin. */
  readonly threshold: number;
  readonly relayed: number;
}

/** A delivery as the public API shows it (an immutable snapshot). */
export interface Delivery {
  readonly id: string;
  readonly label: string;
  readonly channel: Channel;
  readonly mode: DeliveryMode;
  readonly state: DeliveryState;
  readonly recipientCount: number;
  readonly validityHours: number;
  readonly contactDate: number | null;
  readonly recurrence: Recurrence | null;
  /** For an occurrence of a recurring delivery: the recurring delivery's id. */
  readonly parentId: string | null;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly startedAt: number | null;
  /** End of the validity period, once started. */
  readonly endsAt: number | null;
  readonly nextOccurrenceAt: number | null;
  readonly preparationError: string | null;
  /** The reputation guard; null when the delivery has none. */
  readonly guard: ReputationGuard | null;
  /** Why the guard paused the delivery, while it stays paused for that reason; else null. */
  readonly guardPause: GuardTrip | null;
  /** The pace of the send; null when it has none. */
  readonly pace: Pace | null;
  /**
   * Shared through a relay: every connected browser holds a replica of it, its actions go to the
   * relay (which checks the user's verified roles) and its feedback comes from there.
   */
  readonly shared: boolean;
  readonly journal: readonly JournalEntry[];
}

export interface Indicators {
  readonly targeted: number;
  readonly excluded: number;
  readonly toDeliver: number;
  /** The seed's "Sent" KPI: messages relayed to the MTA so far (not the `sent` log status). */
  readonly relayed: number;
  /** relayed / to deliver: the "Sent" percentage and the progress bar. */
  readonly relayedPercent: number;
  /** Messages whose log status is `sent` (for EFS: delivery reported). */
  readonly delivered: number;
  readonly deliveredPercent: number;
  readonly bounces: number;
  readonly bouncesPercent: number;
  readonly pending: number;
  readonly failed: number;
  /** Soft-bounced messages still being retried. */
  readonly retrying: number;
  readonly opens: number;
  readonly clicks: number;
  /** Recipients who reported the message as spam (each once). */
  readonly complaints: number;
  /**
   * Complaints / delivered, in percent, live (email only, else null): what mailbox providers
   * judge a sender by (rules/complaints.ts has the health bands).
   */
  readonly complaintRate: number | null;
  /** Published hourly (SPEC §4); `null` where the channel has no such rate. */
  readonly openRate: number | null;
  readonly clickRate: number | null;
  readonly engagementRefreshedAt: number | null;
}

/**
 * A delivery over model time (rules/timeline.ts): one value per interval of `intervalMs` since
 * `startedAt`, up to its validity's end or its last event, whichever is later.
 */
export interface Timeline {
  readonly intervalMs: number;
  /** When interval 0 begins: the delivery's start; null before it started (no intervals). */
  readonly startedAt: number | null;
  /** The end of the validity period, null before the start. */
  readonly validityEndsAt: number | null;
  /** How many intervals each series has. */
  readonly length: number;
  readonly series: Readonly<Record<TimelineSeries, readonly number[]>>;
}

/** A delivery by mailbox provider and by failure reason (rules/breakdown.ts). */
export interface Breakdown {
  /** Provider groups in order: providers, the largest other domains, then Other (last). */
  readonly providers: readonly ProviderRow[];
  /** Failures and exclusions by type and reason, the most first. */
  readonly reasons: readonly ReasonRow[];
}

export interface LogRow {
  /** Position of the recipient in the delivery. */
  readonly recipient: number;
  readonly address: string;
  readonly status: RecipientStatus;
  readonly failureType: FailureType | null;
  readonly reason: FailureReason | null;
  /** Exclusion cause, for `ignored` rows. */
  readonly cause: ExclusionCause | null;
  /** Time of the event that gave the current status, or of preparation. */
  readonly at: number | null;
  readonly opened: boolean;
  readonly clicked: boolean;
}

export interface LogPage {
  /** Rows matching the filter. */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly LogRow[];
}

export interface LogQuery {
  readonly offset?: number;
  readonly limit?: number;
  readonly status?: RecipientStatus;
}

export interface LogAfterQuery {
  /** Rows strictly after this recipient position; -1 for the first ones. */
  readonly after: number;
  readonly limit?: number;
  readonly status?: RecipientStatus;
}

export interface ProfileHistoryEntry {
  readonly deliveryId: string;
  readonly label: string;
  readonly channel: Channel;
  readonly recipient: number;
  readonly status: RecipientStatus;
  readonly at: number | null;
}

export const CHANGE_KINDS = [
  'created',
  'state',
  'logs',
  'indicators',
  'deleted',
  'address-lists',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Moments an operator wants to hear of, wherever they are (elements' sendkit-alert, the extension's notifications). */
export const ALERT_KINDS = [
  'finished',
  'failed',
  'guard-paused',
  'awaiting-confirmation',
  'validity-ending',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface DeliveryAlert {
  readonly kind: AlertKind;
  readonly deliveryId: string;
  readonly label: string;
  /** Model time of the moment. */
  readonly at: number;
  /** The delivery's rates at that moment (for `finished`, its final ones), in percent. */
  readonly deliveredPercent: number;
  readonly bouncesPercent: number;
  /** `failed`: the platform's error; `guard-paused`: why; otherwise empty. */
  readonly detail: string;
  /** `validity-ending`: when the validity period ends, and how many messages are still retried. */
  readonly endsAt: number | null;
  readonly retrying: number;
}

/** One coalesced notification: what changed since the last one. */
export interface StoreChange {
  readonly deliveryIds: readonly string[];
  readonly kinds: readonly ChangeKind[];
  /** The alert-worthy moments among these changes (often none). */
  readonly alerts: readonly DeliveryAlert[];
  /** `remote` when another page of the same origin made the change. */
  readonly origin: 'local' | 'remote';
}
