/**
 * The delivery life cycle of SPEC §1–2 as data: who may do what, from which state, and what
 * entering the next state does to the delivery besides its state (its effects, pure functions
 * named in the table and applied by the store's one `move`).
 */
import { DELIVERY_STATES, type DeliveryState, type Role } from '../types.js';
import type { EffectName } from './transition-effects.js';

export const USER_ACTIONS = [
  'create',
  'prepare',
  'confirm',
  'pause',
  'resume',
  'stop',
  'reschedule',
  'delete',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export type SystemAction =
  | 'preparation-succeeded'
  | 'preparation-failed'
  | 'start'
  | 'start-unconfirmed'
  | 'finish'
  | 'fail'
  | 'guard-pause'
  | 'guard-acknowledge'
  | 'group';

export type LifecycleAction = UserAction | SystemAction;

export interface Transition {
  readonly action: LifecycleAction;
  readonly from: readonly DeliveryState[];
  /** `null`: the state does not change (a delete then removes the record). */
  readonly to: DeliveryState | null;
  /** Roles allowed to take it; empty for the system's own transitions. */
  readonly roles: readonly Role[];
  /** Journal text; `{user}` and `{detail}` are filled in literally (see fillTemplate). */
  readonly message: string;
  /** What taking it does besides the state, in order (EFFECTS). */
  readonly effects: readonly EffectName[];
}

const EDITORS: readonly Role[] = ['start-deliveries', 'prepare-deliveries'];
const STARTERS: readonly Role[] = ['start-deliveries'];

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'create',
    from: [],
    to: 'editing',
    roles: EDITORS,
    message: "Delivery created by user '{user}'",
    effects: [],
  },
  {
    action: 'prepare',
    from: ['editing'],
    to: 'preparing',
    roles: [...EDITORS, 'workflow'],
    message: "Preparation started by user '{user}'",
    effects: [],
  },
  {
    action: 'preparation-succeeded',
    from: ['preparing'],
    to: 'prepared',
    roles: [],
    message: 'Send preparation completed. Confirm to start sending.',
    effects: ['clear-preparation-error'],
  },
  {
    action: 'preparation-failed',
    from: ['preparing'],
    to: 'preparation-error',
    roles: [],
    message: 'Preparation failed: {detail}',
    effects: ['record-preparation-error'],
  },
  {
    action: 'confirm',
    from: ['prepared'],
    to: 'start-pending',
    roles: STARTERS,
    message: "Delivery confirmed by user '{user}'",
    effects: ['record-confirmer'],
  },
  {
    action: 'start',
    from: ['start-pending'],
    to: 'in-progress',
    roles: [],
    message: "Delivery started by user '{user}'",
    effects: ['open-validity'],
  },
  {
    action: 'start-unconfirmed',
    from: ['prepared'],
    to: 'in-progress',
    roles: [],
    message: 'Occurrence sent without confirmation (recurring schedule)',
    effects: ['open-validity'],
  },
  {
    action: 'pause',
    from: ['in-progress'],
    to: 'paused',
    roles: STARTERS,
    message: "Delivery paused by user '{user}'",
    effects: [],
  },
  {
    action: 'resume',
    from: ['paused'],
    to: 'in-progress',
    roles: STARTERS,
    message: "Delivery resumed by user '{user}'",
    effects: [],
  },
  {
    action: 'stop',
    from: ['start-pending', 'in-progress', 'paused'],
    to: 'stopped',
    roles: STARTERS,
    message: "Delivery stopped by user '{user}'",
    effects: ['end-schedule', 'clear-guard-pause'],
  },
  {
    action: 'reschedule',
    from: ['editing', 'prepared', 'preparation-error'],
    to: 'editing',
    roles: EDITORS,
    message: "Schedule changed by user '{user}': the delivery must be prepared again",
    effects: [],
  },
  {
    action: 'delete',
    from: ['editing', 'prepared', 'preparation-error', 'stopped', 'finished', 'failed'],
    to: null,
    roles: STARTERS,
    message: "Delivery deleted by user '{user}'",
    effects: [],
  },
  {
    action: 'guard-pause',
    from: ['in-progress'],
    to: 'paused',
    roles: [],
    message: 'Delivery paused by the reputation guard: {detail}',
    effects: ['record-guard-pause'],
  },
  {
    // Journaled with the user who resumed: the resume is their acceptance of the rates.
    action: 'guard-acknowledge',
    from: ['in-progress'],
    to: 'in-progress',
    roles: [],
    message: "Reputation guard acknowledged by user '{user}': {detail}",
    effects: ['record-guard-acknowledgement', 'clear-guard-pause'],
  },
  {
    action: 'finish',
    from: ['in-progress', 'paused'],
    to: 'finished',
    roles: [],
    message: 'All messages have been processed.',
    effects: ['clear-guard-pause'],
  },
  {
    action: 'fail',
    from: ['preparing', 'start-pending', 'in-progress', 'paused'],
    to: 'failed',
    roles: [],
    message: 'Platform error: {detail}',
    effects: ['clear-guard-pause'],
  },
  {
    // A run of a recurring delivery that falls in an occurrence's aggregation period.
    action: 'group',
    from: DELIVERY_STATES,
    to: null,
    roles: [],
    message: 'Run of {detail}',
    effects: [],
  },
];

export function transitionFor(action: LifecycleAction): Transition {
  const transition = TRANSITIONS.find((candidate) => candidate.action === action);
  if (!transition) throw new Error(`No transition for ${action}`);
  return transition;
}

/**
 * Whether these roles allow a user action (SPEC §1): the one place that decides it, for the
 * model and the elements alike. `roles` is a validated array (see `readUser`).
 */
export function rolesAllow(action: UserAction, roles: readonly Role[]): boolean {
  const allowed = transitionFor(action).roles;
  return roles.some((role) => allowed.includes(role));
}

/** The user actions the table offers in a state to these roles. */
export function allowedActions(state: DeliveryState, roles: readonly Role[]): UserAction[] {
  return USER_ACTIONS.filter(
    (action) => transitionFor(action).from.includes(state) && rolesAllow(action, roles),
  );
}

/** States the system starts a confirmed delivery from, when its contact date comes. */
export const START_STATES: readonly DeliveryState[] = transitionFor('start').from;

/** States in which the end of the validity period finishes a delivery. */
export const VALIDITY_END_STATES: readonly DeliveryState[] = transitionFor('finish').from;

/** States after which the delivery never changes state again. */
export const FINAL_STATES: readonly DeliveryState[] = ['stopped', 'finished', 'failed'];

/** States in which messages may have been relayed. */
export const FEEDBACK_STATES: readonly DeliveryState[] = [
  'in-progress',
  'paused',
  'stopped',
  'finished',
  'failed',
];

/**
 * Feedback is accepted only for a delivery that has started sending (SPEC §7): a delivery
 * stopped or failed before its contact date never relayed anything.
 */
export function acceptsFeedback(delivery: {
  readonly state: DeliveryState;
  readonly startedAt: number | null;
}): boolean {
  return delivery.startedAt !== null && FEEDBACK_STATES.includes(delivery.state);
}

/** States in which the delivery has not (successfully) been prepared yet. */
export const UNPREPARED_STATES: readonly DeliveryState[] = [
  'editing',
  'preparing',
  'preparation-error',
];

/**
 * The journal's decisions: what an auditor asks about (who confirmed, paused, resumed, stopped,
 * rescheduled; the reputation guard's pauses and their acknowledgement), as opposed to the steps
 * that follow from them (started, finished).
 */
export const JOURNAL_DECISIONS: readonly LifecycleAction[] = [
  'confirm',
  'pause',
  'resume',
  'stop',
  'reschedule',
  'guard-pause',
  'guard-acknowledge',
];

/**
 * Whether a journal entry's user took the action. The system's own steps (a start, the end, a
 * guard's pause) are journaled with the user they follow from, the confirmer mostly; the journal
 * shows them as the system's. A guard's acknowledgement is the resuming user's.
 */
export function actedByUser(action: LifecycleAction): boolean {
  return (
    (USER_ACTIONS as readonly LifecycleAction[]).includes(action) || action === 'guard-acknowledge'
  );
}

/** Whether an action's journal message carries a reason (its template has a detail). */
export function carriesDetail(action: LifecycleAction): boolean {
  return (
    TRANSITIONS.find((transition) => transition.action === action)?.message.includes('{detail}') ??
    false
  );
}
