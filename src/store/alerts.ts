/**
 * Alert-worthy moments, announced with the change that made them: a delivery finished or
 * failed, paused by the reputation guard, an occurrence waiting for confirmation, a validity
 * period about to end with messages still being retried.
 */
import { indicatorsOf } from '../rules/indicators.js';
import { validityEndingSoon } from '../rules/validity.js';
import type { AlertKind, DeliveryAlert } from '../types.js';
import type { DeliveryRecord } from './schema.js';

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

/** Whether the record's validity period ends soon with messages still retried (alert once). */
export function validityEndsSoon(record: DeliveryRecord, now: number): boolean {
  return validityEndingSoon(
    record,
    indicatorsOf(record).retrying,
    record.validityWarned ?? false,
    now,
  );
}
