/** What follows from time and counters: starting, publishing rates hourly, finishing. */
import { HOUR_MS } from '../clock.js';
import { ENGAGEMENT_REFRESH_MS, nothingLeftToDo, snapshotEngagement } from '../rules/indicators.js';
import type { User } from '../types.js';
import type { DeliveryRecord } from './records.js';
import { applyTransition, systemActor } from './transitions.js';

export function startDelivery(
  record: DeliveryRecord,
  by: User,
  now: number,
  action: 'start' | 'start-unconfirmed' = 'start',
): void {
  applyTransition(record, action, by, now);
  record.startedAt = now;
  record.endsAt = now + record.validityHours * HOUR_MS;
  record.engagement = snapshotEngagement(record.tally, record.mode, now);
}

/** Refreshes open and click rates when an hour of model time has passed since the last time. */
export function refreshEngagementIfDue(record: DeliveryRecord, now: number): boolean {
  if (record.startedAt === null) return false;
  if (record.engagement && now - record.engagement.at < ENGAGEMENT_REFRESH_MS) return false;
  record.engagement = snapshotEngagement(record.tally, record.mode, now);
  return true;
}

/** Finishes a sending delivery once every message has its final status. */
export function finishIfDone(record: DeliveryRecord, now: number): boolean {
  if (record.state !== 'in-progress' || !nothingLeftToDo(record.tally, record.mode)) return false;
  applyTransition(record, 'finish', systemActor(record.confirmedBy ?? 'system'), now);
  return true;
}
