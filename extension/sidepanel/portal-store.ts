/**
 * A portal page's store, seen from the side panel: the kit's store interface over messages
 * (side panel → background → the tab's content script), read-only. The seven elements render it
 * unchanged; its actions reject with ReadOnlyError, so they are disabled with the reason.
 */
import {
  ReadOnlyStore,
  breakdownFromData,
  deliveryFromData,
  indicatorsFromData,
  snapshotFromData,
  timelineFromData,
} from '../../src/remote/index.js';
import { NotFoundError, type ChangeListener, type StoreChange } from '../../src/index.js';
import { sendRead, type ReadAnswer, type ReadArgs, type StoreRead } from '../shared/protocol.js';
import { valueOf } from '../shared/results.js';

const known = <T>(value: T | null, id: unknown): T => {
  if (value === null) throw new NotFoundError(String(id));
  return value;
};

/** The reads whose answers carry deliveries, indicators or figures, and how each is made safe. */
const UNTRUSTED: { readonly [K in StoreRead]?: (value: unknown, id: unknown) => ReadAnswer<K> } = {
  getDelivery: (value, id) => known(deliveryFromData(value), id),
  listDeliveries: (value) =>
    (Array.isArray(value) ? value : []).flatMap((entry) => deliveryFromData(entry) ?? []),
  readSnapshot: (value, id) => known(snapshotFromData(value), id),
  readIndicators: (value) => indicatorsFromData(value),
  readTimeline: (value) => timelineFromData(value),
  readBreakdown: (value) => breakdownFromData(value),
};

export class PortalStore extends ReadOnlyStore {
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly tabId: number,
    readonly origin: string,
    readonly name: string,
  ) {
    // Each read is its own message, typed by the protocol (portal.<read>); what a page's
    // store answers is read into the kit's shapes before any element sees it.
    super(async (read, args) => {
      const answer: unknown = await this.read(read, args);
      const safe = UNTRUSTED[read] as ((value: unknown, id: unknown) => unknown) | undefined;
      return (safe ? safe(answer, args[0]) : answer) as never;
    });
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
