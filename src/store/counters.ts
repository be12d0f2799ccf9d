/**
 * The counters behind the breakdowns and the timeline, moved in the transaction of whatever
 * moves a message (feedback, the validity's end), with the tally: by mailbox provider and class,
 * by reason and class, and per interval (rules/timeline.ts). recount.ts computes the same ones
 * from the logs; test/breakdown.test.ts checks that both agree.
 */
import { CLASS_COUNT, UNRELAYED_CLASS } from '../rules/message-classes.js';
import {
  CLICKS_COLUMN,
  COMPLAINTS_COLUMN,
  OPENS_COLUMN,
  RELAYED_COLUMN,
  TIMELINE_BLOCK,
  TIMELINE_STRIDE,
  intervalOf,
  isTimedClass,
} from '../rules/timeline.js';
import { ENGAGEMENT_BITS } from '../rules/event-codes.js';
import type { DeliveryRecord, StateChunk, TimelineBlock } from './schema.js';
import type { WriteTx } from './transactions.js';

/** Per provider group: the classes, then unique opens, clicks and complaints. */
export const PROVIDER_STRIDE = CLASS_COUNT + 3;
/** Reason codes have a row each (codes are below 16: event-codes.ts). */
export const REASON_ROWS = 16;

/** Engagement bit → its column of a provider group, its timeline column, its chunk array. */
export const ENGAGEMENT_COUNTERS = [
  { bit: ENGAGEMENT_BITS.open, provider: CLASS_COUNT, timeline: OPENS_COLUMN, times: 'openedIn' },
  {
    bit: ENGAGEMENT_BITS.click,
    provider: CLASS_COUNT + 1,
    timeline: CLICKS_COLUMN,
    times: 'clickedIn',
  },
  {
    bit: ENGAGEMENT_BITS.complaint,
    provider: CLASS_COUNT + 2,
    timeline: COMPLAINTS_COLUMN,
    times: 'complainedIn',
  },
] as const;

type TimesField = (typeof ENGAGEMENT_COUNTERS)[number]['times'] | 'relayedIn';

/** A chunk's per-recipient interval array, made at its first use. */
function timesOf(chunk: StateChunk, field: TimesField): Uint16Array {
  return (chunk[field] ??= new Uint16Array(chunk.mask.length));
}

/** A message's provider group: Other (the last) where the chunk predates the breakdown. */
function groupOf(record: DeliveryRecord, chunk: StateChunk, slot: number): number {
  return chunk.provider?.[slot] ?? (record.breakdown?.groups.length ?? 1) - 1;
}

export class Counters {
  private readonly startedAt: number;
  private readonly deltas = new Map<number, Int32Array>();
  private lastBlock = -1;
  private last: Int32Array | null = null;

  constructor(private readonly record: DeliveryRecord) {
    this.startedAt = record.startedAt ?? record.createdAt;
  }

  /** A message moved from class `before` (with its reason and time) to `after`, at `at`. */
  moved(
    chunk: StateChunk,
    slot: number,
    before: number,
    after: number,
    reasonBefore: number,
    timeBefore: number,
    reasonAfter: number,
    at: number,
  ): void {
    const breakdown = this.record.breakdown;
    if (breakdown) {
      const group = groupOf(this.record, chunk, slot) * PROVIDER_STRIDE;
      breakdown.byProvider[group + before]!--;
      breakdown.byProvider[group + after]!++;
      breakdown.byReason[reasonBefore * CLASS_COUNT + before]!--;
      breakdown.byReason[reasonAfter * CLASS_COUNT + after]!++;
    }
    const interval = intervalOf(at, this.startedAt);
    if (isTimedClass(before) && !Number.isNaN(timeBefore))
      this.add(intervalOf(timeBefore, this.startedAt), before, -1);
    if (isTimedClass(after)) this.add(interval, after, 1);
    if (before === UNRELAYED_CLASS) {
      timesOf(chunk, 'relayedIn')[slot] = interval + 1;
      this.add(interval, RELAYED_COLUMN, 1);
    }
  }

  /** Engagement bits a message received for the first time, at `at`. */
  engaged(chunk: StateChunk, slot: number, fresh: number, at: number): void {
    const interval = intervalOf(at, this.startedAt);
    const breakdown = this.record.breakdown;
    const group = groupOf(this.record, chunk, slot) * PROVIDER_STRIDE;
    for (const counter of ENGAGEMENT_COUNTERS) {
      if (!(fresh & counter.bit)) continue;
      if (breakdown) breakdown.byProvider[group + counter.provider]!++;
      timesOf(chunk, counter.times)[slot] = interval + 1;
      this.add(interval, counter.timeline, 1);
    }
  }

  get touched(): boolean {
    return this.deltas.size > 0;
  }

  /** Adds the moves to the stored timeline blocks (read, added to, written back). */
  async save(tx: WriteTx<'timeline'>): Promise<void> {
    const store = tx.objectStore('timeline');
    await Promise.all(
      [...this.deltas].map(async ([block, delta]) => {
        const key: [string, number] = [this.record.id, block];
        const stored = (await store.get(key)) ?? emptyBlock();
        const counts = stored.counts;
        for (let index = 0; index < delta.length; index++) counts[index]! += delta[index]!;
        await store.put(stored, key);
      }),
    );
  }

  private add(interval: number, column: number, by: number): void {
    const block = (interval / TIMELINE_BLOCK) | 0;
    if (block !== this.lastBlock) {
      let delta = this.deltas.get(block);
      if (!delta) {
        delta = new Int32Array(TIMELINE_BLOCK * TIMELINE_STRIDE);
        this.deltas.set(block, delta);
      }
      this.lastBlock = block;
      this.last = delta;
    }
    this.last![(interval - block * TIMELINE_BLOCK) * TIMELINE_STRIDE + column]! += by;
  }
}

export function emptyBlock(): TimelineBlock {
  return { counts: new Uint32Array(TIMELINE_BLOCK * TIMELINE_STRIDE) };
}
