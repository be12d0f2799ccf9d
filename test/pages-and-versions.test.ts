/** Two pages on one database: change notifications, and schema upgrades that never hang. */
import { expect } from '@open-wc/testing';
import {
  SCHEMA_VERSION,
  StoreBlockedError,
  StoreVersionError,
  type StoreChange,
} from '../src/index.js';
import { ManualClock } from '../src/simulator/index.js';
import { Connection } from '../src/store/connection.js';
import { closeStores, freshStore, rejection, sendingDelivery, starter } from './helpers.js';

function nextChange(
  subscribe: (listener: (change: StoreChange) => void) => () => void,
): Promise<StoreChange> {
  return new Promise((resolve) => {
    const unsubscribe = subscribe((change) => {
      unsubscribe();
      resolve(change);
    });
  });
}

describe('two pages of one origin', () => {
  afterEach(closeStores);

  it("each store instance sees the other's committed changes, coalesced", async () => {
    const clock = new ManualClock();
    const { store: first, name } = await freshStore(clock);
    const { store: second } = await freshStore(clock, name);
    const seenBySecond = nextChange((listener) => second.subscribe(listener));
    const seenByFirst = nextChange((listener) => first.subscribe(listener));
    const delivery = await sendingDelivery(first);
    const remote = await seenBySecond;
    expect(remote.origin).to.equal('remote');
    expect(remote.deliveryIds).to.deep.equal([delivery.id]);
    expect((await seenByFirst).origin).to.equal('local');
    expect((await second.getDelivery(delivery.id)).state).to.equal('in-progress');

    // A batch touching many recipients is one notification, not one per recipient.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const changes: StoreChange[] = [];
    const unsubscribe = second.subscribe((change) => changes.push(change));
    const events = [0, 1, 2, 3].map((recipient) => ({
      deliveryId: delivery.id,
      recipient,
      type: 'relayed' as const,
      at: clock.now(),
    }));
    await first.applyFeedback(events);
    await new Promise((resolve) => setTimeout(resolve, 100));
    unsubscribe();
    expect(changes).to.have.length(1);
    expect(changes[0]!.kinds).to.include.members(['logs', 'indicators']);
    expect((await second.readIndicators(delivery.id)).relayed).to.equal(4);
  });

  it('a page holding the current version does not block an upgrade, and then says it is outdated', async () => {
    const { store, name } = await freshStore();
    const delivery = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 1 },
    });
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, SCHEMA_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('the upgrade was blocked'));
    });
    upgraded.close();
    const error = await rejection(store.getDelivery(delivery.id));
    expect(error).to.be.instanceOf(StoreVersionError);
  });

  it('an upgrade blocked by a foreign connection fails with a typed error instead of hanging', async () => {
    const { store, name } = await freshStore();
    await store.listDeliveries();
    await store.close();
    // A connection at the current version that ignores versionchange, as a careless page would.
    const foreign = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, SCHEMA_VERSION);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const next = new Connection(name, { version: SCHEMA_VERSION + 1, blockedTimeoutMs: 300 });
      const started = performance.now();
      const error = await rejection(next.get());
      expect(error).to.be.instanceOf(StoreBlockedError);
      expect(performance.now() - started).to.be.below(5_000);
    } finally {
      foreign.close();
    }
  });
});
