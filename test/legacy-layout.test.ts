/**
 * A delivery prepared by an earlier release keeps its sending log in chunks of 4,096 (no
 * `stateChunkShift` recorded); one prepared now, 8,192. The store reads and feeds each in the
 * layout it was written in: the same rows at every offset, the same history, feedback and
 * hand-overs on either side of the old chunks' edge, the same recount; preparing it again lays it
 * out anew. The old layout is made here from a new one, chunk by chunk, as that release wrote it.
 */
import { expect } from '@open-wc/testing';
import { CLASS_COUNT, CLASS_OF_MASK } from '../src/rules/message-classes.js';
import type { DeliveryStore } from '../src/index.js';
import type { DeliveryRecord, StateChunk } from '../src/store/schema.js';
import { closeStores, freshStore, sendingDelivery, starter } from './helpers.js';

const OLD = 4096;
const RECIPIENTS = 20_000;

function request<T>(value: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    value.onsuccess = () => resolve(value.result);
    value.onerror = () => reject(value.error);
  });
}

/** Rewrites a delivery's sending log in chunks of 4,096, with no layout recorded. */
async function toOldLayout(name: string, id: string): Promise<void> {
  const db = await request(indexedDB.open(name));
  const tx = db.transaction(['deliveries', 'stateChunks'], 'readwrite');
  const deliveries = tx.objectStore('deliveries');
  const states = tx.objectStore('stateChunks');
  const record = (await request(deliveries.get(id))) as DeliveryRecord;
  expect(record.stateChunkShift).to.equal(13);
  const big = (await request(
    states.getAll(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER])),
  )) as StateChunk[];
  await request(states.delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER])));
  const counts = new Uint32Array(Math.ceil(RECIPIENTS / OLD) * CLASS_COUNT);
  big.forEach((chunk, index) => {
    for (let half = 0; half * OLD < chunk.mask.length; half++) {
      const cut = <T extends { slice(a: number, b: number): T }>(array: T | undefined) =>
        array?.slice(half * OLD, (half + 1) * OLD);
      const old: StateChunk = {
        mask: cut(chunk.mask)!,
        engagement: cut(chunk.engagement)!,
        reason: cut(chunk.reason)!,
        time: cut(chunk.time)!,
        provider: cut(chunk.provider),
        ...(chunk.relayedIn ? { relayedIn: cut(chunk.relayedIn)! } : {}),
      };
      const at = index * 2 + half;
      for (const mask of old.mask) counts[at * CLASS_COUNT + CLASS_OF_MASK[mask]!]!++;
      states.put(old, [id, at]);
    }
  });
  delete record.stateChunkShift;
  record.chunkCounts = counts;
  deliveries.put(record);
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

async function rows(store: DeliveryStore, id: string) {
  return Promise.all(
    [0, 4_090, 4_096, 8_190, 12_300, 19_990].map(async (offset) => {
      const page = await store.readLogs(id, { offset, limit: 12 });
      return page.rows.map((row) => [row.recipient, row.address, row.status, row.reason]);
    }),
  );
}

describe('a sending log laid out by an earlier release (chunks of 4,096)', () => {
  afterEach(closeStores);

  it('reads, feeds and hands over as written, recounts the same, and is laid out anew when prepared again', async () => {
    const { store, name } = await freshStore();
    const addresses = Array.from({ length: RECIPIENTS }, (_, index) => `user${index}@example.org`);
    const created = await sendingDelivery(store, {
      label: 'Old layout',
      efs: true,
      recipients: { addresses },
    });
    // Events on both sides of the old chunks' edges (4,095 | 4,096 and 8,191 | 8,192).
    const fed = [4_095, 4_096, 8_191, 8_192, 15_000];
    await store.applyFeedback(
      fed.map((recipient) => ({
        deliveryId: created.id,
        recipient,
        type: 'relayed',
        at: store.now(),
      })),
    );
    const before = {
      rows: await rows(store, created.id),
      after: await store.readLogsAfter(created.id, { after: 4_094, limit: 5 }),
      history: await store.readProfileHistory('user8192@example.org'),
      indicators: await store.readIndicators(created.id),
    };
    await toOldLayout(name, created.id);
    expect(await rows(store, created.id)).to.deep.equal(before.rows);
    expect(await store.readLogsAfter(created.id, { after: 4_094, limit: 5 })).to.deep.equal(
      before.after,
    );
    expect(await store.readProfileHistory('user8192@example.org')).to.deep.equal(before.history);
    expect(await store.readIndicators(created.id)).to.deep.equal(before.indicators);

    await store.applyFeedback(
      [4_095, 4_096, 8_192].map((recipient) => ({
        deliveryId: created.id,
        recipient,
        type: 'delivered',
        at: store.now(),
      })),
    );
    const page = await store.readLogs(created.id, { status: 'sent', limit: 10 });
    expect(page.rows.map((row) => row.recipient)).to.deep.equal([4_095, 4_096, 8_192]);
    const taken = await store.takeDue(created.id, { max: 3 });
    expect(taken.map((due) => [due.recipient, due.address])).to.deep.equal([
      [0, 'user0@example.org'],
      [1, 'user1@example.org'],
      [2, 'user2@example.org'],
    ]);
    const live = await store.readIndicators(created.id);
    expect(await store.computeStats(created.id)).to.include({
      delivered: live.delivered,
      relayed: live.relayed,
      targeted: RECIPIENTS,
    });

    // Prepared again (back to editing by a new contact date), it is laid out as now.
    const waiting = await store.createDelivery(starter, {
      label: 'Prepared by an earlier release',
      channel: 'email',
      recipients: { addresses },
    });
    await store.prepare(starter, waiting.id);
    await toOldLayout(name, waiting.id);
    await store.reschedule(starter, waiting.id, null);
    await store.prepare(starter, waiting.id);
    const db = await request(indexedDB.open(name));
    const record = (await request(
      db.transaction('deliveries').objectStore('deliveries').get(waiting.id),
    )) as DeliveryRecord;
    db.close();
    expect(record.stateChunkShift).to.equal(13);
    const edge = await store.readLogs(waiting.id, { offset: 8_191, limit: 2 });
    expect(edge.rows.map((row) => row.address)).to.deep.equal([
      'user8191@example.org',
      'user8192@example.org',
    ]);
  });
});
