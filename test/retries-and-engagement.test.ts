/** Retries and the validity period (SPEC §5); opens and clicks (SPEC §4). */
import { expect } from '@open-wc/testing';
import { HOUR_MS, type FeedbackEvent } from '../src/index.js';
import { closeStores, freshStore, sendingDelivery } from './helpers.js';

describe('retries and the validity period', () => {
  afterEach(closeStores);

  for (const efs of [false, true]) {
    it(`messages still retried when the validity period ends get their final status (efs ${efs})`, async () => {
      const { store, clock } = await freshStore();
      const delivery = await sendingDelivery(store, { efs, validityHours: 10 });
      const at = clock.now();
      const event = (
        recipient: number,
        type: FeedbackEvent['type'],
        extra: Partial<FeedbackEvent> = {},
      ): FeedbackEvent => ({
        deliveryId: delivery.id,
        recipient,
        type,
        at,
        ...extra,
      });
      await store.applyFeedback([
        ...[0, 1, 2, 3].map((recipient) => event(recipient, 'relayed')),
        ...(efs ? [event(0, 'delivered'), event(2, 'delivered')] : []),
        event(1, 'soft-bounce', { reason: 'Mailbox full' }),
        event(3, 'soft-bounce', { reason: 'Unreachable' }),
        event(3, 'retry-succeeded'),
      ]);
      const during = await store.getDelivery(delivery.id);
      expect(during.state).to.equal('in-progress');
      const deliveredBefore = (await store.readIndicators(delivery.id)).deliveredPercent;
      clock.advance(10 * HOUR_MS);
      await store.tick();
      const after = await store.getDelivery(delivery.id);
      expect(after.state).to.equal('finished');
      const rows = (await store.readLogs(delivery.id)).rows;
      expect([rows[1]!.status, rows[1]!.failureType, rows[1]!.reason]).to.deep.equal([
        'failed',
        'soft',
        'Mailbox full',
      ]);
      expect(rows[3]!.status).to.equal('sent');
      const indicators = await store.readIndicators(delivery.id);
      expect(indicators.retrying).to.equal(0);
      // Without EFS the Delivered % goes down at the end; with EFS it does not move.
      if (efs) expect(indicators.deliveredPercent).to.equal(deliveredBefore);
      else expect(indicators.deliveredPercent).to.be.below(deliveredBefore);
    });
  }

  it('"Sending (retry)" while soft bounces are retried, finished when nothing is left (EFS)', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 2 }, efs: true });
    const at = clock.now();
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'delivered', at },
      { deliveryId: delivery.id, recipient: 1, type: 'soft-bounce', at, reason: 'Mailbox full' },
    ]);
    expect((await store.readIndicators(delivery.id)).retrying).to.equal(1);
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
    clock.advance(HOUR_MS);
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 1, type: 'retry-succeeded', at: clock.now() },
    ]);
    expect((await store.getDelivery(delivery.id)).state).to.equal('finished');
  });
});

describe('opens and clicks', () => {
  afterEach(closeStores);

  it('are unique per recipient, a click implies an open, and rates refresh at most hourly', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 4 } });
    const at = clock.now();
    const events: FeedbackEvent[] = [0, 1, 2, 3].map((recipient) => ({
      deliveryId: delivery.id,
      recipient,
      type: 'relayed',
      at,
    }));
    await store.applyFeedback(events);
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'open', at },
      { deliveryId: delivery.id, recipient: 0, type: 'open', at: at + 5 },
      { deliveryId: delivery.id, recipient: 1, type: 'click', at },
      { deliveryId: delivery.id, recipient: 1, type: 'click', at: at + 9 },
    ]);
    let indicators = await store.readIndicators(delivery.id);
    expect([indicators.opens, indicators.clicks]).to.deep.equal([2, 1]);
    // Published rates still show the start's values until an hour has passed.
    expect([indicators.openRate, indicators.clickRate]).to.deep.equal([0, 0]);
    clock.advance(30 * 60 * 1000);
    await store.tick();
    expect((await store.readIndicators(delivery.id)).openRate).to.equal(0);
    clock.advance(30 * 60 * 1000);
    await store.tick();
    indicators = await store.readIndicators(delivery.id);
    expect([indicators.openRate, indicators.clickRate]).to.deep.equal([50, 25]);
    expect(indicators.engagementRefreshedAt).to.equal(clock.now());
  });

  it('Compute stats refreshes opens and clicks at once', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 2 } });
    const at = clock.now();
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'relayed', at },
      { deliveryId: delivery.id, recipient: 1, type: 'relayed', at },
      { deliveryId: delivery.id, recipient: 0, type: 'click', at },
    ]);
    clock.advance(60_000);
    const stats = await store.computeStats(delivery.id);
    expect([stats.openRate, stats.clickRate, stats.engagementRefreshedAt]).to.deep.equal([
      50,
      50,
      clock.now(),
    ]);
  });

  it('rates are per channel: push has an open rate only, SMS neither', async () => {
    const { store } = await freshStore();
    const push = await store.readIndicators((await sendingDelivery(store, { channel: 'push' })).id);
    const sms = await store.readIndicators((await sendingDelivery(store, { channel: 'sms' })).id);
    expect([push.openRate, push.clickRate]).to.deep.equal([0, null]);
    expect([sms.openRate, sms.clickRate]).to.deep.equal([null, null]);
  });

  it('a rate is at most 100 % and 0 % when nothing was delivered', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 2 } });
    const at = clock.now();
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'hard-bounce', at, reason: 'User unknown' },
      { deliveryId: delivery.id, recipient: 1, type: 'relayed', at },
      { deliveryId: delivery.id, recipient: 0, type: 'open', at },
      { deliveryId: delivery.id, recipient: 1, type: 'open', at },
    ]);
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 1, type: 'hard-bounce', at, reason: 'Refused' },
    ]);
    const stats = await store.computeStats(delivery.id);
    expect(stats.delivered).to.equal(0);
    expect(stats.openRate).to.equal(0);
    const empty = await store.readIndicators((await sendingDelivery(store)).id);
    expect([empty.deliveredPercent, empty.bouncesPercent, empty.relayedPercent]).to.deep.equal([
      0, 0, 0,
    ]);
  });
});
