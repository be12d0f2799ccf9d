/**
 * The simulated MTA of a relay, for one shared delivery created with simulation rates: it relays
 * the recipients the pace and its own rate allow, in position order, and reports what happens to
 * each message by the same stories as the page's simulated MTA (simulator/stories.ts). Everything
 * it sends goes into the relay's log as feedback facts, so every replica sees the same send.
 *
 * It keeps nothing a restart would lose: a new run reads from the relay's replica which messages
 * were relayed (and in which minute) and which events each already received, and schedules the
 * rest of each story (events that fell due while the relay was down are reported late, once). A
 * message relayed before the restart is never relayed again.
 */
import { ENGAGEMENT_BITS, EXCLUDED_BIT, outcomeBit, reasonOfCode } from '../rules/event-codes.js';
import { isEngagementEvent } from '../rules/feedback-rules.js';
import { countsOf } from '../rules/indicators.js';
import { dueBy } from '../rules/pace.js';
import { INTERVAL_MS } from '../rules/timeline.js';
import { EventHeap, type ScheduledEvent } from '../simulator/event-heap.js';
import { DEFAULTS } from '../simulator/mta-options.js';
import { RelayPacing, scheduleStories } from '../simulator/relay-pacing.js';
import { storyOf, type StoryRates } from '../simulator/stories.js';
import { stateLayoutOf } from '../store/layout.js';
import { toDelivery, type DeliveryRecord, type StateChunk } from '../store/schema.js';
import { FAILURE_REASONS, FEEDBACK_EVENT_TYPES } from '../types.js';
import type { Ledger } from './ledger.js';

/** Recipients relayed in one step at most (the next step takes more). */
const MAX_RELAYS_PER_STEP = 50_000;
const RELAY_INTERVAL_MS = 3_600_000 / DEFAULTS.relayPerHour;

/** Events of one step, as a feedback fact's columns. */
export interface SimulatedEvents {
  readonly recipients: number[];
  readonly types: number[];
  readonly times: number[];
  readonly reasons: number[];
}

/** Whether a message already received an event of this type (its bit is set). */
function received(chunk: StateChunk, slot: number, type: number): boolean {
  const name = FEEDBACK_EVENT_TYPES[type]!;
  return isEngagementEvent(name)
    ? (chunk.engagement[slot]! & ENGAGEMENT_BITS[name]) !== 0
    : (chunk.mask[slot]! & outcomeBit(name)) !== 0;
}

export class SimulationRun {
  private readonly heap = new EventHeap();
  private readonly rates: StoryRates;
  /** The next position to look at for a relay. */
  private next = 0;
  /** Recipients relayed so far (what the pace counts). */
  private handed: number;
  private readonly pacing: RelayPacing;
  /** Every recipient was looked at: nothing is left to relay. */
  private exhausted = false;

  constructor(
    private readonly ledger: Ledger,
    record: DeliveryRecord,
    simulation: Partial<StoryRates>,
    now: number,
  ) {
    this.rates = { ...DEFAULTS, ...simulation };
    this.handed = countsOf(record.tally, record.mode).relayed;
    this.pacing = new RelayPacing(now, RELAY_INTERVAL_MS);
    const startedAt = record.startedAt ?? now;
    const context = {
      channel: record.channel,
      mode: record.mode,
      endsAt: record.endsAt ?? Infinity,
    };
    const { size } = stateLayoutOf(record);
    ledger.chunksOf(record.id).forEach((chunk, index) => {
      for (let slot = 0; slot < chunk.mask.length; slot++) {
        const mask = chunk.mask[slot]!;
        if (mask === 0 || mask & EXCLUDED_BIT) continue;
        const minute = chunk.relayedIn?.[slot] ?? 1;
        const relayedAt = startedAt + (minute - 1) * INTERVAL_MS;
        for (const event of storyOf(this.rates, index * size + slot, {
          ...context,
          relayedAt,
        }))
          if (!received(chunk, slot, event.type)) this.heap.push(event);
      }
    });
  }

  /** Nothing is left to relay or report for the delivery as it stands. */
  done(record: DeliveryRecord): boolean {
    const relaying = record.state === 'in-progress' || record.state === 'paused';
    return (this.exhausted || !relaying) && this.heap.size === 0;
  }

  /** Relays what is due by `now` (while the delivery is in progress) and reports what happened. */
  step(record: DeliveryRecord, now: number): SimulatedEvents {
    const out: SimulatedEvents = { recipients: [], types: [], times: [], reasons: [] };
    if (record.state === 'in-progress') this.relay(record, now, out);
    else this.pacing.pause();
    while (this.heap.peekTime() <= now) this.add(out, this.heap.pop());
    return out;
  }

  private relay(record: DeliveryRecord, now: number, out: SimulatedEvents): void {
    const delivery = toDelivery(record);
    const capacity = this.pacing.capacity(delivery, now);
    const allowed = record.pace ? dueBy(delivery, now) - this.handed : capacity;
    const wanted = Math.min(capacity, allowed, MAX_RELAYS_PER_STEP);
    const taken: number[] = [];
    while (taken.length < wanted && this.next < record.recipientCount) {
      if (this.ledger.maskOf(record.id, this.next) === 0) taken.push(this.next);
      this.next++;
    }
    if (this.next >= record.recipientCount) this.exhausted = true;
    const times = this.pacing.times(delivery, taken.length, now);
    const relayed = FEEDBACK_EVENT_TYPES.indexOf('relayed');
    taken.forEach((recipient, index) =>
      this.add(out, { at: times[index]!, recipient, type: relayed, reason: 0 }),
    );
    scheduleStories(this.heap, this.rates, record, taken, times);
    this.handed += taken.length;
  }

  private add(out: SimulatedEvents, event: ScheduledEvent): void {
    const reason = reasonOfCode(event.reason);
    out.recipients.push(event.recipient);
    out.types.push(event.type);
    out.times.push(event.at);
    out.reasons.push(reason === null ? 0 : FAILURE_REASONS.indexOf(reason) + 1);
  }
}
