/** The timeline and the breakdowns, read from their counters in one transaction each. */
import { reasonRows, providerRow } from '../rules/breakdown.js';
import {
  INTERVAL_MS,
  TIMELINE_BLOCK,
  TIMELINE_STRIDE,
  intervalOf,
  seriesOf,
} from '../rules/timeline.js';
import type { Breakdown, Channel, DeliveryMode, Timeline } from '../types.js';
import { PROVIDER_STRIDE, REASON_ROWS } from './counters.js';
import { chunksOf } from './layout.js';
import type { DeliveryRecord } from './schema.js';
import type { Database } from './transactions.js';
import { NotFoundError } from '../errors.js';

/** The delivery and its timeline blocks from one transaction; `mode` defaults to its own. */
export async function readTimelineOf(
  db: Database,
  id: string,
  mode: DeliveryMode | undefined,
): Promise<Timeline> {
  // A store of schema 3 (a portal on an older release, read by the extension) has no timeline.
  const hasTimeline = db.objectStoreNames.contains('timeline');
  const tx = db.transaction(hasTimeline ? ['deliveries', 'timeline'] : ['deliveries']);
  const record = await tx.objectStore('deliveries').get(id);
  if (!record) throw new NotFoundError(id);
  const { startedAt, endsAt } = record;
  if (startedAt === null) return emptyTimeline(endsAt);
  const timeline = hasTimeline ? tx.objectStore('timeline') : null;
  const [blocks, keys] = timeline
    ? await Promise.all([timeline.getAll(chunksOf(id)), timeline.getAllKeys(chunksOf(id))])
    : [[], []];
  let lastBlock = -1;
  for (const [, block] of keys) lastBlock = Math.max(lastBlock, block);
  const counts = new Uint32Array(Math.max(0, lastBlock + 1) * TIMELINE_BLOCK * TIMELINE_STRIDE);
  blocks.forEach((stored, index) =>
    counts.set(stored.counts, keys[index]![1] * TIMELINE_BLOCK * TIMELINE_STRIDE),
  );
  let lastUsed = -1;
  for (let index = counts.length - 1; index >= 0; index--) {
    if (counts[index] !== 0) {
      lastUsed = Math.floor(index / TIMELINE_STRIDE);
      break;
    }
  }
  // Up to the interval the validity ends in, where retried messages get their final status.
  const validityIntervals = endsAt === null ? 0 : intervalOf(endsAt, startedAt) + 1;
  const length = Math.max(lastUsed + 1, validityIntervals);
  return {
    intervalMs: INTERVAL_MS,
    startedAt,
    validityEndsAt: endsAt,
    length,
    series: seriesOf(counts, length, mode ?? record.mode),
  };
}

function emptyTimeline(validityEndsAt: number | null): Timeline {
  const series = seriesOf([], 0, 'standard');
  return { intervalMs: INTERVAL_MS, startedAt: null, validityEndsAt, length: 0, series };
}

export function breakdownOf(
  record: { readonly breakdown?: DeliveryRecord['breakdown']; readonly channel: Channel },
  mode: DeliveryMode,
): Breakdown {
  const counters = record.breakdown;
  if (!counters) return { providers: [], reasons: [] };
  const providers = counters.groups.map((group, index) =>
    providerRow(group, counters.byProvider, index * PROVIDER_STRIDE, mode, record.channel),
  );
  const targeted = providers.reduce((sum, row) => sum + row.targeted, 0);
  return {
    // Other is listed only when some recipients are in it.
    providers: providers.filter((row) => row.group.kind !== 'other' || row.targeted > 0),
    reasons: reasonRows(counters.byReason, REASON_ROWS, targeted),
  };
}
