/**
 * The store's one write path and its reads. Every write of DeliveryStore goes through `write`:
 * one IndexedDB transaction over the stores the operation names, the body run in it (a throw
 * aborts it: nothing is written), then the changes the body reports announced after the commit.
 * A failure of the browser's storage becomes a typed error naming the operation.
 */
import { NotFoundError, ReadOnlyError, RelayError, StoreVersionError } from '../errors.js';
import { readId } from '../rules/valid-input.js';
import type { ChangeKind, Delivery } from '../types.js';
import { ChangeSet, type ChangeHub } from './changes.js';
import type { Connection } from './connection.js';
import { typedStoreError } from './failures.js';
import { isShared, toDelivery, type DeliveryRecord } from './schema.js';
import {
  inTransaction,
  type Database,
  type ReadTx,
  type Stores,
  type WriteTx,
} from './transactions.js';

/** What a write body returns: its result, and what changed (announced once committed). */
export interface Outcome<T> {
  readonly result: T;
  readonly changes: ChangeSet;
}

export class StoreAccess {
  constructor(
    private readonly connection: Connection,
    private readonly changes: ChangeHub,
    private readonly now: () => number,
    private readonly writable: boolean,
  ) {}

  async write<S extends Stores, T>(
    operation: string,
    stores: readonly S[],
    body: (tx: WriteTx<S>, now: number) => Promise<Outcome<T>>,
    durability: IDBTransactionDurability = 'default',
  ): Promise<T> {
    if (!this.writable) throw new ReadOnlyError(operation);
    let outcome: Outcome<T>;
    try {
      const db = await this.connection.get();
      const tx = db.transaction(stores as unknown as S[], 'readwrite', { durability });
      outcome = await inTransaction(tx, (run) => body(run as unknown as WriteTx<S>, this.now()));
    } catch (error) {
      throw await this.typed(error, operation);
    }
    this.changes.emit(outcome.changes);
    return outcome.result;
  }

  /** `write` over one delivery (read first, NotFoundError if there is none) and `stores`. */
  async writeDelivery<S extends Stores, T>(
    operation: string,
    id: unknown,
    stores: readonly S[],
    body: (
      record: DeliveryRecord,
      tx: WriteTx<S | 'deliveries'>,
      now: number,
    ) => Promise<Outcome<T>>,
  ): Promise<T> {
    const key = readId(id);
    return this.write(operation, ['deliveries', ...stores], async (tx, now) => {
      const record = await mustGet(tx.objectStore('deliveries').get(key), key);
      // A shared delivery changes only by its relay's facts (the store sends it the action).
      if (isShared(record))
        throw new RelayError('shared', `Delivery '${key}' is shared: its relay takes its actions.`);
      return body(record, tx, now);
    });
  }

  async read<T>(operation: string, body: (db: Database) => Promise<T>): Promise<T> {
    try {
      return await body(await this.connection.get());
    } catch (error) {
      throw await this.typed(error, operation);
    }
  }

  /** One delivery and `stores`, read in one transaction. */
  async readDelivery<S extends Stores, T>(
    operation: string,
    id: unknown,
    stores: readonly S[],
    body: (record: DeliveryRecord, tx: ReadTx<S | 'deliveries'>) => T | Promise<T>,
  ): Promise<T> {
    const key = readId(id);
    return this.read(operation, async (db) => {
      const tx = db.transaction(['deliveries', ...stores]);
      return body(await mustGet(tx.objectStore('deliveries').get(key), key), tx);
    });
  }

  private typed(error: unknown, operation: string): Promise<Error> {
    // A closed connection after another tab's upgrade is this page being outdated.
    return this.connection.isOutdated
      ? Promise.resolve(new StoreVersionError())
      : typedStoreError(error, operation);
  }
}

/** A delivery's snapshot as the result, and what changed for it. */
export function changed(record: DeliveryRecord, ...kinds: ChangeKind[]): Outcome<Delivery> {
  return { result: toDelivery(record), changes: new ChangeSet().note(record.id, ...kinds) };
}

async function mustGet(
  pending: Promise<DeliveryRecord | undefined>,
  id: string,
): Promise<DeliveryRecord> {
  const record = await pending;
  if (!record) throw new NotFoundError(id);
  return record;
}
