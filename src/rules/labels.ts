/**
 * The product's own words for states, statuses and failure types: the defaults every element
 * shows, and what a page overrides to localise (each element's `labels`).
 */
import type { DeliveryState, FailureType, RecipientStatus } from '../types.js';

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

/** Sending-log statuses (SPEC §4). */
export const STATUS_LABELS: Readonly<Record<RecipientStatus, string>> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
  ignored: 'Ignored',
};

/** "Nature of failure" (SPEC §4). */
export const FAILURE_TYPE_LABELS: Readonly<Record<FailureType, string>> = {
  hard: 'Hard',
  soft: 'Soft',
  ignored: 'Ignored',
};

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
