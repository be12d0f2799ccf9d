/** Profile history (SPEC §6): the deliveries an address was targeted by, newest first. */
import { EXCLUDED_BIT } from '../rules/event-codes.js';
import {
  CLASS_COUNT,
  CLASS_OF_MASK,
  EXCLUDED_CLASS,
  statusOfClass,
} from '../rules/message-classes.js';
import type { ProfileHistoryEntry } from '../types.js';
import { AddressLookup } from './address-lookup.js';
import { stateLayoutOf, storedTime } from './layout.js';
import type { DeliveryRecord } from './schema.js';
import type { ReadTx } from './transactions.js';

export type HistoryTx = ReadTx<
  'deliveries' | 'audiences' | 'addressBuckets' | 'addressChunks' | 'stateChunks'
>;

export async function readHistoryInTransaction(
  tx: HistoryTx,
  address: string,
): Promise<ProfileHistoryEntry[]> {
  const byAudience = new Map<string, DeliveryRecord[]>();
  for (const record of await tx.objectStore('deliveries').getAll()) {
    if (!record.chunkCounts) continue;
    const group = byAudience.get(record.audienceId) ?? [];
    group.push(record);
    byAudience.set(record.audienceId, group);
  }
  const entries: (ProfileHistoryEntry & { sortKey: number })[] = [];
  for (const [audienceId, records] of byAudience) {
    const audience = await tx.objectStore('audiences').get(audienceId);
    if (!audience) continue;
    const recipients = await AddressLookup.of(tx, audience).recipientsOf(address);
    if (recipients.length === 0) continue;
    for (const record of records) {
      const entry = await entryFor(tx, record, recipients);
      if (entry) entries.push(entry);
    }
  }
  return entries.sort((a, b) => b.sortKey - a.sortKey).map(({ sortKey: _, ...entry }) => entry);
}

/** The targeted copy of the address (a duplicate copy is excluded, the first one is not). */
async function entryFor(
  tx: HistoryTx,
  record: DeliveryRecord,
  recipients: readonly number[],
): Promise<(ProfileHistoryEntry & { sortKey: number }) | null> {
  let chosen: { recipient: number; mask: number; time: number } | null = null;
  for (const recipient of recipients) {
    const { shift, mask } = stateLayoutOf(record);
    const state = await tx.objectStore('stateChunks').get([record.id, recipient >>> shift]);
    if (!state) return null;
    const slot = recipient & mask;
    chosen = { recipient, mask: state.mask[slot]!, time: state.time[slot]! };
    if (!(chosen.mask & EXCLUDED_BIT)) break;
  }
  if (!chosen) return null;
  return {
    deliveryId: record.id,
    label: record.label,
    channel: record.channel,
    recipient: chosen.recipient,
    status: statusOfClass(record.mode, CLASS_OF_MASK[chosen.mask]!),
    at: storedTime(chosen.time),
    sortKey: record.startedAt ?? record.createdAt,
  };
}

/** Recipients of one delivery per address, and which of its recipients were excluded. */
export async function findRecipientsInTransaction(
  tx: ReadTx<'audiences' | 'addressBuckets' | 'addressChunks' | 'stateChunks'>,
  record: DeliveryRecord,
  addresses: readonly string[],
): Promise<{ recipients: number[][]; excluded: number[] }> {
  const audience = await tx.objectStore('audiences').get(record.audienceId);
  const lookup = audience ? AddressLookup.of(tx, audience) : null;
  const recipients = await Promise.all(
    addresses.map((address) => lookup?.recipientsOf(address) ?? Promise.resolve([])),
  );
  // Only the chunks whose counts say they hold excluded recipients are read.
  const counts = record.chunkCounts;
  const withExclusions: number[] = [];
  if (counts) {
    for (let chunk = 0; chunk * CLASS_COUNT < counts.length; chunk++)
      if (counts[chunk * CLASS_COUNT + EXCLUDED_CLASS]! > 0) withExclusions.push(chunk);
  }
  const states = await Promise.all(
    withExclusions.map((chunk) => tx.objectStore('stateChunks').get([record.id, chunk])),
  );
  const excluded: number[] = [];
  states.forEach((state, position) => {
    const base = withExclusions[position]! * stateLayoutOf(record).size;
    for (let slot = 0; slot < (state?.mask.length ?? 0); slot++)
      if (state!.mask[slot]! & EXCLUDED_BIT) excluded.push(base + slot);
  });
  return { recipients, excluded };
}
