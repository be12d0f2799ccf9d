/**
 * The addresses of one chunk of an audience, whichever kind it is: read from `addressChunks`
 * for an uploaded list, derived from the index for generated test profiles (stored nowhere).
 */
import { generatedChunk } from './audience.js';
import { CHUNK_SHIFT, CHUNK_SIZE } from './layout.js';
import type { AudienceRecord } from './schema.js';
import type { ReadTx } from './transactions.js';

export async function chunkAddresses(
  tx: ReadTx<'addressChunks'>,
  audience: AudienceRecord,
  chunk: number,
): Promise<readonly string[] | undefined> {
  if (audience.generated) return generatedChunk(audience.generated, audience.count, chunk);
  return (await tx.objectStore('addressChunks').get([audience.id, chunk]))?.addresses;
}

/**
 * The addresses of recipients `from` to `from + length - 1` (a chunk of the sending log, which
 * may span several of the list's chunks), or undefined when the list has none of them.
 */
export async function rangeAddresses(
  tx: ReadTx<'addressChunks'>,
  audience: AudienceRecord,
  from: number,
  length: number,
): Promise<readonly string[] | undefined> {
  const first = from >>> CHUNK_SHIFT;
  const last = (from + length - 1) >>> CHUNK_SHIFT;
  if (first === last && from % CHUNK_SIZE === 0) return chunkAddresses(tx, audience, first);
  const parts = await Promise.all(
    Array.from({ length: last - first + 1 }, (_, index) =>
      chunkAddresses(tx, audience, first + index),
    ),
  );
  if (parts.some((part) => part === undefined)) return undefined;
  const start = from - first * CHUNK_SIZE;
  return parts.flatMap((part) => part as string[]).slice(start, start + length);
}
