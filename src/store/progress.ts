/** What follows from time and counters: starting, publishing rates hourly, finishing. */
import {
  ENGAGEMENT_REFRESH_MS,
  allMessagesFinal,
  snapshotEngagement,
} from '../rules/indicators.js';
import { VALIDITY_END_STATES } from '../rules/lifecycle.js';
import type { DeliveryRecord } from './schema.js';
import { systemTransition } from './transitions.js';

export function startDelivery(
  record: DeliveryRecord,
  now: number,
  action: 'start' | 'start-unconfirmed' = 'start',
  by?: string,
): void {
  systemTransition(record, action, now, by === undefined ? {} : { by });
  record.engagement = snapshotEngagement(record.tally, record.mode, now);
}

/** An hour of model time has passed since open and click rates were last published. */
export function engagementRefreshDue(record: DeliveryRecord, now: number): boolean {
  if (record.startedAt === null) return false;
  return !record.engagement || now - record.engagement.at >= ENGAGEMENT_REFRESH_MS;
}

/** Refreshes open and click rates when an hour of model time has passed since the last time. */
export function refreshEngagementIfDue(record: DeliveryRecord, now: number): boolean {
  if (!engagementRefreshDue(record, now)) return false;
  record.engagement = snapshotEngagement(record.tally, record.mode, now);
  return true;
}

/** A sending delivery whose every message has its final status is done (SPEC §2). */
export function isDone(record: DeliveryRecord): boolean {
  return record.state === 'in-progress' && allMessagesFinal(record.tally);
}

/** Finishes a sending delivery once every message has its final status. */
export function finishIfDone(record: DeliveryRecord, now: number): boolean {
  if (!isDone(record)) return false;
  systemTransition(record, 'finish', now);
  return true;
}

/** The validity period is over for a delivery that may still be sending: it finishes now. */
export function validityOver(record: DeliveryRecord, now: number): boolean {
  return (
    VALIDITY_END_STATES.includes(record.state) && record.endsAt !== null && record.endsAt <= now
  );
}

/**
 * The validity period is over for this delivery: retries have stopped, so a soft bounce that
 * arrives now is final at once, as it would have become at the end had it come earlier.
 */
export function retriesHaveEnded(record: DeliveryRecord, now: number): boolean {
  return (
    record.endsAt !== null &&
    record.endsAt <= now &&
    (VALIDITY_END_STATES.includes(record.state) || record.state === 'finished')
  );
}

/** A platform error: the delivery ends in `failed`, a final state, journaled with the detail. */
export function failDelivery(record: DeliveryRecord, detail: string, now: number): void {
  systemTransition(record, 'fail', now, { by: 'system', detail });
}
