/**
 * Every event the sendkit elements fire: typed Event subclasses, one `sendkit-` prefix, bubbling
 * and composed (they cross shadow roots), declared in GlobalEventHandlersEventMap.
 */
import type { Delivery, DeliveryAlert, Indicators, User } from '../../src/index.js';

const init = { bubbles: true, composed: true } as const;

/** Fired before Confirm send acts; cancel it (preventDefault) to veto the send. */
export class ConfirmRequestEvent extends Event {
  static readonly eventName = 'sendkit-confirm-request';
  constructor(
    readonly deliveryId: string,
    readonly user: User,
  ) {
    super(ConfirmRequestEvent.eventName, { ...init, cancelable: true });
  }
}

/** The model accepted Confirm send. */
export class ConfirmedEvent extends Event {
  static readonly eventName = 'sendkit-confirmed';
  constructor(readonly delivery: Delivery) {
    super(ConfirmedEvent.eventName, init);
  }
}

/** What an element was doing when it failed; `read` is the element's own read of the store. */
export type DeliveryAction =
  'read' | 'confirm' | 'pause' | 'resume' | 'stop' | 'compute-stats' | 'export';

/** An action, or the element's read of the store, failed; the element shows the message too. */
export class ActionErrorEvent extends Event {
  static readonly eventName = 'sendkit-error';
  readonly error: Error;
  /** `error` is what the action threw, made an Error if it was not one. */
  constructor(
    readonly action: DeliveryAction,
    error: unknown,
  ) {
    super(ActionErrorEvent.eventName, init);
    this.error = error instanceof Error ? error : new Error(String(error));
  }
}

/** Pause, Resume or Stop was applied. */
export class DeliveryActionEvent extends Event {
  static readonly eventName = 'sendkit-delivery-action';
  constructor(
    readonly action: 'pause' | 'resume' | 'stop',
    readonly delivery: Delivery,
  ) {
    super(DeliveryActionEvent.eventName, init);
  }
}

/**
 * A moment the operator should hear of, for the element's delivery (from this page or another
 * one of the same store): finished, failed, paused by the reputation guard, an occurrence
 * waiting for confirmation, the validity period ending with messages still retried.
 */
export class DeliveryAlertEvent extends Event {
  static readonly eventName = 'sendkit-alert';
  constructor(readonly alert: DeliveryAlert) {
    super(DeliveryAlertEvent.eventName, init);
  }
}

/** Compute stats finished. */
export class StatsComputedEvent extends Event {
  static readonly eventName = 'sendkit-stats-computed';
  constructor(readonly indicators: Indicators) {
    super(StatsComputedEvent.eventName, init);
  }
}

/** An address was activated in the logs; cancel it to show the history your own way. */
export class ProfileOpenEvent extends Event {
  static readonly eventName = 'sendkit-profile-open';
  constructor(readonly address: string) {
    super(ProfileOpenEvent.eventName, { ...init, cancelable: true });
  }
}

/** A CSV export of the current view is ready; cancel it to handle the file your own way. */
export class LogExportEvent extends Event {
  static readonly eventName = 'sendkit-export';
  constructor(
    readonly csv: Blob,
    /** Data rows in it, the header not counted. */
    readonly rows: number,
  ) {
    super(LogExportEvent.eventName, { ...init, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sendkit-confirm-request': ConfirmRequestEvent;
    'sendkit-confirmed': ConfirmedEvent;
    'sendkit-error': ActionErrorEvent;
    'sendkit-delivery-action': DeliveryActionEvent;
    'sendkit-stats-computed': StatsComputedEvent;
    'sendkit-profile-open': ProfileOpenEvent;
    'sendkit-export': LogExportEvent;
    'sendkit-alert': DeliveryAlertEvent;
  }
}
