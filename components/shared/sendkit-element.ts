/**
 * The base of the sendkit elements: where the store, the delivery and the user come from
 * (properties first, a provideSendkit() context second), and a StoreReader that keeps the
 * element's data fresh.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DeliveryStore, User } from '../../src/index.js';
import { deliveryIdContext, storeContext, userContext } from './context.js';
import { ActionErrorEvent, type DeliveryAction } from './events.js';
import { StoreReader, type ReaderSource } from './store-reader.js';

export abstract class SendkitElement extends LitElement {
  /** The delivery store. Falls back to the one a `provideSendkit()` ancestor provides. */
  @property({ attribute: false }) store: DeliveryStore | undefined;

  /** Id of the delivery shown. Falls back to the provided one. */
  @property({ attribute: 'delivery-id' }) deliveryId: string | undefined;

  /** The current user and roles. Falls back to the provided one. */
  @property({ attribute: false }) user: User | undefined;

  @consume({ context: storeContext, subscribe: true })
  @state()
  private providedStore: DeliveryStore | undefined;

  @consume({ context: deliveryIdContext, subscribe: true })
  @state()
  private providedDeliveryId: string | undefined;

  @consume({ context: userContext, subscribe: true })
  @state()
  private providedUser: User | undefined;

  protected readonly reader = new StoreReader(
    this,
    () => ({ store: this.activeStore, deliveryId: this.activeDeliveryId }),
    (source) => this.load(source),
  );

  protected get activeStore(): DeliveryStore | undefined {
    return this.store ?? this.providedStore;
  }

  protected get activeDeliveryId(): string | undefined {
    return this.deliveryId ?? this.providedDeliveryId;
  }

  protected get activeUser(): User | undefined {
    return this.user ?? this.providedUser;
  }

  /**
   * Resolves when the element has read and rendered the store's latest committed state
   * (the store announces changes one task after they commit, hence the task's wait).
   */
  async settled(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.reader.idle;
    await this.updateComplete;
  }

  /** An action of the element is running: its controls are disabled meanwhile. */
  @state() protected busy = false;

  /** The last action's error message, shown (and announced) by the element. */
  @state() protected actionError = '';

  /**
   * Runs one user action: busy while it runs, its error shown and fired as `sendkit-error`,
   * and a fresh read afterwards whatever happened.
   */
  protected async runAction(action: DeliveryAction, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.actionError = '';
    try {
      await work();
    } catch (error) {
      const event = new ActionErrorEvent(action, error);
      this.actionError = event.error.message;
      this.dispatchEvent(event);
    } finally {
      this.busy = false;
      this.reader.schedule();
    }
  }

  /** Reads what the element shows into its state (called at most once per frame). */
  protected abstract load(source: ReaderSource): Promise<void>;
}
