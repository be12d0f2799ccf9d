/**
 * takeDue, the seam between the model and whatever sends the messages (the simulated MTA, a
 * portal's backend): in one transaction, the recipients the pace allows now are read and marked
 * handed over, so two senders (two tabs, a tab and the extension's background) never take the
 * same recipient. A hand-over is a lease: recipients not reported relayed by its end are handed
 * over again (a sender that crashed loses nobody), those relayed meanwhile are not.
 */
import { correlationTags } from '../feedback/correlation.js';
import { CLASS_OF_MASK, EXCLUDED_CLASS, UNRELAYED_CLASS } from '../rules/message-classes.js';
import { dueAt, dueBy, type PacedDelivery } from '../rules/pace.js';
import { StoreFailureError } from '../errors.js';
import type { DueBatch, DueRecipient } from '../types.js';
import { chunkAddresses } from './audience-addresses.js';
import { ChangeSet } from './changes.js';
import { CHUNK_MASK, CHUNK_SHIFT } from './layout.js';
import type { AudienceRecord, DeliveryRecord, DispatchState, Lease, StateChunk } from './schema.js';
import type { Outcome } from './store-access.js';
import type { WriteTx } from './transactions.js';

export type DispatchTx = WriteTx<'deliveries' | 'audiences' | 'addressChunks' | 'stateChunks'>;

/** How long handed-over recipients are the sender's by default: 10 minutes of model time. */
export const DEFAULT_LEASE_MS = 10 * 60_000;
export const DEFAULT_TAKE = 1_000;
export const MAX_TAKE = 100_000;

/** The chunks a hand-over reads, each read once. */
class Chunks {
  private readonly states = new Map<number, Promise<StateChunk | undefined>>();
  private readonly addresses = new Map<number, Promise<readonly string[] | undefined>>();

  constructor(
    private readonly tx: DispatchTx,
    private readonly record: DeliveryRecord,
    private readonly audience: AudienceRecord,
  ) {}

  /** The recipient's message class (unrelayed, excluded, …). */
  async classOf(recipient: number): Promise<number> {
    const chunk = recipient >>> CHUNK_SHIFT;
    let state = this.states.get(chunk);
    if (!state) {
      state = this.tx.objectStore('stateChunks').get([this.record.id, chunk]);
      this.states.set(chunk, state);
    }
    const mask = (await state)?.mask[recipient & CHUNK_MASK];
    if (mask === undefined)
      throw new StoreFailureError('hand recipients over', 'a sending-log chunk is missing');
    return CLASS_OF_MASK[mask]!;
  }

  async addressOf(recipient: number): Promise<string> {
    const chunk = recipient >>> CHUNK_SHIFT;
    let addresses = this.addresses.get(chunk);
    if (!addresses) {
      addresses = chunkAddresses(this.tx, this.audience, chunk);
      this.addresses.set(chunk, addresses);
    }
    return (await addresses)?.[recipient & CHUNK_MASK] ?? '';
  }
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
    let at = lease.from;
    for (; at < lease.to && taken.length < max; at++) {
      if ((await chunks.classOf(at)) === UNRELAYED_CLASS) taken.push(at);
    }
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
  while (budget > 0 && dispatch.next < count) {
    const recipient = dispatch.next++;
    const cls = await chunks.classOf(recipient);
    if (cls === EXCLUDED_CLASS) continue;
    // One a provider already reported relayed was handed over by someone: counted, not re-sent.
    dispatch.handed++;
    budget--;
    if (cls === UNRELAYED_CLASS) taken.push(recipient);
  }
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
  record: DeliveryRecord,
  max: number,
  leaseMs: number,
  now: number,
): Promise<Outcome<DueBatch>> {
  const dispatch: DispatchState = record.dispatch ?? { next: 0, handed: 0, leases: [] };
  const toDeliver = record.recipientCount - (record.tally.classes[EXCLUDED_CLASS] ?? 0);
  const taken: number[] = [];
  const until = now + leaseMs;
  let recipients: DueRecipient[] = [];
  if (record.state === 'in-progress') {
    const audience = await tx.objectStore('audiences').get(record.audienceId);
    if (!audience)
      throw new StoreFailureError('hand recipients over', 'the address list is missing');
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
    if (dispatch.next > start) leases.push({ from: start, to: dispatch.next, until });
    dispatch.leases = leases;
    recipients = await Promise.all(
      taken.map(async (recipient) => ({
        recipient,
        address: await chunks.addressOf(recipient),
        tags: correlationTags(record.id, recipient),
      })),
    );
    record.dispatch = dispatch;
    await tx.objectStore('deliveries').put(record);
  }
  const remaining = Math.max(0, toDeliver - dispatch.handed);
  const batch: DueBatch = Object.assign(recipients, {
    remaining,
    nextDueAt: nextDueAt(record, dispatch, remaining, now),
    leaseUntil: until,
  });
  return { result: batch, changes: new ChangeSet() };
}
