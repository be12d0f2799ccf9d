/** Sending-log pages, filters and profile history (SPEC §6). */
import { expect } from '@open-wc/testing';
import type { FeedbackEvent } from '../src/index.js';
import { hashAddress, normalizeAddress } from '../src/store/address-scan.js';
import { addresses, closeStores, freshStore, openDatabase, sendingDelivery } from './helpers.js';

describe('sending logs', () => {
  afterEach(closeStores);

  it('reads pages at any offset and by status, across chunk boundaries', async () => {
    const { store, clock } = await freshStore();
    const count = 20_000;
    const delivery = await sendingDelivery(store, { recipients: { generated: count } });
    const events: FeedbackEvent[] = [];
    for (let recipient = 0; recipient < count; recipient++) {
      events.push({ deliveryId: delivery.id, recipient, type: 'relayed', at: clock.now() });
      if (recipient % 7 === 0) {
        events.push({
          deliveryId: delivery.id,
          recipient,
          type: 'hard-bounce',
          at: clock.now(),
          reason: 'Invalid domain',
        });
      }
    }
    await store.applyFeedback(events);
    const last = await store.readLogs(delivery.id, { offset: count - 3 });
    expect(last.rows.map((row) => row.recipient)).to.deep.equal([count - 3, count - 2, count - 1]);
    expect(last.rows[0]!.address).to.equal(`profile${count - 3}@example.test`);

    const failedTotal = Math.ceil(count / 7);
    const failed = await store.readLogs(delivery.id, { status: 'failed', offset: 600, limit: 50 });
    expect(failed.total).to.equal(failedTotal);
    expect(failed.rows.map((row) => row.recipient)).to.deep.equal(
      Array.from({ length: 50 }, (_, index) => (600 + index) * 7),
    );
    expect(
      failed.rows.every((row) => row.status === 'failed' && row.reason === 'Invalid domain'),
    ).to.equal(true);

    const after = await store.readLogsAfter(delivery.id, {
      after: 4_095,
      status: 'failed',
      limit: 3,
    });
    expect(after.map((row) => row.recipient)).to.deep.equal([4_102, 4_109, 4_116]);
    const sent = await store.readLogs(delivery.id, { status: 'sent' });
    expect(sent.total).to.equal(count - failedTotal);
    expect((await store.readLogs(delivery.id, { status: 'pending' })).total).to.equal(0);
  });
});

describe('profile history', () => {
  afterEach(closeStores);

  it('lists the deliveries an address was targeted by, newest first, with its status', async () => {
    const { store, clock } = await freshStore();
    const first = await sendingDelivery(store, {
      label: 'First',
      recipients: { addresses: ['x@a.org', 'Jo@Example.com'] },
    });
    await store.applyFeedback([
      {
        deliveryId: first.id,
        recipient: 1,
        type: 'hard-bounce',
        at: clock.now(),
        reason: 'User unknown',
      },
    ]);
    clock.advance(60_000);
    const second = await sendingDelivery(store, {
      label: 'Second',
      recipients: { addresses: ['jo@example.com', 'y@a.org'] },
    });
    await store.applyFeedback([
      { deliveryId: second.id, recipient: 0, type: 'relayed', at: clock.now() },
    ]);
    clock.advance(60_000);
    const notSent = await store.createDelivery(
      { name: 'a', roles: ['start-deliveries'] },
      {
        label: 'Draft',
        channel: 'email',
        recipients: { addresses: ['jo@example.com'] },
      },
    );
    const history = await store.readProfileHistory(' JO@example.com');
    expect(history.map((entry) => [entry.label, entry.status, entry.recipient])).to.deep.equal([
      ['Second', 'sent', 0],
      ['First', 'failed', 1],
    ]);
    expect(history.some((entry) => entry.deliveryId === notSent.id)).to.equal(false);
    expect(await store.readProfileHistory('nobody@example.com')).to.deep.equal([]);
  });
  it('finds a profile in a list of several index buckets, and in one indexed as an earlier release did', async () => {
    const { store, name } = await freshStore();
    const list = addresses(40_000, 'member');
    const delivery = await sendingDelivery(store, { recipients: { addresses: list } });
    const found = async () =>
      Promise.all(
        [0, 16_383, 16_384, 39_999].map(async (recipient) =>
          (await store.readProfileHistory(list[recipient]!.toUpperCase())).map(
            (entry) => entry.recipient,
          ),
        ),
      );
    expect(await found()).to.deep.equal([[0], [16_383], [16_384], [39_999]]);
    // Releases before this one kept buckets of about 4,096 recipients; the audience records its
    // own count, so an index built that way is read as it was built.
    await reindexAudience(name, delivery.id, list, 10);
    expect(await found()).to.deep.equal([[0], [16_383], [16_384], [39_999]]);
    expect(await store.readProfileHistory('member40000@example.com')).to.deep.equal([]);
  });
});

/** Rewrites a list's index in `bucketCount` buckets, as the store's raw records. */
async function reindexAudience(
  name: string,
  audienceId: string,
  list: readonly string[],
  bucketCount: number,
): Promise<void> {
  const db = await openDatabase(name);
  const tx = db.transaction(['audiences', 'addressBuckets'], 'readwrite');
  const buckets = tx.objectStore('addressBuckets');
  buckets.delete(IDBKeyRange.bound([audienceId, 0], [audienceId, Infinity]));
  const members = Array.from({ length: bucketCount }, () => [] as number[]);
  list.forEach((address, recipient) => {
    members[hashAddress(normalizeAddress(address)) % bucketCount]!.push(recipient);
  });
  members.forEach((recipients, bucket) => {
    const hashes = recipients.map((recipient) => hashAddress(normalizeAddress(list[recipient]!)));
    buckets.put({ hashes: Uint32Array.from(hashes), recipients: Uint32Array.from(recipients) }, [
      audienceId,
      bucket,
    ]);
  });
  const audiences = tx.objectStore('audiences');
  const request = audiences.get(audienceId);
  request.onsuccess = () => audiences.put({ ...request.result, bucketCount });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

describe('generated test profiles', () => {
  afterEach(closeStores);

  it('store no address, yet every read finds and shows each profile: logs, search, history, denylist', async () => {
    const { store, clock, name } = await freshStore();
    const count = 10_000;
    await store.setAddressStatus('profile4200@example.test', { denylisted: true });
    const delivery = await sendingDelivery(store, { recipients: { generated: count } });
    // No address chunk and no address index was written for them.
    const db = await openDatabase(name);
    const stored = await Promise.all(
      ['addressChunks', 'addressBuckets'].map(
        (table) =>
          new Promise<number>((resolve) => {
            const request = db.transaction(table).objectStore(table).count();
            request.onsuccess = () => resolve(request.result);
          }),
      ),
    );
    db.close();
    expect(stored).to.deep.equal([0, 0]);

    // Preparation excluded the denylisted profile, found from its address alone.
    const excluded = await store.readExclusionLogs(delivery.id);
    expect(excluded.rows.map((row) => [row.recipient, row.address])).to.deep.equal([
      [4200, 'profile4200@example.test'],
    ]);
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 9_999, type: 'relayed', at: clock.now() },
    ]);
    const page = await store.readLogs(delivery.id, { offset: 4_095, limit: 2 });
    expect(page.rows.map((row) => row.address)).to.deep.equal([
      'profile4095@example.test',
      'profile4096@example.test',
    ]);
    const found = await store.findRecipients(delivery.id, [
      'Profile9999@Example.test',
      'profile10000@example.test', // beyond the audience
      'profile07@example.test', // not the form of profile 7's address
      'someone@example.test',
    ]);
    expect(found.recipients).to.deep.equal([[9_999], [], [], []]);
    const history = await store.readProfileHistory('profile9999@example.test');
    expect(history.map((entry) => [entry.recipient, entry.status])).to.deep.equal([
      [9_999, 'sent'],
    ]);
  });

  it('derive the address of each channel’s scheme, and find it back', async () => {
    const { store } = await freshStore();
    for (const [channel, address, recipient] of [
      ['sms', '+15550000042', 42],
      ['push', 'device-42', 42],
    ] as const) {
      const delivery = await sendingDelivery(store, { channel, recipients: { generated: 100 } });
      const page = await store.readLogs(delivery.id, { offset: recipient, limit: 1 });
      expect(page.rows[0]!.address, channel).to.equal(address);
      expect((await store.findRecipients(delivery.id, [address])).recipients).to.deep.equal([
        [recipient],
      ]);
    }
  });
});
