/**
 * End of the validity period (SPEC §5): every message still being retried gets its final
 * status, as if "retries failed" had been reported for it, and the delivery finishes.
 */
import { outcomeRule } from '../rules/feedback-rules.js';
import {
  CLASS_COUNT,
  CLASS_OF_MASK,
  RETRYING_CLASS,
  outcomeBit,
} from '../rules/message-classes.js';
import { chunkCountOf } from './layout.js';
import type { DeliveryRecord } from './records.js';
import { applyTransition, systemActor } from './transitions.js';
import type { WriteTx } from './transactions.js';

const RETRIES_FAILED_BIT = outcomeBit(outcomeRule('retries-failed').rank);

export async function endValidityInTransaction(
  tx: WriteTx<'stateChunks'>,
  record: DeliveryRecord,
  now: number,
): Promise<void> {
  const counts = record.chunkCounts!;
  const states = tx.objectStore('stateChunks');
  const endedAt = Math.min(now, record.endsAt ?? now);
  const writes: Promise<unknown>[] = [];
  for (let chunk = 0; chunk < chunkCountOf(record.recipientCount); chunk++) {
    if (counts[chunk * CLASS_COUNT + RETRYING_CLASS] === 0) continue;
    const state = await states.get([record.id, chunk]);
    if (!state) continue;
    for (let slot = 0; slot < state.mask.length; slot++) {
      const mask = state.mask[slot]!;
      if (CLASS_OF_MASK[mask] !== RETRYING_CLASS) continue;
      const next = mask | RETRIES_FAILED_BIT;
      const after = CLASS_OF_MASK[next]!;
      state.mask[slot] = next;
      state.time[slot] = endedAt;
      record.tally.classes[RETRYING_CLASS]!--;
      record.tally.classes[after]!++;
      counts[chunk * CLASS_COUNT + RETRYING_CLASS]!--;
      counts[chunk * CLASS_COUNT + after]!++;
    }
    writes.push(states.put(state, [record.id, chunk]));
  }
  await Promise.all(writes);
  applyTransition(record, 'finish', systemActor(record.confirmedBy ?? 'system'), now);
}
