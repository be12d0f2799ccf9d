/**
 * The reputation guard: a running delivery is paused by the system, in the transaction of the
 * feedback that made a rate cross its threshold, never before enough messages were relayed, once
 * per crossing whatever the batching or order; resuming acknowledges it, and only a further rise
 * pauses again. Alerts come with the changes that make them.
 */
import { expect } from '@open-wc/testing';
import {
  InputError,
  type DeliveryAlert,
  type DeliveryStore,
  type FeedbackEvent,
  type StoreChange,
} from '../src/index.js';
import { DEFAULT_GUARD, GUARD_MARGIN_POINTS, alertOfState, guardTrip } from '../src/rules/index.js';
import {
  addresses,
  closeStores,
  freshStore,
  rejection,
  sendingDelivery,
  starter,
  armedRecurring,
  occurrencesOf,
} from './helpers.js';
import { seeded, shuffle, splitRandomly } from './random.js';

const GUARD = { hardBounceRate: 5, bounceRate: 10, minRelayed: 100, complaintRate: 0.3 };

function events(
  deliveryId: string,
  at: number,
  counts: { relayed: number; hard?: number; retriesFailed?: number; delivered?: number },
): FeedbackEvent[] {
  const out: FeedbackEvent[] = [];
  let recipient = 0;
  for (let index = 0; index < (counts.hard ?? 0); index++)
    out.push({
      deliveryId,
      recipient: recipient++,
      type: 'hard-bounce',
      at,
      reason: 'User unknown',
    });
  for (let index = 0; index < (counts.retriesFailed ?? 0); index++)
    out.push({
      deliveryId,
      recipient: recipient++,
      type: 'retries-failed',
      at,
      reason: 'Mailbox full',
    });
  for (let index = 0; index < (counts.delivered ?? 0); index++)
    out.push({ deliveryId, recipient: recipient++, type: 'delivered', at });
  while (recipient < counts.relayed)
    out.push({ deliveryId, recipient: recipient++, type: 'relayed', at });
  return out;
}

async function guarded(store: DeliveryStore, options: { efs?: boolean; count?: number } = {}) {
  return sendingDelivery(store, {
    efs: options.efs ?? true,
    recipients: { addresses: addresses(options.count ?? 1_000) },
    guard: GUARD,
  });
}

const guardPauses = async (store: DeliveryStore, id: string) =>
  (await store.getDelivery(id)).journal.filter((entry) => entry.action === 'guard-pause');

function collectAlerts(store: DeliveryStore): DeliveryAlert[] {
  const alerts: DeliveryAlert[] = [];
  store.subscribe((change: StoreChange) => alerts.push(...change.alerts));
  return alerts;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the reputation guard, as a rule', () => {
  it('judges nothing before minRelayed, then the hard-bounce rate first, then bounces + errors', () => {
    expect(guardTrip(GUARD, { relayed: 99, bounces: 99, hardBounces: 99 }, null)).to.equal(null);
    expect(guardTrip(GUARD, { relayed: 100, bounces: 9, hardBounces: 4 }, null)).to.equal(null);
    expect(guardTrip(GUARD, { relayed: 100, bounces: 10, hardBounces: 4 }, null)?.measure).to.equal(
      'bounces',
    );
    const hard = guardTrip(GUARD, { relayed: 200, bounces: 30, hardBounces: 10 }, null)!;
    expect(hard).to.deep.equal({ measure: 'hard-bounces', rate: 5, threshold: 5, relayed: 200 });
  });

  it('after an acknowledgement, only a rise of GUARD_MARGIN_POINTS more trips it again', () => {
    const accepted = { hardBounceRate: 6, bounceRate: 6 };
    expect(guardTrip(GUARD, { relayed: 100, bounces: 7, hardBounces: 7 }, accepted)).to.equal(null);
    const again = guardTrip(GUARD, { relayed: 100, bounces: 8, hardBounces: 8 }, accepted)!;
    expect(again.threshold).to.equal(6 + GUARD_MARGIN_POINTS);
  });
});

describe('the reputation guard in the store', () => {
  afterEach(closeStores);

  it('pauses a delivery in the batch that crosses, with the journal text and an alert', async () => {
    const { store } = await freshStore();
    const delivery = await guarded(store);
    const alerts = collectAlerts(store);
    await store.applyFeedback(events(delivery.id, store.now(), { relayed: 100, hard: 6 }));
    const paused = await store.getDelivery(delivery.id);
    expect(paused.state).to.equal('paused');
    expect(paused.journal.at(-1)!.message).to.equal(
      'Delivery paused by the reputation guard: 6.0 % hard bounces after 100 messages',
    );
    expect(paused.journal.at(-1)!.user).to.equal('system');
    expect(paused.guardPause).to.deep.equal({
      measure: 'hard-bounces',
      rate: 6,
      threshold: 5,
      relayed: 100,
    });
    await settle();
    expect(alerts.map((alert) => [alert.kind, alert.deliveryId, alert.detail])).to.deep.equal([
      ['guard-paused', delivery.id, '6.0 % hard bounces after 100 messages'],
    ]);
  });

  it('crosses across batches exactly when the rate reaches the threshold', async () => {
    const { store } = await freshStore();
    const delivery = await guarded(store);
    const all = events(delivery.id, store.now(), { relayed: 200, hard: 10 });
    // Relays first, then the hard bounces one at a time: the tenth makes 5 %.
    const relays = all.filter((event) => event.type === 'relayed');
    await store.applyFeedback(relays);
    const bounces = all.filter((event) => event.type === 'hard-bounce');
    for (const [index, event] of bounces.entries()) {
      await store.applyFeedback([event]);
      expect((await store.getDelivery(delivery.id)).state, `after ${index + 1}`).to.equal(
        index + 1 < 10 ? 'in-progress' : 'paused',
      );
    }
  });

  it('judges nothing before minRelayed', async () => {
    const { store } = await freshStore();
    const delivery = await guarded(store);
    await store.applyFeedback(events(delivery.id, store.now(), { relayed: 50, hard: 20 }));
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
    const more: FeedbackEvent[] = Array.from({ length: 50 }, (_, index) => ({
      deliveryId: delivery.id,
      recipient: 50 + index,
      type: 'relayed',
      at: store.now(),
    }));
    await store.applyFeedback(more);
    expect((await store.getDelivery(delivery.id)).state).to.equal('paused');
  });

  it('pauses once per crossing, whatever the batching and order of the feedback', async () => {
    const random = seeded(7);
    for (let run = 0; run < 12; run++) {
      const { store } = await freshStore();
      const delivery = await guarded(store, { count: 300 });
      const all = events(delivery.id, store.now(), { relayed: 300, hard: 30, delivered: 100 });
      for (const batch of splitRandomly(shuffle([...all, ...all.slice(0, 40)], random), random)) {
        await store.applyFeedback(batch);
      }
      expect(await guardPauses(store, delivery.id), `run ${run}`).to.have.length(1);
      expect((await store.getDelivery(delivery.id)).state).to.equal('paused');
    }
  });

  it('reads the bounce rate in the delivery’s own mode: retries failed count with EFS only', async () => {
    const { store } = await freshStore();
    const efs = await guarded(store, { efs: true });
    const standard = await guarded(store, { efs: false });
    await store.applyFeedback(events(efs.id, store.now(), { relayed: 100, retriesFailed: 12 }));
    await store.applyFeedback(
      events(standard.id, store.now(), { relayed: 100, retriesFailed: 12 }),
    );
    const tripped = await store.getDelivery(efs.id);
    expect(tripped.state).to.equal('paused');
    expect(tripped.guardPause?.measure).to.equal('bounces');
    expect((await store.getDelivery(standard.id)).state).to.equal('in-progress');
  });

  it('resuming acknowledges the guard; it pauses again only past the further margin', async () => {
    const { store } = await freshStore();
    const delivery = await guarded(store);
    await store.applyFeedback(events(delivery.id, store.now(), { relayed: 100, hard: 6 }));
    const resumed = await store.resume(starter, delivery.id);
    expect(resumed.state).to.equal('in-progress');
    expect(resumed.guardPause).to.equal(null);
    expect(resumed.journal.at(-1)!.message).to.equal(
      "Reputation guard acknowledged by user 'ana': it pauses again at 8.0 % hard bounces, 10.0 % bounces + errors or 0.30 % complaints",
    );
    const hard = (from: number, count: number): FeedbackEvent[] =>
      Array.from({ length: count }, (_, index) => ({
        deliveryId: delivery.id,
        recipient: from + index,
        type: 'hard-bounce',
        at: store.now(),
        reason: 'User unknown',
      }));
    await store.applyFeedback(hard(6, 1)); // 7 %: below 6 + 2
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
    await store.applyFeedback(hard(7, 1)); // 8 %
    expect((await store.getDelivery(delivery.id)).state).to.equal('paused');
    expect(await guardPauses(store, delivery.id)).to.have.length(2);
  });

  it('stop ends a guarded pause; the guard is off without one; defaults and bad guards', async () => {
    const { store } = await freshStore();
    const delivery = await guarded(store);
    await store.applyFeedback(events(delivery.id, store.now(), { relayed: 100, hard: 50 }));
    expect((await store.stop(starter, delivery.id)).guardPause).to.equal(null);
    const unguarded = await sendingDelivery(store, { recipients: { addresses: addresses(200) } });
    await store.applyFeedback(events(unguarded.id, store.now(), { relayed: 200, hard: 100 }));
    expect((await store.getDelivery(unguarded.id)).state).to.equal('in-progress');
    const defaults = await store.createDelivery(starter, {
      label: 'D',
      channel: 'email',
      recipients: { generated: 1 },
      guard: true,
    });
    expect(defaults.guard).to.deep.equal(DEFAULT_GUARD);
    const partial = await store.createDelivery(starter, {
      label: 'P',
      channel: 'email',
      recipients: { generated: 1 },
      guard: { minRelayed: 50 },
    });
    expect(partial.guard).to.deep.equal({ ...DEFAULT_GUARD, minRelayed: 50 });
    for (const guard of [
      { hardBounceRate: 0 },
      { bounceRate: 101 },
      { minRelayed: 0 },
      { minRelayed: 1.5 },
      { hardBounceRate: '5' },
      'yes',
      7,
    ]) {
      const error = await rejection(
        store.createDelivery(starter, {
          label: 'X',
          channel: 'email',
          recipients: { generated: 1 },
          guard: guard as never,
        }),
      );
      expect(error, JSON.stringify(guard)).to.be.instanceOf(InputError);
    }
  });
});

describe('alerts', () => {
  afterEach(closeStores);

  it('a finished delivery announces its final rates; a failed one its error', async () => {
    const { store } = await freshStore();
    const alerts = collectAlerts(store);
    const delivery = await sendingDelivery(store, {
      efs: true,
      recipients: { addresses: addresses(4) },
    });
    await store.applyFeedback([
      ...events(delivery.id, store.now(), { relayed: 4, hard: 1, delivered: 3 }),
    ]);
    const failing = await sendingDelivery(store);
    await store.reportPlatformError(failing.id, 'The MTA is down');
    await settle();
    const finished = alerts.find((alert) => alert.kind === 'finished')!;
    expect(finished.deliveryId).to.equal(delivery.id);
    expect(finished.deliveredPercent).to.equal(75);
    expect(finished.bouncesPercent).to.equal(25);
    expect(alerts.find((alert) => alert.kind === 'failed')).to.deep.include({
      deliveryId: failing.id,
      detail: 'The MTA is down',
    });
  });

  it('read back from state (a restarted background catching up), each alert is the one announced', async () => {
    const { store } = await freshStore();
    const alerts = collectAlerts(store);
    const done = await sendingDelivery(store, {
      efs: true,
      recipients: { addresses: addresses(4) },
    });
    await store.applyFeedback(events(done.id, store.now(), { relayed: 4, hard: 1, delivered: 3 }));
    const failing = await sendingDelivery(store);
    await store.reportPlatformError(failing.id, 'The MTA is down');
    const paused = await guarded(store);
    await store.applyFeedback(events(paused.id, store.now(), { relayed: 100, hard: 6 }));
    await settle();
    expect(alerts.map((alert) => alert.kind)).to.deep.equal(['finished', 'failed', 'guard-paused']);
    for (const announced of alerts) {
      const snapshot = await store.readSnapshot(announced.deliveryId);
      const caughtUp = alertOfState(snapshot.delivery, snapshot.indicators, announced.at);
      expect(caughtUp).to.deep.equal(announced);
    }
    expect(alerts[0]!.deliveredPercent).to.equal(75);
  });

  it('an occurrence waiting for confirmation, and a validity about to end with messages retried', async () => {
    const { store, clock } = await freshStore();
    const alerts = collectAlerts(store);
    const template = await armedRecurring(store, {
      every: 'day',
      aggregation: 'none',
      requestConfirmation: true,
    });
    const [occurrence] = await occurrencesOf(store, template.id);
    await settle();
    expect(
      alerts
        .filter((alert) => alert.kind === 'awaiting-confirmation')
        .map((alert) => alert.deliveryId),
    ).to.deep.equal([occurrence!.id]);

    const retried = await sendingDelivery(store, { validityHours: 12 });
    await store.applyFeedback([
      {
        deliveryId: retried.id,
        recipient: 0,
        type: 'soft-bounce',
        at: store.now(),
        reason: 'Mailbox full',
      },
    ]);
    clock.advance(5 * 3_600_000);
    await store.tick();
    await settle();
    expect(alerts.some((alert) => alert.kind === 'validity-ending')).to.equal(false);
    clock.advance(2 * 3_600_000);
    await store.tick();
    await store.tick();
    await settle();
    const ending = alerts.filter((alert) => alert.kind === 'validity-ending');
    expect(ending).to.have.length(1);
    expect(ending[0]).to.deep.include({ deliveryId: retried.id, retrying: 1 });
  });
});
