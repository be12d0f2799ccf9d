/**
 * Compute stats: every counter recomputed from the sending logs at once (SPEC §4): the tally,
 * the per-chunk counts, the breakdowns and the timeline.
 */
import { emptyTally, snapshotEngagement } from '../rules/indicators.js';
import { ENGAGEMENT_BITS } from '../rules/event-codes.js';
import { CLASS_COUNT, CLASS_OF_MASK } from '../rules/message-classes.js';
import {
  RELAYED_COLUMN,
  TIMELINE_BLOCK,
  TIMELINE_STRIDE,
  intervalOf,
  isTimedClass,
} from '../rules/timeline.js';
import { ENGAGEMENT_COUNTERS, PROVIDER_STRIDE, REASON_ROWS, emptyBlock } from './counters.js';
import { chunksOf } from './layout.js';
import type { DeliveryRecord, StateChunk, TimelineBlock } from './schema.js';
import type { WriteTx } from './transactions.js';

export type RecountTx = WriteTx<'stateChunks' | 'timeline'>;

export async function recountInTransaction(tx: RecountTx, record: DeliveryRecord): Promise<void> {
  if (!record.chunkCounts) return;
  const chunks = await tx.objectStore('stateChunks').getAll(chunksOf(record.id));
  const classes = [...emptyTally().classes];
  const chunkCounts = new Uint32Array(record.chunkCounts.length);
  // A delivery prepared before the breakdown existed knows no recipient's provider: Compute stats
  // gives it one group, Other, and its reasons; feedback keeps both from then on.
  const groups = record.breakdown?.groups ?? [{ kind: 'other' as const }];
  const byProvider = new Uint32Array(groups.length * PROVIDER_STRIDE);
  const byReason = new Uint32Array(REASON_ROWS * CLASS_COUNT);
  const timeline = new TimelineCount(record.startedAt ?? record.createdAt);
  // A chunk from before the breakdown has no provider groups: its messages are Other's (last).
  const other = groups.length - 1;
  let opens = 0;
  let clicks = 0;
  let complaints = 0;
  chunks.forEach((chunk, chunkIndex) => {
    const base = chunkIndex * CLASS_COUNT;
    const { mask, engagement, reason, time, provider, relayedIn } = chunk;
    for (let slot = 0; slot < mask.length; slot++) {
      const cls = CLASS_OF_MASK[mask[slot]!]!;
      chunkCounts[base + cls]!++;
      byReason[reason[slot]! * CLASS_COUNT + cls]!++;
      const seen = engagement[slot]!;
      if (seen & ENGAGEMENT_BITS.open) opens++;
      if (seen & ENGAGEMENT_BITS.click) clicks++;
      if (seen & ENGAGEMENT_BITS.complaint) complaints++;
      const group = (provider ? provider[slot]! : other) * PROVIDER_STRIDE;
      byProvider[group + cls]!++;
      if (seen !== 0)
        for (const counter of ENGAGEMENT_COUNTERS)
          if (seen & counter.bit) byProvider[group + counter.provider]!++;
      if (isTimedClass(cls)) timeline.countMessage(relayedIn, slot, cls, time[slot]!);
      if (seen !== 0) timeline.countEngagement(chunk, slot, seen);
    }
    for (let cls = 0; cls < CLASS_COUNT; cls++) classes[cls]! += chunkCounts[base + cls]!;
  });
  record.tally = { classes, opens, clicks, complaints };
  record.chunkCounts = chunkCounts;
  record.breakdown = { groups, byProvider, byReason };
  const store = tx.objectStore('timeline');
  await store.delete(chunksOf(record.id));
  await Promise.all(
    [...timeline.blocks].map(([block, stored]) => store.put(stored, [record.id, block])),
  );
}

/** The timeline's counters from the logs: stored intervals where there are, else status times. */
class TimelineCount {
  readonly blocks = new Map<number, TimelineBlock>();

  constructor(private readonly startedAt: number) {}

  countMessage(relayedIn: Uint16Array | undefined, slot: number, cls: number, time: number): void {
    if (Number.isNaN(time)) return;
    const interval = intervalOf(time, this.startedAt);
    this.add(interval, cls);
    // A chunk from before relay intervals were kept: its messages count as relayed then.
    const relayed = relayedIn?.[slot] ?? 0;
    this.add(relayed === 0 ? interval : relayed - 1, RELAYED_COLUMN);
  }

  countEngagement(chunk: StateChunk, slot: number, seen: number): void {
    for (const counter of ENGAGEMENT_COUNTERS) {
      const stored = chunk[counter.times]?.[slot] ?? 0;
      if (seen & counter.bit && stored !== 0) this.add(stored - 1, counter.timeline);
    }
  }

  private lastBlock = -1;
  private last: Uint32Array | null = null;

  private add(interval: number, column: number): void {
    const block = (interval / TIMELINE_BLOCK) | 0;
    if (block !== this.lastBlock) {
      let stored = this.blocks.get(block);
      if (!stored) this.blocks.set(block, (stored = emptyBlock()));
      this.lastBlock = block;
      this.last = stored.counts;
    }
    this.last![(interval - block * TIMELINE_BLOCK) * TIMELINE_STRIDE + column]!++;
  }
}

/** Compute stats on a started delivery also publishes today's open and click rates. */
export async function computeStatsInTransaction(
  tx: RecountTx,
  record: DeliveryRecord,
  now: number,
): Promise<void> {
  await recountInTransaction(tx, record);
  if (record.startedAt !== null)
    record.engagement = snapshotEngagement(record.tally, record.mode, now);
}
