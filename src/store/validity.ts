/**
 * End of the validity period (SPEC §5): every message still being retried gets its final
 * status, as if "retries failed" had been reported for it, and the delivery finishes.
 */
import { outcomeBit } from '../rules/event-codes.js';
import { VALIDITY_END_EVENT } from '../rules/feedback-rules.js';
import { CLASS_COUNT, CLASS_OF_MASK, RETRYING_CLASS } from '../rules/message-classes.js';
import { stateChunkCount } from './layout.js';
import { Counters } from './counters.js';
import type { DeliveryRecord, StateChunk } from './schema.js';
import { systemTransition } from './transitions.js';
import type { WriteTx } from './transactions.js';

export const VALIDITY_END_BIT = outcomeBit(VALIDITY_END_EVENT);

export async function endValidityInTransaction(
  tx: WriteTx<'stateChunks' | 'timeline'>,
  record: DeliveryRecord,
  now: number,
): Promise<void> {
  const states = tx.objectStore('stateChunks');
  const writes: Promise<unknown>[] = [];
  const counters = new Counters(record);
  const endedAt = Math.min(now, record.endsAt ?? now);
  for (const chunk of chunksRetrying(record)) {
    const state = await states.get([record.id, chunk]);
    if (!state) continue;
    endRetriesOf(record, state, chunk, counters, endedAt);
    writes.push(states.put(state, [record.id, chunk]));
  }
  writes.push(counters.save(tx));
  await Promise.all(writes);
  finishAtValidityEnd(record, now);
}

/** The chunks holding a message still being retried. */
export function chunksRetrying(record: DeliveryRecord): number[] {
  const counts = record.chunkCounts!;
  const chunks: number[] = [];
  for (let chunk = 0; chunk < stateChunkCount(record); chunk++) {
    if (counts[chunk * CLASS_COUNT + RETRYING_CLASS] !== 0) chunks.push(chunk);
  }
  return chunks;
}

/** Every message of one chunk still being retried gets its final status, at `endedAt`. */
export function endRetriesOf(
  record: DeliveryRecord,
  state: StateChunk,
  chunk: number,
  counters: Counters,
  endedAt: number,
): void {
  const counts = record.chunkCounts!;
  for (let slot = 0; slot < state.mask.length; slot++) {
    const mask = state.mask[slot]!;
    if (CLASS_OF_MASK[mask] !== RETRYING_CLASS) continue;
    const next = mask | VALIDITY_END_BIT;
    const after = CLASS_OF_MASK[next]!;
    state.mask[slot] = next;
    counters.moved(
      state,
      slot,
      RETRYING_CLASS,
      after,
      state.reason[slot]!,
      state.time[slot]!,
      state.reason[slot]!,
      endedAt,
    );
    state.time[slot] = endedAt;
    record.tally.classes[RETRYING_CLASS]!--;
    record.tally.classes[after]!++;
    counts[chunk * CLASS_COUNT + RETRYING_CLASS]!--;
    counts[chunk * CLASS_COUNT + after]!++;
  }
}

/** Once every retried message is final: retries have ended, and the delivery finishes. */
export function finishAtValidityEnd(record: DeliveryRecord, now: number): void {
  record.retriesEnded = true;
  systemTransition(record, 'finish', now);
}
