/** The reputation guard at work on a record, inside the transaction that changed its counts. */
import { guardDetail, guardRates, guardTrip, acknowledgementDetail } from '../rules/guard.js';
import { countsOf } from '../rules/indicators.js';
import { classOfEvent } from '../rules/message-classes.js';
import type { GuardCounts } from '../rules/guard.js';
import type { GuardTrip } from '../types.js';
import type { DeliveryRecord } from './schema.js';
import { systemTransition } from './transitions.js';

const HARD_BOUNCE_CLASS = classOfEvent('hard-bounce');

function guardCounts(record: DeliveryRecord): GuardCounts {
  const counts = countsOf(record.tally, record.mode);
  return {
    ...counts,
    hardBounces: record.tally.classes[HARD_BOUNCE_CLASS] ?? 0,
    complaints: record.tally.complaints ?? 0,
  };
}

/** The crossing of its guard a running delivery's rates make now, or null. */
export function guardTripOf(record: DeliveryRecord): GuardTrip | null {
  if (record.state !== 'in-progress' || !record.guard) return null;
  return guardTrip(record.guard, guardCounts(record), record.guardAck ?? null);
}

/** Pauses a running delivery whose rates crossed its guard; returns the crossing, or null. */
export function pauseIfGuardTrips(record: DeliveryRecord, now: number): GuardTrip | null {
  const trip = guardTripOf(record);
  if (!trip) return null;
  systemTransition(record, 'guard-pause', now, {
    by: 'system',
    detail: guardDetail(trip),
    guardPause: trip,
  });
  return trip;
}

/** A user resumed a guarded pause: the rates of now are accepted, journaled with the user. */
export function acknowledgeGuard(record: DeliveryRecord, user: string, now: number): void {
  if (!record.guardPause || !record.guard) return;
  const accepted = guardRates(guardCounts(record));
  systemTransition(record, 'guard-acknowledge', now, {
    by: user,
    detail: acknowledgementDetail(record.guard, accepted),
    guardAck: accepted,
  });
}
