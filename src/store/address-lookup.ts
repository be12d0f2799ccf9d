/**
 * Finds the recipients of an audience that have an address: through its hash index for an
 * uploaded list, by reading the index out of the address for generated test profiles. The index
 * and the addresses come from IndexedDB in a browser, from memory in a relay's ledger.
 */
import { chunkAddresses } from './audience-addresses.js';
import { hashAddress, normalizeAddress } from './address-scan.js';
import { generatedChunk, generatedIndex, type BuiltAudience } from './audience.js';
import { CHUNK_MASK, CHUNK_SHIFT } from './layout.js';
import type { AddressBucket, AudienceRecord } from './schema.js';
import type { ReadTx } from './transactions.js';

/** Where a look-up reads an uploaded list's index buckets and address chunks. */
interface AddressSource {
  bucket(index: number): Promise<AddressBucket | undefined>;
  addresses(chunk: number): Promise<readonly string[] | undefined>;
}

export class AddressLookup {
  private readonly chunks = new Map<number, Promise<readonly string[] | undefined>>();

  private constructor(
    private readonly audience: AudienceRecord,
    private readonly source: AddressSource,
  ) {}

  /** Over a transaction of the store. */
  static of(
    tx: ReadTx<'addressBuckets' | 'addressChunks'>,
    audience: AudienceRecord,
  ): AddressLookup {
    return new AddressLookup(audience, {
      bucket: (index) => tx.objectStore('addressBuckets').get([audience.id, index]),
      addresses: (chunk) => chunkAddresses(tx, audience, chunk),
    });
  }

  /** Over an audience built in memory (buildAudience, generatedAudience). */
  static inMemory({ record, buckets, chunks }: BuiltAudience): AddressLookup {
    return new AddressLookup(record, {
      bucket: async (index) => buckets[index],
      addresses: async (chunk) =>
        record.generated ? generatedChunk(record.generated, record.count, chunk) : chunks[chunk],
    });
  }

  /** Every recipient whose normalised address equals this one's, in list order. */
  async recipientsOf(address: string): Promise<number[]> {
    const normalized = normalizeAddress(address);
    if (normalized === '') return [];
    if (this.audience.generated) {
      const index = generatedIndex(this.audience.generated, normalized, this.audience.count);
      return index === null ? [] : [index];
    }
    const hash = hashAddress(normalized);
    const bucket = await this.source.bucket(hash % this.audience.bucketCount);
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
      pending = this.source.addresses(chunk);
      this.chunks.set(chunk, pending);
    }
    return (await pending)?.[recipient & CHUNK_MASK] ?? '';
  }
}
