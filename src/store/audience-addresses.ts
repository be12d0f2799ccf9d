/**
 * The addresses of one chunk of an audience, whichever kind it is: read from `addressChunks`
 * for an uploaded list, derived from the index for generated test profiles (stored nowhere).
 */
import { generatedChunk } from './audience.js';
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
