/**
 * The seam: what the elements (and any other reader) need from a store. `DeliveryStore`
 * implements it over IndexedDB; anything else can stand in for it (a read-only store, a store in
 * another context reached through messages), as long as errors keep their classes (errors.ts).
 */
import { hasMethods } from './rules/valid-input.js';
import type {
  Delivery,
  DeliveryMode,
  FeedbackColumns,
  FeedbackEvent,
  FeedbackOptions,
  FeedbackResult,
  Indicators,
  LogAfterQuery,
  LogPage,
  LogQuery,
  LogRow,
  ProfileHistoryEntry,
  Timeline,
  Breakdown,
  StoreChange,
  User,
} from './types.js';

export type ChangeListener = (change: StoreChange) => void;

/** A delivery and its indicators as one commit left them (read in one transaction). */
export interface DeliverySnapshot {
  readonly delivery: Delivery;
  /** The indicators in the delivery's own mode. */
  readonly indicators: Indicators;
  /** The same messages' indicators as each mode would show them (`efs-comparison`). */
  readonly byMode: Readonly<Record<DeliveryMode, Indicators>>;
}

export interface SendkitStore {
  /**
   * False for a store that can only be read here: its actions reject with a ReadOnlyError, and
   * the elements disable them and say why.
   */
  readonly writable: boolean;
  /** The store's model time, ms since the epoch. */
  now(): number;
  /** Calls `listener` after committed changes, coalesced; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;

  getDelivery(id: string): Promise<Delivery>;
  /** Every delivery, newest first. */
  listDeliveries(): Promise<Delivery[]>;
  readSnapshot(id: string): Promise<DeliverySnapshot>;
  readIndicators(id: string, options?: { mode?: DeliveryMode }): Promise<Indicators>;
  readLogs(id: string, query?: LogQuery): Promise<LogPage>;
  readLogsAfter(id: string, query: LogAfterQuery): Promise<LogRow[]>;
  readExclusionLogs(id: string, query?: Omit<LogQuery, 'status'>): Promise<LogPage>;
  readProfileHistory(address: string): Promise<ProfileHistoryEntry[]>;
  /** The send over model time; `mode` as readIndicators takes it. */
  readTimeline(id: string, options?: { mode?: DeliveryMode }): Promise<Timeline>;
  /** By mailbox provider and by failure reason; `mode` as readIndicators takes it. */
  readBreakdown(id: string, options?: { mode?: DeliveryMode }): Promise<Breakdown>;

  confirm(user: User, id: string): Promise<Delivery>;
  pause(user: User, id: string): Promise<Delivery>;
  resume(user: User, id: string): Promise<Delivery>;
  stop(user: User, id: string): Promise<Delivery>;
  computeStats(id: string): Promise<Indicators>;
}

/**
 * The store calls placing and applying feedback needs (importFeedback): `DeliveryStore` has
 * them; a store in another context may stand in.
 */
export interface FeedbackTarget {
  now(): number;
  getDelivery(id: string): Promise<Delivery>;
  findRecipients(
    id: string,
    addresses: readonly string[],
  ): Promise<{ recipients: number[][]; excluded: number[] }>;
  applyFeedback(
    events: readonly FeedbackEvent[] | FeedbackColumns | readonly FeedbackColumns[],
    options?: FeedbackOptions,
  ): Promise<FeedbackResult>;
  setAddressStatus(
    address: string,
    status: { denylisted?: boolean; quarantined?: boolean },
  ): Promise<void>;
}

/** What a feed needs (connectFeedback): a feedback target and the feed's stored position. */
export interface FeedTarget extends FeedbackTarget {
  readFeedPosition(feed: string): Promise<FeedPosition>;
}

/** Where a feed stands: its last sequence applied, and the relay log's id it belongs to. */
export interface FeedPosition {
  readonly seq: number;
  readonly log: string | null;
}

/** The reads of SendkitStore: what a read-only implementation serves. */
export const STORE_READS = [
  'getDelivery',
  'listDeliveries',
  'readSnapshot',
  'readIndicators',
  'readLogs',
  'readLogsAfter',
  'readExclusionLogs',
  'readProfileHistory',
  'readTimeline',
  'readBreakdown',
] as const satisfies readonly (keyof SendkitStore)[];

export type StoreRead = (typeof STORE_READS)[number];
/** The reads of SendkitStore, with their own parameters and results. */
export type StoreReadCalls = Pick<SendkitStore, StoreRead>;
/** What one read resolves to. */
export type StoreReadResult<K extends StoreRead> = Awaited<ReturnType<StoreReadCalls[K]>>;

/**
 * Calls one read of `store` with its arguments: the one place that pairs a read's name with its
 * parameters (TypeScript cannot follow the pairing through an indexed call by itself).
 */
export function callRead<K extends StoreRead>(
  store: StoreReadCalls,
  read: K,
  args: Parameters<StoreReadCalls[K]>,
): Promise<StoreReadResult<K>> {
  type Call = (...given: Parameters<StoreReadCalls[K]>) => Promise<StoreReadResult<K>>;
  return (store[read] as Call).apply(store, args);
}

/** The actions of SendkitStore. */
export const STORE_ACTIONS = [
  'confirm',
  'pause',
  'resume',
  'stop',
  'computeStats',
] as const satisfies readonly (keyof SendkitStore)[];

/**
 * Whether a value can serve as a store: an object with every call of SendkitStore. Elements get
 * their store from pages the kit does not control; anything else (a number, a plain object, a
 * Proxy that throws) is told apart here rather than failing later inside a render.
 */
export function isSendkitStore(value: unknown): value is SendkitStore {
  return hasMethods(value, ['now', 'subscribe', ...STORE_READS, ...STORE_ACTIONS]);
}
