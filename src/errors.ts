/** Typed errors of the model: every refusal says what was refused and why. */
import type { DeliveryState } from './types.js';

export type SendkitErrorCode =
  | 'permission'
  | 'state'
  | 'not-found'
  | 'invalid-input'
  | 'invalid-feedback'
  | 'store-version'
  | 'store-blocked';

export abstract class SendkitError extends Error {
  abstract readonly code: SendkitErrorCode;
}

/** The product's text for a user without the Start deliveries role. */
export const CONFIRM_PERMISSION_MESSAGE =
  'Your permissions do not allow you to confirm a delivery.';

export class PermissionError extends SendkitError {
  readonly code = 'permission';
  constructor(
    readonly action: string,
    readonly user: string,
  ) {
    super(
      action === 'confirm'
        ? CONFIRM_PERMISSION_MESSAGE
        : `Your permissions do not allow you to ${action} a delivery.`,
    );
    this.name = 'PermissionError';
  }
}

export class StateError extends SendkitError {
  readonly code = 'state';
  constructor(
    readonly action: string,
    readonly state: DeliveryState,
    readonly deliveryId: string,
  ) {
    super(`Cannot ${action} delivery '${deliveryId}': it is in state '${state}'.`);
    this.name = 'StateError';
  }
}

export class NotFoundError extends SendkitError {
  readonly code = 'not-found';
  constructor(readonly deliveryId: string) {
    super(`No delivery '${deliveryId}'.`);
    this.name = 'NotFoundError';
  }
}

export class InputError extends SendkitError {
  readonly code = 'invalid-input';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Invalid ${field}: ${detail}`);
    this.name = 'InputError';
  }
}

/** A refused feedback batch: nothing of it was applied. */
export class FeedbackError extends SendkitError {
  readonly code = 'invalid-feedback';
  constructor(
    /** Position of the first bad event in the batch. */
    readonly index: number,
    readonly detail: string,
  ) {
    super(`Feedback batch refused, event ${index}: ${detail}`);
    this.name = 'FeedbackError';
  }
}

/** Another page opened a newer version of the database: this one must reload. */
export class StoreVersionError extends SendkitError {
  readonly code = 'store-version';
  constructor() {
    super('A newer version of the sendkit database is open in another page: reload this one.');
    this.name = 'StoreVersionError';
  }
}

/** An upgrade of the database waited too long for another page to close it. */
export class StoreBlockedError extends SendkitError {
  readonly code = 'store-blocked';
  constructor() {
    super('The sendkit database is held open by another page that does not close it.');
    this.name = 'StoreBlockedError';
  }
}
