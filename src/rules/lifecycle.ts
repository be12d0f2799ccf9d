/** The delivery life cycle of SPEC §1–2 as data: who may do what, from which state. */
import type { DeliveryState, Role } from '../types.js';

export type UserAction =
  'create' | 'prepare' | 'confirm' | 'pause' | 'resume' | 'stop' | 'reschedule' | 'delete';

export type SystemAction =
  | 'preparation-succeeded'
  | 'preparation-failed'
  | 'start'
  | 'start-unconfirmed'
  | 'finish'
  | 'fail';

export type LifecycleAction = UserAction | SystemAction;

export interface Transition {
  readonly action: LifecycleAction;
  readonly from: readonly DeliveryState[];
  /** `null`: the delivery is removed. */
  readonly to: DeliveryState | null;
  /** Roles allowed to take it; empty for the system's own transitions. */
  readonly roles: readonly Role[];
  /** Journal text; `{user}` is replaced with the user's name. */
  readonly message: string;
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
  },
  {
    action: 'prepare',
    from: ['editing'],
    to: 'preparing',
    roles: [...EDITORS, 'workflow'],
    message: "Preparation started by user '{user}'",
  },
  {
    action: 'preparation-succeeded',
    from: ['preparing'],
    to: 'prepared',
    roles: [],
    message: 'Send preparation completed. Confirm to start sending.',
  },
  {
    action: 'preparation-failed',
    from: ['preparing'],
    to: 'preparation-error',
    roles: [],
    message: 'Preparation failed: {detail}',
  },
  {
    action: 'confirm',
    from: ['prepared'],
    to: 'start-pending',
    roles: STARTERS,
    message: "Delivery confirmed by user '{user}'",
  },
  {
    action: 'start',
    from: ['start-pending'],
    to: 'in-progress',
    roles: [],
    message: "Delivery started by user '{user}'",
  },
  {
    action: 'start-unconfirmed',
    from: ['prepared'],
    to: 'in-progress',
    roles: [],
    message: 'Occurrence sent without confirmation (recurring schedule)',
  },
  {
    action: 'pause',
    from: ['in-progress'],
    to: 'paused',
    roles: STARTERS,
    message: "Delivery paused by user '{user}'",
  },
  {
    action: 'resume',
    from: ['paused'],
    to: 'in-progress',
    roles: STARTERS,
    message: "Delivery resumed by user '{user}'",
  },
  {
    action: 'stop',
    from: ['start-pending', 'in-progress', 'paused'],
    to: 'stopped',
    roles: STARTERS,
    message: "Delivery stopped by user '{user}'",
  },
  {
    action: 'reschedule',
    from: ['editing', 'prepared', 'preparation-error'],
    to: 'editing',
    roles: EDITORS,
    message: "Schedule changed by user '{user}': the delivery must be prepared again",
  },
  {
    action: 'delete',
    from: ['editing', 'prepared', 'preparation-error', 'stopped', 'finished', 'failed'],
    to: null,
    roles: STARTERS,
    message: "Delivery deleted by user '{user}'",
  },
  {
    action: 'finish',
    from: ['in-progress', 'paused'],
    to: 'finished',
    roles: [],
    message: 'All messages have been processed.',
  },
  {
    action: 'fail',
    from: ['preparing', 'start-pending', 'in-progress', 'paused'],
    to: 'failed',
    roles: [],
    message: 'Platform error: {detail}',
  },
];

export function transitionFor(action: LifecycleAction): Transition {
  const transition = TRANSITIONS.find((candidate) => candidate.action === action);
  if (!transition) throw new Error(`No transition for ${action}`);
  return transition;
}

/** The product's labels of each state, as the Deployment block shows them. */
export const STATE_LABELS: Readonly<Record<DeliveryState, string>> = {
  editing: 'Editing',
  preparing: 'Preparing',
  prepared: 'Send preparation completed. Confirm to start sending.',
  'preparation-error': 'Preparation failed',
  'start-pending': 'Pending start',
  'in-progress': 'Sending',
  paused: 'Paused',
  stopped: 'Stopped',
  finished: 'All messages have been processed.',
  failed: 'Failed',
};

export const RETRYING_LABEL = 'Sending (retry)';

/** States after which the delivery never changes state again. */
export const FINAL_STATES: readonly DeliveryState[] = ['stopped', 'finished', 'failed'];

/** States in which messages may have been relayed, so feedback is accepted. */
export const FEEDBACK_STATES: readonly DeliveryState[] = [
  'in-progress',
  'paused',
  'stopped',
  'finished',
  'failed',
];

/** States in which the delivery has not (successfully) been prepared yet. */
export const UNPREPARED_STATES: readonly DeliveryState[] = [
  'editing',
  'preparing',
  'preparation-error',
];

export interface StateTexts {
  readonly states: Readonly<Record<DeliveryState, string>>;
  readonly retrying: string;
}

/** The Deployment block's state text: "Sending (retry)" while soft bounces are retried. */
export function stateLabel(
  state: DeliveryState,
  retrying: number,
  texts: StateTexts = { states: STATE_LABELS, retrying: RETRYING_LABEL },
): string {
  return state === 'in-progress' && retrying > 0 ? texts.retrying : texts.states[state];
}

export function allowedActions(state: DeliveryState, roles: readonly Role[]): UserAction[] {
  return TRANSITIONS.filter(
    (transition) =>
      transition.from.includes(state) &&
      transition.roles.length > 0 &&
      transition.roles.some((role) => roles.includes(role)),
  ).map((transition) => transition.action as UserAction);
}
