/**
 * The storage layout, in one place. IndexedDB's cost is per record, not per byte: a million
 * recipients' sending log is 123 records here, not a million.
 *
 * Object stores (schema.ts) and their keys:
 * - `deliveries`     id → DeliveryRecord: state, journal, the tally (messages per class, unique
 *                    opens/clicks) and `chunkCounts` (messages per chunk per class: a log page
 *                    at any offset or of one status finds its chunk without reading the others).
 * - `audiences`      audience id → the list's own exclusions (no address, duplicate), or for
 *                    generated test profiles their scheme (`generated`): their addresses are
 *                    derived from the index and nothing below is stored for them.
 * - `addressChunks`  [audience id, chunk] → CHUNK_SIZE addresses of an uploaded list, written
 *                    once at creation.
 * - `addressBuckets` [audience id, bucket] → the address index: FNV-1a hashes of normalised
 *                    addresses and their recipient positions (profile history, preparation).
 * - `stateChunks`    [delivery id, chunk] → the sending log, 8,192 recipients a chunk (4,096 in
 *                    deliveries prepared by an earlier release: StateLayout), per recipient:
 *     mask        received-events bits: bit `1 << code` per outcome event (event-codes.ts,
 *                 0x01–0x20 used, 0x40 free), EXCLUDED_BIT 0x80 for a recipient preparation
 *                 excluded. The message's class (message-classes.ts) is CLASS_OF_MASK[mask].
 *     engagement  ENGAGEMENT_BITS: 0x01 opened, 0x02 clicked.
 *     reason      REASON_CODES of the failure (0 none), or EXCLUSION_CODES when excluded.
 *     time        ms of the event that gave the current status; NaN ("no time") until then.
 * - `addressLists`   normalised address → denylisted / quarantined.
 * - `dispatch`       delivery id → where takeDue stands: the next position, how many were handed
 *                    over, the leases. Its own small record, so a hand-over never rewrites the
 *                    delivery's (a put of the record costs as much as the whole hand-over).
 *
 * Every stored code (event bits, reasons, exclusion causes, class numbers) is APPEND-ONLY: see
 * event-codes.ts; test/stored-codes.test.ts pins them. Changing one needs a migration step in
 * connection.ts, or existing databases are read wrongly.
 */
/** An address list's chunks: 4,096 addresses each. */
export const CHUNK_SHIFT = 12;
export const CHUNK_SIZE = 1 << CHUNK_SHIFT;
export const CHUNK_MASK = CHUNK_SIZE - 1;

/**
 * How a delivery's sending log is cut into state chunks: 2^shift recipients each. A delivery
 * prepared now has chunks of 8,192 (`stateChunkShift` 13); one an earlier release prepared has
 * none recorded, and 4,096: it is read as it was written, and laid out anew if prepared again.
 * Twice the recipients a record halves the records a batch
 * of feedback reads and writes, and puts each record over 64 KiB, which Chromium keeps apart from
 * its database's log: measured here (disk-backed profile), a get and a put of 25 such records take
 * 16–30 ms, against 45–70 ms for 25 records just under that size.
 */
export interface StateLayout {
  readonly shift: number;
  readonly size: number;
  readonly mask: number;
}

function stateLayout(shift: number): StateLayout {
  return { shift, size: 1 << shift, mask: (1 << shift) - 1 };
}

/** The layout of sending logs laid out now. */
export const STATE_LAYOUT = stateLayout(13);
const LEGACY_STATE_LAYOUT = stateLayout(CHUNK_SHIFT);

/** A delivery's sending-log layout (recorded at its preparation). */
export function stateLayoutOf(record: { readonly stateChunkShift?: number }): StateLayout {
  return record.stateChunkShift === STATE_LAYOUT.shift ? STATE_LAYOUT : LEGACY_STATE_LAYOUT;
}

/** How many state chunks a delivery has, and how long one is. */
export function stateChunkCount(record: {
  readonly recipientCount: number;
  readonly stateChunkShift?: number;
}): number {
  return Math.ceil(record.recipientCount / stateLayoutOf(record).size);
}

export function stateChunkLength(
  record: { readonly recipientCount: number; readonly stateChunkShift?: number },
  chunk: number,
): number {
  const { size } = stateLayoutOf(record);
  return Math.min(size, record.recipientCount - chunk * size);
}

/** The "no time" of a state chunk's `time` array. */
export const NO_TIME = Number.NaN;

/** A stored time as the API shows it: null for "no time". */
export function storedTime(time: number): number | null {
  return Number.isNaN(time) ? null : time;
}

/** How many address chunks a list of `recipients` has. */
export function chunkCountOf(recipients: number): number {
  return Math.ceil(recipients / CHUNK_SIZE);
}

/** Key range of every chunk of one owner (a delivery or an audience). */
export function chunksOf(owner: string): IDBKeyRange {
  return IDBKeyRange.bound([owner, 0], [owner, Number.MAX_SAFE_INTEGER]);
}
