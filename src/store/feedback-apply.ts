/**
 * Applies a validated feedback batch in one transaction with the counters it moves. Chunks are
 * read first, then every event is applied in memory in batch order, then everything is written:
 * an event that turns out bad aborts the transaction before any write, so the store is unchanged.
 */
import { FeedbackError } from '../errors.js';
import { REASON_CODES, maskBitOf, FEEDBACK_EVENT_TYPES } from '../rules/event-codes.js';
import { FEEDBACK_STATES } from '../rules/lifecycle.js';
import {
  CLASS_COUNT,
  CLASS_OF_MASK,
  CLICK_BIT,
  EXCLUDED_BIT,
  OPEN_BIT,
} from '../rules/message-classes.js';
import type { ChangeKind, DeliveryMode, FeedbackEvent, FeedbackResult } from '../types.js';
import { EVENT_TYPE_CODES } from './feedback-validation.js';
import { CHUNK_MASK, CHUNK_SHIFT } from './layout.js';
import { finishIfDone, refreshEngagementIfDue } from './progress.js';
import type { DeliveryRecord, StateChunk } from './records.js';
import type { WriteTx } from './transactions.js';

export type FeedbackTx = WriteTx<'deliveries' | 'stateChunks'>;

/** Mask bit per event code, per mode (0: not an outcome event, or not reported in the mode). */
const BITS: Readonly<Record<DeliveryMode, Uint8Array>> = {
  standard: Uint8Array.from(FEEDBACK_EVENT_TYPES, (type) => maskBitOf(type, 'standard')),
  efs: Uint8Array.from(FEEDBACK_EVENT_TYPES, (type) => maskBitOf(type, 'efs')),
};
const OPEN_CODE = EVENT_TYPE_CODES.get('open')!;
const CLICK_CODE = EVENT_TYPE_CODES.get('click')!;

interface Target {
  readonly record: DeliveryRecord;
  readonly bits: Uint8Array;
  readonly chunks: (StateChunk | undefined)[];
  readonly dirty: Set<number>;
}

export interface AppliedFeedback {
  readonly result: FeedbackResult;
  readonly kinds: Map<string, Set<ChangeKind>>;
}

export async function applyFeedbackInTransaction(
  tx: FeedbackTx,
  events: readonly FeedbackEvent[],
  now: number,
): Promise<AppliedFeedback> {
  const targets = await loadTargets(tx, events);
  let applied = 0;
  let duplicates = 0;
  let superseded = 0;
  let target: Target | undefined;
  let targetId = '';
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    if (event.deliveryId !== targetId) {
      targetId = event.deliveryId;
      target = targets.get(targetId);
    }
    const { record, bits, chunks, dirty } = target!;
    const chunkIndex = event.recipient >>> CHUNK_SHIFT;
    const slot = event.recipient & CHUNK_MASK;
    const chunk = chunks[chunkIndex]!;
    const mask = chunk.mask[slot]!;
    if (mask & EXCLUDED_BIT) {
      throw new FeedbackError(index, `recipient ${event.recipient} was excluded at preparation`);
    }
    const code = EVENT_TYPE_CODES.get(event.type)!;
    if (code === OPEN_CODE || code === CLICK_CODE) {
      // A click implies an open; both are unique per recipient.
      const seen = chunk.engagement[slot]!;
      const adds = code === CLICK_CODE ? OPEN_BIT | CLICK_BIT : OPEN_BIT;
      if ((seen & adds) === adds) {
        duplicates++;
        continue;
      }
      if (!(seen & OPEN_BIT)) record.tally.opens++;
      if (adds & CLICK_BIT && !(seen & CLICK_BIT)) record.tally.clicks++;
      chunk.engagement[slot] = seen | adds;
      dirty.add(chunkIndex);
      applied++;
      continue;
    }
    const bit = bits[code]!;
    if (bit === 0) {
      superseded++;
      continue;
    }
    if (mask & bit) {
      duplicates++;
      continue;
    }
    const next = mask | bit;
    chunk.mask[slot] = next;
    dirty.add(chunkIndex);
    const before = CLASS_OF_MASK[mask]!;
    const after = CLASS_OF_MASK[next]!;
    if (before === after) {
      superseded++;
      continue;
    }
    record.tally.classes[before]!--;
    record.tally.classes[after]!++;
    const counts = record.chunkCounts!;
    counts[chunkIndex * CLASS_COUNT + before]!--;
    counts[chunkIndex * CLASS_COUNT + after]!++;
    chunk.reason[slot] = event.reason === undefined ? 0 : REASON_CODES.get(event.reason)!;
    chunk.time[slot] = event.at;
    applied++;
  }

  const kinds = new Map<string, Set<ChangeKind>>();
  const writes: Promise<unknown>[] = [];
  const states = tx.objectStore('stateChunks');
  for (const { record, chunks, dirty } of targets.values()) {
    const changed = new Set<ChangeKind>(dirty.size > 0 ? ['logs', 'indicators'] : []);
    if (refreshEngagementIfDue(record, now)) changed.add('indicators');
    if (finishIfDone(record, now)) changed.add('state');
    if (changed.size === 0) continue;
    kinds.set(record.id, changed);
    for (const chunkIndex of dirty)
      writes.push(states.put(chunks[chunkIndex]!, [record.id, chunkIndex]));
    writes.push(tx.objectStore('deliveries').put(record));
  }
  await Promise.all(writes);
  return { result: { applied, duplicates, superseded }, kinds };
}

/** Reads every delivery and chunk the batch touches, refusing unknown ones before any write. */
async function loadTargets(
  tx: FeedbackTx,
  events: readonly FeedbackEvent[],
): Promise<Map<string, Target>> {
  const firstIndex = new Map<string, number>();
  for (let index = 0; index < events.length; index++) {
    const id = events[index]!.deliveryId;
    if (!firstIndex.has(id)) firstIndex.set(id, index);
  }
  const deliveries = tx.objectStore('deliveries');
  const ids = [...firstIndex.keys()];
  const records = await Promise.all(ids.map((id) => deliveries.get(id)));
  const targets = new Map<string, Target>();
  for (const [position, id] of ids.entries()) {
    const record = records[position];
    const index = firstIndex.get(id)!;
    if (!record) throw new FeedbackError(index, `unknown delivery '${id}'`);
    if (!FEEDBACK_STATES.includes(record.state) || !record.chunkCounts) {
      throw new FeedbackError(index, `delivery '${id}' has not started (state '${record.state}')`);
    }
    targets.set(id, { record, bits: BITS[record.mode], chunks: [], dirty: new Set() });
  }
  const needed = new Map<string, Set<number>>();
  let target: Target | undefined;
  let wanted: Set<number> | undefined;
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    if (target?.record.id !== event.deliveryId) {
      target = targets.get(event.deliveryId)!;
      wanted = needed.get(event.deliveryId) ?? new Set();
      needed.set(event.deliveryId, wanted);
    }
    if (event.recipient >= target.record.recipientCount) {
      throw new FeedbackError(
        index,
        `recipient ${event.recipient} is out of range (delivery has ${target.record.recipientCount})`,
      );
    }
    wanted!.add(event.recipient >>> CHUNK_SHIFT);
  }
  const states = tx.objectStore('stateChunks');
  const reads: Promise<void>[] = [];
  for (const [id, chunkIndexes] of needed) {
    const { chunks } = targets.get(id)!;
    for (const chunkIndex of chunkIndexes) {
      reads.push(
        states.get([id, chunkIndex]).then((chunk) => {
          chunks[chunkIndex] = chunk;
        }),
      );
    }
  }
  await Promise.all(reads);
  return targets;
}
