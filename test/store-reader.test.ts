/**
 * openStoreReader, the read-only opener for a store another page owns: it never creates,
 * upgrades or writes a database, refuses versions and databases it does not know, reads what the
 * owner reads, hears the owner's changes, and refuses every action with ReadOnlyError.
 */
import { expect } from '@open-wc/testing';
import {
  ReadOnlyError,
  StoreMissingError,
  StoreNameTakenError,
  StoreVersionError,
} from '../src/index.js';
import { openStoreReader, type StoreReader } from '../src/remote/index.js';
import { CORE_STORES } from '../src/store/schema.js';
import type { StoreChange } from '../src/types.js';
import {
  closeStores,
  dumpDatabase,
  freshStore,
  rejection,
  sendingDelivery,
  starter,
  uniqueName,
} from './helpers.js';

const readers: StoreReader[] = [];

async function reader(name: string): Promise<StoreReader> {
  const opened = await openStoreReader({ name });
  readers.push(opened);
  return opened;
}

async function rawDatabase(
  name: string,
  version: number,
  stores: readonly string[],
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      for (const store of stores) request.result.createObjectStore(store);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

const SENDKIT_STORES = CORE_STORES;

describe('openStoreReader', () => {
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((opened) => opened.close()));
    await closeStores();
  });

  it('refuses a name with no store, and creates none', async () => {
    const name = uniqueName();
    const error = await rejection(openStoreReader({ name }));
    expect(error).to.be.instanceOf(StoreMissingError);
    expect(error.message).to.contain(name);
    const names = (await indexedDB.databases()).map((info) => info.name);
    expect(names).not.to.include(name);
  });

  it('refuses a schema version it does not know, and a database that is not sendkit’s', async () => {
    const newer = uniqueName();
    await rawDatabase(newer, 9, SENDKIT_STORES);
    expect(await rejection(openStoreReader({ name: newer }))).to.be.instanceOf(StoreVersionError);
    const older = uniqueName();
    await rawDatabase(older, 1, SENDKIT_STORES.slice(0, 6));
    expect(await rejection(openStoreReader({ name: older }))).to.be.instanceOf(StoreVersionError);
    const foreign = uniqueName();
    await rawDatabase(foreign, 2, ['notes']);
    expect(await rejection(openStoreReader({ name: foreign }))).to.be.instanceOf(
      StoreNameTakenError,
    );
  });

  it('reads a store of the previous schema version (2: the same reads, no dispatch store)', async () => {
    const previous = uniqueName();
    await rawDatabase(previous, 2, [...SENDKIT_STORES, 'eventIds', 'feedCursors']);
    const opened = await openStoreReader({ name: previous });
    readers.push(opened);
    expect(await opened.listDeliveries()).to.deep.equal([]);
  });

  it('reads a store of schema 3 (no timeline store): the timeline read still answers in kind', async () => {
    const previous = uniqueName();
    await rawDatabase(previous, 3, [...SENDKIT_STORES, 'eventIds', 'feedCursors', 'dispatch']);
    const opened = await openStoreReader({ name: previous });
    readers.push(opened);
    const missing = await opened.readTimeline('gone').catch((error: Error) => error);
    // The kit's typed error (its code), not the browser's DOMException for a missing store.
    expect((missing as { code?: string }).code).to.equal('not-found');
  });

  it('reads what the owner reads, and changes nothing by reading', async () => {
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'delivered', at: store.now() },
    ]);
    const before = await dumpDatabase(name);
    const opened = await reader(name);
    expect(opened.writable).to.equal(false);
    expect(await opened.listDeliveries()).to.deep.equal(await store.listDeliveries());
    expect(await opened.readSnapshot(delivery.id)).to.deep.equal(
      await store.readSnapshot(delivery.id),
    );
    expect(await opened.readLogs(delivery.id)).to.deep.equal(await store.readLogs(delivery.id));
    expect(await opened.readLogsAfter(delivery.id, { after: 0, limit: 2 })).to.deep.equal(
      await store.readLogsAfter(delivery.id, { after: 0, limit: 2 }),
    );
    expect(await opened.readExclusionLogs(delivery.id)).to.deep.equal(
      await store.readExclusionLogs(delivery.id),
    );
    expect(await opened.readProfileHistory('user0@example.com')).to.deep.equal(
      await store.readProfileHistory('user0@example.com'),
    );
    expect(await opened.readTimeline(delivery.id)).to.deep.equal(
      await store.readTimeline(delivery.id),
    );
    expect(await opened.readBreakdown(delivery.id)).to.deep.equal(
      await store.readBreakdown(delivery.id),
    );
    expect(await dumpDatabase(name)).to.equal(before);
  });

  it('refuses every action with ReadOnlyError, and the store stays as it was', async () => {
    const { store, name } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Waiting',
      channel: 'email',
      recipients: { generated: 3 },
    });
    await store.prepare(starter, created.id);
    const before = await dumpDatabase(name);
    const opened = await reader(name);
    for (const action of [
      () => opened.confirm(starter, created.id),
      () => opened.pause(starter, created.id),
      () => opened.resume(starter, created.id),
      () => opened.stop(starter, created.id),
      () => opened.computeStats(created.id),
    ]) {
      expect(await rejection(action())).to.be.instanceOf(ReadOnlyError);
    }
    expect(await dumpDatabase(name)).to.equal(before);
  });

  it('hears the owner’s changes', async () => {
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store);
    const opened = await reader(name);
    const heard = new Promise<StoreChange>((resolve) => opened.subscribe(resolve));
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 1, type: 'relayed', at: store.now() },
    ]);
    const change = await heard;
    expect(change.deliveryIds).to.include(delivery.id);
    expect((await opened.readIndicators(delivery.id)).relayed).to.equal(1);
  });
});
