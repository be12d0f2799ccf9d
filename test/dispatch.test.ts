/**
 * takeDue, the dispatch seam: what the pace allows and nothing more, never an excluded or an
 * already relayed recipient, never the same recipient to two senders (two connections taking at
 * once), and nobody lost when a sender crashes between taking and reporting (the lease). Then the
 * simulated MTA on it: a paced send moves with model time, pause and resume control the rest,
 * and the guard pauses while most of the send is still waiting.
 */
import { expect } from '@open-wc/testing';
import { HOUR_MS, InputError, openStore, type FeedbackEvent } from '../src/index.js';
import { createSimulatedMta } from '../src/simulator/index.js';
import { closeStores, freshStore, rejection, sendingDelivery, starter } from './helpers.js';

const relayedEvents = (deliveryId: string, recipients: readonly number[], at: number) =>
  recipients.map((recipient): FeedbackEvent => ({ deliveryId, recipient, type: 'relayed', at }));

describe('takeDue: the dispatch seam', () => {
  afterEach(closeStores);

  it('hands over what the pace allows now, with addresses and tags, and says when more is due', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', '', 'a@x.org', 'b@x.org', 'c@x.org', 'd@x.org'] },
      pace: { perHour: 2 },
    });
    expect(delivery.pace).to.deep.equal({ perHour: 2, warmUp: null, window: null });
    expect(await store.takeDue(delivery.id)).to.have.length(0);
    clock.advance(HOUR_MS);
    // A lease longer than the wait for the next message, so the pace says when more is due.
    const first = await store.takeDue(delivery.id, { max: 10, leaseMs: 2 * HOUR_MS });
    // Recipient 1 has no address and 2 is a duplicate: excluded, never handed over.
    expect(first.map((due) => [due.recipient, due.address])).to.deep.equal([
      [0, 'a@x.org'],
      [3, 'b@x.org'],
    ]);
    expect(first[1]!.tags.sendgrid.custom_args).to.deep.equal({ sk_d: delivery.id, sk_r: '3' });
    expect(first[1]!.tags.headers['X-Sendkit-Recipient']).to.equal('3');
    expect(first.remaining).to.equal(2);
    expect(first.nextDueAt).to.equal(delivery.startedAt! + HOUR_MS + HOUR_MS / 2);
    expect(first.leaseUntil).to.equal(clock.now() + 2 * HOUR_MS);
    expect(await store.takeDue(delivery.id)).to.have.length(0);
    clock.advance(HOUR_MS);
    // Two hours allow four: one more is due at once.
    const third = await store.takeDue(delivery.id, { max: 1 });
    expect(third.map((due) => due.recipient)).to.deep.equal([4]);
    expect(third.nextDueAt).to.equal(clock.now());
    const last = await store.takeDue(delivery.id);
    expect(last.map((due) => due.recipient)).to.deep.equal([5]);
    expect(last.remaining).to.equal(0);
  });

  it('hands over nothing unless in progress; a resume continues with the rest, never the start', async () => {
    const { store, clock } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Paced',
      channel: 'email',
      recipients: { generated: 100 },
      pace: { perHour: 60 },
    });
    expect(await store.takeDue(created.id)).to.have.length(0);
    await store.prepare(starter, created.id);
    expect(await store.takeDue(created.id)).to.have.length(0);
    await store.confirm(starter, created.id);
    clock.advance(10 * 60_000);
    const before = await store.takeDue(created.id);
    expect(before.map((due) => due.recipient)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await store.applyFeedback(
      relayedEvents(created.id, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], clock.now()),
    );
    await store.pause(starter, created.id);
    clock.advance(HOUR_MS);
    const paused = await store.takeDue(created.id);
    expect(paused).to.have.length(0);
    expect(paused.nextDueAt).to.equal(null);
    await store.resume(starter, created.id);
    // The hour paused allowed nothing: the first minute after the resume allows one more.
    clock.advance(60_000);
    expect((await store.takeDue(created.id)).map((due) => due.recipient)).to.deep.equal([10]);
    await store.stop(starter, created.id);
    clock.advance(HOUR_MS);
    expect(await store.takeDue(created.id)).to.have.length(0);
  });

  it('refuses bad arguments with typed errors', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    for (const options of [
      { max: 0 },
      { max: 1.5 },
      { max: '5' },
      { leaseMs: 10 },
      { other: 1 },
      'all',
    ]) {
      expect(await rejection(store.takeDue(delivery.id, options as never))).to.be.instanceOf(
        InputError,
      );
    }
    expect((await rejection(store.takeDue('nope'))).name).to.equal('NotFoundError');
  });

  it('two connections taking at once never share a recipient, and together take everyone', async () => {
    const { store, name, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 20_000 } });
    const other = await openStore({ name, clock });
    const takes = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 ? other : store).takeDue(delivery.id, { max: 700 }),
      ),
    );
    await other.close();
    const all = takes.flatMap((batch) => batch.map((due) => due.recipient));
    expect(all).to.have.length(20_000);
    expect(new Set(all).size).to.equal(20_000);
    expect(takes.at(-1)!.remaining).to.equal(0);
  });

  it('a sender that crashes after taking loses nobody: the unreported come back after the lease', async () => {
    const { store, name, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 10 } });
    const taken = await store.takeDue(delivery.id, { max: 6, leaseMs: 60_000 });
    expect(taken.map((due) => due.recipient)).to.deep.equal([0, 1, 2, 3, 4, 5]);
    // Only 0 and 4 were reported relayed before the sender died.
    await store.applyFeedback(relayedEvents(delivery.id, [0, 4], clock.now()));
    await store.close();
    const reopened = await openStore({ name, clock });
    try {
      expect(
        (await reopened.takeDue(delivery.id, { max: 2 })).map((due) => due.recipient),
      ).to.deep.equal([6, 7]);
      clock.advance(60_000);
      const again = await reopened.takeDue(delivery.id, { max: 100 });
      expect(again.map((due) => due.recipient)).to.deep.equal([1, 2, 3, 5, 8, 9]);
      await reopened.applyFeedback(
        relayedEvents(delivery.id, [1, 2, 3, 5, 6, 7, 8, 9], clock.now()),
      );
      clock.advance(10 * 60_000);
      const done = await reopened.takeDue(delivery.id);
      expect(done).to.have.length(0);
      expect(done.remaining).to.equal(0);
      expect(done.nextDueAt).to.equal(null);
      expect((await reopened.readIndicators(delivery.id)).relayed).to.equal(10);
    } finally {
      await reopened.close();
    }
  });
});

describe('takeDue: leases', () => {
  afterEach(closeStores);

  it('leases taken one after another merge, and their recipients come back later, never sooner', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 10 } });
    await store.takeDue(delivery.id, { max: 3, leaseMs: 60_000 });
    clock.advance(1_000);
    await store.takeDue(delivery.id, { max: 3, leaseMs: 60_000 });
    clock.advance(59_000);
    // The first lease alone would have ended now; merged, it ends with the second.
    expect(
      (await store.takeDue(delivery.id, { max: 10 })).map((due) => due.recipient),
    ).to.deep.equal([6, 7, 8, 9]);
    clock.advance(1_000);
    const back = await store.takeDue(delivery.id, { max: 10 });
    expect(back.map((due) => due.recipient)).to.deep.equal([0, 1, 2, 3, 4, 5]);
  });
});

describe('the simulated MTA at a pace', () => {
  afterEach(closeStores);

  it('relays at the pace, inside the window, and no faster than the MTA itself', async () => {
    const { store, clock } = await freshStore(undefined);
    clock.set(Date.UTC(2026, 2, 23, 7)); // Monday 07:00 UTC
    const delivery = await sendingDelivery(store, {
      recipients: { generated: 10_000 },
      pace: {
        perHour: 1_200,
        window: { days: ['mon'], from: '08:00', to: '10:00', timeZone: 'UTC' },
      },
    });
    const events: FeedbackEvent[] = [];
    const mta = createSimulatedMta(store, {
      seed: 2,
      hardBounceRate: 0,
      softBounceRate: 0,
      onBatch: (batch) => events.push(...batch),
    });
    for (let step = 0; step < 16; step++) {
      clock.advance(15 * 60_000);
      await mta.step();
    }
    const relays = events.filter((event) => event.type === 'relayed');
    expect(relays).to.have.length(2_400);
    const eight = Date.UTC(2026, 2, 23, 8);
    for (const relay of relays) expect(relay.at).to.be.within(eight, eight + 2 * HOUR_MS - 1);
    const snapshot = await store.readSnapshot(delivery.id);
    expect(snapshot.indicators.relayed).to.equal(2_400);
  });

  it('the guard pauses while most of the send still waits, and Resume sends only the rest', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { generated: 100_000 },
      guard: true,
      pace: { perHour: 2_000 },
    });
    const mta = createSimulatedMta(store, { seed: 4, hardBounceRate: 0.12 });
    let state = delivery.state;
    for (let step = 0; step < 40 && state !== 'paused'; step++) {
      clock.advance(15 * 60_000);
      await mta.step();
      state = (await store.getDelivery(delivery.id)).state;
    }
    const paused = await store.readSnapshot(delivery.id);
    expect(paused.delivery.state).to.equal('paused');
    expect(paused.delivery.guardPause!.measure).to.equal('hard-bounces');
    expect(paused.indicators.relayed).to.be.below(5_000);
    clock.advance(HOUR_MS);
    await mta.step();
    expect((await store.readIndicators(delivery.id)).relayed).to.equal(paused.indicators.relayed);
    await store.resume(starter, delivery.id);
    clock.advance(HOUR_MS);
    await mta.step();
    const resumed = await store.readIndicators(delivery.id);
    expect(resumed.relayed - paused.indicators.relayed).to.be.within(1_999, 2_001);
  });

  it('a paced send ends with every message in the status an unpaced one gives it (the seed table holds)', async () => {
    const outcome = async (pace: { perHour: number } | null) => {
      const { store, clock } = await freshStore();
      const delivery = await sendingDelivery(store, {
        efs: true,
        recipients: { generated: 3_000 },
        validityHours: 84,
        pace,
      });
      const mta = createSimulatedMta(store, {
        seed: 9,
        hardBounceRate: 0.05,
        softBounceRate: 0.1,
        duplicateRate: 0.1,
      });
      for (let step = 0; step < 100; step++) {
        clock.advance(HOUR_MS);
        await mta.step();
      }
      const page = await store.readLogs(delivery.id, { limit: 3_000 });
      expect((await store.getDelivery(delivery.id)).state).to.equal('finished');
      return page.rows.map((row) => `${row.status}/${row.failureType ?? ''}/${row.reason ?? ''}`);
    };
    const paced = await outcome({ perHour: 600 });
    const unpaced = await outcome(null);
    expect(paced).to.deep.equal(unpaced);
  });
});
