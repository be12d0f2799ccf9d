/** Compute stats: every counter recomputed from the sending logs at once (SPEC §4). */
import { emptyTally, snapshotEngagement } from '../rules/indicators.js';
import { ENGAGEMENT_BITS } from '../rules/event-codes.js';
import { CLASS_COUNT, CLASS_OF_MASK } from '../rules/message-classes.js';
import { chunksOf } from './layout.js';
import type { DeliveryRecord } from './schema.js';
import type { ReadTx } from './transactions.js';

export async function recountInTransaction(
  tx: ReadTx<'stateChunks'>,
  record: DeliveryRecord,
): Promise<void> {
  if (!record.chunkCounts) return;
  const chunks = await tx.objectStore('stateChunks').getAll(chunksOf(record.id));
  const classes = [...emptyTally().classes];
  const chunkCounts = new Uint32Array(record.chunkCounts.length);
  let opens = 0;
  let clicks = 0;
  let complaints = 0;
  chunks.forEach((chunk, chunkIndex) => {
    const base = chunkIndex * CLASS_COUNT;
    const { mask, engagement } = chunk;
    for (let slot = 0; slot < mask.length; slot++) {
      chunkCounts[base + CLASS_OF_MASK[mask[slot]!]!]!++;
      const seen = engagement[slot]!;
      if (seen & ENGAGEMENT_BITS.open) opens++;
      if (seen & ENGAGEMENT_BITS.click) clicks++;
      if (seen & ENGAGEMENT_BITS.complaint) complaints++;
    }
    for (let cls = 0; cls < CLASS_COUNT; cls++) classes[cls]! += chunkCounts[base + cls]!;
  });
  record.tally = { classes, opens, clicks, complaints };
  record.chunkCounts = chunkCounts;
}

/** Compute stats on a started delivery also publishes today's open and click rates. */
export async function computeStatsInTransaction(
  tx: ReadTx<'stateChunks'>,
  record: DeliveryRecord,
  now: number,
): Promise<void> {
  await recountInTransaction(tx, record);
  if (record.startedAt !== null)
    record.engagement = snapshotEngagement(record.tally, record.mode, now);
}
