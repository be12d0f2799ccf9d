/**
 * The storage layout, in one place. IndexedDB's cost is per record, not per byte: a million
 * recipients are 245 records here, not a million.
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
 * - `stateChunks`    [delivery id, chunk] → per recipient, typed arrays:
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
export const CHUNK_SHIFT = 12;
export const CHUNK_SIZE = 1 << CHUNK_SHIFT;
export const CHUNK_MASK = CHUNK_SIZE - 1;

/** The "no time" of a state chunk's `time` array. */
export const NO_TIME = Number.NaN;

/** A stored time as the API shows it: null for "no time". */
export function storedTime(time: number): number | null {
  return Number.isNaN(time) ? null : time;
}

export function chunkCountOf(recipients: number): number {
  return Math.ceil(recipients / CHUNK_SIZE);
}

export function chunkLengthOf(recipients: number, chunk: number): number {
  return Math.min(CHUNK_SIZE, recipients - chunk * CHUNK_SIZE);
}

/** Key range of every chunk of one owner (a delivery or an audience). */
export function chunksOf(owner: string): IDBKeyRange {
  return IDBKeyRange.bound([owner, 0], [owner, Number.MAX_SAFE_INTEGER]);
}
