/**
 * takeDue, the seam between the model and whatever sends the messages (the simulated MTA, a
 * portal's backend): in one transaction, the recipients the pace allows now are read and marked
 * handed over, so two senders (two tabs, a tab and the extension's background) never take the
 * same recipient. A hand-over is a lease: recipients not reported relayed by its end are handed
 * over again (a sender that crashed loses nobody), those relayed meanwhile are not.
 */
import { tagsOf } from '../feedback/correlation.js';
import {
  CLASS_COUNT,
  CLASS_OF_MASK,
  EXCLUDED_CLASS,
  UNRELAYED_CLASS,
} from '../rules/message-classes.js';
import { dueAt, dueBy, type PacedDelivery } from '../rules/pace.js';
import { NotFoundError, RelayError, StoreFailureError } from '../errors.js';
import type { DueBatch, DueRecipient } from '../types.js';
import { AddressReader } from './audience-addresses.js';
import { ChangeSet } from './changes.js';
import { stateChunkLength, stateLayoutOf, type StateLayout } from './layout.js';
import {
  isShared,
  type AudienceRecord,
  type DeliveryRecord,
  type DispatchState,
  type Lease,
} from './schema.js';
import type { Outcome } from './store-access.js';
import type { WriteTx } from './transactions.js';

export type DispatchTx = WriteTx<
  'deliveries' | 'audiences' | 'addressChunks' | 'stateChunks' | 'dispatch'
>;

/** How long handed-over recipients are the sender's by default: 10 minutes of model time. */
export const DEFAULT_LEASE_MS = 10 * 60_000;
export const DEFAULT_TAKE = 1_000;
export const MAX_TAKE = 100_000;

/** The chunks a hand-over reads, each read once. */
class Chunks {
  private readonly states = new Map<number, Uint8Array>();
  private reader: AddressReader | null = null;
  /** The sending log's layout (address chunks are the list's own, CHUNK_SIZE). */
  readonly layout: StateLayout;

  constructor(
    private readonly tx: DispatchTx,
    private readonly record: DeliveryRecord,
    /** Asked for with the record, awaited only when addresses are read. */
    private readonly audience: Promise<AudienceRecord | undefined>,
  ) {
    this.layout = stateLayoutOf(record);
  }

  /**
   * The received-events masks of one chunk of the sending logs. A chunk whose counts say every
   * message in it is unrelayed (none excluded, none relayed: a send's untouched part) is all
   * zeros, and is not read.
   */
  async masks(chunk: number): Promise<Uint8Array> {
    let masks = this.states.get(chunk);
    const length = stateChunkLength(this.record, chunk);
    if (!masks && this.record.chunkCounts?.[chunk * CLASS_COUNT + UNRELAYED_CLASS] === length) {
      masks = new Uint8Array(length);
      this.states.set(chunk, masks);
    }
    if (!masks) {
      masks = (await this.tx.objectStore('stateChunks').get([this.record.id, chunk]))?.mask;
      if (!masks)
        throw new StoreFailureError('hand recipients over', 'a sending-log chunk is missing');
      this.states.set(chunk, masks);
    }
    return masks;
  }

  async addressesOf(recipients: readonly number[]): Promise<string[]> {
    if (recipients.length === 0) return [];
    const audience = await this.audience;
    if (!audience)
      throw new StoreFailureError('hand recipients over', 'the address list is missing');
    // Generated test profiles: only the addresses handed over are made, not their chunks'.
    this.reader ??= new AddressReader(this.tx, audience);
    return this.reader.addressesOf(recipients);
  }
}

/**
 * Calls `visit` with each recipient's class from `from` while it returns true and `to` is not
 * reached; returns where it stopped. One await per chunk, not per recipient.
 */
async function scan(
  chunks: Chunks,
  from: number,
  to: number,
  visit: (recipient: number, cls: number) => boolean,
): Promise<number> {
  const { shift, mask } = chunks.layout;
  let at = from;
  while (at < to) {
    const masks = await chunks.masks(at >>> shift);
    const end = Math.min(to, ((at >>> shift) + 1) << shift);
    for (; at < end; at++) if (!visit(at, CLASS_OF_MASK[masks[at & mask]!]!)) return at;
  }
  return at;
}

function pacedOf(record: DeliveryRecord): PacedDelivery {
  const { startedAt, journal, recipientCount } = record;
  return { pace: record.pace ?? null, startedAt, journal, recipientCount };
}

/** Takes the unrelayed recipients of expired leases, up to `max`; returns the leases kept. */
async function retake(
  chunks: Chunks,
  leases: readonly Lease[],
  taken: number[],
  max: number,
  now: number,
  until: number,
): Promise<Lease[]> {
  const kept: Lease[] = [];
  for (const lease of [...leases].sort((a, b) => a.from - b.from)) {
    if (lease.until > now || taken.length >= max) {
      kept.push(lease);
      continue;
    }
    const before = taken.length;
    const at = await scan(chunks, lease.from, lease.to, (recipient, cls) => {
      if (taken.length >= max) return false;
      if (cls === UNRELAYED_CLASS) taken.push(recipient);
      return true;
    });
    if (taken.length > before) kept.push({ from: lease.from, to: at, until });
    // What was not looked at stays expired, for the next call.
    if (at < lease.to) kept.push({ from: at, to: lease.to, until: lease.until });
  }
  return kept;
}

/** Takes new recipients from the dispatch position, as many as `budget` (excluded skipped). */
async function takeNew(
  chunks: Chunks,
  dispatch: DispatchState,
  count: number,
  taken: number[],
  budget: number,
): Promise<void> {
  if (budget <= 0) return;
  dispatch.next = await scan(chunks, dispatch.next, count, (recipient, cls) => {
    if (budget <= 0) return false;
    if (cls === EXCLUDED_CLASS) return true;
    // One a provider already reported relayed was handed over by someone: counted, not re-sent.
    dispatch.handed++;
    budget--;
    if (cls === UNRELAYED_CLASS) taken.push(recipient);
    return true;
  });
}

/**
 * Adds a lease, merged into the one just before it when their ends are close (a tenth of the
 * lease apart): a sender taking a thousand at a time keeps a few leases, not one per call. The
 * merged lease ends with the later one, so a recipient comes back a little later, never sooner.
 */
function addLease(leases: Lease[], lease: Lease, leaseMs: number): void {
  const before = leases.find((other) => other.to === lease.from);
  if (before && lease.until - before.until <= leaseMs / 10) {
    before.to = lease.to;
    before.until = lease.until;
  } else leases.push(lease);
}

/** When more will be due: now, a later time the pace allows, a lease's end, or null. */
function nextDueAt(
  record: DeliveryRecord,
  dispatch: DispatchState,
  remaining: number,
  now: number,
) {
  if (record.state !== 'in-progress') return null;
  const leaseEnd = dispatch.leases.length
    ? Math.min(...dispatch.leases.map((lease) => lease.until))
    : null;
  const paced = remaining > 0 ? dueAt(pacedOf(record), dispatch.handed + 1, now) : null;
  if (paced === null) return leaseEnd;
  return leaseEnd === null ? paced : Math.min(paced, leaseEnd);
}

export async function takeDueInTransaction(
  tx: DispatchTx,
  id: string,
  max: number,
  leaseMs: number,
  now: number,
): Promise<Outcome<DueBatch>> {
  const store = tx.objectStore('dispatch');
  // Read at once, as a hand-over's cost is its round trips to the database. A delivery's address
  // list has its id, but an occurrence's is its parent's: asked for again once the record says.
  const audiences = tx.objectStore('audiences');
  const guessed = audiences.get(id);
  const [record, stored] = await Promise.all([tx.objectStore('deliveries').get(id), store.get(id)]);
  if (!record) throw new NotFoundError(id);
  if (isShared(record))
    throw new RelayError(
      'shared',
      `Delivery '${id}' is shared: its relay sends it (takeDue refused).`,
    );
  const audience = record.audienceId === id ? guessed : audiences.get(record.audienceId);
  const dispatch: DispatchState = stored ?? { next: 0, handed: 0, leases: [] };
  const toDeliver = record.recipientCount - (record.tally.classes[EXCLUDED_CLASS] ?? 0);
  const taken: number[] = [];
  const until = now + leaseMs;
  let recipients: DueRecipient[] = [];
  if (record.state === 'in-progress') {
    const chunks = new Chunks(tx, record, audience);
    const leases = await retake(chunks, dispatch.leases, taken, max, now, until);
    const start = dispatch.next;
    const allowed = dueBy(pacedOf(record), now) - dispatch.handed;
    await takeNew(
      chunks,
      dispatch,
      record.recipientCount,
      taken,
      Math.min(max - taken.length, allowed),
    );
    if (dispatch.next > start) addLease(leases, { from: start, to: dispatch.next, until }, leaseMs);
    dispatch.leases = leases;
    const addresses = await chunks.addressesOf(taken);
    recipients = taken.map((recipient, index) => ({
      recipient,
      address: addresses[index]!,
      tags: tagsOf(record.id, recipient),
    }));
    await store.put(dispatch, record.id);
  }
  const remaining = Math.max(0, toDeliver - dispatch.handed);
  const batch: DueBatch = Object.assign(recipients, {
    remaining,
    nextDueAt: nextDueAt(record, dispatch, remaining, now),
    leaseUntil: until,
  });
  return { result: batch, changes: new ChangeSet() };
}
