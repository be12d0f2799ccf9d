/**
 * What a feedback batch does to the messages it names, in memory: each event moves its message's
 * received-events mask (and so its class), or adds engagement bits, with the tally, the per-chunk
 * counts and the breakdown and timeline counters. No storage here: the store runs it between
 * reading the chunks and writing them (feedback-apply.ts), and the relay's ledger runs it over the
 * chunks it keeps in memory (replication/ledger.ts), so both count the same messages the same way.
 */
import { FeedbackError } from '../errors.js';
import { ENGAGEMENT_BITS, EXCLUDED_BIT, outcomeBit } from '../rules/event-codes.js';
import { ENGAGEMENT_RULES, RETRYING_EVENT, isEngagementEvent } from '../rules/feedback-rules.js';
import { acceptsFeedback } from '../rules/lifecycle.js';
import { CLASS_COUNT, CLASS_OF_MASK } from '../rules/message-classes.js';
import { FEEDBACK_EVENT_TYPES, type FeedbackResult, type RefusedEvent } from '../types.js';
import type { Counters } from './counters.js';
import type { EventIdSet } from './event-ids.js';
import type { Batch } from './feedback-validation.js';
import { stateLayoutOf } from './layout.js';
import { retriesHaveEnded } from './progress.js';
import { isShared, type DeliveryRecord, type StateChunk } from './schema.js';
import { VALIDITY_END_BIT } from './validity.js';

/** Refusing an event: a throw under the whole-batch policy, else a note and a skip. */
export class Refusals {
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

/** One delivery a batch names, with the chunks its events touch (loaded by the caller). */
export interface MoveTarget {
  readonly record: DeliveryRecord;
  /** The record's state layout (stateLayoutOf), read once for the loop. */
  readonly shift: number;
  readonly mask: number;
  /** Bits added to a soft bounce: the validity end's, once retries have ended. */
  readonly softExtra: number;
  readonly chunks: (StateChunk | undefined)[];
  /** Chunks changed, to write back. */
  readonly dirty: Set<number>;
  /** Provider event ids already applied; null when the batch has none or nobody keeps them. */
  readonly ids: EventIdSet | null;
  readonly counters: Counters;
}

/**
 * Why a batch's events for this delivery are refused as a whole, or null. A shared delivery takes
 * only the feedback its relay's log carries (`replicated`), and a delivery of this store alone
 * never takes that.
 */
export function feedbackRefusal(
  record: DeliveryRecord | undefined,
  id: string,
  replicated: boolean,
): string | null {
  if (!record) return `unknown delivery '${id}'`;
  if (isShared(record) !== replicated)
    return replicated
      ? `delivery '${id}' is not shared through a relay`
      : `delivery '${id}' is shared: its feedback comes from its relay`;
  if (!acceptsFeedback(record) || !record.chunkCounts)
    return `delivery '${id}' has not started sending (state '${record.state}')`;
  return null;
}

/**
 * The bits a soft bounce gets besides its own: the validity end's once retries have ended (it is
 * final at once). A shared delivery's retries end with its relay's validity-ended fact, never by
 * this clock, so every replica decides alike.
 */
function softExtraOf(record: DeliveryRecord, now: number): number {
  const ended = isShared(record) ? record.retriesEnded === true : retriesHaveEnded(record, now);
  return ended ? VALIDITY_END_BIT : 0;
}

/**
 * The chunks each target's events touch; events of a refused delivery, or out of its range, are
 * refused here, before anything moves.
 */
export function chunksWanted(
  batch: Batch,
  targets: readonly (MoveTarget | null)[],
  problems: readonly (string | null)[],
  refusals: Refusals,
): Set<number>[] {
  const wanted = targets.map(() => new Set<number>());
  for (let index = 0; index < batch.length; index++) {
    const delivery = batch.delivery[index]!;
    const recipient = batch.recipients[index]!;
    const target = targets[delivery];
    if (!target) {
      refusals.refuse(index, problems[delivery]!);
    } else if (recipient >= target.record.recipientCount) {
      refusals.refuse(
        index,
        `recipient ${recipient} is out of range (delivery has ${target.record.recipientCount})`,
      );
    } else {
      wanted[delivery]!.add(recipient >>> target.shift);
    }
  }
  return wanted;
}

/** A delivery's target for a batch, over the chunks the caller keeps (read before, or in memory). */
export function moveTarget(
  record: DeliveryRecord,
  now: number,
  chunks: (StateChunk | undefined)[],
  ids: EventIdSet | null,
  counters: Counters,
): MoveTarget {
  const { shift, mask } = stateLayoutOf(record);
  return {
    record,
    shift,
    mask,
    softExtra: softExtraOf(record, now),
    chunks,
    dirty: new Set(),
    ids,
    counters,
  };
}

/**
 * Applies every event not refused to its target's messages, in batch order. An event for an
 * excluded recipient is refused; one a message already had is a duplicate; one weaker than the
 * message's strongest is superseded (SPEC §7).
 */
export function moveMessages(
  batch: Batch,
  targets: readonly (MoveTarget | null)[],
  refusals: Refusals,
): FeedbackResult {
  const { delivery, recipients, types, at, reasons, idHashes } = batch;
  let applied = 0;
  let duplicates = 0;
  let superseded = 0;
  for (let index = 0; index < batch.length; index++) {
    if (refusals.skipped(index)) continue;
    const target = targets[delivery[index]!]!;
    const { record, chunks, dirty, softExtra, ids, counters } = target;
    const recipient = recipients[index]!;
    const chunkIndex = recipient >>> target.shift;
    const slot = recipient & target.mask;
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
  return { applied, duplicates, superseded };
}
