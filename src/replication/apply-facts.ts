/**
 * applyFacts: a relay's facts folded into a browser's store, in order, with the position they
 * reach, in one transaction (connectRelay's connection calls it). Each fact is read again here,
 * as this is a public call: nothing unchecked is folded. Kept out of the store itself, so a page
 * that never follows a relay does not ship the fold.
 */
import { InputError } from '../errors.js';
import { readOptions, readSafely } from '../rules/valid-input.js';
import { ChangeSet } from '../store/changes.js';
import { advanceCursor } from '../store/feedback-apply.js';
import { checkCursor } from '../store/queries.js';
import { REPLICA_WRITE, type ReplicaTarget } from '../store/relay-link.js';
import { replicaSpace } from '../store/replica-space.js';
import { readFacts } from './fact-reader.js';
import type { Fact } from './facts.js';
import { foldFacts, type FoldResult } from './fold.js';

export interface ApplyFactsOptions {
  /** The feed position the facts reach, with the relay log's id (shared records are marked with it). */
  readonly cursor: { readonly feed: string; readonly seq: number; readonly log: string };
  /** The address lists the creations among the facts name, by hash. */
  readonly lists?: ReadonlyMap<string, readonly string[]>;
}

export async function applyFacts(
  store: ReplicaTarget,
  facts: readonly unknown[],
  options: ApplyFactsOptions,
): Promise<FoldResult> {
  return foldInto(store, readFacts(facts), options);
}

/**
 * applyFacts for facts this module read itself (connectRelay's connection, which read each with
 * readFact and never hands them out): not read twice.
 */
export async function foldInto(
  store: ReplicaTarget,
  read: readonly Fact[],
  options: ApplyFactsOptions,
): Promise<FoldResult> {
  const writes = readSafely(
    'store',
    () => typeof (store as Partial<ReplicaTarget> | null)?.[REPLICA_WRITE] === 'function',
  );
  if (!writes) throw new InputError('store', 'a sendkit DeliveryStore of this copy of the kit');
  const { cursor, lists } = readOptions('options', options, ['cursor', 'lists']);
  const position = checkCursor(cursor);
  if (!position?.log) throw new InputError('options.cursor.log', "the relay log's id");
  if (lists !== undefined && !(lists instanceof Map))
    throw new InputError('options.lists', 'a Map of address lists by hash');
  const kept = (lists ?? new Map()) as ReadonlyMap<string, readonly string[]>;
  return store[REPLICA_WRITE](async (tx) => {
    const changes = new ChangeSet();
    const result = await foldFacts(replicaSpace(tx, position.log!, kept), read, changes);
    await advanceCursor(tx, position);
    return { result, changes };
  });
}
