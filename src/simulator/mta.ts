/**
 * The embedded, simulated Enhanced MTA. It relays the messages of sending deliveries at a given
 * rate and reports what happens to them, deterministically from a seed, only through the store's
 * public API (applyFeedback). Model time is the store's clock.
 */
import { reasonOfCode } from '../rules/event-codes.js';
import { acceptsFeedback } from '../rules/lifecycle.js';
import { readId, readMethods, readNumberOption } from '../rules/valid-input.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import { FEEDBACK_EVENT_TYPES, type Delivery, type FeedbackEvent } from '../types.js';
import { EventHeap } from './event-heap.js';
import { DEFAULTS, readMtaOptions, readRates, type MtaOptions } from './mta-options.js';
import { RandomStream } from './random.js';
import { RelayPacing, scheduleStories } from './relay-pacing.js';
import type { StoryRates } from './stories.js';

export type { MtaOptions } from './mta-options.js';

export interface StepReport {
  readonly relayed: number;
  readonly events: number;
}

export interface SimulatedMta {
  readonly options: Readonly<Required<Omit<MtaOptions, 'onBatch'>>>;
  /** Rates for one delivery, overriding the MTA's own (set before it starts sending). */
  setRates(deliveryId: string, rates: Partial<StoryRates>): void;
  /** Relays and reports everything due up to the clock's time. */
  step(): Promise<StepReport>;
  /** Steps every `intervalMs` (10 ms to an hour) of real time until stop(). */
  start(intervalMs?: number): void;
  stop(): void;
}

interface Run {
  readonly delivery: Delivery;
  readonly rates: StoryRates;
  readonly heap: EventHeap;
  /** Model time of the next relay the MTA's own rate allows. */
  readonly pacing: RelayPacing;
  /** takeDue said nothing is left to hand over, and no lease is outstanding. */
  exhausted: boolean;
}

/** Recipients per takeDue call of the MTA. */
const TAKE_PER_CALL = 50_000;

export function createSimulatedMta(store: DeliveryStore, options: MtaOptions = {}): SimulatedMta {
  readMethods(
    'store',
    store,
    ['now', 'listDeliveries', 'applyFeedback', 'takeDue'],
    'a sendkit DeliveryStore',
  );
  const given = readMtaOptions(options);
  const settings = { ...DEFAULTS, ...given };
  const { onBatch } = given;
  const runs = new Map<string, Run>();
  const ratesByDelivery = new Map<string, StoryRates>();
  /** Deliveries with nothing left to relay or report. */
  const retired = new Set<string>();
  const duplicates = new RandomStream(settings.seed, 0x7fffffff);
  const relayIntervalMs = 3_600_000 / settings.relayPerHour;
  let timer: ReturnType<typeof setInterval> | null = null;
  let stepping: Promise<StepReport> | null = null;

  function runFor(delivery: Delivery): Run {
    const known = runs.get(delivery.id);
    if (known) return known;
    const run: Run = {
      delivery,
      rates: ratesByDelivery.get(delivery.id) ?? settings,
      heap: new EventHeap(),
      pacing: new RelayPacing(delivery.startedAt ?? store.clock.now(), relayIntervalMs),
      exhausted: false,
    };
    runs.set(delivery.id, run);
    return run;
  }

  /** What the MTA's own rate lets it relay by `now`, taken from the store at the pace's say. */
  async function take(run: Run, delivery: Delivery, now: number): Promise<number[]> {
    const capacity = run.pacing.capacity(delivery, now);
    const taken: number[] = [];
    while (taken.length < capacity) {
      const max = Math.min(capacity - taken.length, TAKE_PER_CALL);
      const due = await store.takeDue(delivery.id, { max });
      for (const { recipient } of due) taken.push(recipient);
      run.exhausted = due.remaining === 0 && due.nextDueAt === null;
      if (due.length < max) break;
    }
    return taken;
  }

  async function relay(run: Run, delivery: Delivery, now: number, out: FeedbackEvent[]) {
    const taken = await take(run, delivery, now);
    const times = run.pacing.times(delivery, taken.length, now);
    taken.forEach((recipient, index) =>
      out.push({ deliveryId: delivery.id, recipient, type: 'relayed', at: times[index]! }),
    );
    scheduleStories(run.heap, run.rates, delivery, taken, times);
    return taken.length;
  }

  function report(run: Run, now: number, out: FeedbackEvent[]): void {
    while (run.heap.peekTime() <= now) {
      const scheduled = run.heap.pop();
      const reason = reasonOfCode(scheduled.reason);
      const event: FeedbackEvent = {
        deliveryId: run.delivery.id,
        recipient: scheduled.recipient,
        type: FEEDBACK_EVENT_TYPES[scheduled.type]!,
        at: scheduled.at,
        ...(reason ? { reason } : {}),
      };
      out.push(event);
      if (settings.duplicateRate > 0 && duplicates.next() < settings.duplicateRate)
        out.push({ ...event });
    }
  }

  async function apply(events: FeedbackEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += settings.batchSize) {
      const batch = events.slice(start, start + settings.batchSize);
      onBatch?.(batch);
      await store.applyFeedback(batch);
    }
  }

  async function stepOnce(): Promise<StepReport> {
    await store.tick();
    const now = store.clock.now();
    let relayed = 0;
    let count = 0;
    for (const delivery of await store.listDeliveries()) {
      // A shared delivery is sent by its relay (whose own simulated MTA runs there).
      if (delivery.shared || !acceptsFeedback(delivery) || retired.has(delivery.id)) continue;
      const run = runFor(delivery);
      const events: FeedbackEvent[] = [];
      if (delivery.state === 'in-progress') relayed += await relay(run, delivery, now, events);
      else run.pacing.pause();
      report(run, now, events);
      count += events.length;
      await apply(events);
      const done = run.exhausted || delivery.state !== 'in-progress';
      if (done && run.heap.size === 0 && delivery.state !== 'paused') {
        runs.delete(delivery.id);
        retired.add(delivery.id);
      }
    }
    return { relayed, events: count };
  }

  return {
    options: settings,
    setRates(deliveryId, rates) {
      ratesByDelivery.set(readId(deliveryId, 'deliveryId'), { ...settings, ...readRates(rates) });
    },
    step() {
      stepping ??= stepOnce().finally(() => {
        stepping = null;
      });
      return stepping;
    },
    start(intervalMs = 250) {
      const every = readNumberOption('intervalMs', intervalMs, 10, 3_600_000) ?? 250;
      if (timer !== null) return;
      timer = setInterval(() => {
        if (!stepping)
          void this.step().catch((error: unknown) =>
            console.error('sendkit MTA step failed', error),
          );
      }, every);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
