/**
 * A portal page's store, seen from the side panel: the kit's store interface over messages
 * (side panel → background → the tab's content script), read-only. The four elements render it
 * unchanged; its actions reject with ReadOnlyError, so they are disabled with the reason.
 */
import { ReadOnlyStore } from '../../src/remote/index.js';
import type {
  ChangeListener,
  Delivery,
  DeliveryMode,
  DeliverySnapshot,
  Indicators,
  LogAfterQuery,
  LogPage,
  LogQuery,
  LogRow,
  ProfileHistoryEntry,
  StoreChange,
} from '../../src/index.js';
import { messaging, type ReadAnswer, type ReadCall, type StoreRead } from '../shared/protocol.js';
import { valueOf } from '../shared/results.js';

export class PortalStore extends ReadOnlyStore {
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly tabId: number,
    readonly origin: string,
    readonly name: string,
  ) {
    super();
  }

  now(): number {
    return Date.now();
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with the page's change notices for this tab and store. */
  changed(deliveryIds: readonly string[]): void {
    const change: StoreChange = {
      deliveryIds,
      kinds: ['state', 'logs', 'indicators'],
      alerts: [],
      origin: 'remote',
    };
    for (const listener of this.listeners) listener(change);
  }

  private async read<K extends StoreRead>(
    call: K,
    args: Extract<ReadCall, { call: K }>['args'],
  ): Promise<ReadAnswer<K>> {
    const read = { call, args } as ReadCall;
    const result = await messaging.sendMessage('portal.read', {
      tabId: this.tabId,
      store: this.name,
      read,
    });
    return valueOf(result) as ReadAnswer<K>;
  }

  getDelivery(id: string): Promise<Delivery> {
    return this.read('getDelivery', [id]);
  }

  listDeliveries(): Promise<Delivery[]> {
    return this.read('listDeliveries', []);
  }

  readSnapshot(id: string): Promise<DeliverySnapshot> {
    return this.read('readSnapshot', [id]);
  }

  readIndicators(id: string, options?: { mode?: DeliveryMode }): Promise<Indicators> {
    return this.read('readIndicators', [id, options]);
  }

  readLogs(id: string, query?: LogQuery): Promise<LogPage> {
    return this.read('readLogs', [id, query]);
  }

  readLogsAfter(id: string, query: LogAfterQuery): Promise<LogRow[]> {
    return this.read('readLogsAfter', [id, query]);
  }

  readExclusionLogs(id: string, query?: Omit<LogQuery, 'status'>): Promise<LogPage> {
    return this.read('readExclusionLogs', [id, query]);
  }

  readProfileHistory(address: string): Promise<ProfileHistoryEntry[]> {
    return this.read('readProfileHistory', [address]);
  }
}
