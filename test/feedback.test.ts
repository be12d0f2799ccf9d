/** Feedback is at-least-once (SPEC §7): duplicates, late and out-of-order events, bad input. */
import { expect } from '@open-wc/testing';
import {
  FeedbackError,
  type DeliveryStore,
  type FeedbackEvent,
  type FeedbackEventType,
  type LogRow,
} from '../src/index.js';
import { closeStores, dumpDatabase, freshStore, rejection, sendingDelivery } from './helpers.js';
import { permutations } from './feedback/permutations.js';
import { seeded, shuffle } from './random.js';

const REASONS: Partial<Record<FeedbackEventType, FeedbackEvent['reason']>> = {
  'hard-bounce': 'User unknown',
  'soft-bounce': 'Mailbox full',
  'retries-failed': 'Mailbox full',
};

function eventOf(
  deliveryId: string,
  recipient: number,
  type: FeedbackEventType,
  at: number,
): FeedbackEvent {
  const reason = REASONS[type];
  return { deliveryId, recipient, type, at, ...(reason ? { reason } : {}) };
}

async function allRows(store: DeliveryStore, id: string): Promise<LogRow[]> {
  return (await store.readLogs(id, { limit: 10_000 })).rows as LogRow[];
}

describe('feedback is at-least-once', () => {
  afterEach(closeStores);

  it('applying the same batch twice changes nothing the second time', async () => {
    const { store, clock, name } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    const batch = [
      eventOf(delivery.id, 0, 'relayed', clock.now()),
      eventOf(delivery.id, 0, 'delivered', clock.now()),
      eventOf(delivery.id, 1, 'hard-bounce', clock.now()),
      eventOf(delivery.id, 2, 'click', clock.now()),
    ];
    expect(await store.applyFeedback(batch)).to.deep.equal({
      applied: 4,
      duplicates: 0,
      superseded: 0,
    });
    const dump = await dumpDatabase(name);
    expect(await store.applyFeedback(batch)).to.deep.equal({
      applied: 0,
      duplicates: 4,
      superseded: 0,
    });
    expect(await dumpDatabase(name)).to.equal(dump);
  });

  it('an event that no longer applies is accepted, counted as superseded, and moves nothing', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store);
    await store.applyFeedback([eventOf(delivery.id, 0, 'hard-bounce', clock.now())]);
    const before = await store.readIndicators(delivery.id);
    const result = await store.applyFeedback([
      eventOf(delivery.id, 0, 'soft-bounce', clock.now()),
      eventOf(delivery.id, 0, 'relayed', clock.now()),
      eventOf(delivery.id, 0, 'delivered', clock.now()),
    ]);
    // All weaker than the hard bounce the message already has.
    expect(result).to.deep.equal({ applied: 0, duplicates: 0, superseded: 3 });
    expect(await store.readIndicators(delivery.id)).to.deep.equal(before);
  });

  it('a late hard bounce after a delivery still fails the message', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    await store.applyFeedback([eventOf(delivery.id, 0, 'delivered', clock.now())]);
    await store.applyFeedback([eventOf(delivery.id, 0, 'hard-bounce', clock.now() + 1000)]);
    const row = (await allRows(store, delivery.id))[0]!;
    expect([row.status, row.failureType, row.reason]).to.deep.equal([
      'failed',
      'hard',
      'User unknown',
    ]);
  });

  it("every ordering of one recipient's events converges to the same state and indicators", async () => {
    const types: FeedbackEventType[] = [
      'relayed',
      'delivered',
      'soft-bounce',
      'retry-succeeded',
      'hard-bounce',
    ];
    for (const efs of [false, true]) {
      const { store, clock } = await freshStore();
      const orders = permutations(types);
      const deliveries = [];
      for (let index = 0; index < orders.length; index++)
        deliveries.push(await sendingDelivery(store, { efs }));
      const outcomes = new Set<string>();
      for (const [index, order] of orders.entries()) {
        const id = deliveries[index]!.id;
        const at = clock.now();
        // One event per batch: each arrives on its own, as late feedback does.
        for (const [step, type] of order.entries())
          await store.applyFeedback([eventOf(id, 0, type, at + step)]);
        const row = (await allRows(store, id))[0]!;
        outcomes.add(
          JSON.stringify([row.status, row.failureType, row.reason, await store.readIndicators(id)]),
        );
      }
      expect(outcomes.size, `${orders.length} orders, efs ${efs}`).to.equal(1);
    }
  });

  it('seeded shuffles of a large batch converge, and the counters equal Compute stats', async () => {
    const types: FeedbackEventType[] = [
      'relayed',
      'delivered',
      'soft-bounce',
      'retry-succeeded',
      'retries-failed',
      'hard-bounce',
      'open',
      'click',
    ];
    const random = seeded(42);
    const recipients = 3_000;
    const base: [number, FeedbackEventType][] = [];
    for (let recipient = 0; recipient < recipients; recipient++) {
      for (const type of types) if (random() < 0.45) base.push([recipient, type]);
    }
    for (const efs of [false, true]) {
      const results: string[] = [];
      for (const seed of [1, 2, 3]) {
        const { store } = await freshStore();
        const delivery = await sendingDelivery(store, {
          efs,
          recipients: { generated: recipients },
        });
        const events = shuffle(
          base.map(([recipient, type]) =>
            eventOf(delivery.id, recipient, type, 1_000 * (types.indexOf(type) + 1)),
          ),
          seeded(seed),
        );
        // Some events twice, in batches of uneven size.
        const withDuplicates = [...events, ...events.slice(0, 500)];
        for (let start = 0; start < withDuplicates.length; start += 1_777) {
          await store.applyFeedback(withDuplicates.slice(start, start + 1_777));
        }
        const incremental = await store.readIndicators(delivery.id);
        const recomputed = await store.computeStats(delivery.id);
        const { engagementRefreshedAt: _a, openRate: _b, clickRate: _c, ...counts } = incremental;
        const { engagementRefreshedAt: _d, openRate: _e, clickRate: _f, ...recounted } = recomputed;
        expect(counts).to.deep.equal(recounted);
        const rows = await allRows(store, delivery.id);
        results.push(
          JSON.stringify([
            counts,
            rows.map((row) => [row.status, row.reason, row.at, row.opened, row.clicked]),
          ]),
        );
      }
      expect(new Set(results).size, `efs ${efs}`).to.equal(1);
    }
  });
});

describe('a malformed batch is refused whole', () => {
  afterEach(closeStores);

  const cases: [string, (id: string) => unknown, RegExp][] = [
    [
      'unknown delivery',
      () => ({ deliveryId: 'nope', recipient: 0, type: 'relayed', at: 1 }),
      /unknown delivery/,
    ],
    [
      'recipient out of range',
      (id) => ({ deliveryId: id, recipient: 4, type: 'relayed', at: 1 }),
      /out of range/,
    ],
    [
      'negative recipient',
      (id) => ({ deliveryId: id, recipient: -1, type: 'relayed', at: 1 }),
      /recipient/,
    ],
    [
      'unknown event type',
      (id) => ({ deliveryId: id, recipient: 0, type: 'exploded', at: 1 }),
      /unknown event type/,
    ],
    [
      'bad time',
      (id) => ({ deliveryId: id, recipient: 0, type: 'relayed', at: Number.NaN }),
      /'at'/,
    ],
    [
      'time as a string',
      (id) => ({ deliveryId: id, recipient: 0, type: 'relayed', at: '2026-01-01' }),
      /'at'/,
    ],
    [
      'oversize string',
      (id) => ({ deliveryId: id, recipient: 0, type: 'x'.repeat(10_000), at: 1 }),
      /oversize/,
    ],
    [
      'missing reason',
      (id) => ({ deliveryId: id, recipient: 0, type: 'hard-bounce', at: 1 }),
      /needs a failure reason/,
    ],
    [
      'unknown reason',
      (id) => ({ deliveryId: id, recipient: 0, type: 'hard-bounce', at: 1, reason: 'Bad luck' }),
      /unknown failure reason/,
    ],
    [
      '__proto__ key',
      (id) =>
        JSON.parse(
          `{"deliveryId":"${id}","recipient":0,"type":"relayed","at":1,"__proto__":{"x":1}}`,
        ),
      /__proto__/,
    ],
    ['not an object', () => 'relayed', /must be an object/],
    [
      'excluded recipient',
      (id) => ({ deliveryId: id, recipient: 3, type: 'relayed', at: 1 }),
      /excluded/,
    ],
  ];

  for (const [label, bad, message] of cases) {
    it(`${label}: typed error naming the event, store unchanged`, async () => {
      const { store, name, clock } = await freshStore();
      const delivery = await sendingDelivery(store, {
        recipients: { addresses: ['a@x.org', 'b@x.org', 'c@x.org', 'a@x.org'] },
      });
      await store.applyFeedback([eventOf(delivery.id, 0, 'relayed', clock.now())]);
      const before = await dumpDatabase(name);
      const good = [
        eventOf(delivery.id, 1, 'relayed', 2),
        eventOf(delivery.id, 2, 'hard-bounce', 3),
      ];
      const error = await rejection(
        store.applyFeedback([...good, bad(delivery.id), good[0]] as FeedbackEvent[]),
      );
      expect(error).to.be.instanceOf(FeedbackError);
      expect((error as FeedbackError).index).to.equal(2);
      expect(error.message).to.match(message);
      expect(await dumpDatabase(name)).to.equal(before);
    });
  }

  it('feedback for a delivery that has not started is refused', async () => {
    const { store, name } = await freshStore();
    const created = await store.createDelivery(
      { name: 'a', roles: ['start-deliveries'] },
      {
        label: 'x',
        channel: 'email',
        recipients: { generated: 2 },
      },
    );
    await store.prepare({ name: 'a', roles: ['start-deliveries'] }, created.id);
    const before = await dumpDatabase(name);
    const error = await rejection(store.applyFeedback([eventOf(created.id, 0, 'relayed', 1)]));
    expect(error).to.be.instanceOf(FeedbackError);
    expect(error.message).to.match(/has not started/);
    expect(await dumpDatabase(name)).to.equal(before);
  });
});

describe('a soft bounce and a delivery report (SPEC §7)', () => {
  afterEach(closeStores);

  for (const efs of [false, true]) {
    it(`make a retry success in both orders, never left being retried (efs ${efs})`, async () => {
      for (const order of permutations<FeedbackEventType>(['soft-bounce', 'delivered'])) {
        const { store, clock } = await freshStore();
        const delivery = await sendingDelivery(store, { efs, recipients: { generated: 1 } });
        for (const type of order)
          await store.applyFeedback([eventOf(delivery.id, 0, type, clock.now())]);
        const row = (await allRows(store, delivery.id))[0]!;
        const indicators = await store.readIndicators(delivery.id);
        expect(
          [row.status, row.failureType, indicators.retrying, indicators.relayed],
          order.join(),
        ).to.deep.equal(['sent', null, 0, 1]);
        await closeStores();
      }
    });
  }
});
