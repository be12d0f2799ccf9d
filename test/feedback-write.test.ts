/**
 * One feedback write: a batch's events, its denylist additions and its feed position go to the
 * store in one transaction, with one policy for the file import and the relay feed alike: an
 * event the model refuses is reported with its position and the rest applies. The store's own
 * default stays whole-batch refusal, leaving the store exactly as it was.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  connectFeedback,
  importFeedback,
  type FeedbackConnection,
  type FeedStatus,
} from '../src/feedback/index.js';
import { FeedbackError, type DeliveryStore } from '../src/index.js';
import { ManualClock } from '../src/simulator/index.js';
import {
  addresses,
  closeStores,
  dumpDatabase,
  freshStore,
  rejection,
  sendingDelivery,
  starter,
} from './helpers.js';

const seconds = (store: DeliveryStore) => Math.floor(store.now() / 1000);

function delivered(store: DeliveryStore, deliveryId: string, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    email: `user${index}@example.com`,
    timestamp: seconds(store),
    event: 'delivered',
    sg_event_id: `${deliveryId}-${index}`,
    sk_d: deliveryId,
    sk_r: String(index),
  }));
}

function complaint(store: DeliveryStore, email: string) {
  return { email, timestamp: seconds(store), event: 'spamreport', sg_event_id: `spam-${email}` };
}

/** Whether the next preparation excludes `address` as denylisted. */
async function isDenylisted(store: DeliveryStore, address: string): Promise<boolean> {
  const next = await store.createDelivery(starter, {
    label: 'next',
    channel: 'email',
    recipients: { addresses: [address, 'someone-else@example.org'] },
  });
  await store.prepare(starter, next.id);
  const excluded = (await store.readExclusionLogs(next.id)).rows;
  return excluded.some((row) => row.reason === 'Address on denylist');
}

/**
 * The real store, for a caller that must write through applyFeedback alone: setAddressStatus
 * fails the test, and `beforeApply` runs once, after resolving and before the write (the
 * delivery changing meanwhile, as another tab would change it).
 */
function oneWriteOnly(store: DeliveryStore, beforeApply: () => Promise<void>): DeliveryStore {
  const target: DeliveryStore = Object.create(store);
  let pending: (() => Promise<void>) | null = beforeApply;
  target.setAddressStatus = () => Promise.reject(new Error('a second write: setAddressStatus'));
  target.applyFeedback = async (...args) => {
    const run = pending;
    pending = null;
    await run?.();
    return store.applyFeedback(...args);
  };
  return target;
}

async function twoSending(store: DeliveryStore) {
  const kept = await sendingDelivery(store, { recipients: { addresses: addresses(6) } });
  const gone = await sendingDelivery(store, { recipients: { addresses: addresses(4) } });
  const remove = async () => {
    await store.stop(starter, gone.id);
    await store.deleteDelivery(starter, gone.id);
  };
  return { kept, gone, remove };
}

describe('one feedback write', () => {
  afterEach(closeStores);

  describe('the store', () => {
    it("refuse: 'event' skips what the model refuses, reports each position, applies the rest", async () => {
      const { store } = await freshStore();
      const delivery = await sendingDelivery(store, { recipients: { addresses: addresses(3) } });
      const at = store.now();
      const result = await store.applyFeedback(
        [
          { deliveryId: delivery.id, recipient: 0, type: 'delivered', at },
          { deliveryId: delivery.id, recipient: 9, type: 'delivered', at },
          { deliveryId: 'no-such-delivery', recipient: 0, type: 'delivered', at },
          { deliveryId: delivery.id, recipient: 1, type: 'delivered', at },
        ],
        { refuse: 'event' },
      );
      expect(result.applied).to.equal(2);
      expect(result.refused?.map((refused) => refused.index)).to.deep.equal([1, 2]);
      expect(result.refused?.[0]?.reason).to.contain('out of range');
      expect(result.refused?.[1]?.reason).to.contain('unknown delivery');
      expect((await store.readIndicators(delivery.id)).delivered).to.equal(2);
    });

    it('by default the same batch is refused whole and the store is exactly as it was', async () => {
      const { store, name } = await freshStore();
      const delivery = await sendingDelivery(store, { recipients: { addresses: addresses(3) } });
      const before = await dumpDatabase(name);
      const at = store.now();
      const error = await rejection(
        store.applyFeedback(
          [
            { deliveryId: delivery.id, recipient: 0, type: 'delivered', at },
            { deliveryId: delivery.id, recipient: 9, type: 'delivered', at },
          ],
          { denylist: ['angry@example.org'], cursor: { feed: 'f', seq: 7 } },
        ),
      );
      expect(error).to.be.instanceOf(FeedbackError);
      expect((error as FeedbackError).index).to.equal(1);
      expect(await dumpDatabase(name)).to.equal(before);
    });

    it('the denylist and the feed position are written with the events, or not at all', async () => {
      const { store } = await freshStore();
      const delivery = await sendingDelivery(store, { recipients: { addresses: addresses(3) } });
      await store.applyFeedback(
        [{ deliveryId: delivery.id, recipient: 0, type: 'delivered', at: store.now() }],
        { denylist: [' Angry@Example.org '], cursor: { feed: 'relay:x', seq: 3 } },
      );
      expect(await store.readFeedCursor('relay:x')).to.equal(3);
      expect(await isDenylisted(store, 'angry@example.org')).to.equal(true);
    });
  });

  describe('the file import', () => {
    it('a delivery removed between resolving and writing: its events rejected with positions, the rest and the complaint applied', async () => {
      const { store } = await freshStore();
      const { kept, gone, remove } = await twoSending(store);
      const lines = [
        ...delivered(store, kept.id, 6),
        ...delivered(store, gone.id, 4),
        complaint(store, 'angry@example.org'),
      ];
      const report = await importFeedback(oneWriteOnly(store, remove), lines);
      expect(report.applied).to.equal(6);
      expect(report.denylisted).to.equal(1);
      expect(report.rejected.map((problem) => problem.position)).to.deep.equal([6, 7, 8, 9]);
      expect(report.rejected[0]!.reason).to.contain(`unknown delivery '${gone.id}'`);
      expect((await store.readIndicators(kept.id)).delivered).to.equal(6);
      expect(await isDenylisted(store, 'angry@example.org')).to.equal(true);
    });
  });

  describe('the relay feed', () => {
    interface RelayInfo {
      id: string;
      url: string;
      token: string;
    }
    const relays: RelayInfo[] = [];
    const connections: FeedbackConnection[] = [];
    afterEach(async () => {
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      await Promise.all(
        relays.splice(0).map(({ id }) => executeServerCommand('relay', { action: 'stop', id })),
      );
    });

    it('the same policy: the removed delivery rejected, the rest, the complaint and the position in one write', async () => {
      const { store } = await freshStore(new ManualClock(Date.now()));
      const { kept, gone, remove } = await twoSending(store);
      const relay = (await executeServerCommand<RelayInfo, object>('relay', {
        action: 'start',
        origin: location.origin,
      }))!;
      relays.push(relay);
      const events = [
        ...delivered(store, kept.id, 6),
        ...delivered(store, gone.id, 4),
        complaint(store, 'angry@example.org'),
      ];
      const posted = await executeServerCommand<{ status: number }, object>('relay', {
        action: 'post',
        id: relay.id,
        events,
      });
      expect(posted!.status).to.be.within(200, 299);
      const connection = connectFeedback(oneWriteOnly(store, remove), relay.url, {
        token: relay.token,
        staleMs: 3_000,
      });
      connections.push(connection);
      const status = await new Promise<FeedStatus>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(JSON.stringify(connection.status))),
          20_000,
        );
        const check = () => {
          if (connection.status.seq < events.length && connection.status.state !== 'error') return;
          clearTimeout(timer);
          resolve(connection.status);
        };
        connection.addEventListener('feed-status', check);
        check();
      });
      expect(status.state).to.equal('live');
      expect(status.applied).to.equal(6);
      expect(status.rejected).to.equal(4);
      expect(await store.readFeedCursor(`relay:${relay.url}`)).to.equal(events.length);
      expect(await isDenylisted(store, 'angry@example.org')).to.equal(true);
    });
  });
});
