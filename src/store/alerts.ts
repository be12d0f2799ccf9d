/**
 * Alert-worthy moments, announced with the change that made them: a delivery finished or
 * failed, paused by the reputation guard, an occurrence waiting for confirmation, a validity
 * period about to end with messages still being retried.
 */
import { alertOf as alertFromFigures } from '../rules/attention.js';
import { indicatorsOf } from '../rules/indicators.js';
import { validityEndingSoon } from '../rules/validity.js';
import type { AlertKind, DeliveryAlert } from '../types.js';
import type { DeliveryRecord } from './schema.js';

/** The moment's alert, with the record's figures now. */
export function alertOf(
  record: DeliveryRecord,
  kind: AlertKind,
  now: number,
  detail = '',
): DeliveryAlert {
  return alertFromFigures(record, indicatorsOf(record), kind, now, detail);
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
