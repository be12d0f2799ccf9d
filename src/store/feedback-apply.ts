/**
 * Applies a validated feedback batch in one transaction with the counters it moves, the
 * denylist additions it carries and the feed position it reaches. Chunks are read first, then
 * every event is applied in memory in batch order, then everything is written. An event the
 * model refuses either aborts the transaction before any write (the store is unchanged) or,
 * with `refuse: 'event'`, is skipped and reported while the rest applies (see FeedbackOptions).
 */
import { StoreFailureError } from '../errors.js';
import type { FeedbackOptions, FeedbackRefusal, FeedbackResult } from '../types.js';
import { setAddressStatusInTransaction } from './address-lists.js';
import { ChangeSet } from './changes.js';
import { EventIdSet } from './event-ids.js';
import type { Batch } from './feedback-validation.js';
import { guardDetail } from '../rules/guard.js';
import { alertOf } from './alerts.js';
import { Counters } from './counters.js';
import { pauseIfGuardTrips } from './guarding.js';
import {
  chunksWanted,
  feedbackRefusal,
  moveMessages,
  moveTarget,
  Refusals,
  type MoveTarget,
} from './message-moves.js';
import { finishIfDone, refreshEngagementIfDue } from './progress.js';
import { isShared, type StateChunk } from './schema.js';
import type { WriteTx } from './transactions.js';

export type FeedbackTx = WriteTx<
  'deliveries' | 'stateChunks' | 'eventIds' | 'feedCursors' | 'addressLists' | 'timeline'
>;

/** What goes with a batch into its transaction. */
export interface BatchExtras {
  readonly cursor: FeedbackOptions['cursor'];
  /** Normalised addresses to denylist. */
  readonly denylist: readonly string[];
  readonly refuse: FeedbackRefusal;
  /**
   * The batch is a shared delivery's feedback as its relay's log carries it (replica-fold.ts):
   * shared deliveries take it, and what follows from counts (finishing, the guard, the hourly
   * rates) is left to the relay's own facts, so every replica decides nothing by itself. Without
   * it, a shared delivery's events are refused: its feedback comes from its relay only.
   */
  readonly replicated?: boolean;
}

export interface AppliedFeedback {
  readonly result: FeedbackResult;
  readonly changes: ChangeSet;
}

export async function applyFeedbackInTransaction(
  tx: FeedbackTx,
  batch: Batch,
  now: number,
  { cursor, denylist, refuse, replicated = false }: BatchExtras,
): Promise<AppliedFeedback> {
  const refusals = new Refusals(refuse === 'event', batch.length);
  const targets = await loadTargets(tx, batch, now, refusals, replicated);
  const { applied, duplicates, superseded } = moveMessages(batch, targets, refusals);

  const changes = new ChangeSet();
  const writes: Promise<unknown>[] = [];
  const states = tx.objectStore('stateChunks');
  for (const target of targets) {
    if (!target) continue;
    const { record, chunks, dirty, ids, counters } = target;
    if (ids) writes.push(ids.save());
    if (dirty.size > 0) changes.note(record.id, 'logs', 'indicators');
    if (!isShared(record)) {
      if (refreshEngagementIfDue(record, now)) changes.note(record.id, 'indicators');
      if (finishIfDone(record, now)) {
        changes.alert(alertOf(record, 'finished', now));
      } else {
        const trip = pauseIfGuardTrips(record, now);
        if (trip) changes.alert(alertOf(record, 'guard-paused', now, guardDetail(trip)));
      }
    }
    if (!changes.byDelivery.has(record.id)) continue;
    for (const chunkIndex of dirty)
      writes.push(states.put(chunks[chunkIndex]!, [record.id, chunkIndex]));
    if (counters.touched) writes.push(counters.save(tx));
    writes.push(tx.objectStore('deliveries').put(record));
  }
  if (cursor) writes.push(advanceCursor(tx, cursor));
  for (const address of new Set(denylist)) {
    writes.push(setAddressStatusInTransaction(tx, address, { denylisted: true }));
    changes.note(null, 'address-lists');
  }
  await Promise.all(writes);
  const result: FeedbackResult = { applied, duplicates, superseded };
  if (refuse === 'batch') return { result, changes };
  const refused = refusals.listed.sort((a, b) => a.index - b.index);
  return { result: { ...result, refused }, changes };
}

/** Moves a feed's stored position forward (never back: two pages may apply one stream). */
export async function advanceCursor(
  tx: WriteTx<'feedCursors'>,
  cursor: NonNullable<FeedbackOptions['cursor']>,
): Promise<void> {
  const cursors = tx.objectStore('feedCursors');
  const stored = await cursors.get(cursor.feed);
  const newlyNamed = cursor.log !== undefined && stored?.log === undefined;
  if ((stored?.seq ?? 0) < cursor.seq || (newlyNamed && stored?.seq === cursor.seq))
    await cursors.put({ ...cursor });
}

/**
 * Reads every delivery, chunk and id bucket the batch touches, refusing bad events before any
 * write. A delivery refused as a whole has no target: each of its events is refused.
 */
async function loadTargets(
  tx: FeedbackTx,
  batch: Batch,
  now: number,
  refusals: Refusals,
  replicated: boolean,
): Promise<(MoveTarget | null)[]> {
  const deliveries = tx.objectStore('deliveries');
  const records = await Promise.all(batch.deliveryIds.map((id) => deliveries.get(id)));
  const problems = records.map((record, position) =>
    feedbackRefusal(record, batch.deliveryIds[position]!, replicated),
  );
  const targets = records.map((record, position): MoveTarget | null => {
    if (!record || problems[position] !== null) return null;
    const ids = batch.idHashes ? new EventIdSet(tx, record.id) : null;
    return moveTarget(record, now, [], ids, new Counters(record));
  });
  const wanted = chunksWanted(batch, targets, problems, refusals);
  const reads: Promise<void>[] = [];
  targets.forEach((target, position) => {
    if (!target) return;
    const { record, chunks, ids } = target;
    reads.push(readChunks(tx, record.id, wanted[position]!, chunks));
    if (ids) reads.push(ids.load(idsOf(batch, position)));
  });
  await Promise.all(reads);
  return targets;
}

/**
 * Reads the wanted chunks into `chunks`. A batch in sending order wants a run of neighbouring
 * chunks: one getAll of their key range is one request instead of one per chunk (measured here,
 * 13 chunks of a 1M delivery: a median 5.4 ms against 6.4 ms for 13 gets).
 */
async function readChunks(
  tx: FeedbackTx,
  id: string,
  wanted: ReadonlySet<number>,
  chunks: (StateChunk | undefined)[],
): Promise<void> {
  const states = tx.objectStore('stateChunks');
  let low = Infinity;
  let high = -Infinity;
  for (const index of wanted) {
    if (index < low) low = index;
    if (index > high) high = index;
  }
  const run = wanted.size > 1 && high - low + 1 === wanted.size;
  const values = run
    ? await states.getAll(IDBKeyRange.bound([id, low], [id, high]))
    : await Promise.all([...wanted].map((index) => states.get([id, index])));
  // A run's values map by position only when none is missing.
  if (values.length !== wanted.size || values.includes(undefined)) {
    throw new StoreFailureError('apply feedback', 'a sending-log chunk is missing');
  }
  if (run) values.forEach((chunk, offset) => (chunks[low + offset] = chunk));
  else [...wanted].forEach((index, position) => (chunks[index] = values[position]));
}

/** The id hashes of one delivery's events. */
function idsOf(batch: Batch, delivery: number): Uint32Array {
  if (batch.deliveryIds.length === 1) return batch.idHashes!;
  const hashes: number[] = [];
  for (let index = 0; index < batch.length; index++) {
    if (batch.delivery[index] === delivery)
      hashes.push(batch.idHashes![index * 2]!, batch.idHashes![index * 2 + 1]!);
  }
  return Uint32Array.from(hashes);
}
