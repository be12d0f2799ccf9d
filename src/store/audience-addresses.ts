/**
 * The addresses of an audience, whichever kind it is: read from `addressChunks` for an uploaded
 * list, derived from the index for generated test profiles (stored nowhere).
 */
import { generatedAddress, generatedChunk } from './audience.js';
import { CHUNK_MASK, CHUNK_SHIFT } from './layout.js';
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
 * The addresses of some recipients, each chunk of the list read once: what a log page or a
 * hand-over shows. Generated test profiles' are derived one by one (only those asked for).
 */
export class AddressReader {
  private readonly chunks = new Map<number, Promise<readonly string[] | undefined>>();

  constructor(
    private readonly tx: ReadTx<'addressChunks'>,
    private readonly audience: AudienceRecord,
  ) {}

  async addressesOf(recipients: readonly number[]): Promise<string[]> {
    const { generated } = this.audience;
    if (generated) return recipients.map((recipient) => generatedAddress(generated, recipient));
    const out = new Array<string>(recipients.length);
    for (let index = 0; index < recipients.length; index++) {
      const chunk = recipients[index]! >>> CHUNK_SHIFT;
      let addresses = this.chunks.get(chunk);
      if (!addresses) {
        addresses = chunkAddresses(this.tx, this.audience, chunk);
        this.chunks.set(chunk, addresses);
      }
      out[index] = (await addresses)?.[recipients[index]! & CHUNK_MASK] ?? '';
    }
    return out;
  }
}
