/** Typed transaction helpers shared by the store's operations, over idb's typed database. */
import type { IDBPDatabase, StoreKey, StoreNames, StoreValue } from 'idb';
import type { SendkitDB } from './schema.js';

export type Database = IDBPDatabase<SendkitDB>;
export type Stores = StoreNames<SendkitDB>;
type Query<N extends Stores> = StoreKey<SendkitDB, N> | IDBKeyRange;

/** The reads of one object store, as idb types them. */
export interface ReadStore<N extends Stores> {
  get(query: Query<N>): Promise<StoreValue<SendkitDB, N> | undefined>;
  getAll(query?: Query<N> | null): Promise<StoreValue<SendkitDB, N>[]>;
}
/** The reads and writes of one object store. */
export interface WriteStore<N extends Stores> extends ReadStore<N> {
  put(
    value: StoreValue<SendkitDB, N>,
    key?: StoreKey<SendkitDB, N>,
  ): Promise<StoreKey<SendkitDB, N>>;
  add(
    value: StoreValue<SendkitDB, N>,
    key?: StoreKey<SendkitDB, N>,
  ): Promise<StoreKey<SendkitDB, N>>;
  delete(query: Query<N>): Promise<void>;
}

/**
 * A transaction over at least the stores `S`. Structural, so that a transaction over more
 * stores can be handed to a helper that needs fewer; a read transaction offers reads only.
 */
export interface TxOver<S extends Stores, M extends IDBTransactionMode> {
  objectStore<N extends S>(name: N): [M] extends ['readwrite'] ? WriteStore<N> : ReadStore<N>;
}
export type ReadTx<S extends Stores> = TxOver<S, 'readonly' | 'readwrite'>;
export type WriteTx<S extends Stores> = TxOver<S, 'readwrite'>;

/** Runs `work` in one transaction; if it throws, the transaction is aborted: nothing is written. */
export async function inTransaction<T, Tx extends { abort(): void; done: Promise<void> }>(
  tx: Tx,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing was committed by this work anyway.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return result;
}
