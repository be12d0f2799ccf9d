/**
 * Change notifications: every committed change is announced once per task, coalesced, to this
 * page's subscribers and, through a BroadcastChannel, to other pages of the same origin.
 */
import type { ChangeKind, StoreChange } from '../types.js';

export type ChangeListener = (change: StoreChange) => void;

const KINDS: ReadonlySet<string> = new Set<ChangeKind>([
  'created',
  'state',
  'logs',
  'indicators',
  'deleted',
  'address-lists',
]);

function isRemoteChange(data: unknown): data is Omit<StoreChange, 'origin'> {
  if (typeof data !== 'object' || data === null) return false;
  const { deliveryIds, kinds } = data as Record<string, unknown>;
  return (
    Array.isArray(deliveryIds) &&
    deliveryIds.every((id) => typeof id === 'string') &&
    Array.isArray(kinds) &&
    kinds.every((kind) => typeof kind === 'string' && KINDS.has(kind))
  );
}

export class ChangeHub {
  private readonly listeners = new Set<ChangeListener>();
  private readonly pendingIds = new Set<string>();
  private readonly pendingKinds = new Set<ChangeKind>();
  private scheduled = false;
  private closed = false;
  private readonly channel: BroadcastChannel | null;

  constructor(name: string) {
    this.channel =
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`sendkit:${name}`);
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isRemoteChange(event.data)) {
        this.deliver({
          deliveryIds: event.data.deliveryIds,
          kinds: event.data.kinds,
          origin: 'remote',
        });
      }
    });
  }

  emit(deliveryIds: Iterable<string>, kinds: Iterable<ChangeKind>): void {
    for (const id of deliveryIds) this.pendingIds.add(id);
    for (const kind of kinds) this.pendingKinds.add(kind);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.flush(), 0);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.channel?.close();
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    const change = { deliveryIds: [...this.pendingIds], kinds: [...this.pendingKinds] };
    this.pendingIds.clear();
    this.pendingKinds.clear();
    this.channel?.postMessage(change);
    this.deliver({ ...change, origin: 'local' });
  }

  private deliver(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
