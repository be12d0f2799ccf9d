/**
 * Typed errors of the model: every refusal says what was refused and why, and a public call
 * never lets a raw TypeError, RangeError or DOMException out. Each has a `code`; `sendkit/remote`
 * turns them into data and back by it, so an error that crossed a message boundary (the
 * extension's sidebar, a worker) is still `instanceof` its class.
 */
import type { DeliveryState } from './types.js';

export type SendkitErrorCode =
  | 'permission'
  | 'state'
  | 'not-found'
  | 'invalid-input'
  | 'invalid-feedback'
  | 'store-version'
  | 'store-blocked'
  | 'store-quota'
  | 'store-name-taken'
  | 'store-failure'
  | 'store-missing'
  | 'read-only'
  | 'relay';

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
    // For `confirm`, the product's own text (CONFIRM_PERMISSION_MESSAGE).
    super(`Your permissions do not allow you to ${action} a delivery.`);
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
    readonly detail: string,
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
  constructor(message = 'A newer version of sendkit is open in another tab. Reload this page.') {
    super(message);
    this.name = 'StoreVersionError';
  }
}

/** An upgrade of the database waited too long for another page to close it. */
export class StoreBlockedError extends SendkitError {
  readonly code = 'store-blocked';
  constructor() {
    super(
      'The sendkit database is held open by another tab that does not close it. Close the other sendkit tabs, then reload.',
    );
    this.name = 'StoreBlockedError';
  }
}

/** The origin ran out of storage: nothing of the operation was written. */
export class StoreQuotaError extends SendkitError {
  readonly code = 'store-quota';
  constructor(
    /** What was attempted ("create delivery", "apply feedback", …). */
    readonly operation: string,
    /** Bytes the origin uses and may use, per navigator.storage.estimate(); null if unknown. */
    readonly usage: number | null,
    readonly quota: number | null,
  ) {
    const mb = (bytes: number | null) => `${((bytes ?? 0) / 1_048_576).toFixed(1)} MB`;
    super(
      `Not enough storage to ${operation}: nothing was written. This site uses ${mb(usage)} of the ${mb(quota)} the browser allows it. Delete finished deliveries, or allow this site more storage.`,
    );
    this.name = 'StoreQuotaError';
  }
}

/** The database name is taken by a database sendkit did not create; it was left untouched. */
export class StoreNameTakenError extends SendkitError {
  readonly code = 'store-name-taken';
  constructor(readonly databaseName: string) {
    super(
      `The IndexedDB database '${databaseName}' belongs to another application, not to sendkit: it was left untouched. Open the store under another name (openStore({ name })).`,
    );
    this.name = 'StoreNameTakenError';
  }
}

/** The browser's storage failed in a way the kit cannot name more precisely. */
export class StoreFailureError extends SendkitError {
  readonly code = 'store-failure';
  constructor(
    readonly operation: string,
    /** The platform's own error name (a DOMException's `name`), for diagnosis. */
    readonly reason: string,
  ) {
    super(`The browser's storage failed to ${operation} (${reason}): nothing was written.`);
    this.name = 'StoreFailureError';
  }
}

/** An action on a store that can only be read here (another page's, seen from the sidebar). */
/** A reader found no sendkit store of that name here (and created none). */
export class StoreMissingError extends SendkitError {
  readonly code = 'store-missing';
  constructor(readonly storeName: string) {
    super(`There is no sendkit store named '${storeName}' here.`);
    this.name = 'StoreMissingError';
  }
}

export class ReadOnlyError extends SendkitError {
  readonly code = 'read-only';
  constructor(readonly action: string) {
    super(`This delivery belongs to the page: it is read-only here (${action} refused).`);
    this.name = 'ReadOnlyError';
  }
}

/** Why an action on a shared delivery did not reach its relay, or its answer did not come back. */
export const RELAY_PROBLEMS = [
  'not-connected',
  'credential',
  'unreachable',
  'unavailable',
  'behind',
  'shared',
] as const;
export type RelayProblem = (typeof RELAY_PROBLEMS)[number];

/**
 * A shared delivery's action that its relay did not take, or whose fact this store has not
 * folded: the store is not connected to a relay, the relay refused the credential, cannot be
 * reached or cannot write now, or this replica is behind. `shared`: a shared delivery is sent and
 * fed by its relay, so a page's own sender or feedback (takeDue, applyFeedback) is refused.
 */
export class RelayError extends SendkitError {
  readonly code = 'relay';
  constructor(
    readonly problem: RelayProblem,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'RelayError';
  }
}
