/**
 * Alert-worthy moments, announced with the change that made them: a delivery finished or
 * failed, paused by the reputation guard, an occurrence waiting for confirmation, a validity
 * period about to end with messages still being retried.
 */
import { computeIndicators } from '../rules/indicators.js';
import type { AlertKind, DeliveryAlert, DeliveryMode, Indicators } from '../types.js';
import type { DeliveryRecord } from './schema.js';

/** "About to end": the validity period ends within this much model time. */
export const VALIDITY_WARNING_MS = 6 * 60 * 60 * 1000;

export function indicatorsOf(record: DeliveryRecord, mode: DeliveryMode = record.mode): Indicators {
  return computeIndicators(record.tally, mode, record.channel, record.engagement);
}

export function alertOf(
  record: DeliveryRecord,
  kind: AlertKind,
  now: number,
  detail = '',
): DeliveryAlert {
  const { deliveredPercent, bouncesPercent, retrying } = indicatorsOf(record);
  return {
    kind,
    deliveryId: record.id,
    label: record.label,
    at: now,
    deliveredPercent,
    bouncesPercent,
    detail,
    endsAt: record.endsAt,
    retrying,
  };
}

/**
 * Whether the validity period ends soon while messages are still retried (announced once per
 * delivery: the record remembers it).
 */
export function validityEndingSoon(record: DeliveryRecord, now: number): boolean {
  if (record.validityWarned || record.state !== 'in-progress' || record.endsAt === null)
    return false;
  if (record.endsAt - now > VALIDITY_WARNING_MS || record.endsAt <= now) return false;
  return indicatorsOf(record).retrying > 0;
}
