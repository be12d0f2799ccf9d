/**
 * Address lists ("audiences"): built once at creation, in memory, before any transaction opens.
 * The list's own exclusions (no address, duplicate) and a hash index for profile look-ups are
 * computed here, so preparation never has to read a million addresses back.
 */
import { EXCLUSION_CODES } from '../rules/event-codes.js';
import type { Channel } from '../types.js';
import { CHUNK_SIZE, chunkCountOf } from './layout.js';
import { AddressScan, normalizeAddress } from './address-scan.js';
import type { AddressBucket, AudienceRecord } from './schema.js';

/**
 * Recipients per bucket of the address index, on average: a bucket (8 bytes a recipient) is then
 * about 128 KiB, well over the 64 KiB from which Chromium keeps a value apart from its database's
 * log. Buckets of 4,096 (32 KiB, under it) took 0.8–1.5 s to write for 5,000,000 recipients in
 * a disk-backed profile, as long as the list's addresses themselves; buckets of 16,384 took
 * 0.2–0.5 s. Audiences keep the bucket count they were built with (AudienceRecord.bucketCount).
 */
const BUCKET_TARGET = 16_384;

export function bucketCountOf(recipients: number): number {
  return Math.max(1, Math.ceil(recipients / BUCKET_TARGET));
}

/** Addresses of generated test profiles, one scheme per channel. */
export function generatedAddress(channel: Channel, index: number): string {
  switch (channel) {
    case 'email':
      return `profile${index}@example.test`;
    case 'sms':
      return `+1555${String(index).padStart(7, '0')}`;
    case 'push':
      return `device-${index}`;
  }
}

/** The digits in each scheme's generated address. */
const GENERATED_PATTERNS: Record<Channel, RegExp> = {
  email: /^profile(\d{1,10})@example\.test$/,
  sms: /^\+1555(\d{7,10})$/,
  push: /^device-(\d{1,10})$/,
};

/**
 * The recipient a normalised address is in a generated audience of `count`, or null: the inverse
 * of generatedAddress, so a look-up needs no stored index.
 */
export function generatedIndex(channel: Channel, normalized: string, count: number): number | null {
  const digits = GENERATED_PATTERNS[channel].exec(normalized)?.[1];
  if (digits === undefined) return null;
  const index = Number(digits);
  // `profile007@…` is not profile 7's address: only the exact form counts.
  return index < count && generatedAddress(channel, index) === normalized ? index : null;
}

/** The addresses of one chunk of a generated audience. */
export function generatedChunk(channel: Channel, count: number, chunk: number): string[] {
  const start = chunk * CHUNK_SIZE;
  const end = Math.min(count, start + CHUNK_SIZE);
  return Array.from({ length: Math.max(0, end - start) }, (_, slot) =>
    generatedAddress(channel, start + slot),
  );
}

/**
 * The audience of generated test profiles: its record alone. Every address derives from its
 * index and none is excluded by the list, so nothing per recipient is built or stored.
 */
export function generatedAudience(id: string, count: number, channel: Channel): BuiltAudience {
  return {
    record: {
      id,
      count,
      generated: channel,
      bucketCount: 0,
      invalidRecipients: new Uint32Array(0),
      invalidCauses: new Uint8Array(0),
    },
    chunks: [],
    buckets: [],
  };
}

export interface BuiltAudience {
  readonly record: AudienceRecord;
  readonly chunks: readonly string[][];
  readonly buckets: readonly AddressBucket[];
}

/**
 * An uploaded address list: its chunks, its own exclusions (no address, duplicate) and its
 * address index. Duplicates are found through the index itself (equal addresses hash alike, so
 * they meet in one bucket), not through a Set of every address: at 5,000,000 that Set alone took
 * longer than writing the whole list.
 */
export function buildAudience(
  id: string,
  count: number,
  addressAt: (index: number) => string,
): BuiltAudience {
  const chunks: string[][] = [];
  const hashes = new Uint32Array(count);
  const indexed = new Uint8Array(count);
  const noAddress: number[] = [];
  const domains = new DomainIndex(count);
  const scan = new AddressScan();
  for (let chunk = 0; chunk < chunkCountOf(count); chunk++) {
    const start = chunk * CHUNK_SIZE;
    const end = Math.min(count, start + CHUNK_SIZE);
    const addresses = new Array<string>(end - start);
    for (let index = start; index < end; index++) {
      const address = addressAt(index);
      addresses[index - start] = address;
      if (!scan.read(address)) {
        noAddress.push(index);
        continue;
      }
      hashes[index] = scan.hash;
      indexed[index] = 1;
      domains.add(index, scan);
    }
    chunks.push(addresses);
  }
  const bucketCount = bucketCountOf(count);
  const buckets = bucketize(hashes, indexed, bucketCount);
  const excluded = [
    ...noAddress.map((recipient) => [recipient, EXCLUSION_CODES['no-address']] as const),
    ...duplicatesIn(buckets, addressAt).map(
      (recipient) => [recipient, EXCLUSION_CODES['duplicate']] as const,
    ),
  ].sort((a, b) => a[0] - b[0]);
  return {
    record: {
      id,
      count,
      bucketCount,
      invalidRecipients: Uint32Array.from(excluded, ([recipient]) => recipient),
      invalidCauses: Uint8Array.from(excluded, ([, cause]) => cause),
      domains: domains.names,
      domainOf: domains.of,
    },
    chunks,
    buckets,
  };
}

/** Domain ids above this share id 0 with "no domain" (they count as Other). */
const MAX_DOMAINS = 0xffff;

/**
 * The distinct domains of a list and each recipient's, by id (0: none), so preparation can group
 * recipients by mailbox provider without reading an address back. A domain is found by the hash
 * AddressScan made of it (no substring made), confirmed by comparing the address's end with the
 * domain's name; a Map of names serves the rare collision. At 5,000,000 addresses this takes
 * 0.2 s where slicing each domain into a Map took 0.4–1 s.
 */
class DomainIndex {
  readonly names: string[] = [''];
  readonly of: Uint16Array;
  private readonly byHash = new Map<number, number>();
  private readonly byName = new Map<string, number>();

  constructor(count: number) {
    this.of = new Uint16Array(count);
  }

  add(recipient: number, scan: AddressScan): void {
    if (scan.domainFrom < 0 || scan.domainFrom === scan.text.length) return;
    const hash = scan.domainHash;
    const known = this.byHash.get(hash);
    if (known !== undefined && scan.domainIs(this.names[known]!)) {
      this.of[recipient] = known;
      return;
    }
    this.of[recipient] = this.named(scan.domain(), hash, known === undefined);
  }

  private named(domain: string, hash: number, hashFree: boolean): number {
    let id = this.byName.get(domain);
    if (id === undefined) {
      id = this.names.length <= MAX_DOMAINS ? this.names.length : 0;
      this.byName.set(domain, id);
      if (id !== 0) this.names.push(domain);
    }
    if (hashFree && id !== 0) this.byHash.set(hash, id);
    return id;
  }
}

/**
 * Every recipient whose address an earlier recipient has. Each bucket's hashes go through an
 * open-addressed table of first positions (one typed array, reused): a hash seen again is a
 * duplicate or a collision, told apart by comparing addresses through a Set kept only for that
 * hash, so even many addresses of one hash cost one look-up each. Recipients sit in a bucket in
 * list order, so the first of equal addresses is the one kept. Sorting each bucket instead took
 * 1.2 s of a CPU profile of 5,000,000 addresses in Chromium; this took 0.1 s of the same.
 */
function duplicatesIn(
  buckets: readonly AddressBucket[],
  addressAt: (index: number) => string,
): number[] {
  const largest = buckets.reduce((size, bucket) => Math.max(size, bucket.hashes.length), 0);
  const table = new Int32Array(tableSizeFor(largest));
  const seen = new Map<number, Set<string>>();
  const duplicates: number[] = [];
  for (const { hashes, recipients } of buckets) {
    const size = tableSizeFor(hashes.length);
    const shift = 32 - Math.log2(size);
    table.fill(0, 0, size);
    for (let slot = 0; slot < hashes.length; slot++) {
      const hash = hashes[slot]!;
      let at = Math.imul(hash, 0x9e3779b1) >>> shift;
      let first = table[at]!;
      while (first !== 0 && hashes[first - 1] !== hash) {
        at = (at + 1) & (size - 1);
        first = table[at]!;
      }
      if (first === 0) {
        table[at] = slot + 1;
        continue;
      }
      let addresses = seen.get(hash);
      if (addresses === undefined) {
        addresses = new Set([normalizeAddress(addressAt(recipients[first - 1]!))]);
        seen.set(hash, addresses);
      }
      const normalized = normalizeAddress(addressAt(recipients[slot]!));
      if (addresses.has(normalized)) duplicates.push(recipients[slot]!);
      else addresses.add(normalized);
    }
    seen.clear();
  }
  return duplicates;
}

/** A power of two at least twice `entries`: the table stays at most half full. */
function tableSizeFor(entries: number): number {
  return 2 ** Math.max(4, Math.ceil(Math.log2(entries * 2 + 1)));
}

/** Counting sort of recipients into hash buckets (two passes, no per-recipient objects). */
function bucketize(hashes: Uint32Array, indexed: Uint8Array, bucketCount: number): AddressBucket[] {
  const sizes = new Uint32Array(bucketCount);
  for (let index = 0; index < hashes.length; index++) {
    if (indexed[index]) sizes[hashes[index]! % bucketCount]!++;
  }
  const buckets = Array.from(sizes, (size) => ({
    hashes: new Uint32Array(size),
    recipients: new Uint32Array(size),
  }));
  const filled = new Uint32Array(bucketCount);
  for (let index = 0; index < hashes.length; index++) {
    if (!indexed[index]) continue;
    const hash = hashes[index]!;
    const bucket = hash % bucketCount;
    const slot = filled[bucket]!++;
    buckets[bucket]!.hashes[slot] = hash;
    buckets[bucket]!.recipients[slot] = index;
  }
  return buckets;
}
