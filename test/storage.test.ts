/**
 * When the browser's storage says no (SPEC §7; the model's promises): a full origin and a
 * database name taken by another application are typed errors, and nothing is half-written.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DeliveryStore, StoreNameTakenError, StoreQuotaError, openStore } from '../src/index.js';
import {
  closeStores,
  freshStore,
  rejection,
  starter,
  uniqueName,
  watchUncaught,
} from './helpers.js';

function cdp(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  return executeServerCommand('cdp', { method, params });
}

/** Creates a database the way another application would, with data of its own. */
async function foreignDatabase(name: string, version: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('notes', { keyPath: 'id' }).put({ id: 1, text: 'mine' });
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

async function readForeign(
  name: string,
): Promise<{ version: number; stores: string[]; note: unknown }> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const db = request.result;
      const get = db.transaction('notes').objectStore('notes').get(1);
      get.onsuccess = () => {
        resolve({ version: db.version, stores: [...db.objectStoreNames], note: get.result });
        db.close();
      };
      get.onerror = () => reject(get.error);
    };
    request.onerror = () => reject(request.error);
  });
}

describe('storage that says no', () => {
  afterEach(closeStores);

  it('a full origin gives a StoreQuotaError saying what was attempted and how much space there is', async () => {
    // The browser applies a quota override to the origin's storage as it is next set up: clear
    // it first (earlier test files are done with theirs), then set a quota of 256 KB.
    await cdp('Storage.clearDataForOrigin', { origin: location.origin, storageTypes: 'indexeddb' });
    await cdp('Storage.overrideQuotaForOrigin', { origin: location.origin, quotaSize: 256 * 1024 });
    try {
      const { store } = await freshStore();
      const small = await store.createDelivery(starter, {
        label: 'small',
        channel: 'email',
        recipients: { generated: 10 },
      });
      const error = await rejection(
        // An uploaded list is stored (generated test profiles store no addresses at all).
        store.createDelivery(starter, {
          label: 'big',
          channel: 'email',
          recipients: {
            addresses: Array.from({ length: 300_000 }, (_, index) => `user${index}@quota.example`),
          },
        }),
      );
      expect(error, error.message).to.be.instanceOf(StoreQuotaError);
      const quotaError = error as StoreQuotaError;
      expect(quotaError.operation).to.equal('create a delivery');
      expect(quotaError.quota).to.be.a('number');
      expect(error.message)
        .to.match(/create a delivery/)
        .and.to.match(/MB/);
      // Nothing of it was written; the store is still readable.
      const labels = (await store.listDeliveries()).map((delivery) => delivery.label);
      expect(labels).to.deep.equal(['small']);
      expect((await store.getDelivery(small.id)).state).to.equal('editing');
    } finally {
      await closeStores();
      await cdp('Storage.overrideQuotaForOrigin', { origin: location.origin });
      await cdp('Storage.clearDataForOrigin', {
        origin: location.origin,
        storageTypes: 'indexeddb',
      });
    }
  });

  it('asks the browser to keep the data when told to, and reports the answer', async () => {
    const store = await openStore({ name: uniqueName(), persist: true });
    try {
      expect(await store.persistence).to.be.a('boolean');
      expect(store.persisted).to.equal(await store.persistence);
    } finally {
      await store.close();
    }
  });

  it('never waits for the permission prompt: the store opens while the user has not answered', async () => {
    const storage = navigator.storage;
    const asked = storage.persist;
    let answer!: (granted: boolean) => void;
    // Firefox's prompt, unanswered: the browser's promise stays pending until the user decides.
    storage.persist = () => new Promise<boolean>((resolve) => (answer = resolve));
    try {
      const opening = openStore({ name: uniqueName(), persist: true });
      const late = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3_000));
      const store = await Promise.race([opening, late]);
      expect(store, 'openStore waited for the prompt').not.to.equal('waited');
      const opened = store as Awaited<typeof opening>;
      try {
        expect(opened.persisted).to.equal(null);
        expect((await opened.listDeliveries()).length).to.equal(0);
        answer(true);
        expect(await opened.persistence).to.equal(true);
        expect(opened.persisted).to.equal(true);
      } finally {
        await opened.close();
      }
    } finally {
      storage.persist = asked;
    }
  });

  for (const version of [1, 7]) {
    it(`a database of the same name made by another application (version ${version}) is refused and left untouched`, async () => {
      const name = uniqueName();
      await foreignDatabase(name, version);
      // The typed error is the only one: no stray rejection reaches the page's own handlers.
      const { uncaught, stop } = watchUncaught();
      try {
        const error = await rejection(openStore({ name }));
        expect(error, error.message).to.be.instanceOf(StoreNameTakenError);
        expect(error.message).to.match(/another application/);
        const store = new DeliveryStore({ name });
        expect(await rejection(store.listDeliveries())).to.be.instanceOf(StoreNameTakenError);
        await store.close();
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        stop();
      }
      expect(uncaught).to.deep.equal([]);
      expect(await readForeign(name)).to.deep.equal({
        version,
        stores: ['notes'],
        note: { id: 1, text: 'mine' },
      });
    });
  }
});
