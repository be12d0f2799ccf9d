/**
 * When the simulated MTA relays, for the page's MTA and the relay's alike: at its own rate (one
 * relay an interval, from where it left off, never saving up capacity while it had nothing to
 * relay), or, for a paced send, spread over the sending time since the last step; after a pause,
 * from the resume, not from where it stopped. What happens to each message relayed is its story
 * (stories.ts), scheduled here too.
 */
import { spreadOverSending, type PacedDelivery } from '../rules/pace.js';
import type { Delivery } from '../types.js';
import type { EventHeap } from './event-heap.js';
import { storyOf, type StoryRates } from './stories.js';

export class RelayPacing {
  /** Relaying at the last step: a pause since makes the next relay start at the resume. */
  private active = true;

  constructor(
    /** Model time of the next relay the MTA's own rate allows. */
    private cursor: number,
    private readonly intervalMs: number,
  ) {}

  /** A step of a delivery that is not sending (paused, or over). */
  pause(): void {
    this.active = false;
  }

  /** Relays the MTA's own rate allows by `now` (after a pause, counted from the resume). */
  capacity(delivery: Pick<Delivery, 'journal'>, now: number): number {
    if (!this.active) {
      const resumedAt = delivery.journal.findLast((entry) => entry.action === 'resume')?.at ?? now;
      this.cursor = Math.max(this.cursor, resumedAt);
      this.active = true;
    }
    return this.cursor <= now ? Math.floor((now - this.cursor) / this.intervalMs) + 1 : 0;
  }

  /** The times of `count` relays taken by `now`, the cursor moved past them. */
  times(delivery: PacedDelivery, count: number, now: number): number[] {
    const times = delivery.pace
      ? spreadOverSending(delivery, this.cursor, now, count)
      : Array.from({ length: count }, (_, index) =>
          Math.floor(this.cursor + index * this.intervalMs),
        );
    if (delivery.pace || count === 0) this.cursor = Math.max(this.cursor, now);
    else this.cursor += count * this.intervalMs;
    return times;
  }
}

/** Schedules what happens to each message relayed at its time: its story's events. */
export function scheduleStories(
  heap: EventHeap,
  rates: StoryRates,
  delivery: Pick<Delivery, 'channel' | 'mode' | 'endsAt'>,
  recipients: readonly number[],
  times: readonly number[],
): void {
  const context = {
    channel: delivery.channel,
    mode: delivery.mode,
    endsAt: delivery.endsAt ?? Infinity,
  };
  recipients.forEach((recipient, index) => {
    for (const event of storyOf(rates, recipient, { ...context, relayedAt: times[index]! }))
      heap.push(event);
  });
}
