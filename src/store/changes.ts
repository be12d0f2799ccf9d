/**
 * Change notifications: every committed change is announced once per task, coalesced, to this
 * page's subscribers and, through a BroadcastChannel, to other pages of the same origin.
 */
import type { ChangeListener } from '../sendkit-store.js';
import {
  ALERT_KINDS,
  CHANGE_KINDS,
  type ChangeKind,
  type DeliveryAlert,
  type StoreChange,
} from '../types.js';

export type { ChangeListener } from '../sendkit-store.js';

/** What one operation changed: kinds per delivery, and kinds that concern no one delivery. */
export class ChangeSet {
  readonly byDelivery = new Map<string, Set<ChangeKind>>();
  readonly global = new Set<ChangeKind>();
  readonly alerts: DeliveryAlert[] = [];

  /** An alert-worthy moment of a delivery (its state changed with it). */
  alert(alert: DeliveryAlert): this {
    this.alerts.push(alert);
    return this.note(alert.deliveryId, 'state');
  }

  note(deliveryId: string | null, ...kinds: ChangeKind[]): this {
    let set = this.global;
    if (deliveryId !== null) {
      set = this.byDelivery.get(deliveryId) ?? new Set<ChangeKind>();
      this.byDelivery.set(deliveryId, set);
    }
    for (const kind of kinds) set.add(kind);
    return this;
  }

  /** Adds what another set noted. */
  add(other: ChangeSet): this {
    for (const [id, kinds] of other.byDelivery) this.note(id, ...kinds);
    this.note(null, ...other.global);
    this.alerts.push(...other.alerts);
    return this;
  }

  get empty(): boolean {
    return this.byDelivery.size === 0 && this.global.size === 0 && this.alerts.length === 0;
  }
}

const isKind = (value: unknown): value is ChangeKind =>
  typeof value === 'string' && (CHANGE_KINDS as readonly string[]).includes(value);

const isNumberOrNull = (value: unknown) => value === null || typeof value === 'number';

/** An alert from another page, checked field by field (another page is input like any other). */
function isAlert(value: unknown): value is DeliveryAlert {
  if (typeof value !== 'object' || value === null) return false;
  const alert = value as Record<string, unknown>;
  return (
    (ALERT_KINDS as readonly unknown[]).includes(alert['kind']) &&
    typeof alert['deliveryId'] === 'string' &&
    typeof alert['label'] === 'string' &&
    typeof alert['at'] === 'number' &&
    typeof alert['deliveredPercent'] === 'number' &&
    typeof alert['bouncesPercent'] === 'number' &&
    typeof alert['detail'] === 'string' &&
    isNumberOrNull(alert['endsAt']) &&
    typeof alert['retrying'] === 'number'
  );
}

function isRemoteChange(data: unknown): data is Omit<StoreChange, 'origin'> {
  if (typeof data !== 'object' || data === null) return false;
  const { deliveryIds, kinds, alerts } = data as Record<string, unknown>;
  return (
    Array.isArray(deliveryIds) &&
    deliveryIds.every((id) => typeof id === 'string') &&
    Array.isArray(kinds) &&
    kinds.every(isKind) &&
    (alerts === undefined || (Array.isArray(alerts) && alerts.every(isAlert)))
  );
}

/** The BroadcastChannel every store of one database name announces its commits on. */
export function changeChannelName(databaseName: string): string {
  return `sendkit:${databaseName}`;
}

export class ChangeHub {
  private readonly listeners = new Set<ChangeListener>();
  private readonly pendingIds = new Set<string>();
  private readonly pendingKinds = new Set<ChangeKind>();
  private pendingAlerts: DeliveryAlert[] = [];
  private scheduled = false;
  private closed = false;
  private readonly channel: BroadcastChannel | null;

  constructor(name: string) {
    this.channel =
      typeof BroadcastChannel === 'undefined'
        ? null
        : new BroadcastChannel(changeChannelName(name));
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isRemoteChange(event.data)) {
        this.deliver({
          deliveryIds: event.data.deliveryIds,
          kinds: event.data.kinds,
          alerts: event.data.alerts ?? [],
          origin: 'remote',
        });
      }
    });
  }

  emit(changes: ChangeSet): void {
    if (changes.empty) return;
    for (const [id, kinds] of changes.byDelivery) {
      this.pendingIds.add(id);
      for (const kind of kinds) this.pendingKinds.add(kind);
    }
    for (const kind of changes.global) this.pendingKinds.add(kind);
    this.pendingAlerts.push(...changes.alerts);
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
    const change = {
      deliveryIds: [...this.pendingIds],
      kinds: [...this.pendingKinds],
      alerts: this.pendingAlerts,
    };
    this.pendingIds.clear();
    this.pendingKinds.clear();
    this.pendingAlerts = [];
    this.channel?.postMessage(change);
    this.deliver({ ...change, origin: 'local' });
  }

  private deliver(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        // One subscriber's bug must not keep the others from hearing of the change.
        console.error('sendkit: a change listener threw', error);
      }
    }
  }
}
