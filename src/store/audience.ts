/**
 * Address lists ("audiences"): built once at creation, in memory, before any transaction opens.
 * The list's own exclusions (no address, duplicate) and a hash index for profile look-ups are
 * computed here, so preparation never has to read a million addresses back.
 */
import { EXCLUSION_CODES } from '../rules/event-codes.js';
import type { Channel, ExclusionCause } from '../types.js';
import { CHUNK_SIZE, chunkCountOf } from './layout.js';
import type { AddressBucket, AudienceRecord } from './schema.js';

/** Recipients per bucket of the address index, on average. */
const BUCKET_TARGET = 4096;

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** FNV-1a, 32 bits: cheap and well spread for addresses. */
export function hashAddress(normalized: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < normalized.length; index++) {
    hash = Math.imul(hash ^ normalized.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

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

export interface BuiltAudience {
  readonly record: AudienceRecord;
  readonly chunks: readonly string[][];
  readonly buckets: readonly AddressBucket[];
}

/**
 * `knownUnique`: the addresses are distinct, non-empty and already normalised (generated test
 * profiles), so the duplicate check, a Set of every address, is skipped.
 */
export function buildAudience(
  id: string,
  count: number,
  addressAt: (index: number) => string,
  knownUnique = false,
): BuiltAudience {
  const chunks: string[][] = [];
  const hashes = new Uint32Array(count);
  const indexed = new Uint8Array(count);
  const seen = new Set<string>();
  const invalidRecipients: number[] = [];
  const invalidCauses: number[] = [];
  const exclude = (index: number, cause: ExclusionCause): void => {
    invalidRecipients.push(index);
    invalidCauses.push(EXCLUSION_CODES[cause]);
  };
  for (let chunk = 0; chunk < chunkCountOf(count); chunk++) {
    const start = chunk * CHUNK_SIZE;
    const end = Math.min(count, start + CHUNK_SIZE);
    const addresses = new Array<string>(end - start);
    for (let index = start; index < end; index++) {
      const address = addressAt(index);
      addresses[index - start] = address;
      if (knownUnique) {
        hashes[index] = hashAddress(address);
        indexed[index] = 1;
        continue;
      }
      const normalized = normalizeAddress(address);
      if (normalized === '') {
        exclude(index, 'no-address');
        continue;
      }
      hashes[index] = hashAddress(normalized);
      indexed[index] = 1;
      if (seen.has(normalized)) exclude(index, 'duplicate');
      else seen.add(normalized);
    }
    chunks.push(addresses);
  }
  const bucketCount = bucketCountOf(count);
  return {
    record: {
      id,
      count,
      bucketCount,
      invalidRecipients: Uint32Array.from(invalidRecipients),
      invalidCauses: Uint8Array.from(invalidCauses),
    },
    chunks,
    buckets: bucketize(hashes, indexed, bucketCount),
  };
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
