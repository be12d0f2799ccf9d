/**
 * Which deliveries need the operator now (the extension's badge counts them), and which alert
 * each delivery's state stands for: the same moments the store announces, read back from state,
 * so a context that missed an announcement (a restarted background) can still catch up.
 */
import type { AlertKind, Delivery, DeliveryAlert, Indicators } from '../types.js';
import { guardDetail } from './guard.js';
import { transitionFor } from './lifecycle.js';

/** Paused by the reputation guard, or an occurrence waiting for a user's confirmation. */
export function needsOperator(delivery: Delivery): boolean {
  return (
    (delivery.state === 'paused' && delivery.guardPause !== null) ||
    (delivery.state === 'prepared' && delivery.parentId !== null)
  );
}

/** A delivery's alert-worthy moment, with its figures at that moment: one shape for all. */
export function alertOf(
  delivery: Pick<Delivery, 'id' | 'label' | 'endsAt'>,
  indicators: Pick<Indicators, 'deliveredPercent' | 'bouncesPercent' | 'retrying'>,
  kind: AlertKind,
  at: number,
  detail = '',
): DeliveryAlert {
  const { deliveredPercent, bouncesPercent, retrying } = indicators;
  return {
    kind,
    deliveryId: delivery.id,
    label: delivery.label,
    at,
    deliveredPercent,
    bouncesPercent,
    detail,
    endsAt: delivery.endsAt,
    retrying,
  };
}

/**
 * The alert a delivery's current state stands for, with its current figures (a context
 * catching up after missing the announcement), or null when its state stands for none.
 */
export function alertOfState(
  delivery: Delivery,
  indicators: Pick<Indicators, 'deliveredPercent' | 'bouncesPercent' | 'retrying'>,
  at: number,
): DeliveryAlert | null {
  const kind = alertKindOfState(delivery);
  if (!kind) return null;
  let detail = '';
  if (kind === 'guard-paused' && delivery.guardPause) detail = guardDetail(delivery.guardPause);
  if (kind === 'failed') {
    // The failure's journal text is the table's template around the detail: take it back out.
    const [before = '', after = ''] = transitionFor('fail').message.split('{detail}');
    const message = delivery.journal.findLast((entry) => entry.action === 'fail')?.message ?? '';
    if (message.startsWith(before) && message.endsWith(after))
      detail = message.slice(before.length, message.length - after.length);
  }
  return alertOf(delivery, indicators, kind, at, detail);
}

/** The alert a delivery's current state stands for, if any. */
export function alertKindOfState(delivery: Delivery): AlertKind | null {
  if (delivery.state === 'finished') return 'finished';
  if (delivery.state === 'failed') return 'failed';
  if (delivery.state === 'paused' && delivery.guardPause !== null) return 'guard-paused';
  if (delivery.state === 'prepared' && delivery.parentId !== null) return 'awaiting-confirmation';
  return null;
}
