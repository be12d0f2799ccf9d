/**
 * A relay's own replica of the shared deliveries, in memory: the same fold as every browser's
 * (fold.ts), over records and sending-log chunks kept in maps, rebuilt by folding the log from
 * its start when the relay starts. The relay reads it to check an action against the life-cycle
 * table, to number the next fact, to decide what time and counts call for (a start, the guard, the
 * end), to place providers' events and to exclude denylisted addresses at preparation.
 *
 * Memory: about 11 bytes per recipient of a prepared shared delivery (its chunks), plus an
 * uploaded list's addresses and index while the delivery exists.
 */
import { NotFoundError } from '../errors.js';
import { MAX_TIME } from '../rules/valid-input.js';
import { AddressLookup } from '../store/address-lookup.js';
import { normalizeAddress } from '../store/address-scan.js';
import type { BuiltAudience } from '../store/audience.js';
import type { ChangeSet } from '../store/changes.js';
import { Counters } from '../store/counters.js';
import { readFeedbackBatch } from '../store/feedback-validation.js';
import {
  chunksWanted,
  feedbackRefusal,
  moveMessages,
  moveTarget,
  Refusals,
  type MoveTarget,
} from '../store/message-moves.js';
import { toDelivery, type DeliveryRecord, type StateChunk } from '../store/schema.js';
import { EXCLUDED_BIT } from '../rules/event-codes.js';
import { stateLayoutOf } from '../store/layout.js';
import type { Delivery, ExclusionCause } from '../types.js';
import { columnsOfFact, type Fact, type FeedbackFact, type SharedDefinition } from './facts.js';
import { foldFacts, type FoldResult, type ReplicaSpace } from './fold.js';

export class Ledger implements ReplicaSpace {
  private readonly records = new Map<string, DeliveryRecord>();
  private readonly chunkSets = new Map<string, StateChunk[]>();
  private readonly audiences = new Map<string, BuiltAudience>();
  private readonly definitions = new Map<string, SharedDefinition>();
  /** The last fact number folded per delivery (skipped facts hold their number too). */
  private readonly numbers = new Map<string, number>();
  private lists: ReadonlyMap<string, readonly string[]> = new Map();
  /** Normalised addresses a complaint or an unsubscribe denylisted, from every event of the log. */
  readonly denylist = new Set<string>();

  constructor(readonly log: string) {}

  /** Folds facts in log order; `lists` holds the address lists their creations name. */
  async fold(
    facts: readonly Fact[],
    lists: ReadonlyMap<string, readonly string[]>,
    changes: ChangeSet,
  ): Promise<FoldResult> {
    this.lists = lists;
    try {
      const result = await foldFacts(this, facts, changes);
      for (const fact of facts) {
        if (fact.fact !== 'feedback') {
          this.numbers.set(fact.delivery, Math.max(this.numbers.get(fact.delivery) ?? 0, fact.n));
          if (fact.fact === 'created' && !this.definitions.has(fact.delivery))
            this.definitions.set(fact.delivery, fact.definition);
        }
      }
      return result;
    } finally {
      this.lists = new Map();
    }
  }

  /** A provider's complaint or unsubscribe (of any delivery) denylists its address. */
  addToDenylist(address: string): void {
    const normalized = normalizeAddress(address);
    if (normalized !== '') this.denylist.add(normalized);
  }

  /** The number the delivery's next life-cycle fact takes. */
  nextNumber(id: string): number {
    return (this.numbers.get(id) ?? 0) + 1;
  }

  /** Whether a delivery id was ever used in this log (a new one must not be). */
  knows(id: string): boolean {
    return this.numbers.has(id);
  }

  /** A shared delivery, as the API shows it. */
  delivery(id: string): Delivery {
    const record = this.records.get(id);
    if (!record) throw new NotFoundError(id);
    return toDelivery(record);
  }

  /** The record itself, for the relay's decisions (never changed outside a fold). */
  record(id: string): DeliveryRecord | undefined {
    return this.records.get(id);
  }

  allRecords(): IterableIterator<DeliveryRecord> {
    return this.records.values();
  }

  /** A delivery's definition; an occurrence's is its recurring delivery's. */
  definition(id: string): SharedDefinition | undefined {
    const parent = this.records.get(id)?.parentId;
    return this.definitions.get(parent ?? id);
  }

  /** The sending-log chunks of a prepared delivery. */
  chunksOf(id: string): readonly StateChunk[] {
    return this.chunkSets.get(id) ?? [];
  }

  /** Recipients of a delivery with each address, and those preparation excluded. */
  async findRecipients(
    id: string,
    addresses: readonly string[],
  ): Promise<{ recipients: number[][]; excluded: number[] }> {
    const record = this.records.get(id);
    const audience = record ? this.audiences.get(record.audienceId) : undefined;
    if (!record || !audience) throw new NotFoundError(id);
    const lookup = AddressLookup.inMemory(audience);
    const recipients = await Promise.all(addresses.map((address) => lookup.recipientsOf(address)));
    const excluded: number[] = [];
    const { size } = stateLayoutOf(record);
    this.chunksOf(id).forEach((chunk, index) => {
      for (let slot = 0; slot < chunk.mask.length; slot++)
        if (chunk.mask[slot]! & EXCLUDED_BIT) excluded.push(index * size + slot);
    });
    return { recipients, excluded };
  }

  /** The recipients the shared denylist excludes from a delivery about to be prepared. */
  async denylisted(id: string): Promise<[number, ExclusionCause][]> {
    const record = this.records.get(id);
    const audience = record ? this.audiences.get(record.audienceId) : undefined;
    if (!record || !audience) throw new NotFoundError(id);
    const lookup = AddressLookup.inMemory(audience);
    const found = new Map<number, ExclusionCause>();
    for (const address of this.denylist)
      for (const recipient of await lookup.recipientsOf(address))
        found.set(recipient, 'denylisted');
    return [...found].sort((a, b) => a[0] - b[0]);
  }

  /** The mask of one recipient (0 unrelayed), for the simulated MTA's hand-overs. */
  maskOf(id: string, recipient: number): number {
    const record = this.records.get(id);
    if (!record) return 0;
    const { shift, mask } = stateLayoutOf(record);
    return this.chunksOf(id)[recipient >>> shift]?.mask[recipient & mask] ?? 0;
  }

  // The fold's storage (ReplicaSpace): a record is handed out as a copy, so a fact refused
  // half-way leaves the kept one as it was, as a browser's aborted write does.
  async get(id: string): Promise<DeliveryRecord | undefined> {
    const record = this.records.get(id);
    return record ? structuredClone(record) : undefined;
  }

  async put(record: DeliveryRecord): Promise<void> {
    this.records.set(record.id, record);
  }

  async create(record: DeliveryRecord, audience: BuiltAudience): Promise<void> {
    this.records.set(record.id, record);
    this.audiences.set(audience.record.id, audience);
  }

  async audience(id: string) {
    return this.audiences.get(id)?.record;
  }

  list(hash: string): readonly string[] {
    const list = this.lists.get(hash);
    if (!list) throw new Error(`sendkit ledger: address list ${hash} was not loaded`);
    return list;
  }

  async lay(record: DeliveryRecord, chunks: readonly StateChunk[]): Promise<void> {
    if (chunks.length === 0) this.chunkSets.delete(record.id);
    else this.chunkSets.set(record.id, [...chunks]);
  }

  async chunk(record: DeliveryRecord, index: number): Promise<StateChunk | undefined> {
    return this.chunkSets.get(record.id)?.[index];
  }

  async putChunk(record: DeliveryRecord, index: number, chunk: StateChunk): Promise<void> {
    const chunks = this.chunkSets.get(record.id);
    if (chunks) chunks[index] = chunk;
  }

  counters(record: DeliveryRecord): Counters {
    return new Counters(record);
  }

  /** The ledger keeps no timeline: nothing of the counters is saved but the record's own. */
  async saveCounters(): Promise<void> {}

  async remove(record: DeliveryRecord): Promise<void> {
    this.records.delete(record.id);
    this.chunkSets.delete(record.id);
    this.definitions.delete(record.id);
    const used = [...this.records.values()].some((other) => other.audienceId === record.audienceId);
    if (!used) this.audiences.delete(record.audienceId);
  }

  /**
   * Compute stats recounts a browser's counters from its logs; the ledger's counts move only
   * with its chunks, by the same moves, so they already are what a recount gives.
   */
  async recount(): Promise<void> {}

  async feedback(facts: readonly FeedbackFact[], changes: ChangeSet): Promise<void> {
    for (const fact of facts) for (const address of fact.denylist) this.addToDenylist(address);
    const batch = readFeedbackBatch(facts.map(columnsOfFact), MAX_TIME, undefined);
    const now = facts.at(-1)!.at;
    const problems = batch.deliveryIds.map((id) => feedbackRefusal(this.records.get(id), id, true));
    const targets = batch.deliveryIds.map((id, position): MoveTarget | null => {
      const record = this.records.get(id);
      if (!record || problems[position] !== null) return null;
      return moveTarget(record, now, this.chunkSets.get(id) ?? [], null, new Counters(record));
    });
    const refusals = new Refusals(true, batch.length);
    chunksWanted(batch, targets, problems, refusals);
    moveMessages(batch, targets, refusals);
    for (const target of targets)
      if (target && target.dirty.size > 0) changes.note(target.record.id, 'logs', 'indicators');
  }
}
