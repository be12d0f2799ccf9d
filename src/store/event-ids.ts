/**
 * Provider event ids already applied, per delivery: importing the same file twice, or a relay
 * replaying events, finds them and counts them as duplicates. Ids are kept as 64-bit hashes
 * (two FNV-1a lanes; a false match needs two ids colliding in 64 bits: about one chance in 10^7
 * for a billion events), sorted, in ID_BUCKETS records per delivery, so a million ids cost a
 * few dozen records, not a million.
 */
import type { WriteTx } from './transactions.js';

export const ID_BUCKETS = 64;

/** The two 32-bit lanes of an id's hash; [0, 0] is "no id". */
export function hashEventId(id: string): [number, number] {
  let hi = 0x811c9dc5;
  let lo = 0x050c5d1f;
  for (let index = 0; index < id.length; index++) {
    const code = id.charCodeAt(index);
    hi = Math.imul(hi ^ code, 0x01000193);
    lo = Math.imul(lo ^ code, 0x01000193) ^ (hi >>> 15);
  }
  hi >>>= 0;
  lo >>>= 0;
  return hi === 0 && lo === 0 ? [0, 1] : [hi, lo];
}

const compare = (pairs: Uint32Array, at: number, hi: number, lo: number): number =>
  pairs[at]! !== hi ? pairs[at]! - hi : pairs[at + 1]! - lo;

function contains(pairs: Uint32Array, hi: number, lo: number): boolean {
  let low = 0;
  let high = pairs.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = compare(pairs, middle * 2, hi, lo);
    if (order === 0) return true;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Where a pair's hi word goes so that its two words read as one 64-bit number hi·2³² + lo. */
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * (hi, lo) pairs sorted by hi then lo: each pair laid out as one unsigned 64-bit number, so a
 * typed array's native sort orders them (sorting indexes with a comparator took a tenth of a
 * million-event import).
 */
function sortedPairs(pairs: readonly number[]): Uint32Array {
  const words = new Uint32Array(pairs.length);
  for (let index = 0; index < pairs.length; index += 2) {
    words[index + HI] = pairs[index]!;
    words[index + 1 - HI] = pairs[index + 1]!;
  }
  new BigUint64Array(words.buffer).sort();
  const sorted = new Uint32Array(words.length);
  for (let index = 0; index < words.length; index += 2) {
    sorted[index] = words[index + HI]!;
    sorted[index + 1] = words[index + 1 - HI]!;
  }
  return sorted;
}

/** The ids of one delivery, read for a batch and written back with it. */
export class EventIdSet {
  private readonly buckets = new Map<number, Uint32Array>();
  private readonly added = new Map<number, number[]>();

  constructor(
    private readonly tx: WriteTx<'eventIds'>,
    private readonly deliveryId: string,
  ) {}

  /** Reads the buckets the hashes fall in. */
  async load(hashes: Uint32Array): Promise<void> {
    const wanted = new Set<number>();
    for (let index = 0; index < hashes.length; index += 2) {
      if (hashes[index] !== 0 || hashes[index + 1] !== 0) wanted.add(hashes[index]! % ID_BUCKETS);
    }
    const store = this.tx.objectStore('eventIds');
    await Promise.all(
      [...wanted].map(async (bucket) => {
        const record = await store.get([this.deliveryId, bucket]);
        this.buckets.set(bucket, record?.pairs ?? new Uint32Array(0));
      }),
    );
  }

  /**
   * True if an earlier batch applied the id; records it otherwise. (The same id twice in one
   * batch is the same event twice, which the model counts as a duplicate on its own.)
   */
  seen(hi: number, lo: number): boolean {
    const bucket = hi % ID_BUCKETS;
    if (contains(this.buckets.get(bucket)!, hi, lo)) return true;
    let added = this.added.get(bucket);
    if (!added) this.added.set(bucket, (added = []));
    added.push(hi, lo);
    return false;
  }

  /** Writes the buckets that gained ids, each still sorted. */
  save(): Promise<unknown> {
    const store = this.tx.objectStore('eventIds');
    return Promise.all(
      [...this.added].map(([bucket, pairs]) => {
        const known = this.buckets.get(bucket)!;
        const added = sortedPairs(pairs);
        const merged = new Uint32Array(known.length + added.length);
        let k = 0;
        let a = 0;
        let out = 0;
        const push = (hi: number, lo: number) => {
          if (out > 0 && merged[out - 2] === hi && merged[out - 1] === lo) return;
          merged[out++] = hi;
          merged[out++] = lo;
        };
        while (k < known.length || a < added.length) {
          if (
            a >= added.length ||
            (k < known.length && compare(known, k, added[a]!, added[a + 1]!) < 0)
          ) {
            push(known[k]!, known[k + 1]!);
            k += 2;
          } else {
            push(added[a]!, added[a + 1]!);
            a += 2;
          }
        }
        return store.put({ pairs: merged.slice(0, out) }, [this.deliveryId, bucket]);
      }),
    );
  }
}
