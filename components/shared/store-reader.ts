/**
 * Reads from the store for an element: at once when the element connects or its store or
 * delivery changes, and at most once per animation frame when the store announces changes.
 * One read runs at a time; a change during a read schedules one more.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeliveryStore, StoreChange } from '../../src/index.js';

export interface ReaderSource {
  readonly store: DeliveryStore | undefined;
  readonly deliveryId: string | undefined;
}

const NO_SOURCE: ReaderSource = { store: undefined, deliveryId: undefined };

export class StoreReader implements ReactiveController {
  private unsubscribe: (() => void) | null = null;
  private subscribedTo: DeliveryStore | undefined;
  private last: ReaderSource = NO_SOURCE;
  private frame = 0;
  private queued = false;
  private running = false;
  private again = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => ReaderSource,
    private readonly read: (source: ReaderSource) => Promise<void>,
  ) {
    host.addController(this);
  }

  /** Resolves once no read is scheduled or running. */
  get idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  hostConnected(): void {
    // Read afresh after every (re)connection: the next update sees a "new" source.
    this.last = NO_SOURCE;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribedTo = undefined;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.again = false;
    if (!this.running && !this.queued) this.release();
  }

  hostUpdate(): void {
    const source = this.source();
    if (source.store === this.last.store && source.deliveryId === this.last.deliveryId) return;
    this.last = source;
    this.subscribe(source.store);
    this.request(true);
  }

  /** Asks for a fresh read in the next frame (after a store change or the host's own action). */
  schedule(): void {
    this.request(false);
  }

  private request(now: boolean): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (now) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      if (this.queued) return;
      this.queued = true;
      queueMicrotask(() => {
        this.queued = false;
        void this.run();
      });
    } else if (this.frame === 0 && !this.queued) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        void this.run();
      });
    }
  }

  private get busy(): boolean {
    return this.frame !== 0 || this.queued || this.running || this.again;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      await this.read(this.source());
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.schedule();
    }
    if (!this.busy) this.release();
  }

  private release(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private subscribe(store: DeliveryStore | undefined): void {
    if (store === this.subscribedTo) return;
    this.unsubscribe?.();
    this.subscribedTo = store;
    this.unsubscribe = store ? store.subscribe((change) => this.onChange(change)) : null;
  }

  private onChange(change: StoreChange): void {
    const { deliveryId } = this.source();
    const concerned =
      deliveryId === undefined ||
      change.deliveryIds.length === 0 ||
      change.deliveryIds.includes(deliveryId);
    if (concerned) this.schedule();
  }
}
