/** What the database holds: one typed schema for every object store (layout.ts maps it). */
import type { DBSchema } from 'idb';
import type { EngagementSnapshot, Tally } from '../rules/indicators.js';
import type { ProviderGroup } from '../rules/providers.js';
import { emptyTally } from '../rules/indicators.js';
import type {
  Channel,
  Delivery,
  DeliveryMode,
  DeliveryState,
  GuardAcknowledgement,
  GuardTrip,
  JournalEntry,
  Pace,
  Recurrence,
  ReputationGuard,
} from '../types.js';

export interface DeliveryRecord {
  id: string;
  label: string;
  channel: Channel;
  mode: DeliveryMode;
  state: DeliveryState;
  recipientCount: number;
  /** The address list; occurrences of a recurring delivery share their parent's. */
  audienceId: string;
  validityHours: number;
  contactDate: number | null;
  recurrence: Recurrence | null;
  parentId: string | null;
  /** For an occurrence: its schedule period (the aggregation period when there is one). */
  occurrenceKey: string | null;
  createdAt: number;
  createdBy: string;
  confirmedBy: string | null;
  startedAt: number | null;
  endsAt: number | null;
  nextOccurrenceAt: number | null;
  preparationError: string | null;
  /** Records of schema 2 before the guard existed have none of the four guard fields. */
  guard?: ReputationGuard | null;
  /** Why the guard paused the delivery, until a user resumes or stops it. */
  guardPause?: GuardTrip | null;
  /** The rates a user accepted by resuming a guarded pause. */
  guardAck?: GuardAcknowledgement | null;
  /** The "validity about to end" alert was announced. */
  validityWarned?: boolean;
  /** Records from before paced sending have no pace: they send as fast as their sender. */
  pace?: Pace | null;
  /**
   * The id of the relay log whose facts this delivery is folded from (a shared delivery, a
   * replica of the relay's record); absent or null for a delivery of this store alone.
   */
  shared?: string | null;
  /** The validity period ended: a soft bounce arriving now is final at once. */
  retriesEnded?: boolean;

  journal: JournalEntry[];
  tally: { classes: number[]; opens: number; clicks: number; complaints?: number } & Tally;
  engagement: EngagementSnapshot | null;
  /** Messages per class per chunk (chunk * CLASS_COUNT + class), once prepared. */
  chunkCounts: Uint32Array | null;
  /** Recipients per state chunk, as a power of two (layout.ts); absent: 12, before it was recorded. */
  stateChunkShift?: number;
  /** By mailbox provider and by reason, once prepared; absent in records from before them. */
  breakdown?: BreakdownCounters | null;
}

/** The counters of the breakdowns (counters.ts keeps them, recount.ts recomputes them). */
export interface BreakdownCounters {
  /** The delivery's provider groups, fixed at preparation (rules/providers.ts). */
  groups: ProviderGroup[];
  /** group * PROVIDER_STRIDE + class (0–7), then unique opens, clicks, complaints. */
  byProvider: Uint32Array;
  /** reason code * CLASS_COUNT + class: a failure's reason, an excluded one's cause code. */
  byReason: Uint32Array;
}

/** TIMELINE_BLOCK intervals of TIMELINE_STRIDE counters (rules/timeline.ts). */
export interface TimelineBlock {
  counts: Uint32Array;
}

/** The fields of a delivery that has not been prepared or started: one definition for all. */
export type Progress = Pick<
  DeliveryRecord,
  | 'confirmedBy'
  | 'startedAt'
  | 'endsAt'
  | 'preparationError'
  | 'tally'
  | 'engagement'
  | 'chunkCounts'
  | 'guardPause'
  | 'guardAck'
  | 'validityWarned'
  | 'breakdown'
>;

export function notStarted(): Progress {
  const tally = emptyTally();
  return {
    confirmedBy: null,
    startedAt: null,
    endsAt: null,
    preparationError: null,
    tally: { ...tally, classes: [...tally.classes] },
    engagement: null,
    chunkCounts: null,
    guardPause: null,
    guardAck: null,
    validityWarned: false,
    breakdown: null,
  };
}

/**
 * The hand-over of a delivery's recipients to senders (takeDue): recipients before `next` were
 * handed over (`handed` of them not excluded); each lease is a range of recipient positions
 * [from, to) handed over until `until`, after which the ones still not relayed go out again.
 */
export interface DispatchState {
  next: number;
  handed: number;
  leases: Lease[];
}

export interface Lease {
  from: number;
  to: number;
  until: number;
}

export interface AudienceRecord {
  id: string;
  count: number;
  /**
   * Generated test profiles of this channel's scheme: each address is derived from its index
   * (`generatedAddress`), so none is stored, neither chunks nor an index. Absent for a list.
   */
  generated?: Channel;
  bucketCount: number;
  /** Recipients excluded by the list itself (no address, duplicate) and why. */
  invalidRecipients: Uint32Array;
  invalidCauses: Uint8Array;
  /**
   * An uploaded list's distinct domains (index 0: none) and each recipient's domain index, for
   * the breakdown by mailbox provider. Absent for generated profiles (one scheme, one domain) and
   * for lists stored before the breakdown existed (their recipients count as Other).
   */
  domains?: string[];
  domainOf?: Uint16Array;
}

export interface AddressChunk {
  addresses: string[];
}

/** Recipients whose normalised address hashes into this bucket: the address index. */
export interface AddressBucket {
  hashes: Uint32Array;
  recipients: Uint32Array;
}

/** Per recipient: received-events mask, opens/clicks bits, reason code, time of status. */
export interface StateChunk {
  mask: Uint8Array;
  engagement: Uint8Array;
  reason: Uint8Array;
  time: Float64Array;
  /** Provider group (BreakdownCounters.groups), from preparation; absent before the breakdown. */
  provider?: Uint8Array;
  /**
   * The interval + 1 (0: not yet) of the message's relay, first open, click and complaint, for
   * the timeline's recount: each made at the chunk's first such event, so a chunk nobody opened
   * from carries no open times.
   */
  relayedIn?: Uint16Array;
  openedIn?: Uint16Array;
  clickedIn?: Uint16Array;
  complainedIn?: Uint16Array;
}

export interface AddressListEntry {
  address: string;
  denylisted: boolean;
  quarantined: boolean;
}

/** Hashes of the provider event ids applied to one delivery (event-ids.ts), sorted pairs. */
export interface EventIdBucket {
  pairs: Uint32Array;
}

/** How far a feed (a relay's stream) has been applied: its last sequence number, in which log. */
export interface FeedCursorRecord {
  feed: string;
  seq: number;
  /** The relay's log id, where the relay names its log. */
  log?: string;
}

/** Every object store: its key and value types (and indexes), as `idb` types the database. */
export interface SendkitDB extends DBSchema {
  deliveries: { key: string; value: DeliveryRecord; indexes: { byParent: string } };
  audiences: { key: string; value: AudienceRecord };
  addressChunks: { key: [string, number]; value: AddressChunk };
  addressBuckets: { key: [string, number]; value: AddressBucket };
  stateChunks: { key: [string, number]; value: StateChunk };
  addressLists: { key: string; value: AddressListEntry };
  eventIds: { key: [string, number]; value: EventIdBucket };
  feedCursors: { key: string; value: FeedCursorRecord };
  dispatch: { key: string; value: DispatchState };
  timeline: { key: [string, number]; value: TimelineBlock };
}

/** The object stores of the first schema: what a database must hold to be sendkit's. */
export const CORE_STORES = [
  'deliveries',
  'audiences',
  'addressChunks',
  'addressBuckets',
  'stateChunks',
  'addressLists',
] as const;

/** Whether a record is a replica of a relay's shared delivery. */
export function isShared(record: DeliveryRecord): boolean {
  return typeof record.shared === 'string';
}

/** The public snapshot of a record: its internal fields left out, its journal copied. */
export function toDelivery(record: DeliveryRecord): Delivery {
  const {
    audienceId: _audience,
    occurrenceKey: _occurrence,
    confirmedBy: _confirmedBy,
    tally: _tally,
    engagement: _engagement,
    chunkCounts: _chunkCounts,
    guardAck: _guardAck,
    validityWarned: _validityWarned,
    breakdown: _breakdown,
    retriesEnded: _retriesEnded,
    stateChunkShift: _stateChunkShift,
    shared,
    pace,
    guard,
    guardPause,
    journal,
    ...delivery
  } = record;
  return {
    ...delivery,
    guard: guard ?? null,
    guardPause: guardPause ?? null,
    pace: pace ?? null,
    shared: typeof shared === 'string',
    journal: [...journal],
  };
}
