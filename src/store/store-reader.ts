/**
 * openStoreReader: a sendkit store someone else owns (a portal page's, seen from an extension's
 * content script), opened to read only. It never creates the database, never upgrades it, never
 * writes to it (no tick, no transaction in readwrite mode), and refuses a schema version this code
 * does not know. Its actions reject with ReadOnlyError, so the elements disable them and say why.
 */
import type { ChangeListener, DeliverySnapshot } from '../sendkit-store.js';
import type {
  Delivery,
  DeliveryMode,
  Indicators,
  LogAfterQuery,
  LogPage,
  LogQuery,
  LogRow,
  ProfileHistoryEntry,
} from '../types.js';
import { DeliveryStore, type StoreOptions } from './delivery-store.js';
import { ReadOnlyStore } from './read-only-store.js';

export type ReaderOptions = Pick<StoreOptions, 'name' | 'clock'>;

export class StoreReader extends ReadOnlyStore {
  /** @internal Use openStoreReader. */
  constructor(private readonly store: DeliveryStore) {
    super();
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

  getDelivery(id: string): Promise<Delivery> {
    return this.store.getDelivery(id);
  }

  listDeliveries(): Promise<Delivery[]> {
    return this.store.listDeliveries();
  }

  readSnapshot(id: string): Promise<DeliverySnapshot> {
    return this.store.readSnapshot(id);
  }

  readIndicators(id: string, options?: { mode?: DeliveryMode }): Promise<Indicators> {
    return this.store.readIndicators(id, options);
  }

  readLogs(id: string, query?: LogQuery): Promise<LogPage> {
    return this.store.readLogs(id, query);
  }

  readLogsAfter(id: string, query: LogAfterQuery): Promise<LogRow[]> {
    return this.store.readLogsAfter(id, query);
  }

  readExclusionLogs(id: string, query?: Omit<LogQuery, 'status'>): Promise<LogPage> {
    return this.store.readExclusionLogs(id, query);
  }

  readProfileHistory(address: string): Promise<ProfileHistoryEntry[]> {
    return this.store.readProfileHistory(address);
  }
}

/**
 * Opens an existing sendkit store to read it. Rejects with StoreMissingError when there is none
 * of that name (nothing is created), StoreVersionError for a schema version it does not know,
 * StoreNameTakenError for a database that is not sendkit's.
 */
export async function openStoreReader(options: ReaderOptions = {}): Promise<StoreReader> {
  const store = new DeliveryStore(options, 'read-only');
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
