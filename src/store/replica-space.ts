/**
 * A browser's replica of shared deliveries: the fold's storage (replication/fold.ts) over one
 * IndexedDB transaction, so a run of a relay's facts lands whole with the feed position it
 * reaches, or not at all.
 */
import { columnsOfFact, type FeedbackFact } from '../replication/facts.js';
import type { ReplicaSpace } from '../replication/fold.js';
import { MAX_TIME } from '../rules/valid-input.js';
import { StoreFailureError } from '../errors.js';
import { normalizeAddress } from './address-scan.js';
import type { BuiltAudience } from './audience.js';
import type { ChangeSet } from './changes.js';
import { Counters } from './counters.js';
import { createInTransaction } from './creation.js';
import { removeInTransaction } from './deletion.js';
import { applyFeedbackInTransaction } from './feedback-apply.js';
import { readFeedbackBatch } from './feedback-validation.js';
import { chunksOf } from './layout.js';
import { recountInTransaction } from './recount.js';
import type { DeliveryRecord, StateChunk } from './schema.js';
import type { ReplicaTx } from './relay-link.js';

/** The fold's storage over `tx`; `lists` holds the address lists the facts name, fetched first. */
export function replicaSpace(
  tx: ReplicaTx,
  log: string,
  lists: ReadonlyMap<string, readonly string[]>,
): ReplicaSpace {
  const deliveries = tx.objectStore('deliveries');
  const states = tx.objectStore('stateChunks');
  const space: ReplicaSpace = {
    log,
    get: (id) => deliveries.get(id),
    put: async (record) => void (await deliveries.put(record)),
    create: async (record: DeliveryRecord, audience: BuiltAudience) =>
      void (await createInTransaction(tx, { record, audience })),
    audience: (id) => tx.objectStore('audiences').get(id),
    list(hash) {
      const list = lists.get(hash);
      if (!list)
        throw new StoreFailureError('follow the relay', `address list ${hash} not fetched`);
      return list;
    },
    async lay(record, chunks: readonly StateChunk[]) {
      await Promise.all([
        states.delete(chunksOf(record.id)),
        tx.objectStore('timeline').delete(chunksOf(record.id)),
      ]);
      await Promise.all(chunks.map((chunk, index) => states.put(chunk, [record.id, index])));
    },
    chunk: (record, index) => states.get([record.id, index]),
    putChunk: async (record, index, chunk) => void (await states.put(chunk, [record.id, index])),
    counters: (record) => new Counters(record),
    saveCounters: (counters) => counters.save(tx),
    remove: (record) => removeInTransaction(tx, record),
    recount: (record) => recountInTransaction(tx, record),
    async feedback(facts: readonly FeedbackFact[], changes: ChangeSet) {
      const batch = readFeedbackBatch(facts.map(columnsOfFact), MAX_TIME, undefined);
      const denylist = facts.flatMap((fact) => fact.denylist.map(normalizeAddress));
      const applied = await applyFeedbackInTransaction(tx, batch, facts.at(-1)!.at, {
        cursor: undefined,
        denylist: denylist.filter((address) => address !== ''),
        refuse: 'event',
        replicated: true,
      });
      changes.add(applied.changes);
    },
  };
  return space;
}
