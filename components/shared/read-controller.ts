/**
 * Reads from the store for an element: at once when the element connects or its store or
 * delivery changes, and at most once per animation frame when the store announces changes.
 * One read runs at a time; a change during a read schedules one more. Like `@lit/task`, it keeps
 * a status and the last error, so a failed read is shown, never hidden, and it drops a stale
 * result: a read started before the source changed (delivery A, now B) never lands as B's.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeliveryAlert, SendkitStore, StoreChange } from '../../src/index.js';

export interface ReaderSource {
  readonly store: SendkitStore | undefined;
  readonly deliveryId: string | undefined;
}

/** A source with both parts: what a read is called with. */
export interface ReadSource {
  readonly store: SendkitStore;
  readonly deliveryId: string;
}

/** `idle`: nothing to read (no store or no delivery); `loading`: the first read of a source. */
export type ReadStatus = 'idle' | 'loading' | 'ready' | 'error';

const NO_SOURCE: ReaderSource = { store: undefined, deliveryId: undefined };

const hasDelivery = (source: ReaderSource): boolean =>
  source.store !== undefined && source.deliveryId !== undefined && source.deliveryId !== '';

export class ReadController<T> implements ReactiveController {
  status: ReadStatus = 'idle';
  error: Error | null = null;
  /** The last read's result; kept while a fresh read runs. */
  value: T | undefined = undefined;
  private unsubscribe: (() => void) | null = null;
  private subscribedTo: SendkitStore | undefined;
  private last: ReaderSource = NO_SOURCE;
  private frame = 0;
  private queued = false;
  private running = false;
  private again = false;
  /** Bumped when what is read changes: a read of an older generation is stale. */
  private generation = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => ReaderSource,
    /** Reads what the host shows; throws when the read fails. Called only with a source. */
    private readonly read: (source: ReadSource) => Promise<T>,
    /** Called when a read fails with another error than the last one. */
    private readonly onFailure: (error: Error) => void,
    /** Called with each alert of the delivery read, as the store announces it. */
    private readonly onAlert: (alert: DeliveryAlert) => void = () => undefined,
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
    this.restart();
  }

  /** Forgets what was read and reads again at once (the host changed what it reads). */
  restart(): void {
    this.generation++;
    this.status = hasDelivery(this.source()) ? 'loading' : 'idle';
    this.value = undefined;
    this.error = null;
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
    const generation = this.generation;
    const { store, deliveryId } = this.source();
    let outcome: { value: T | undefined } | { error: Error };
    try {
      outcome = { value: store && deliveryId ? await this.read({ store, deliveryId }) : undefined };
    } catch (caught) {
      outcome = { error: caught instanceof Error ? caught : new Error(String(caught)) };
    } finally {
      this.running = false;
    }
    const stale = generation !== this.generation;
    if (!stale) this.settle(outcome, Boolean(store && deliveryId));
    if (this.again) {
      this.again = false;
      // The source changed during the read: read the new one now, not a frame later.
      if (stale) this.request(true);
      else this.schedule();
    }
    if (!this.busy) this.release();
  }

  /** Value and status change together, in one update of the host. */
  private settle(outcome: { value: T | undefined } | { error: Error }, hadSource: boolean): void {
    if ('error' in outcome) {
      const repeated = this.error?.message === outcome.error.message;
      this.status = 'error';
      this.error = outcome.error;
      if (!repeated) this.onFailure(outcome.error);
    } else {
      this.value = outcome.value;
      this.status = hadSource ? 'ready' : 'idle';
      this.error = null;
    }
    this.host.requestUpdate();
  }

  private release(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private subscribe(store: SendkitStore | undefined): void {
    if (store === this.subscribedTo) return;
    this.unsubscribe?.();
    this.subscribedTo = store;
    this.unsubscribe = null;
    if (!store) return;
    try {
      this.unsubscribe = store.subscribe((change) => this.onChange(change));
    } catch {
      // A store that cannot be subscribed to is still read; the read reports what is wrong.
    }
  }

  private onChange(change: StoreChange): void {
    const { deliveryId } = this.source();
    const concerned =
      deliveryId === undefined ||
      change.deliveryIds.length === 0 ||
      change.deliveryIds.includes(deliveryId);
    if (concerned) this.schedule();
    for (const alert of change.alerts ?? []) {
      if (alert.deliveryId === deliveryId) this.onAlert(alert);
    }
  }
}
