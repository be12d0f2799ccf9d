/** Applies one life-cycle transition of rules/lifecycle.ts to a delivery record, journaled. */
import { PermissionError, StateError } from '../errors.js';
import { transitionFor, type LifecycleAction } from '../rules/lifecycle.js';
import type { User } from '../types.js';
import type { DeliveryRecord } from './records.js';

/** Refuses a user without a role of the action (the model itself refuses, SPEC §1). */
export function checkPermission(action: LifecycleAction, user: User): void {
  const { roles } = transitionFor(action);
  if (roles.length > 0 && !roles.some((role) => user.roles.includes(role))) {
    throw new PermissionError(action, user.name);
  }
}

/**
 * Moves the record along one transition. `by` is the user the journal names: the acting user,
 * or for the system's own transitions the user whose action led to it.
 */
export function applyTransition(
  record: DeliveryRecord,
  action: LifecycleAction,
  by: User,
  now: number,
  detail = '',
): void {
  const transition = transitionFor(action);
  checkPermission(action, by);
  // A transition from no state is the creation of the record.
  const from = transition.from.length === 0 ? null : record.state;
  if (from !== null && !transition.from.includes(from))
    throw new StateError(action, from, record.id);
  const to = transition.to ?? record.state;
  record.journal.push({
    at: now,
    user: by.name,
    action,
    from,
    to,
    message: transition.message.replace('{user}', by.name).replace('{detail}', detail),
  });
  record.state = to;
}

/** The identity the system acts under, named after the user whose action it follows. */
export function systemActor(name: string): User {
  return { name, roles: [] };
}
