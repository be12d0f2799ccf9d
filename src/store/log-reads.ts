/**
 * Sending-log and exclusion-log pages. The per-chunk counts kept with each delivery say which
 * chunks hold rows of a status, so a page at any offset reads one or two chunks, never a scan.
 */
import { ENGAGEMENT_BITS, exclusionOfCode, reasonOfCode } from '../rules/event-codes.js';
import { EXCLUSION_REASONS } from '../rules/feedback-rules.js';
import {
  CLASS_COUNT,
  CLASS_OF_MASK,
  EXCLUDED_CLASS,
  classesWithStatus,
  failureTypeOfClass,
  statusOfClass,
} from '../rules/message-classes.js';
import type { LogRow, RecipientStatus } from '../types.js';
import { stateChunkCount, stateLayoutOf, storedTime } from './layout.js';
import { AddressReader } from './audience-addresses.js';
import type { DeliveryRecord, StateChunk } from './schema.js';
import type { ReadTx } from './transactions.js';

export type LogTx = ReadTx<'deliveries' | 'audiences' | 'stateChunks' | 'addressChunks'>;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 10_000;

/** Which classes match a status filter (all of them without one). */
function classFilter(record: DeliveryRecord, status: RecipientStatus | undefined): Uint8Array {
  const matches = new Uint8Array(CLASS_COUNT);
  if (status === undefined) matches.fill(1);
  else for (const cls of classesWithStatus(record.mode, status)) matches[cls] = 1;
  return matches;
}

function matchesInChunk(record: DeliveryRecord, chunk: number, matches: Uint8Array): number {
  let count = 0;
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    if (matches[cls]) count += record.chunkCounts![chunk * CLASS_COUNT + cls]!;
  }
  return count;
}

export function countMatching(record: DeliveryRecord, status: RecipientStatus | undefined): number {
  if (!record.chunkCounts) return 0;
  const matches = classFilter(record, status);
  let total = 0;
  for (let chunk = 0; chunk < stateChunkCount(record); chunk++) {
    total += matchesInChunk(record, chunk, matches);
  }
  return total;
}

function rowOf(
  record: DeliveryRecord,
  state: StateChunk,
  address: string,
  recipient: number,
  slot: number,
): LogRow {
  const cls = CLASS_OF_MASK[state.mask[slot]!]!;
  const failureType = failureTypeOfClass(cls);
  const cause = cls === EXCLUDED_CLASS ? exclusionOfCode(state.reason[slot]!) : null;
  const time = state.time[slot]!;
  const engagement = state.engagement[slot]!;
  return {
    recipient,
    address,
    status: statusOfClass(record.mode, cls),
    failureType,
    reason: cause
      ? EXCLUSION_REASONS[cause]
      : failureType
        ? reasonOfCode(state.reason[slot]!)
        : null,
    cause,
    at: storedTime(time),
    opened: (engagement & ENGAGEMENT_BITS.open) !== 0,
    clicked: (engagement & ENGAGEMENT_BITS.click) !== 0,
  };
}

/**
 * Collects up to `limit` matching rows, starting at chunk `chunk` and skipping the first `skip`
 * matching rows there, or (with `fromSlot`) the slots before it.
 */
async function collect(
  tx: LogTx,
  record: DeliveryRecord,
  matches: Uint8Array,
  start: { chunk: number; skip: number; fromSlot: number },
  limit: number,
): Promise<LogRow[]> {
  const rows: LogRow[] = [];
  const chunkCount = stateChunkCount(record);
  const { size } = stateLayoutOf(record);
  // Read once per page, and only when a row is: most pages are one or two chunks.
  let addresses: Promise<AddressReader | null> | null = null;
  let { skip, fromSlot } = start;
  for (let chunk = start.chunk; chunk < chunkCount && rows.length < limit; chunk++) {
    if (matchesInChunk(record, chunk, matches) === 0) {
      fromSlot = 0;
      continue;
    }
    addresses ??= tx
      .objectStore('audiences')
      .get(record.audienceId)
      .then((audience) => (audience ? new AddressReader(tx, audience) : null));
    const state = await tx.objectStore('stateChunks').get([record.id, chunk]);
    if (!state) break;
    const slots: number[] = [];
    for (
      let slot = fromSlot;
      slot < state.mask.length && rows.length + slots.length < limit;
      slot++
    ) {
      if (!matches[CLASS_OF_MASK[state.mask[slot]!]!]) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      slots.push(slot);
    }
    // Only the addresses of the rows shown are read (or made, for generated profiles).
    const reader = await addresses;
    const shown = reader
      ? await reader.addressesOf(slots.map((slot) => chunk * size + slot))
      : slots.map(() => '');
    slots.forEach((slot, index) =>
      rows.push(rowOf(record, state, shown[index]!, chunk * size + slot, slot)),
    );
    fromSlot = 0;
  }
  return rows;
}

/** The page of rows matching `status` that starts at the `offset`-th matching row. */
export async function readPage(
  tx: LogTx,
  record: DeliveryRecord,
  offset: number,
  limit: number,
  status: RecipientStatus | undefined,
): Promise<LogRow[]> {
  if (!record.chunkCounts) return [];
  const matches = classFilter(record, status);
  const chunkCount = stateChunkCount(record);
  let before = 0;
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const inChunk = matchesInChunk(record, chunk, matches);
    if (before + inChunk > offset) {
      return collect(tx, record, matches, { chunk, skip: offset - before, fromSlot: 0 }, limit);
    }
    before += inChunk;
  }
  return [];
}

/** Up to `limit` rows matching `status` strictly after recipient `after`. */
export async function readAfter(
  tx: LogTx,
  record: DeliveryRecord,
  after: number,
  limit: number,
  status: RecipientStatus | undefined,
): Promise<LogRow[]> {
  if (!record.chunkCounts) return [];
  const first = after + 1;
  const { size } = stateLayoutOf(record);
  const start = { chunk: Math.floor(first / size), skip: 0, fromSlot: first % size };
  return collect(tx, record, classFilter(record, status), start, limit);
}
