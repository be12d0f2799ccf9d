/**
 * A portal page's store, seen from the side panel: the kit's store interface over messages
 * (side panel → background → the tab's content script), read-only. The four elements render it
 * unchanged; its actions reject with ReadOnlyError, so they are disabled with the reason.
 */
import { ReadOnlyStore } from '../../src/remote/index.js';
import type { ChangeListener, StoreChange } from '../../src/index.js';
import { sendRead, type ReadAnswer, type ReadArgs, type StoreRead } from '../shared/protocol.js';
import { valueOf } from '../shared/results.js';

export class PortalStore extends ReadOnlyStore {
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly tabId: number,
    readonly origin: string,
    readonly name: string,
  ) {
    // Each read is its own message, typed by the protocol (portal.<read>).
    super((read, args) => this.read(read, args) as never);
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

  private async read<K extends StoreRead>(read: K, args: ReadArgs<K>): Promise<ReadAnswer<K>> {
    return valueOf(await sendRead('portal', read, { tabId: this.tabId, store: this.name, args }));
  }
}
