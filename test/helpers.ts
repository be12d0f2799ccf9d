/** Shared fixtures for the model's tests: real IndexedDB in real Chromium, one database each. */
import {
  openStore,
  type Delivery,
  type DeliveryInput,
  type DeliveryStore,
  type Recurrence,
  type User,
} from '../src/index.js';
import { ManualClock } from '../src/simulator/index.js';

export const starter: User = { name: 'ana', roles: ['start-deliveries'] };
export const preparer: User = { name: 'paul', roles: ['prepare-deliveries'] };
export const workflow: User = { name: 'wf', roles: ['workflow'] };

let counter = 0;
const opened: DeliveryStore[] = [];

export function uniqueName(): string {
  return `sendkit-test-${Date.now()}-${++counter}`;
}

export async function freshStore(
  clock = new ManualClock(),
  name = uniqueName(),
): Promise<{ store: DeliveryStore; clock: ManualClock; name: string }> {
  const store = await openStore({ name, clock });
  opened.push(store);
  return { store, clock, name };
}

/** Closes every store a test opened (call from afterEach). */
export async function closeStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}

export function addresses(count: number, prefix = 'user'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}@example.com`);
}

/** Creates, prepares and confirms a delivery that starts at once. */
export async function sendingDelivery(
  store: DeliveryStore,
  input: Partial<DeliveryInput> = {},
): Promise<Delivery> {
  const created = await store.createDelivery(starter, {
    label: 'Test',
    channel: 'email',
    recipients: { addresses: addresses(4) },
    ...input,
  });
  await store.prepare(starter, created.id);
  return store.confirm(starter, created.id);
}

/** A store's database opened by name, as it is (for tests that read or rewrite its records). */
export function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every record of every object store, typed arrays as plain arrays: compare before/after. */
export async function dumpDatabase(name: string): Promise<string> {
  const db = await openDatabase(name);
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names);
  const dump: Record<string, unknown> = {};
  await Promise.all(
    names.map(
      (storeName) =>
        new Promise<void>((resolve, reject) => {
          const keysRequest = tx.objectStore(storeName).getAllKeys();
          const valuesRequest = tx.objectStore(storeName).getAll();
          valuesRequest.onsuccess = () => {
            dump[storeName] = { keys: keysRequest.result, values: valuesRequest.result };
            resolve();
          };
          valuesRequest.onerror = () => reject(valuesRequest.error);
        }),
    ),
  );
  db.close();
  return JSON.stringify(dump, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
  );
}

/** Records what reaches the page uncaught (errors, unhandled rejections) until `stop` is called. */
export function watchUncaught(): { readonly uncaught: string[]; stop(): void } {
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(String(event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(String(event.reason));
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  return {
    uncaught,
    stop() {
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Resolves with the error a promise rejects with; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Creates, prepares and confirms (arms) a recurring delivery. */
export async function armedRecurring(
  store: DeliveryStore,
  recurrence: Recurrence,
  input: Partial<DeliveryInput> = {},
): Promise<Delivery> {
  const template = await store.createDelivery(starter, {
    label: 'Recurring',
    channel: 'email',
    recipients: { generated: 2 },
    recurrence,
    ...input,
  });
  await store.prepare(starter, template.id);
  return store.confirm(starter, template.id);
}

/** The occurrences of a recurring delivery, newest first. */
export async function occurrencesOf(store: DeliveryStore, templateId: string): Promise<Delivery[]> {
  return (await store.listDeliveries()).filter((delivery) => delivery.parentId === templateId);
}

/** A value that throws on every look: property reads, key listing, `in`, its prototype. */
export function throwingProxy(): object {
  const trap = () => {
    throw new TypeError('trap');
  };
  return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap });
}

/** Rewrites every record of the database in place (as an older release would have left them). */
export async function rewriteRecords(
  name: string,
  edit: (store: string, value: Record<string, unknown>) => void,
): Promise<void> {
  const db = await openDatabase(name);
  const names = ['deliveries', 'stateChunks'];
  const tx = db.transaction(names, 'readwrite');
  for (const storeName of names) {
    const request = tx.objectStore(storeName).openCursor();
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      const value = cursor.value as Record<string, unknown>;
      edit(storeName, value);
      cursor.update(value);
      cursor.continue();
    };
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
