/**
 * The send over time and broken down (issue 21's model): counters per interval, per mailbox
 * provider group and per failure reason, moved in the feedback's own transaction, recounted alike
 * by Compute stats, in both modes; the provider grouping is the data of rules/providers.ts.
 */
import { expect } from '@open-wc/testing';
import type { Breakdown, FeedbackEvent, Timeline } from '../src/index.js';
import {
  BOUNCE_BANDS,
  INTERVAL_MS,
  bandOf,
  groupDomains,
  providerOfDomain,
} from '../src/rules/index.js';
import {
  closeStores,
  dumpDatabase,
  freshStore,
  rewriteRecords,
  sendingDelivery,
} from './helpers.js';

const DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'hotmail.fr',
  'outlook.com',
  'yahoo.co.uk',
  'aol.com',
  'icloud.com',
  'acme.example',
  'acme.example',
  'b.example',
  'c.example',
  'd.example',
  'e.example',
  'f.example',
];

function listOf(count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) => `p${index}@${DOMAINS[index % DOMAINS.length]}`,
  );
}

const event = (
  deliveryId: string,
  recipient: number,
  type: FeedbackEvent['type'],
  at: number,
  reason?: FeedbackEvent['reason'],
): FeedbackEvent => ({ deliveryId, recipient, type, at, ...(reason ? { reason } : {}) });

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('breakdown and timeline counters', () => {
  afterEach(closeStores);

  it('group domains as operators know them: providers, the largest other domains, then Other', () => {
    expect(providerOfDomain('googlemail.com')?.key).to.equal('gmail');
    expect(providerOfDomain('hotmail.co.uk')?.key).to.equal('microsoft');
    expect(providerOfDomain('live.fr')?.key).to.equal('microsoft');
    expect(providerOfDomain('yahoo.com.au')?.key).to.equal('yahoo');
    expect(providerOfDomain('me.com')?.key).to.equal('apple');
    expect(providerOfDomain('hotmail.example.com')).to.equal(null);
    const { groups, groupOfDomain } = groupDomains(
      ['', 'gmail.com', 'a.test', 'b.test', 'c.test', 'd.test', 'e.test', 'f.test'],
      [1, 5, 9, 8, 7, 6, 5, 4],
    );
    expect(
      groups.map((group) => (group.kind === 'domain' ? group.domain : group.kind)),
    ).to.deep.equal(['provider', 'a.test', 'b.test', 'c.test', 'd.test', 'e.test', 'other']);
    // The smallest unclaimed domain and the address without one are Other.
    expect([groupOfDomain[7], groupOfDomain[0]]).to.deep.equal([6, 6]);
  });

  it('two domains whose hashes collide stay two domains', async () => {
    // FNV-1a of the two names (the hash the list's domains are found by) is the same 32-bit
    // number; the second is written in capitals, so it is compared with the first unlowered.
    const { store } = await freshStore();
    const addresses = [
      ...Array.from({ length: 3 }, (_, index) => `a${index}@d549599.example`),
      ...Array.from({ length: 2 }, (_, index) => `b${index}@D712382.EXAMPLE`),
    ];
    const delivery = await sendingDelivery(store, { recipients: { addresses } });
    const { providers } = await store.readBreakdown(delivery.id);
    expect(
      providers.map((row) => [
        row.group.kind === 'domain' ? row.group.domain : row.group.kind,
        row.targeted,
      ]),
    ).to.deep.equal([
      ['d549599.example', 3],
      ['d712382.example', 2],
    ]);
  });

  it('the bounce bands are the sending platforms’ published limits: under 2 %, under 5 %, beyond', () => {
    expect(BOUNCE_BANDS.map((band) => band.below)).to.deep.equal([2, 5, Infinity]);
    expect([0, 1.99, 2, 4.9, 5].map((rate) => bandOf(rate, BOUNCE_BANDS))).to.deep.equal([
      'healthy',
      'healthy',
      'at-risk',
      'at-risk',
      'harmful',
    ]);
  });

  for (const efs of [false, true]) {
    it(`count per interval, provider and reason live and recount the same (${efs ? 'EFS' : 'standard'})`, async () => {
      const { store, clock, name } = await freshStore();
      const delivery = await sendingDelivery(store, {
        efs,
        recipients: { addresses: [...listOf(140), 'p0@gmail.com'] },
      });
      const start = delivery.startedAt!;
      const at = (minute: number) => start + minute * INTERVAL_MS + 1_000;
      const batch: FeedbackEvent[] = [];
      for (let recipient = 0; recipient < 100; recipient++)
        batch.push(event(delivery.id, recipient, 'relayed', at(0)));
      await store.applyFeedback(batch);
      clock.advance(5 * INTERVAL_MS);
      await store.applyFeedback([
        ...Array.from({ length: 60 }, (_, r) => event(delivery.id, r, 'delivered', at(2))),
        event(delivery.id, 70, 'hard-bounce', at(3), 'User unknown'),
        event(delivery.id, 71, 'hard-bounce', at(3), 'Invalid domain'),
        event(delivery.id, 72, 'soft-bounce', at(3), 'Mailbox full'),
        event(delivery.id, 73, 'soft-bounce', at(3), 'Mailbox full'),
        event(delivery.id, 0, 'open', at(4)),
        event(delivery.id, 1, 'click', at(4)),
        event(delivery.id, 2, 'complaint', at(4)),
        event(delivery.id, 120, 'delivered', at(4)),
      ]);
      // A soft bounce retried successfully leaves the soft series for the delivered one.
      await store.applyFeedback([event(delivery.id, 73, 'retry-succeeded', at(5))]);

      const live = {
        timeline: await store.readTimeline(delivery.id),
        breakdown: await store.readBreakdown(delivery.id),
        indicators: await store.readIndicators(delivery.id),
      };
      const { timeline, breakdown, indicators } = live;
      expect(timeline.intervalMs).to.equal(INTERVAL_MS);
      expect(timeline.startedAt).to.equal(start);
      // The validity (3.5 days by default) is covered, one value a minute, up to the minute
      // its end falls in (where the messages still retried get their final status).
      expect(timeline.length).to.equal(84 * 60 + 1);
      expect(timeline.series.relayed.slice(0, 5)).to.deep.equal([100, 0, 0, 0, 1]);
      expect(sum(timeline.series.relayed)).to.equal(indicators.relayed);
      expect(sum(timeline.series.delivered)).to.equal(indicators.delivered);
      expect(sum(timeline.series.hardBounces)).to.equal(2);
      expect(timeline.series.softBounces[3]).to.equal(1);
      expect(timeline.series.delivered[5]).to.equal(1);
      expect(timeline.series.opens[4]).to.equal(2); // a click implies an open
      expect(timeline.series.clicks[4]).to.equal(1);
      expect(timeline.series.complaints[4]).to.equal(1);

      const row = (label: string) =>
        breakdown.providers.find((entry) =>
          entry.group.kind === 'provider'
            ? entry.group.label === label
            : entry.group.kind === 'domain'
              ? entry.group.domain === label
              : label === 'Other',
        )!;
      expect(breakdown.providers.map((entry) => entry.group.kind)).to.deep.equal([
        'provider',
        'provider',
        'provider',
        'provider',
        'domain',
        'domain',
        'domain',
        'domain',
        'domain',
        'other',
      ]);
      expect(row('Gmail').targeted).to.equal(21); // 20 + the duplicate, excluded
      expect(row('acme.example').targeted).to.equal(20);
      expect(row('Other').targeted).to.equal(10); // f.example, the smallest
      expect(sum(breakdown.providers.map((entry) => entry.relayed))).to.equal(indicators.relayed);
      expect(sum(breakdown.providers.map((entry) => entry.delivered))).to.equal(
        indicators.delivered,
      );
      expect(sum(breakdown.providers.map((entry) => entry.complaints))).to.equal(1);
      expect(sum(breakdown.providers.map((entry) => entry.opens))).to.equal(2);
      // Recipients 70 and 71 (gmail.com and googlemail.com) hard-bounced.
      expect(row('Gmail').hardBounces).to.equal(2);
      expect(row('Gmail').hardBounceRate).to.be.closeTo((2 / row('Gmail').relayed) * 100, 1e-9);

      const reasons = Object.fromEntries(
        breakdown.reasons.map((entry) => [
          `${entry.failureType}:${entry.cause ?? entry.reason}`,
          entry.count,
        ]),
      );
      expect(reasons).to.deep.equal({
        'hard:User unknown': 1,
        'hard:Invalid domain': 1,
        'soft:Mailbox full': 1,
        'ignored:duplicate': 1,
      });

      const before = await dumpDatabase(name);
      await store.computeStats(delivery.id);
      const recounted: { timeline: Timeline; breakdown: Breakdown } = {
        timeline: await store.readTimeline(delivery.id),
        breakdown: await store.readBreakdown(delivery.id),
      };
      expect(recounted.timeline).to.deep.equal(live.timeline);
      expect(recounted.breakdown).to.deep.equal(live.breakdown);
      expect(before.length).to.be.greaterThan(0);
    });
  }

  it('a delivery prepared before the breakdown gets one group and its reasons from Compute stats', async () => {
    const { store, name, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      efs: true,
      recipients: { addresses: listOf(30) },
    });
    await store.applyFeedback([
      event(delivery.id, 0, 'hard-bounce', clock.now(), 'Refused'),
      event(delivery.id, 1, 'delivered', clock.now()),
    ]);
    // As a store of schema 3 left it: no counters by provider or reason, chunks without groups.
    await rewriteRecords(name, (storeName, value) => {
      if (storeName === 'deliveries') delete value['breakdown'];
      if (storeName === 'stateChunks') delete value['provider'];
    });
    expect(await store.readBreakdown(delivery.id)).to.deep.equal({ providers: [], reasons: [] });
    await store.computeStats(delivery.id);
    await store.applyFeedback([event(delivery.id, 2, 'delivered', clock.now())]);
    const { providers, reasons } = await store.readBreakdown(delivery.id);
    expect(
      providers.map((row) => [row.group.kind, row.targeted, row.delivered, row.hardBounces]),
    ).to.deep.equal([['other', 30, 2, 1]]);
    expect(reasons.map((row) => [row.reason, row.count])).to.deep.equal([['Refused', 1]]);
  });

  it('a refused batch moves no counter', async () => {
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { addresses: listOf(20) } });
    const before = await dumpDatabase(name);
    const refused = store.applyFeedback([
      event(delivery.id, 1, 'relayed', delivery.startedAt!),
      event(delivery.id, 99, 'relayed', delivery.startedAt!),
    ]);
    await refused.then(
      () => expect.fail('the batch should be refused'),
      (error: Error) => expect(error.name).to.equal('FeedbackError'),
    );
    expect(await dumpDatabase(name)).to.equal(before);
  });

  it('the validity’s end moves the retried messages in the timeline and the reasons', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      efs: true,
      validityHours: 2,
      recipients: { addresses: listOf(10) },
    });
    const start = delivery.startedAt!;
    await store.applyFeedback([
      event(delivery.id, 3, 'soft-bounce', start + 1_000, 'Mailbox full'),
    ]);
    clock.advance(3 * 3_600_000);
    await store.tick();
    const timeline = await store.readTimeline(delivery.id);
    expect(timeline.length).to.equal(121);
    expect(sum(timeline.series.softBounces)).to.equal(1);
    expect(timeline.series.softBounces[120]).to.equal(1);
    const { reasons } = await store.readBreakdown(delivery.id);
    expect(reasons).to.deep.equal([
      { failureType: 'soft', reason: 'Mailbox full', cause: null, count: 1, rate: 10 },
    ]);
  });

  it('is empty before the start and for an unknown delivery refuses with NotFoundError', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(
      { name: 'ann', roles: ['start-deliveries'] },
      { label: 'Draft', channel: 'email', recipients: { addresses: listOf(3) } },
    );
    const timeline = await store.readTimeline(created.id);
    expect([timeline.length, timeline.startedAt, timeline.series.relayed]).to.deep.equal([
      0,
      null,
      [],
    ]);
    expect(await store.readBreakdown(created.id)).to.deep.equal({ providers: [], reasons: [] });
    const error = await store.readTimeline('nope').catch((caught: Error) => caught);
    expect((error as Error).name).to.equal('NotFoundError');
    const bad = await store
      .readBreakdown(created.id, { mode: 'fast' as 'efs' })
      .catch((caught: Error) => caught);
    expect((bad as Error).name).to.equal('InputError');
  });
});
