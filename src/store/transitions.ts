/**
 * Moves a delivery record along the life-cycle table (rules/lifecycle.ts), journaled, with the
 * effects the table names: the one `move`, so what entering a state does is written once. A
 * user's action is permitted once, at the public call (checkPermission); the system's own
 * transitions (preparation result, start, finish, failure, the guard's) go through
 * systemTransition.
 */
import { PermissionError, StateError } from '../errors.js';
import { EFFECTS, type TransitionContext } from '../rules/transition-effects.js';
import {
  rolesAllow,
  transitionFor,
  type LifecycleAction,
  type SystemAction,
  type UserAction,
} from '../rules/lifecycle.js';
import { readUser } from '../rules/valid-input.js';
import { fillTemplate } from '../text.js';
import type { User } from '../types.js';
import type { DeliveryRecord } from './schema.js';

/** Reads the user (a typed InputError if it is not one) and refuses one without the role. */
export function checkPermission(action: UserAction, value: unknown): User {
  const user = readUser(value);
  if (!rolesAllow(action, user.roles)) throw new PermissionError(action, user.name);
  return user;
}

/** Moves the record along a user action the caller has already permitted. */
export function userTransition(
  record: DeliveryRecord,
  action: UserAction,
  user: User,
  now: number,
): void {
  move(record, action, { user: user.name, now, detail: '' });
}

/** What a system transition may be given: who it acts for, a detail, the guard's figures. */
export type SystemOptions = Partial<Omit<TransitionContext, 'now' | 'user'>> & {
  readonly by?: string;
};

/**
 * The system's own transitions. The journal names the user whose action led to it: by default
 * the one who confirmed the delivery, else "system".
 */
export function systemTransition(
  record: DeliveryRecord,
  action: SystemAction,
  now: number,
  { by, detail = '', ...figures }: SystemOptions = {},
): void {
  move(record, action, { user: by ?? record.confirmedBy ?? 'system', now, detail, ...figures });
}

function move(record: DeliveryRecord, action: LifecycleAction, context: TransitionContext): void {
  const transition = transitionFor(action);
  const { user: name, now, detail } = context;
  // A transition from no state is the creation of the record.
  const from = transition.from.length === 0 ? null : record.state;
  if (from !== null && !transition.from.includes(from))
    throw new StateError(action, from, record.id);
  const to = transition.to ?? record.state;
  record.journal.push({
    at: now,
    user: name,
    action,
    from,
    to,
    message: fillTemplate(transition.message, { user: name, detail }),
  });
  record.state = to;
  for (const effect of transition.effects) EFFECTS[effect](record, context);
}
