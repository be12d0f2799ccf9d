/** Changing the contact date (SPEC §2): a prepared delivery goes back to editing, unprepared. */
import type { User } from '../types.js';
import { ChangeSet } from './changes.js';
import { chunksOf } from './layout.js';
import { notStarted, type DeliveryRecord } from './schema.js';
import type { WriteTx } from './transactions.js';
import { userTransition } from './transitions.js';

export async function rescheduleInTransaction(
  tx: WriteTx<'deliveries' | 'stateChunks' | 'timeline'>,
  record: DeliveryRecord,
  user: User,
  contactDate: number | null,
  now: number,
): Promise<ChangeSet> {
  userTransition(record, 'reschedule', user, now);
  Object.assign(record, notStarted(), { contactDate });
  await Promise.all([
    tx.objectStore('stateChunks').delete(chunksOf(record.id)),
    tx.objectStore('timeline').delete(chunksOf(record.id)),
    tx.objectStore('deliveries').put(record),
  ]);
  return new ChangeSet().note(record.id, 'state', 'logs', 'indicators');
}
