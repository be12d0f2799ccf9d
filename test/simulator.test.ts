/** The embedded MTA: deterministic from a seed, reporting only through the public API. */
import { expect } from '@open-wc/testing';
import { HOUR_MS, type FeedbackEvent } from '../src/index.js';
import { createSimulatedMta } from '../src/simulator/index.js';
import { retryTimes } from '../src/simulator/stories.js';
import { closeStores, freshStore, sendingDelivery } from './helpers.js';

async function runSimulation(seed: number, efs: boolean) {
  const { store, clock } = await freshStore();
  const delivery = await sendingDelivery(store, {
    efs,
    recipients: { generated: 2_000 },
    validityHours: 24,
  });
  const events: FeedbackEvent[] = [];
  const mta = createSimulatedMta(store, {
    seed,
    hardBounceRate: 0.05,
    softBounceRate: 0.1,
    retrySuccessRate: 0.3,
    relayPerHour: 3_600_000,
    duplicateRate: 0.05,
    onBatch: (batch) => events.push(...batch),
  });
  for (let step = 0; step < 30; step++) {
    clock.advance(HOUR_MS);
    await mta.step();
  }
  const shape = events.map((event) => [
    event.recipient,
    event.type,
    event.at - delivery.startedAt!,
    event.reason ?? '',
  ]);
  return { store, delivery, events, shape };
}

describe('the simulated MTA', () => {
  afterEach(closeStores);

  it('the same seed gives the same delivery, event for event; another seed does not', async () => {
    const first = await runSimulation(7, true);
    const again = await runSimulation(7, true);
    const other = await runSimulation(8, true);
    expect(first.shape.length).to.be.greaterThan(2_000);
    expect(JSON.stringify(again.shape)).to.equal(JSON.stringify(first.shape));
    expect(JSON.stringify(other.shape)).to.not.equal(JSON.stringify(first.shape));
  });

  for (const efs of [false, true]) {
    it(`relays every message and ends the delivery by its validity period (efs ${efs})`, async () => {
      const { store, delivery, events } = await runSimulation(3, efs);
      const indicators = await store.readIndicators(delivery.id);
      expect(indicators.relayed).to.equal(2_000);
      expect(indicators.retrying).to.equal(0);
      expect((await store.getDelivery(delivery.id)).state).to.equal('finished');
      // Rates land near the configured ones: 5 % hard, 10 % soft of which about 3/4 recover.
      const hard = events.filter((event) => event.type === 'hard-bounce').length;
      expect(hard / 2_000).to.be.within(0.03, 0.07);
      expect(indicators.bounces).to.equal(
        efs
          ? indicators.failed
          : new Set(
              events
                .filter((event) => event.type === 'hard-bounce')
                .map((event) => event.recipient),
            ).size,
      );
      expect(indicators.delivered + indicators.failed).to.equal(2_000);
      expect(events.filter((event) => event.type === 'delivered').length > 0).to.equal(efs);
      const stats = await store.computeStats(delivery.id);
      expect(stats.delivered).to.equal(indicators.delivered);
    });
  }

  it('does not relay while paused, and resumes afterwards', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 1_000 } });
    const mta = createSimulatedMta(store, { relayPerHour: 3_600, seed: 1 });
    clock.advance(60_000);
    await mta.step();
    const before = (await store.readIndicators(delivery.id)).relayed;
    expect(before).to.be.within(55, 65);
    await store.pause({ name: 'ana', roles: ['start-deliveries'] }, delivery.id);
    clock.advance(60_000);
    await mta.step();
    expect((await store.readIndicators(delivery.id)).relayed).to.equal(before);
    await store.resume({ name: 'ana', roles: ['start-deliveries'] }, delivery.id);
    clock.advance(60_000);
    await mta.step();
    expect((await store.readIndicators(delivery.id)).relayed).to.be.within(
      before + 55,
      before + 65,
    );
  });

  it('never relays excluded recipients', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', '', 'a@x.org', 'b@x.org'] },
    });
    const mta = createSimulatedMta(store, { relayPerHour: 3_600_000 });
    clock.advance(HOUR_MS);
    await mta.step();
    expect((await store.readIndicators(delivery.id)).relayed).to.equal(2);
  });

  it('retries up to 5 times an hour apart in the first day, then daily, until validity ends', () => {
    const start = 0;
    const times = retryTimes(start, 84 * HOUR_MS);
    expect(times.slice(0, 5)).to.deep.equal([1, 2, 3, 4, 5].map((hours) => hours * HOUR_MS));
    expect(times.slice(5)).to.deep.equal([24, 48, 72].map((hours) => hours * HOUR_MS));
  });
});
