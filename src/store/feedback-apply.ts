/**
 * Applies a validated feedback batch in one transaction with the counters it moves, the
 * denylist additions it carries and the feed position it reaches. Chunks are read first, then
 * every event is applied in memory in batch order, then everything is written. An event the
 * model refuses either aborts the transaction before any write (the store is unchanged) or,
 * with `refuse: 'event'`, is skipped and reported while the rest applies (see FeedbackOptions).
 */
import { FeedbackError } from '../errors.js';
import { ENGAGEMENT_BITS, EXCLUDED_BIT, outcomeBit } from '../rules/event-codes.js';
import { ENGAGEMENT_RULES, RETRYING_EVENT, isEngagementEvent } from '../rules/feedback-rules.js';
import { acceptsFeedback } from '../rules/lifecycle.js';
import { CLASS_COUNT, CLASS_OF_MASK } from '../rules/message-classes.js';
import {
  FEEDBACK_EVENT_TYPES,
  type FeedbackOptions,
  type FeedbackRefusal,
  type FeedbackResult,
  type RefusedEvent,
} from '../types.js';
import { setAddressStatusInTransaction } from './address-lists.js';
import { ChangeSet } from './changes.js';
import { EventIdSet } from './event-ids.js';
import type { Batch } from './feedback-validation.js';
import { CHUNK_MASK, CHUNK_SHIFT } from './layout.js';
import { guardDetail } from '../rules/guard.js';
import { alertOf } from './alerts.js';
import { Counters } from './counters.js';
import { pauseIfGuardTrips } from './guarding.js';
import { finishIfDone, refreshEngagementIfDue, retriesHaveEnded } from './progress.js';
import type { DeliveryRecord, StateChunk } from './schema.js';
import type { WriteTx } from './transactions.js';
import { VALIDITY_END_BIT } from './validity.js';

export type FeedbackTx = WriteTx<
  'deliveries' | 'stateChunks' | 'eventIds' | 'feedCursors' | 'addressLists' | 'timeline'
>;

/** What goes with a batch into its transaction. */
export interface BatchExtras {
  readonly cursor: FeedbackOptions['cursor'];
  /** Normalised addresses to denylist. */
  readonly denylist: readonly string[];
  readonly refuse: FeedbackRefusal;
}

/** Refusing an event: a throw under the whole-batch policy, else a note and a skip. */
class Refusals {
  readonly listed: RefusedEvent[] = [];
  private readonly skip: Uint8Array | null;

  constructor(perEvent: boolean, length: number) {
    this.skip = perEvent ? new Uint8Array(length) : null;
  }

  refuse(index: number, reason: string): void {
    if (!this.skip) throw new FeedbackError(index, reason);
    if (this.skip[index]) return;
    this.skip[index] = 1;
    this.listed.push({ index, reason });
  }

  skipped(index: number): boolean {
    return this.skip !== null && this.skip[index] === 1;
  }
}

/** Per event type (its position in FEEDBACK_EVENT_TYPES): the outcome mask bit it sets. */
const MASK_BIT: Uint8Array = Uint8Array.from(FEEDBACK_EVENT_TYPES, (type) =>
  isEngagementEvent(type) ? 0 : outcomeBit(type),
);
/** Per event type: the engagement bits it sets (a click sets the open's too). */
const ENGAGEMENT: Uint8Array = Uint8Array.from(FEEDBACK_EVENT_TYPES, (type) =>
  isEngagementEvent(type)
    ? [type, ...ENGAGEMENT_RULES[type].implies].reduce(
        (bits, implied) => bits | ENGAGEMENT_BITS[implied],
        0,
      )
    : 0,
);
const OPEN_BIT = ENGAGEMENT_BITS.open;
const CLICK_BIT = ENGAGEMENT_BITS.click;
const COMPLAINT_BIT = ENGAGEMENT_BITS.complaint;
const RETRYING_BIT = outcomeBit(RETRYING_EVENT);

interface Target {
  readonly record: DeliveryRecord;
  /** Bits added to a soft bounce: the validity end's, once retries have ended. */
  readonly softExtra: number;
  readonly chunks: (StateChunk | undefined)[];
  readonly dirty: Set<number>;
  readonly ids: EventIdSet | null;
  readonly counters: Counters;
}

export interface AppliedFeedback {
  readonly result: FeedbackResult;
  readonly changes: ChangeSet;
}

export async function applyFeedbackInTransaction(
  tx: FeedbackTx,
  batch: Batch,
  now: number,
  { cursor, denylist, refuse }: BatchExtras,
): Promise<AppliedFeedback> {
  const refusals = new Refusals(refuse === 'event', batch.length);
  const targets = await loadTargets(tx, batch, now, refusals);
  const { delivery, recipients, types, at, reasons, idHashes } = batch;
  let applied = 0;
  let duplicates = 0;
  let superseded = 0;
  for (let index = 0; index < batch.length; index++) {
    if (refusals.skipped(index)) continue;
    const { record, chunks, dirty, softExtra, ids, counters } = targets[delivery[index]!]!;
    const recipient = recipients[index]!;
    const chunkIndex = recipient >>> CHUNK_SHIFT;
    const slot = recipient & CHUNK_MASK;
    const chunk = chunks[chunkIndex]!;
    const mask = chunk.mask[slot]!;
    if (mask & EXCLUDED_BIT) {
      refusals.refuse(index, `recipient ${recipient} was excluded at preparation`);
      continue;
    }
    if (ids && (idHashes![index * 2] !== 0 || idHashes![index * 2 + 1] !== 0)) {
      if (ids.seen(idHashes![index * 2]!, idHashes![index * 2 + 1]!)) {
        duplicates++;
        continue;
      }
    }
    const type = types[index]!;
    const adds = ENGAGEMENT[type]!;
    if (adds !== 0) {
      // Unique per recipient; counted once each.
      const seen = chunk.engagement[slot]!;
      if ((seen & adds) === adds) {
        duplicates++;
        continue;
      }
      const fresh = adds & ~seen;
      if (fresh & OPEN_BIT) record.tally.opens++;
      if (fresh & CLICK_BIT) record.tally.clicks++;
      if (fresh & COMPLAINT_BIT) record.tally.complaints = (record.tally.complaints ?? 0) + 1;
      counters.engaged(chunk, slot, fresh, at[index]!);
      chunk.engagement[slot] = seen | adds;
      dirty.add(chunkIndex);
      applied++;
      continue;
    }
    const bit = MASK_BIT[type]!;
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
    counters.moved(
      chunk,
      slot,
      before,
      after,
      chunk.reason[slot]!,
      chunk.time[slot]!,
      reasons[index]!,
      at[index]!,
    );
    chunk.reason[slot] = reasons[index]!;
    chunk.time[slot] = at[index]!;
    applied++;
  }

  const changes = new ChangeSet();
  const writes: Promise<unknown>[] = [];
  const states = tx.objectStore('stateChunks');
  for (const target of targets) {
    if (!target) continue;
    const { record, chunks, dirty, ids, counters } = target;
    if (ids) writes.push(ids.save());
    if (dirty.size > 0) changes.note(record.id, 'logs', 'indicators');
    if (refreshEngagementIfDue(record, now)) changes.note(record.id, 'indicators');
    if (finishIfDone(record, now)) {
      changes.alert(alertOf(record, 'finished', now));
    } else {
      const trip = pauseIfGuardTrips(record, now);
      if (trip) changes.alert(alertOf(record, 'guard-paused', now, guardDetail(trip)));
    }
    if (!changes.byDelivery.has(record.id)) continue;
    for (const chunkIndex of dirty)
      writes.push(states.put(chunks[chunkIndex]!, [record.id, chunkIndex]));
    if (counters.touched) writes.push(counters.save(tx));
    writes.push(tx.objectStore('deliveries').put(record));
  }
  if (cursor) {
    // A feed only moves forward: two pages applying the same stream may finish out of order.
    const cursors = tx.objectStore('feedCursors');
    const stored = await cursors.get(cursor.feed);
    const newlyNamed = cursor.log !== undefined && stored?.log === undefined;
    if ((stored?.seq ?? 0) < cursor.seq || (newlyNamed && stored?.seq === cursor.seq))
      writes.push(cursors.put({ ...cursor }));
  }
  for (const address of new Set(denylist)) {
    writes.push(setAddressStatusInTransaction(tx, address, { denylisted: true }));
    changes.note(null, 'address-lists');
  }
  await Promise.all(writes);
  const result: FeedbackResult = { applied, duplicates, superseded };
  if (refuse === 'batch') return { result, changes };
  const refused = refusals.listed.sort((a, b) => a.index - b.index);
  return { result: { ...result, refused }, changes };
}

/**
 * Reads every delivery, chunk and id bucket the batch touches, refusing bad events before any
 * write. A delivery refused as a whole has no target: each of its events is refused.
 */
async function loadTargets(
  tx: FeedbackTx,
  batch: Batch,
  now: number,
  refusals: Refusals,
): Promise<(Target | null)[]> {
  const deliveries = tx.objectStore('deliveries');
  const records = await Promise.all(batch.deliveryIds.map((id) => deliveries.get(id)));
  const problems = records.map((record, position): string | null => {
    const id = batch.deliveryIds[position]!;
    if (!record) return `unknown delivery '${id}'`;
    if (!acceptsFeedback(record) || !record.chunkCounts)
      return `delivery '${id}' has not started sending (state '${record.state}')`;
    return null;
  });
  const targets = records.map((record, position): Target | null => {
    if (!record || problems[position] !== null) return null;
    const softExtra = retriesHaveEnded(record, now) ? VALIDITY_END_BIT : 0;
    const ids = batch.idHashes ? new EventIdSet(tx, record.id) : null;
    return { record, softExtra, chunks: [], dirty: new Set(), ids, counters: new Counters(record) };
  });
  const wanted = targets.map(() => new Set<number>());
  for (let index = 0; index < batch.length; index++) {
    const delivery = batch.delivery[index]!;
    const recipient = batch.recipients[index]!;
    const target = targets[delivery]!;
    if (!target) {
      refusals.refuse(index, problems[delivery]!);
    } else if (recipient >= target.record.recipientCount) {
      refusals.refuse(
        index,
        `recipient ${recipient} is out of range (delivery has ${target.record.recipientCount})`,
      );
    } else {
      wanted[delivery]!.add(recipient >>> CHUNK_SHIFT);
    }
  }
  const states = tx.objectStore('stateChunks');
  const reads: Promise<void>[] = [];
  targets.forEach((target, position) => {
    if (!target) return;
    const { record, chunks, ids } = target;
    for (const chunkIndex of wanted[position]!) {
      reads.push(
        states.get([record.id, chunkIndex]).then((chunk) => {
          chunks[chunkIndex] = chunk;
        }),
      );
    }
    if (ids) reads.push(ids.load(idsOf(batch, position)));
  });
  await Promise.all(reads);
  return targets;
}

/** The id hashes of one delivery's events. */
function idsOf(batch: Batch, delivery: number): Uint32Array {
  if (batch.deliveryIds.length === 1) return batch.idHashes!;
  const hashes: number[] = [];
  for (let index = 0; index < batch.length; index++) {
    if (batch.delivery[index] === delivery)
      hashes.push(batch.idHashes![index * 2]!, batch.idHashes![index * 2 + 1]!);
  }
  return Uint32Array.from(hashes);
}
