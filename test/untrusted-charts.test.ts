/**
 * The timeline and the breakdown as another page's store may answer them: a real answer comes
 * through unchanged, anything else becomes numbers and known words, bounded in size.
 */
import { expect } from '@open-wc/testing';
import { breakdownFromData, timelineFromData } from '../src/remote/index.js';
import { closeStores, freshStore, sendingDelivery } from './helpers.js';

describe('untrusted timeline and breakdown', () => {
  afterEach(closeStores);

  it('a real answer, as a message carries it, comes through unchanged', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      efs: true,
      recipients: { addresses: ['a@gmail.com', 'b@orange.fr', 'c@gmail.com', ''] },
    });
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'delivered', at: clock.now() },
      {
        deliveryId: delivery.id,
        recipient: 1,
        type: 'hard-bounce',
        at: clock.now(),
        reason: 'Refused',
      },
    ]);
    const timeline = await store.readTimeline(delivery.id);
    const breakdown = await store.readBreakdown(delivery.id);
    const sent = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
    expect(timelineFromData(sent(timeline))).to.deep.equal(timeline);
    expect(breakdownFromData(sent(breakdown))).to.deep.equal(breakdown);
  });

  it('anything else becomes numbers and known words, bounded', () => {
    const timeline = timelineFromData({
      startedAt: 1_700_000_000_000,
      length: 1e12,
      series: { relayed: ['<b>', -1, NaN, 5], opens: 'many' },
    });
    expect(timeline.length).to.equal(0xffff);
    expect(timeline.series.relayed.slice(0, 5)).to.deep.equal([0, 0, 0, 5, 0]);
    expect(timeline.series.opens.every((value) => value === 0)).to.equal(true);
    expect(timelineFromData('x')).to.deep.include({ startedAt: null, length: 0 });
    const breakdown = breakdownFromData({
      providers: [
        {
          group: { kind: 'provider', label: 5 },
          relayed: '9',
          hardBounceBand: 'evil',
          complaintRate: null,
        },
        ...Array.from({ length: 100 }, () => ({ group: 'x' })),
      ],
      reasons: [
        { failureType: 'hard', reason: 'Oops' },
        { failureType: 'soft', reason: 'Mailbox full', count: 2, cause: 'x' },
      ],
    });
    expect(breakdown.providers).to.have.length(64);
    expect(breakdown.providers[0]).to.deep.include({
      group: { kind: 'provider', key: '', label: '' },
      relayed: 0,
      hardBounceBand: 'harmful',
      complaintRate: null,
      complaintBand: null,
    });
    expect(breakdown.providers[1]!.group).to.deep.equal({ kind: 'other' });
    expect(breakdown.reasons).to.deep.equal([
      { failureType: 'soft', reason: 'Mailbox full', cause: null, count: 2, rate: 0 },
    ]);
  });
});
