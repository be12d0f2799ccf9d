/**
 * A small promise layer over IndexedDB, typed by the schema (schema.ts), in the manner of
 * jakearchibald/idb: requests become promises, a transaction has `done`, object stores are typed
 * by name. Only what the store uses, so the kit stays inside its size budget (idb's Proxy-based
 * wrapper alone was 2 KB of it, gzipped).
 */
import type { SendkitDB } from './schema.js';

export type StoreName = keyof SendkitDB & string;
type Key<N extends StoreName> = SendkitDB[N]['key'];
type Value<N extends StoreName> = SendkitDB[N]['value'];
type Query<N extends StoreName> = Key<N> | IDBKeyRange;

export function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export class ObjectStore<N extends StoreName> {
  constructor(private readonly store: IDBObjectStore) {}

  get(query: Query<N>): Promise<Value<N> | undefined> {
    return promised(this.store.get(query as IDBValidKey));
  }

  getAll(query?: Query<N>): Promise<Value<N>[]> {
    return promised(this.store.getAll(query as IDBValidKey | undefined));
  }

  put(value: Value<N>, key?: Key<N>): Promise<IDBValidKey> {
    return promised(this.store.put(value, key as IDBValidKey | undefined));
  }

  add(value: Value<N>, key?: Key<N>): Promise<IDBValidKey> {
    return promised(this.store.add(value, key as IDBValidKey | undefined));
  }

  delete(query: Query<N>): Promise<void> {
    return promised(this.store.delete(query as IDBValidKey));
  }
}

export class Transaction<N extends StoreName> {
  /** Resolves when the transaction commits; rejects when it aborts or fails. */
  readonly done: Promise<void>;

  constructor(private readonly transaction: IDBTransaction) {
    this.done = new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () =>
        reject(transaction.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
    });
    // A caller that never awaits `done` must not see an unhandled rejection.
    this.done.catch(() => undefined);
  }

  objectStore<M extends N>(name: M): ObjectStore<M> {
    return new ObjectStore<M>(this.transaction.objectStore(name));
  }

  abort(): void {
    this.transaction.abort();
  }
}

export class Database {
  constructor(readonly raw: IDBDatabase) {}

  get objectStoreNames(): DOMStringList {
    return this.raw.objectStoreNames;
  }

  transaction<N extends StoreName>(
    names: N | readonly N[],
    mode: IDBTransactionMode = 'readonly',
    options?: IDBTransactionOptions,
  ): Transaction<N> {
    return new Transaction<N>(this.raw.transaction(names as string | string[], mode, options));
  }

  get<N extends StoreName>(name: N, query: Query<N>): Promise<Value<N> | undefined> {
    return this.transaction(name).objectStore(name).get(query);
  }

  getAll<N extends StoreName>(name: N): Promise<Value<N>[]> {
    return this.transaction(name).objectStore(name).getAll();
  }

  close(): void {
    this.raw.close();
  }
}

export interface OpenCallbacks {
  /** The schema is older than `version` (0: the database is new); `abort` refuses the upgrade. */
  upgrade(db: IDBDatabase, oldVersion: number, abort: () => void): void;
  /** Another connection holds an older version open and did not close yet. */
  blocked(): void;
  /** Another connection wants a newer version (or to delete it): this one should close. */
  blocking(newVersion: number | null): void;
  /** The browser closed the connection abnormally. */
  terminated(): void;
}

/** Opens `name` at `version`, or at whatever version it has when none is given. */
export function openDatabase(
  name: string,
  version: number | undefined,
  callbacks: OpenCallbacks,
): Promise<Database> {
  const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
  request.onupgradeneeded = (event) =>
    callbacks.upgrade(request.result, event.oldVersion, () => request.transaction?.abort());
  request.onblocked = () => callbacks.blocked();
  return promised(request).then((raw) => {
    raw.onversionchange = (event) => callbacks.blocking(event.newVersion);
    raw.onclose = () => callbacks.terminated();
    return new Database(raw);
  });
}
