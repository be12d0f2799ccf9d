/** Typed transaction helpers shared by the store's operations. */
import type { ObjectStore, StoreName } from './idb.js';

export type Stores = StoreName;

/**
 * A transaction over at least the stores `S`. Structural, so that a transaction over more
 * stores can be handed to a helper that needs fewer; a read transaction offers reads only.
 */
export interface TxOver<S extends Stores, M extends IDBTransactionMode> {
  objectStore<N extends S>(
    name: N,
  ): Pick<
    ObjectStore<N>,
    M extends 'readwrite' ? 'get' | 'getAll' | 'put' | 'add' | 'delete' : 'get' | 'getAll'
  >;
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
