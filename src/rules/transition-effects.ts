/**
 * What entering a state does to a delivery besides its state, by name: one pure function each,
 * the only place it is written. The life-cycle table (lifecycle.ts) names a transition's
 * effects; the store's one `move` applies them, whoever takes the transition.
 */
import { HOUR_MS } from '../clock.js';
import type { DeliveryState, GuardAcknowledgement, GuardTrip } from '../types.js';

/** The fields of a delivery that transitions change besides its state. */
export interface LifecycleFields {
  state: DeliveryState;
  readonly validityHours: number;
  confirmedBy: string | null;
  startedAt: number | null;
  endsAt: number | null;
  nextOccurrenceAt: number | null;
  preparationError: string | null;
  guardPause?: GuardTrip | null;
  guardAck?: GuardAcknowledgement | null;
}

/** What a transition is taken with: who, when, the journal's detail, a guard's figures. */
export interface TransitionContext {
  readonly user: string;
  readonly now: number;
  readonly detail: string;
  readonly guardPause?: GuardTrip;
  readonly guardAck?: GuardAcknowledgement;
}

export const EFFECTS = {
  /** Confirm send: who confirmed is who the system's later transitions act for. */
  'record-confirmer': (delivery: LifecycleFields, { user }: TransitionContext) => {
    delivery.confirmedBy = user;
  },
  /** Sending starts: the validity period runs from now. */
  'open-validity': (delivery: LifecycleFields, { now }: TransitionContext) => {
    delivery.startedAt = now;
    delivery.endsAt = Math.round(now + delivery.validityHours * HOUR_MS);
  },
  /** A stopped recurring delivery has no next occurrence. */
  'end-schedule': (delivery: LifecycleFields) => {
    delivery.nextOccurrenceAt = null;
  },
  'record-guard-pause': (delivery: LifecycleFields, { guardPause }: TransitionContext) => {
    delivery.guardPause = guardPause ?? null;
  },
  /** Leaving a guarded pause any way but a plain resume: nothing is paused by the guard now. */
  'clear-guard-pause': (delivery: LifecycleFields) => {
    delivery.guardPause = null;
  },
  'record-guard-acknowledgement': (delivery: LifecycleFields, { guardAck }: TransitionContext) => {
    delivery.guardAck = guardAck ?? null;
  },
  'record-preparation-error': (delivery: LifecycleFields, { detail }: TransitionContext) => {
    delivery.preparationError = detail;
  },
  'clear-preparation-error': (delivery: LifecycleFields) => {
    delivery.preparationError = null;
  },
} as const satisfies Record<
  string,
  (delivery: LifecycleFields, context: TransitionContext) => void
>;

export type EffectName = keyof typeof EFFECTS;
