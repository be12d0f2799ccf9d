/**
 * Which deliveries need the operator now (the extension's badge counts them), and which alert
 * each delivery's state stands for: the same moments the store announces, read back from state,
 * so a context that missed an announcement (a restarted background) can still catch up.
 */
import type { AlertKind, Delivery } from '../types.js';

/** Paused by the reputation guard, or an occurrence waiting for a user's confirmation. */
export function needsOperator(delivery: Delivery): boolean {
  return (
    (delivery.state === 'paused' && delivery.guardPause !== null) ||
    (delivery.state === 'prepared' && delivery.parentId !== null)
  );
}

/** The alert a delivery's current state stands for, if any. */
export function alertKindOfState(delivery: Delivery): AlertKind | null {
  if (delivery.state === 'finished') return 'finished';
  if (delivery.state === 'failed') return 'failed';
  if (delivery.state === 'paused' && delivery.guardPause !== null) return 'guard-paused';
  if (delivery.state === 'prepared' && delivery.parentId !== null) return 'awaiting-confirmation';
  return null;
}
