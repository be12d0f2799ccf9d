/**
 * Deleting a delivery: its logs and provider event ids, and its address list once no occurrence
 * shares it.
 */
import type { User } from '../types.js';
import { ChangeSet } from './changes.js';
import { chunksOf } from './layout.js';
import type { DeliveryRecord } from './schema.js';
import type { WriteTx } from './transactions.js';
import { userTransition } from './transitions.js';

export type DeletionTx = WriteTx<
  | 'deliveries'
  | 'audiences'
  | 'addressChunks'
  | 'addressBuckets'
  | 'stateChunks'
  | 'eventIds'
  | 'dispatch'
  | 'timeline'
>;

export async function deleteInTransaction(
  tx: DeletionTx,
  record: DeliveryRecord,
  user: User,
  now: number,
): Promise<ChangeSet> {
  userTransition(record, 'delete', user, now);
  await removeInTransaction(tx, record);
  return new ChangeSet().note(record.id, 'deleted');
}

/** Removes a delivery, its logs, ids and timeline, and its address list once nothing uses it. */
export async function removeInTransaction(tx: DeletionTx, record: DeliveryRecord): Promise<void> {
  const deliveries = tx.objectStore('deliveries');
  await Promise.all([
    deliveries.delete(record.id),
    tx.objectStore('stateChunks').delete(chunksOf(record.id)),
    tx.objectStore('eventIds').delete(chunksOf(record.id)),
    tx.objectStore('dispatch').delete(record.id),
    tx.objectStore('timeline').delete(chunksOf(record.id)),
  ]);
  const stillUsed = (await deliveries.getAll()).some(
    (other) => other.audienceId === record.audienceId,
  );
  if (!stillUsed) {
    await Promise.all([
      tx.objectStore('audiences').delete(record.audienceId),
      tx.objectStore('addressChunks').delete(chunksOf(record.audienceId)),
      tx.objectStore('addressBuckets').delete(chunksOf(record.audienceId)),
    ]);
  }
}
