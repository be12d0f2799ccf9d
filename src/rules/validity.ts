/**
 * The validity period (SPEC §5): how long soft-bounced messages are retried, its maximum, and
 * when its coming end is worth an alert.
 */
import type { DeliveryState } from '../types.js';

/** "Delivery duration": at most 3.5 days, also the default. */
export const MAX_VALIDITY_HOURS = 84;

/** "About to end": the validity period ends within this much model time. */
export const VALIDITY_WARNING_MS = 6 * 60 * 60 * 1000;

/**
 * Whether the validity period ends soon while messages are still retried: worth one alert per
 * delivery (`warned` says it was given).
 */
export function validityEndingSoon(
  delivery: { readonly state: DeliveryState; readonly endsAt: number | null },
  retrying: number,
  warned: boolean,
  now: number,
): boolean {
  if (warned || delivery.state !== 'in-progress' || delivery.endsAt === null) return false;
  if (delivery.endsAt - now > VALIDITY_WARNING_MS || delivery.endsAt <= now) return false;
  return retrying > 0;
}
