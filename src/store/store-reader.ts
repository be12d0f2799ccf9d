/**
 * openStoreReader: a sendkit store someone else owns (a portal page's, seen from an extension's
 * content script), opened to read only. It never creates the database, never upgrades it, never
 * writes to it (no tick, no transaction in readwrite mode), and refuses a schema version this code
 * does not know. Its actions reject with ReadOnlyError, so the elements disable them and say why.
 * Built on StoreReads alone: a page that only watches ships no write path.
 */
import { callRead, type ChangeListener } from '../sendkit-store.js';
import { ReadOnlyStore } from './read-only-store.js';
import type { StoreOptions } from './store-options.js';
import { StoreReads } from './store-reads.js';

export type ReaderOptions = Pick<StoreOptions, 'name' | 'clock'>;

export class StoreReader extends ReadOnlyStore {
  /** @internal Use openStoreReader. */
  constructor(private readonly store: StoreReads) {
    super((read, args) => callRead(store, read, args));
  }

  get name(): string {
    return this.store.name;
  }

  now(): number {
    return this.store.now();
  }

  subscribe(listener: ChangeListener): () => void {
    return this.store.subscribe(listener);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * Opens an existing sendkit store to read it. Rejects with StoreMissingError when there is none
 * of that name (nothing is created), StoreVersionError for a schema version it does not know,
 * StoreNameTakenError for a database that is not sendkit's.
 */
export async function openStoreReader(options: ReaderOptions = {}): Promise<StoreReader> {
  const store = new StoreReads(options, 'read-only');
  const reader = new StoreReader(store);
  try {
    // Opens the connection now, so a missing or unknown store is refused here.
    await store.listDeliveries();
  } catch (error) {
    await store.close();
    throw error;
  }
  return reader;
}
