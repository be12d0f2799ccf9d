/**
 * Preparation (SPEC §2, §3): computes targeted / to deliver and the exclusions with their
 * exclusion-log rows, and lays out the sending-log chunks, in the caller's transaction.
 */
import { EXCLUDED_BIT, EXCLUSION_CODES, exclusionOfCode } from '../rules/event-codes.js';
import { emptyTally } from '../rules/indicators.js';
import { CLASS_COUNT, EXCLUDED_CLASS, UNRELAYED_CLASS } from '../rules/message-classes.js';
import { StoreFailureError } from '../errors.js';
import type { ExclusionCause, User } from '../types.js';
import { AddressLookup } from './address-lookup.js';
import { initialBreakdown, providerGroupsOf } from './breakdown-setup.js';
import { NO_TIME, STATE_LAYOUT, chunksOf, stateChunkCount, stateChunkLength } from './layout.js';
import type { AudienceRecord, DeliveryRecord, StateChunk } from './schema.js';
import { systemTransition, userTransition } from './transitions.js';
import type { WriteTx } from './transactions.js';

export type PrepareTx = WriteTx<
  | 'deliveries'
  | 'audiences'
  | 'addressBuckets'
  | 'addressChunks'
  | 'stateChunks'
  | 'addressLists'
  | 'timeline'
>;

export async function prepareInTransaction(
  tx: PrepareTx,
  record: DeliveryRecord,
  by: User,
  now: number,
): Promise<void> {
  userTransition(record, 'prepare', by, now);
  const audience = await tx.objectStore('audiences').get(record.audienceId);
  if (!audience) throw new StoreFailureError('prepare the delivery', 'its address list is missing');
  const causes = listExclusions(audience);
  const lookup = AddressLookup.of(tx, audience);
  for (const entry of await tx.objectStore('addressLists').getAll()) {
    const cause: ExclusionCause | null = entry.quarantined
      ? 'quarantined'
      : entry.denylisted
        ? 'denylisted'
        : null;
    if (!cause) continue;
    for (const recipient of await lookup.recipientsOf(entry.address)) {
      if (!causes.has(recipient)) causes.set(recipient, cause);
    }
  }
  const chunks = layOutPreparation(record, audience, causes, by.name, now);
  const states = tx.objectStore('stateChunks');
  await Promise.all([
    states.delete(chunksOf(record.id)),
    tx.objectStore('timeline').delete(chunksOf(record.id)),
  ]);
  await Promise.all([
    ...chunks.map((state, chunk) => states.put(state, [record.id, chunk])),
    tx.objectStore('deliveries').put(record),
  ]);
}

/** The exclusions of the address list itself (no address, duplicate), by recipient. */
export function listExclusions(audience: AudienceRecord): Map<number, ExclusionCause> {
  const causes = new Map<number, ExclusionCause>();
  audience.invalidRecipients.forEach((recipient, index) => {
    const code = audience.invalidCauses[index]!;
    causes.set(recipient, exclusionOfCode(code) ?? 'no-address');
  });
  return causes;
}

/**
 * The sending-log chunks of a delivery being prepared, with these exclusions, and the record's
 * counts and state after preparation (prepared, or preparation-error when nobody is left):
 * everything preparation decides, in memory. The store writes the chunks; the relay's ledger
 * keeps them.
 */
export function layOutPreparation(
  record: DeliveryRecord,
  audience: AudienceRecord,
  causes: ReadonlyMap<number, ExclusionCause>,
  by: string,
  now: number,
): StateChunk[] {
  // Laid out anew in the layout of now, whatever the layout of an earlier preparation.
  record.stateChunkShift = STATE_LAYOUT.shift;
  const { shift, size, mask } = STATE_LAYOUT;
  const chunkCount = stateChunkCount(record);
  const grouping = providerGroupsOf(audience, record.recipientCount);
  const chunks: StateChunk[] = [];
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const length = stateChunkLength(record, chunk);
    chunks.push({
      mask: new Uint8Array(length),
      engagement: new Uint8Array(length),
      reason: new Uint8Array(length),
      time: new Float64Array(length).fill(NO_TIME),
      // A copy: a view would store the whole array with every chunk.
      provider: grouping.providers.slice(chunk * size, chunk * size + length),
    });
  }
  const chunkCounts = new Uint32Array(chunkCount * CLASS_COUNT);
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    chunkCounts[chunk * CLASS_COUNT + UNRELAYED_CLASS] = chunks[chunk]!.mask.length;
  }
  for (const [recipient, cause] of causes) {
    const chunk = recipient >>> shift;
    const slot = recipient & mask;
    const state = chunks[chunk]!;
    state.mask[slot] = EXCLUDED_BIT;
    state.reason[slot] = EXCLUSION_CODES[cause];
    state.time[slot] = now;
    chunkCounts[chunk * CLASS_COUNT + UNRELAYED_CLASS]!--;
    chunkCounts[chunk * CLASS_COUNT + EXCLUDED_CLASS]!++;
  }

  const classes = [...emptyTally().classes];
  classes[EXCLUDED_CLASS] = causes.size;
  classes[UNRELAYED_CLASS] = record.recipientCount - causes.size;
  record.tally = { classes, opens: 0, clicks: 0 };
  record.engagement = null;
  record.chunkCounts = chunkCounts;
  record.breakdown = initialBreakdown(grouping, chunks);
  if (classes[UNRELAYED_CLASS] === 0) {
    systemTransition(record, 'preparation-failed', now, {
      by,
      detail: 'No recipient to deliver: every targeted address was excluded.',
    });
  } else {
    systemTransition(record, 'preparation-succeeded', now, { by });
  }
  return chunks;
}
