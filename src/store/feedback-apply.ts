/**
 * Applies a validated feedback batch in one transaction with the counters it moves. Chunks are
 * read first, then every event is applied in memory in batch order, then everything is written:
 * an event that turns out bad aborts the transaction before any write, so the store is unchanged.
 */
import { FeedbackError } from '../errors.js';
import { ENGAGEMENT_BITS, EXCLUDED_BIT, REASON_CODES, outcomeBit } from '../rules/event-codes.js';
import { ENGAGEMENT_RULES, RETRYING_EVENT, isEngagementEvent } from '../rules/feedback-rules.js';
import { acceptsFeedback } from '../rules/lifecycle.js';
import { CLASS_COUNT, CLASS_OF_MASK } from '../rules/message-classes.js';
import {
  ENGAGEMENT_EVENT_TYPES,
  OUTCOME_EVENT_TYPES,
  type FeedbackEvent,
  type FeedbackEventType,
  type FeedbackResult,
} from '../types.js';
import { ChangeSet } from './changes.js';
import { CHUNK_MASK, CHUNK_SHIFT } from './layout.js';
import { finishIfDone, refreshEngagementIfDue, retriesHaveEnded } from './progress.js';
import type { DeliveryRecord, StateChunk } from './schema.js';
import type { WriteTx } from './transactions.js';
import { VALIDITY_END_BIT } from './validity.js';

export type FeedbackTx = WriteTx<'deliveries' | 'stateChunks'>;

/** What an event sets: outcome mask bits, or engagement bits (a click sets the open's too). */
interface EventEffect {
  readonly maskBit: number;
  readonly engagementBits: number;
}

const EFFECTS: ReadonlyMap<FeedbackEventType, EventEffect> = new Map<
  FeedbackEventType,
  EventEffect
>([
  ...OUTCOME_EVENT_TYPES.map(
    (type) => [type, { maskBit: outcomeBit(type), engagementBits: 0 }] as const,
  ),
  ...ENGAGEMENT_EVENT_TYPES.map(
    (type) =>
      [
        type,
        {
          maskBit: 0,
          engagementBits: [type, ...ENGAGEMENT_RULES[type].implies].reduce(
            (bits, implied) => bits | ENGAGEMENT_BITS[implied],
            0,
          ),
        },
      ] as const,
  ),
]);
const OPEN_BIT = ENGAGEMENT_BITS.open;
const CLICK_BIT = ENGAGEMENT_BITS.click;
const RETRYING_BIT = outcomeBit(RETRYING_EVENT);

interface Target {
  readonly record: DeliveryRecord;
  /** Bits added to a soft bounce: the validity end's, once retries have ended. */
  readonly softExtra: number;
  readonly chunks: (StateChunk | undefined)[];
  readonly dirty: Set<number>;
}

export interface AppliedFeedback {
  readonly result: FeedbackResult;
  readonly changes: ChangeSet;
}

export async function applyFeedbackInTransaction(
  tx: FeedbackTx,
  events: readonly FeedbackEvent[],
  now: number,
): Promise<AppliedFeedback> {
  const targets = await loadTargets(tx, events, now);
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
    const { record, chunks, dirty, softExtra } = target!;
    const chunkIndex = event.recipient >>> CHUNK_SHIFT;
    const slot = event.recipient & CHUNK_MASK;
    const chunk = chunks[chunkIndex]!;
    const mask = chunk.mask[slot]!;
    if (mask & EXCLUDED_BIT) {
      throw new FeedbackError(index, `recipient ${event.recipient} was excluded at preparation`);
    }
    const effect = EFFECTS.get(event.type)!;
    if (isEngagementEvent(event.type)) {
      // Unique per recipient; counted once each.
      const seen = chunk.engagement[slot]!;
      const adds = effect.engagementBits;
      if ((seen & adds) === adds) {
        duplicates++;
        continue;
      }
      if (adds & OPEN_BIT && !(seen & OPEN_BIT)) record.tally.opens++;
      if (adds & CLICK_BIT && !(seen & CLICK_BIT)) record.tally.clicks++;
      chunk.engagement[slot] = seen | adds;
      dirty.add(chunkIndex);
      applied++;
      continue;
    }
    const bit = effect.maskBit;
    if (mask & bit) {
      duplicates++;
      continue;
    }
    const next = mask | bit | (bit === RETRYING_BIT ? softExtra : 0);
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
    chunk.reason[slot] = event.reason === undefined ? 0 : REASON_CODES[event.reason];
    chunk.time[slot] = event.at;
    applied++;
  }

  const changes = new ChangeSet();
  const writes: Promise<unknown>[] = [];
  const states = tx.objectStore('stateChunks');
  for (const { record, chunks, dirty } of targets.values()) {
    if (dirty.size > 0) changes.note(record.id, 'logs', 'indicators');
    if (refreshEngagementIfDue(record, now)) changes.note(record.id, 'indicators');
    if (finishIfDone(record, now)) changes.note(record.id, 'state');
    if (!changes.byDelivery.has(record.id)) continue;
    for (const chunkIndex of dirty)
      writes.push(states.put(chunks[chunkIndex]!, [record.id, chunkIndex]));
    writes.push(tx.objectStore('deliveries').put(record));
  }
  await Promise.all(writes);
  return { result: { applied, duplicates, superseded }, changes };
}

/** Reads every delivery and chunk the batch touches, refusing unknown ones before any write. */
async function loadTargets(
  tx: FeedbackTx,
  events: readonly FeedbackEvent[],
  now: number,
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
    if (!acceptsFeedback(record) || !record.chunkCounts) {
      throw new FeedbackError(
        index,
        `delivery '${id}' has not started sending (state '${record.state}')`,
      );
    }
    const softExtra = retriesHaveEnded(record, now) ? VALIDITY_END_BIT : 0;
    targets.set(id, { record, softExtra, chunks: [], dirty: new Set() });
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
