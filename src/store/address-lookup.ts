/**
 * Finds the recipients of an audience that have an address: through its hash index for an
 * uploaded list, by reading the index out of the address for generated test profiles.
 */
import { chunkAddresses } from './audience-addresses.js';
import { generatedIndex, hashAddress, normalizeAddress } from './audience.js';
import { CHUNK_MASK, CHUNK_SHIFT } from './layout.js';
import type { AudienceRecord } from './schema.js';
import type { ReadTx } from './transactions.js';

export class AddressLookup {
  private readonly chunks = new Map<number, Promise<readonly string[] | undefined>>();

  constructor(
    private readonly tx: ReadTx<'addressBuckets' | 'addressChunks'>,
    private readonly audience: AudienceRecord,
  ) {}

  /** Every recipient whose normalised address equals this one's, in list order. */
  async recipientsOf(address: string): Promise<number[]> {
    const normalized = normalizeAddress(address);
    if (normalized === '') return [];
    if (this.audience.generated) {
      const index = generatedIndex(this.audience.generated, normalized, this.audience.count);
      return index === null ? [] : [index];
    }
    const hash = hashAddress(normalized);
    const bucket = await this.tx
      .objectStore('addressBuckets')
      .get([this.audience.id, hash % this.audience.bucketCount]);
    if (!bucket) return [];
    const found: number[] = [];
    for (let slot = 0; slot < bucket.hashes.length; slot++) {
      if (bucket.hashes[slot] !== hash) continue;
      const recipient = bucket.recipients[slot]!;
      if (normalizeAddress(await this.addressOf(recipient)) === normalized) found.push(recipient);
    }
    return found.sort((a, b) => a - b);
  }

  private async addressOf(recipient: number): Promise<string> {
    const chunk = recipient >>> CHUNK_SHIFT;
    let pending = this.chunks.get(chunk);
    if (!pending) {
      pending = chunkAddresses(this.tx, this.audience, chunk);
      this.chunks.set(chunk, pending);
    }
    return (await pending)?.[recipient & CHUNK_MASK] ?? '';
  }
}
