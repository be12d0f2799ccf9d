/**
 * Providers' events of shared deliveries, placed by the relay: each tagged for a delivery the
 * relay's replica shares is resolved to its recipient (by tag, or by address in the delivery's
 * list) with the same placing rules as a file import (feedback/resolve.ts), and becomes a feedback
 * fact every replica applies as it stands. Events of other deliveries stay provider events, which
 * pages place themselves (a delivery of one browser alone).
 */
import { FEEDBACK_CLOCK_SKEW_MS } from '../rules/valid-input.js';
import { EventSorter, type FeedbackTarget } from '../feedback/resolve.js';
import type { ProviderEvent } from '../feedback/types.js';
import type { FeedbackFact } from './facts.js';
import type { Ledger } from './ledger.js';

export interface Placed {
  /** Events of deliveries the relay does not share: stored as they are. */
  readonly others: ProviderEvent[];
  /** One feedback fact per placed event, with the index of its event in the post. */
  readonly facts: { readonly fact: FeedbackFact; readonly event: number }[];
  /** Events of shared deliveries that could not be placed on exactly one recipient. */
  readonly unmatched: number;
}

/** The relay's replica as the placing rules read a store (they only read). */
function readingTarget(ledger: Ledger, now: number): FeedbackTarget {
  const refuse = () => Promise.reject(new Error('the ledger is only read here'));
  return {
    now: () => now,
    getDelivery: async (id) => ledger.delivery(id),
    findRecipients: (id, addresses) => ledger.findRecipients(id, addresses),
    applyFeedback: refuse,
    setAddressStatus: refuse,
  };
}

/** Places a post's events: those of shared deliveries on their recipients, the rest as they are. */
export async function placeShared(
  ledger: Ledger,
  events: readonly ProviderEvent[],
  now: number,
): Promise<Placed> {
  const others: ProviderEvent[] = [];
  const shared: number[] = [];
  events.forEach((event, index) => {
    const mine = event.kind !== 'denylist' && event.deliveryId !== null;
    if (mine && ledger.record(event.deliveryId!)) shared.push(index);
    else others.push(event);
  });
  if (shared.length === 0) return { others, facts: [], unmatched: 0 };
  const sorter = new EventSorter(undefined, now + FEEDBACK_CLOCK_SKEW_MS);
  // Positions become indexes in the post, to find each placed event's own id and address again.
  for (const index of shared) sorter.place({ ...events[index]!, position: index });
  const facts: Placed['facts'] = [];
  for (const { columns, feedback } of await sorter.resolve(readingTarget(ledger, now))) {
    for (let at = 0; at < columns.length; at++) {
      const index = columns.positions[at]!;
      const event = events[index]!;
      const fact: FeedbackFact = {
        fact: 'feedback',
        delivery: feedback.deliveryId,
        at: now,
        key: '',
        recipients: [feedback.recipients[at]!],
        types: [feedback.types[at]!],
        times: [feedback.at[at]!],
        reasons: [feedback.reasons[at]!],
        ids: event.id === null ? null : [`${event.provider}:${event.id}`],
        denylist: event.kind === 'complaint' && event.address ? [event.address] : [],
      };
      facts.push({ fact, event: index });
    }
  }
  // A complaint denylists its address even where it cannot be placed: kept as the provider's event.
  const placed = new Set(facts.map(({ event }) => event));
  for (const index of shared)
    if (!placed.has(index) && events[index]!.kind === 'complaint') others.push(events[index]!);
  return { others, facts, unmatched: sorter.unmatched.count + sorter.rejected.count };
}
