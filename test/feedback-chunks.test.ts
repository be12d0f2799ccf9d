/**
 * A feedback batch reads the sending-log chunks its events touch (8,192 recipients each): a run
 * of neighbouring chunks in one request, scattered ones one by one. Either way every event lands
 * on its own recipient, at the chunks' edges too; a chunk that is missing from the database is a
 * typed storage failure that writes nothing, never a raw TypeError.
 */
import { expect } from '@open-wc/testing';
import { StoreFailureError, type DeliveryStore, type FeedbackEvent } from '../src/index.js';
import {
  closeStores,
  dumpDatabase,
  freshStore,
  openDatabase,
  rejection,
  sendingDelivery,
} from './helpers.js';

const RECIPIENTS = 30_000; // four chunks: 0–8191, 8192–16383, 16384–24575, 24576–29999
const EDGES = [0, 8191, 8192, 16383, 16384, 24575, 24576, RECIPIENTS - 1];

function relayed(deliveryId: string, recipients: readonly number[], at: number): FeedbackEvent[] {
  return recipients.map((recipient) => ({ deliveryId, recipient, type: 'relayed', at }));
}

async function statusAt(store: DeliveryStore, id: string, recipient: number) {
  const [row] = (await store.readLogs(id, { offset: recipient, limit: 1 })).rows;
  expect(row!.recipient).to.equal(recipient);
  return { status: row!.status, reason: row!.reason };
}

describe('a feedback batch over several sending-log chunks', () => {
  afterEach(closeStores);

  it('a batch in sending order moves every recipient of every chunk it covers', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: RECIPIENTS } });
    const all = Array.from({ length: RECIPIENTS }, (_, recipient) => recipient);
    await store.applyFeedback(relayed(delivery.id, all, clock.now()));
    const outcomes: FeedbackEvent[] = EDGES.map((recipient) => ({
      deliveryId: delivery.id,
      recipient,
      type: 'hard-bounce',
      at: clock.now(),
      reason: 'User unknown',
    }));
    expect(await store.applyFeedback(outcomes)).to.deep.equal({
      applied: EDGES.length,
      duplicates: 0,
      superseded: 0,
    });
    const indicators = await store.readIndicators(delivery.id);
    expect(indicators.relayed).to.equal(RECIPIENTS);
    expect(indicators.failed).to.equal(EDGES.length);
    for (const recipient of EDGES) {
      expect(await statusAt(store, delivery.id, recipient)).to.deep.equal({
        status: 'failed',
        reason: 'User unknown',
      });
    }
    // Relayed and nothing more: `sent` in this mode (no EFS), not failed.
    for (const recipient of [1, 8190, 8193, 24577])
      expect((await statusAt(store, delivery.id, recipient)).status).to.equal('sent');
    expect(await store.computeStats(delivery.id)).to.deep.include({
      relayed: RECIPIENTS,
      failed: EDGES.length,
    });
  });

  it('a batch over scattered chunks (first and last) moves exactly its recipients', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: RECIPIENTS } });
    const scattered = [3, 8191, 24576, RECIPIENTS - 1];
    const delivered = scattered.map((recipient): FeedbackEvent => ({
      deliveryId: delivery.id,
      recipient,
      type: 'delivered',
      at: clock.now(),
    }));
    const result = await store.applyFeedback([
      ...relayed(delivery.id, scattered, clock.now()),
      ...delivered,
    ]);
    expect(result.applied).to.equal(scattered.length * 2);
    expect(await store.readIndicators(delivery.id)).to.deep.include({
      relayed: scattered.length,
      delivered: scattered.length,
    });
    for (const recipient of scattered)
      expect((await statusAt(store, delivery.id, recipient)).status).to.equal('sent');
    for (const recipient of [2, 4, 8190, 8192, 24575, RECIPIENTS - 2])
      expect((await statusAt(store, delivery.id, recipient)).status).to.equal('pending');
  });

  it('a missing chunk is a typed storage failure, and the store is left exactly as it was', async () => {
    const { store, clock, name } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: RECIPIENTS } });
    const db = await openDatabase(name);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('stateChunks', 'readwrite');
      tx.objectStore('stateChunks').delete([delivery.id, 2]);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const before = await dumpDatabase(name);
    for (const recipients of [
      [0, 8192, 16384, 24576], // a run of chunks with a hole
      [0, 16384], // scattered
      [16384], // the missing one alone
    ]) {
      const error = await rejection(
        store.applyFeedback(relayed(delivery.id, recipients, clock.now())),
      );
      expect(error).to.be.instanceOf(StoreFailureError);
      expect(error.message).to.include('sending-log chunk is missing');
      expect(await dumpDatabase(name)).to.equal(before);
    }
  });
});
