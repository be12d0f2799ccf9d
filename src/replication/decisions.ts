/**
 * What a relay decides for shared deliveries, as pure functions of its replica: whether a user's
 * action may be taken (the user's verified roles and the delivery's state, by the life-cycle
 * table), and which facts time and counts call for now. The relay appends what these say; every
 * replica then folds it, so nothing here is decided twice.
 */
import { NotFoundError, StateError } from '../errors.js';
import { snapshotEngagement } from '../rules/indicators.js';
import { transitionFor } from '../rules/lifecycle.js';
import { guardTripOf } from '../store/guarding.js';
import { engagementRefreshDue, isDone, validityOver } from '../store/progress.js';
import { dueToStart } from '../store/scheduler.js';
import type { DeliveryRecord } from '../store/schema.js';
import { checkPermission } from '../store/transitions.js';
import type { GuardTrip, User } from '../types.js';
import { USER_FACTS, type SharedAction, type SystemFactType, type UserFactType } from './facts.js';

const FACT_OF_ACTION = Object.fromEntries(
  Object.entries(USER_FACTS).map(([fact, action]) => [action, fact]),
) as Record<SharedAction, UserFactType>;

/**
 * The fact a user's action on a delivery appends, once allowed: PermissionError without the
 * role (SPEC §1), NotFoundError for an unknown delivery, StateError from a state the table does
 * not take the action from (SPEC §2). Compute stats is any user's.
 */
export function authorize(
  action: SharedAction,
  user: User,
  record: DeliveryRecord | undefined,
  id: string,
): UserFactType {
  if (action !== 'compute-stats') checkPermission(action, user);
  if (action === 'create') return 'created';
  if (!record) throw new NotFoundError(id);
  if (action !== 'compute-stats' && !transitionFor(action).from.includes(record.state))
    throw new StateError(action, record.state, id);
  return FACT_OF_ACTION[action];
}

/** A system fact due now, with what it carries. */
export type DueFact =
  | { readonly fact: Exclude<SystemFactType, 'guard-paused' | 'occurrence'> }
  | { readonly fact: 'guard-paused'; readonly trip: GuardTrip }
  /** A recurring delivery's run: the relay adds the exclusions of its address lists. */
  | { readonly fact: 'occurrence' };

/**
 * The system fact a shared delivery's state, counts and the time call for now, if any (one at a
 * time: the next is decided on the state it leaves). The order is the local model's: a confirmed
 * recurring delivery runs at each of its dates; any other starts at its contact date; the end of
 * the validity finishes it; every message final finishes it sooner; the guard pauses it; open
 * and click rates are published hourly.
 */
export function dueFact(record: DeliveryRecord, now: number): DueFact | null {
  const start = dueToStart(record, now);
  if (start === 'run') return { fact: 'occurrence' };
  if (start === 'start') return { fact: 'started' };
  if (validityOver(record, now)) return { fact: 'validity-ended' };
  if (isDone(record)) return { fact: 'finished' };
  const trip = guardTripOf(record);
  if (trip) return { fact: 'guard-paused', trip };
  if (engagementRefreshDue(record, now) && ratesChange(record, now)) return { fact: 'refreshed' };
  return null;
}

/**
 * Publishing open and click rates now would change them: a delivery whose rates stand still
 * gets no refresh fact every hour of its life.
 */
function ratesChange(record: DeliveryRecord, now: number): boolean {
  const published = record.engagement;
  const fresh = snapshotEngagement(record.tally, record.mode, now);
  return (
    !published || fresh.openRate !== published.openRate || fresh.clickRate !== published.clickRate
  );
}
