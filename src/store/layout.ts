/**
 * Storage layout. Recipients are kept in chunks of CHUNK_SIZE (typed arrays and one string array
 * per chunk), because IndexedDB's cost is per record, not per byte: a million recipients are 245
 * records, not a million.
 */
export const CHUNK_SHIFT = 12;
export const CHUNK_SIZE = 1 << CHUNK_SHIFT;
export const CHUNK_MASK = CHUNK_SIZE - 1;

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
