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
import { storyOf, type StoryRates } from './stories.js';

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
  readonly excluded: Uint8Array;
  readonly heap: EventHeap;
  nextRecipient: number;
  /** Model time of the next relay. */
  relayCursor: number;
  active: boolean;
}

export function createSimulatedMta(store: DeliveryStore, options: MtaOptions = {}): SimulatedMta {
  readMethods(
    'store',
    store,
    ['now', 'listDeliveries', 'applyFeedback'],
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

  async function runFor(delivery: Delivery): Promise<Run> {
    const known = runs.get(delivery.id);
    if (known) return known;
    const excluded = new Uint8Array(delivery.recipientCount);
    for (let offset = 0; ;) {
      const page = await store.readExclusionLogs(delivery.id, { offset, limit: 10_000 });
      for (const row of page.rows) excluded[row.recipient] = 1;
      offset += page.rows.length;
      if (page.rows.length === 0 || offset >= page.total) break;
    }
    const run: Run = {
      delivery,
      rates: ratesByDelivery.get(delivery.id) ?? settings,
      excluded,
      heap: new EventHeap(),
      nextRecipient: 0,
      relayCursor: delivery.startedAt ?? store.clock.now(),
      active: true,
    };
    runs.set(delivery.id, run);
    return run;
  }

  function relay(run: Run, delivery: Delivery, now: number, out: FeedbackEvent[]): number {
    const { excluded, heap } = run;
    // After a pause, relaying resumes from the resume, not from where it stopped.
    if (!run.active) {
      const resumedAt = delivery.journal.findLast((entry) => entry.action === 'resume')?.at ?? now;
      run.relayCursor = Math.max(run.relayCursor, resumedAt);
    }
    run.active = true;
    let relayed = 0;
    while (run.nextRecipient < delivery.recipientCount && run.relayCursor <= now) {
      const recipient = run.nextRecipient++;
      if (excluded[recipient]) continue;
      const at = Math.floor(run.relayCursor);
      run.relayCursor += relayIntervalMs;
      out.push({ deliveryId: delivery.id, recipient, type: 'relayed', at });
      relayed++;
      const context = {
        channel: delivery.channel,
        mode: delivery.mode,
        relayedAt: at,
        endsAt: delivery.endsAt ?? Infinity,
      };
      for (const event of storyOf(run.rates, recipient, context)) heap.push(event);
    }
    return relayed;
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
      if (!acceptsFeedback(delivery) || retired.has(delivery.id)) continue;
      const run = await runFor(delivery);
      const events: FeedbackEvent[] = [];
      if (delivery.state === 'in-progress') relayed += relay(run, delivery, now, events);
      else run.active = false;
      report(run, now, events);
      count += events.length;
      await apply(events);
      const done = run.nextRecipient >= delivery.recipientCount || delivery.state !== 'in-progress';
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
