/**
 * Complaints (a recipient reported the message as spam): counted once per recipient, in the same
 * transaction as the rest of the batch, recomputed by Compute stats; the complaint rate is
 * complaints / delivered with the mailbox providers' health bands; the reputation guard pauses at
 * its complaint-rate threshold (default 0.3 %); a provider's complaint both counts and denylists.
 */
import { expect } from '@open-wc/testing';
import { importFeedback } from '../src/feedback/index.js';
import type { FeedbackEvent } from '../src/index.js';
import { COMPLAINT_BANDS, DEFAULT_GUARD, complaintBand, guardTrip } from '../src/rules/index.js';
import { closeStores, freshStore, sendingDelivery, starter } from './helpers.js';

function events(
  deliveryId: string,
  type: FeedbackEvent['type'],
  from: number,
  count: number,
  at: number,
) {
  return Array.from({ length: count }, (_, index): FeedbackEvent => ({
    deliveryId,
    recipient: from + index,
    type,
    at,
  }));
}

describe('complaints', () => {
  afterEach(closeStores);

  it('count once per recipient, give the complaint rate over delivered, and recount alike', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true, recipients: { generated: 2_000 } });
    const now = clock.now();
    await store.applyFeedback(events(delivery.id, 'delivered', 0, 1_000, now));
    const result = await store.applyFeedback([
      ...events(delivery.id, 'complaint', 0, 3, now),
      ...events(delivery.id, 'complaint', 0, 1, now),
    ]);
    expect(result).to.deep.include({ applied: 3, duplicates: 1 });
    const live = await store.readIndicators(delivery.id);
    expect(live.complaints).to.equal(3);
    expect(live.complaintRate).to.be.closeTo(0.3, 1e-9);
    expect(live.opens).to.equal(0);
    const stats = await store.computeStats(delivery.id);
    expect([stats.complaints, stats.complaintRate]).to.deep.equal([
      live.complaints,
      live.complaintRate,
    ]);
    const sms = await sendingDelivery(store, { channel: 'sms', recipients: { generated: 10 } });
    expect((await store.readIndicators(sms.id)).complaintRate).to.equal(null);
  });

  it('the health bands are the providers’ published limits: under 0.1 %, under 0.3 %, beyond', () => {
    expect(COMPLAINT_BANDS.map((band) => band.below)).to.deep.equal([0.1, 0.3, Infinity]);
    expect([0, 0.099, 0.1, 0.29, 0.3, 5].map(complaintBand)).to.deep.equal([
      'healthy',
      'healthy',
      'at-risk',
      'at-risk',
      'harmful',
      'harmful',
    ]);
  });

  it('the guard pauses a send at its complaint rate, and a resume accepts it with a margin', async () => {
    expect(DEFAULT_GUARD.complaintRate).to.equal(0.3);
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { generated: 5_000 },
      guard: { minRelayed: 1_000 },
    });
    const now = clock.now();
    await store.applyFeedback(events(delivery.id, 'relayed', 0, 2_000, now));
    await store.applyFeedback(events(delivery.id, 'complaint', 0, 5, now));
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
    await store.applyFeedback(events(delivery.id, 'complaint', 5, 1, now));
    const paused = await store.getDelivery(delivery.id);
    expect(paused.state).to.equal('paused');
    expect(paused.guardPause).to.deep.include({ measure: 'complaints', threshold: 0.3 });
    expect(paused.guardPause!.rate).to.be.closeTo(0.3, 1e-9);
    await store.resume(starter, delivery.id);
    // Accepted at 0.3 %: only 0.1 point more pauses again (6 of 2,000 → 8 of 2,000 is 0.4 %).
    await store.applyFeedback(events(delivery.id, 'complaint', 6, 1, now));
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
    await store.applyFeedback(events(delivery.id, 'complaint', 7, 1, now));
    expect((await store.getDelivery(delivery.id)).state).to.equal('paused');
    expect(
      guardTrip(
        DEFAULT_GUARD,
        { relayed: 10_000, bounces: 0, hardBounces: 0, complaints: 29, delivered: 10_000 },
        null,
      ),
    ).to.equal(null);
  });

  it('a provider’s complaint counts for its message and denylists its address', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', 'b@x.org', 'c@x.org'] },
    });
    await store.applyFeedback(events(delivery.id, 'relayed', 0, 3, clock.now()));
    const report = await importFeedback(
      store,
      JSON.stringify([
        {
          email: 'b@x.org',
          timestamp: Math.floor(clock.now() / 1000),
          event: 'spamreport',
          sg_event_id: 'spam-1',
          sk_d: delivery.id,
          sk_r: '1',
        },
      ]),
    );
    expect(report).to.deep.include({ applied: 1, denylisted: 1 });
    expect((await store.readIndicators(delivery.id)).complaints).to.equal(1);
    const next = await store.createDelivery(starter, {
      label: 'Again',
      channel: 'email',
      recipients: { addresses: ['a@x.org', 'b@x.org'] },
    });
    await store.prepare(starter, next.id);
    const excluded = await store.readExclusionLogs(next.id);
    expect(excluded.rows.map((row) => [row.address, row.cause])).to.deep.equal([
      ['b@x.org', 'denylisted'],
    ]);
  });
});
