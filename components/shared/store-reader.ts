/**
 * Reads from the store when the host connects, when its store or delivery changes, and when the
 * store announces a change: at most once per animation frame, one read at a time, newest wins.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeliveryStore, StoreChange } from '../../src/index.js';

export interface ReaderSource {
  readonly store: DeliveryStore | undefined;
  readonly deliveryId: string | undefined;
}

export class StoreReader implements ReactiveController {
  private unsubscribe: (() => void) | null = null;
  private subscribedTo: DeliveryStore | undefined;
  private last: ReaderSource = { store: undefined, deliveryId: undefined };
  private frame = 0;
  private running = false;
  private again = false;
  private waiters: (() => void)[] = [];

  constructor(
    host: ReactiveControllerHost,
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
    this.subscribe(this.source().store);
    this.schedule();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribedTo = undefined;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.again = false;
    if (!this.running) this.release();
  }

  hostUpdate(): void {
    const source = this.source();
    if (source.store === this.last.store && source.deliveryId === this.last.deliveryId) return;
    this.last = source;
    this.subscribe(source.store);
    this.schedule();
  }

  /** Asks for a fresh read (after a store change or the host's own action). */
  schedule(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      void this.run();
    });
  }

  private get busy(): boolean {
    return this.frame !== 0 || this.running || this.again;
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
    if (
      deliveryId === undefined ||
      change.deliveryIds.length === 0 ||
      change.deliveryIds.includes(deliveryId)
    ) {
      this.schedule();
    }
  }
}
