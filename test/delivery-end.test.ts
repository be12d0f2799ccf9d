/**
 * When a delivery ends (SPEC §2, §5, §7): a message being retried is not final in either mode,
 * the end of the validity period fails it, and nothing depends on how the same feedback was cut
 * into batches or ordered, before or after the validity end.
 */
import { expect } from '@open-wc/testing';
import {
  HOUR_MS,
  type DeliveryMode,
  type DeliveryStore,
  type FailureReason,
  type FeedbackEvent,
  type FeedbackEventType,
} from '../src/index.js';
import { closeStores, freshStore, sendingDelivery } from './helpers.js';
import { pick, seeded, shuffle, splitRandomly, type Random } from './random.js';

const RECIPIENTS = 30;
const VALIDITY_HOURS = 10;
const SOFT_REASONS: readonly FailureReason[] = ['Mailbox full', 'Unreachable', 'Refused'];

/** One recipient's feedback: a plausible story, with duplicates; reasons fixed per recipient. */
function storyEvents(
  deliveryId: string,
  recipient: number,
  at: number,
  random: Random,
  relayChance: number,
): FeedbackEvent[] {
  const reason = pick(SOFT_REASONS, random);
  const types: FeedbackEventType[] = [];
  if (random() < relayChance) types.push('relayed');
  const outcome = random();
  if (outcome < 0.15) types.push('hard-bounce');
  else if (outcome < 0.5) {
    types.push('soft-bounce');
    const then = random();
    if (then < 0.3) types.push('retry-succeeded');
    else if (then < 0.5) types.push('delivered');
    else if (then < 0.6) types.push('retries-failed');
  } else if (outcome < 0.8) types.push('delivered');
  if (random() < 0.3) types.push('open');
  if (random() < 0.1) types.push('click');
  if (types.length > 0 && random() < 0.3) types.push(pick(types, random));
  return types.map((type) => {
    const needsReason = type === 'hard-bounce' ? 'User unknown' : null;
    const soft = type === 'soft-bounce' || type === 'retries-failed' ? reason : null;
    const eventReason = needsReason ?? soft;
    return eventReason
      ? { deliveryId, recipient, type, at, reason: eventReason }
      : { deliveryId, recipient, type, at };
  });
}

/** Every message relayed (the case where a delivery could end too early), or most of them. */
function randomStream(deliveryId: string, random: Random, relayChance: number): FeedbackEvent[] {
  const events: FeedbackEvent[] = [];
  for (let recipient = 0; recipient < RECIPIENTS; recipient++)
    events.push(...storyEvents(deliveryId, recipient, 0, random, relayChance));
  return events;
}

/** What must not depend on batching: statuses, failure types, reasons, counts and the state. */
async function outcome(store: DeliveryStore, id: string): Promise<string> {
  const { state } = await store.getDelivery(id);
  const {
    engagementRefreshedAt: _refreshed,
    openRate: _open,
    clickRate: _click,
    ...counts
  } = await store.readIndicators(id);
  const { rows } = await store.readLogs(id, { limit: RECIPIENTS });
  return JSON.stringify({
    state,
    counts,
    rows: rows.map((row) => [row.status, row.failureType, row.reason, row.opened, row.clicked]),
  });
}

interface Run {
  readonly store: DeliveryStore;
  readonly id: string;
  readonly start: number;
  /** Moves the clock past the validity end (and `late` more), then ticks. */
  advancePastEnd(late?: number): Promise<void>;
}

async function newRun(mode: DeliveryMode): Promise<Run> {
  const { store, clock } = await freshStore();
  const delivery = await sendingDelivery(store, {
    efs: mode === 'efs',
    validityHours: VALIDITY_HOURS,
    recipients: { generated: RECIPIENTS },
  });
  return {
    store,
    id: delivery.id,
    start: clock.now(),
    async advancePastEnd(late = 0) {
      clock.advance(VALIDITY_HOURS * HOUR_MS + 1 + late);
      await store.tick();
    },
  };
}

async function applyAll(store: DeliveryStore, batches: readonly FeedbackEvent[][]): Promise<void> {
  for (const batch of batches) await store.applyFeedback(batch);
}

describe('the end of a delivery', () => {
  afterEach(closeStores);

  it('without EFS, a delivery whose messages are all relayed keeps sending while a soft bounce can still come', async () => {
    const run = await newRun('standard');
    const at = run.start;
    await run.store.applyFeedback(
      Array.from({ length: RECIPIENTS }, (_, recipient) => ({
        deliveryId: run.id,
        recipient,
        type: 'relayed' as const,
        at,
      })),
    );
    expect((await run.store.getDelivery(run.id)).state).to.equal('in-progress');
    await run.store.applyFeedback([
      { deliveryId: run.id, recipient: 3, type: 'soft-bounce', at, reason: 'Mailbox full' },
    ]);
    const during = await run.store.readIndicators(run.id);
    expect([(await run.store.getDelivery(run.id)).state, during.retrying]).to.deep.equal([
      'in-progress',
      1,
    ]);
    await run.advancePastEnd();
    const row = (await run.store.readLogs(run.id, { limit: 5 })).rows[3]!;
    expect([row.status, row.failureType, row.reason]).to.deep.equal([
      'failed',
      'soft',
      'Mailbox full',
    ]);
    expect((await run.store.getDelivery(run.id)).state).to.equal('finished');
  });

  it('a message failed by the validity end keeps the validity end as its log time, whenever the tick runs', async () => {
    const run = await newRun('standard');
    const at = run.start;
    await run.store.applyFeedback([
      { deliveryId: run.id, recipient: 0, type: 'relayed', at },
      { deliveryId: run.id, recipient: 0, type: 'soft-bounce', at, reason: 'Mailbox full' },
    ]);
    const { endsAt } = await run.store.getDelivery(run.id);
    // The page was closed at the end: the tick comes a day late.
    await run.advancePastEnd(24 * HOUR_MS);
    const row = (await run.store.readLogs(run.id, { limit: 1 })).rows[0]!;
    expect([row.status, row.failureType]).to.deep.equal(['failed', 'soft']);
    expect(row.at).to.equal(endsAt);
    expect(row.at).to.be.below(run.store.now());
  });

  it('a soft bounce reported after the validity end fails the message at once', async () => {
    const run = await newRun('standard');
    const at = run.start;
    await run.store.applyFeedback([{ deliveryId: run.id, recipient: 0, type: 'relayed', at }]);
    await run.advancePastEnd();
    await run.store.applyFeedback([
      { deliveryId: run.id, recipient: 0, type: 'soft-bounce', at, reason: 'Refused' },
    ]);
    const indicators = await run.store.readIndicators(run.id);
    expect([indicators.retrying, indicators.failed]).to.deep.equal([0, 1]);
  });

  for (const mode of ['standard', 'efs'] as const) {
    it(`any split and order of the same feedback gives the same result, before and after the validity end (${mode})`, async () => {
      for (let seed = 1; seed <= 6; seed++) {
        const random = seeded(seed * 7919);
        // The stream is generated once against a throwaway id, then aimed at each run.
        const template = randomStream('x', random, seed % 2 === 0 ? 0.9 : 1);
        const aim = (run: Run): FeedbackEvent[] =>
          template.map((event) => ({ ...event, deliveryId: run.id, at: run.start }));

        const whole = await newRun(mode);
        await whole.store.applyFeedback(aim(whole));
        const beforeEnd = await outcome(whole.store, whole.id);
        await whole.advancePastEnd();
        const afterEnd = await outcome(whole.store, whole.id);

        const split = await newRun(mode);
        await applyAll(split.store, splitRandomly(shuffle(aim(split), random), random));
        expect(await outcome(split.store, split.id), `seed ${seed}, before the end`).to.equal(
          beforeEnd,
        );

        // As an MTA reports: every relay first, then the rest in random batches.
        const relaysFirst = await newRun(mode);
        const events = aim(relaysFirst);
        const isRelay = (event: FeedbackEvent): boolean => event.type === 'relayed';
        await applyAll(relaysFirst.store, [
          events.filter(isRelay),
          ...splitRandomly(
            shuffle(
              events.filter((event) => !isRelay(event)),
              random,
            ),
            random,
          ),
        ]);
        await relaysFirst.advancePastEnd();
        expect(
          await outcome(relaysFirst.store, relaysFirst.id),
          `seed ${seed}, relays first`,
        ).to.equal(afterEnd);

        // Part before the validity end, the rest after it, in another order.
        const straddling = await newRun(mode);
        const batches = splitRandomly(shuffle(aim(straddling), random), random);
        const cut = Math.floor(random() * (batches.length + 1));
        await applyAll(straddling.store, batches.slice(0, cut));
        await straddling.advancePastEnd();
        await applyAll(straddling.store, batches.slice(cut));
        expect(
          await outcome(straddling.store, straddling.id),
          `seed ${seed}, ${cut} of ${batches.length} batches before the end`,
        ).to.equal(afterEnd);

        await split.advancePastEnd();
        expect(await outcome(split.store, split.id), `seed ${seed}, after the end`).to.equal(
          afterEnd,
        );
        await closeStores();
      }
    });
  }
});
