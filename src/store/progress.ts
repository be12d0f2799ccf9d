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

/** Refreshes open and click rates when an hour of model time has passed since the last time. */
export function refreshEngagementIfDue(record: DeliveryRecord, now: number): boolean {
  if (record.startedAt === null) return false;
  if (record.engagement && now - record.engagement.at < ENGAGEMENT_REFRESH_MS) return false;
  record.engagement = snapshotEngagement(record.tally, record.mode, now);
  return true;
}

/** Finishes a sending delivery once every message has its final status (SPEC §2). */
export function finishIfDone(record: DeliveryRecord, now: number): boolean {
  if (record.state !== 'in-progress' || !allMessagesFinal(record.tally)) return false;
  systemTransition(record, 'finish', now);
  return true;
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
