/**
 * Creating a delivery: the input is checked and the address list built in memory first (its
 * exclusions and address index), then everything is written in the caller's transaction.
 */
import type { Delivery, User } from '../types.js';
import { buildAudience, generatedAudience, type BuiltAudience } from './audience.js';
import { ChangeSet } from './changes.js';
import type { CheckedInput } from './delivery-input.js';
import { notStarted, toDelivery, type DeliveryRecord } from './schema.js';
import type { WriteTx } from './transactions.js';
import { userTransition } from './transitions.js';

export type CreationTx = WriteTx<'deliveries' | 'audiences' | 'addressChunks' | 'addressBuckets'>;

export interface CreationPlan {
  readonly record: DeliveryRecord;
  readonly audience: BuiltAudience;
}

/** A new delivery's record, in editing, its creation journaled (a page's, or a relay's fact). */
export function newRecord(
  input: Omit<CheckedInput, 'addresses'>,
  user: User,
  id: string,
  now: number,
): DeliveryRecord {
  const record: DeliveryRecord = {
    id,
    label: input.label,
    channel: input.channel,
    mode: input.efs ? 'efs' : 'standard',
    state: 'editing',
    recipientCount: input.recipientCount,
    audienceId: id,
    validityHours: input.validityHours,
    contactDate: input.contactDate,
    recurrence: input.recurrence,
    guard: input.guard,
    pace: input.pace,
    parentId: null,
    occurrenceKey: null,
    createdAt: now,
    createdBy: user.name,
    nextOccurrenceAt: null,
    journal: [],
    ...notStarted(),
  };
  userTransition(record, 'create', user, now);
  return record;
}

/** The new record and its address list, before any transaction opens. */
export function planCreation(
  input: CheckedInput,
  user: User,
  id: string,
  now: number,
): CreationPlan {
  const record = newRecord(input, user, id, now);
  const { addresses } = input;
  const audience =
    addresses === null
      ? generatedAudience(id, input.recipientCount, input.channel)
      : buildAudience(id, input.recipientCount, (index) => addresses[index]!);
  return { record, audience };
}

export async function createInTransaction(
  tx: CreationTx,
  { record, audience }: CreationPlan,
): Promise<{ result: Delivery; changes: ChangeSet }> {
  const chunks = tx.objectStore('addressChunks');
  const buckets = tx.objectStore('addressBuckets');
  await Promise.all([
    tx.objectStore('deliveries').add(record),
    tx.objectStore('audiences').put(audience.record),
    ...audience.chunks.map((addresses, chunk) => chunks.put({ addresses }, [record.id, chunk])),
    ...audience.buckets.map((bucket, index) => buckets.put(bucket, [record.id, index])),
  ]);
  return { result: toDelivery(record), changes: new ChangeSet().note(record.id, 'created') };
}
