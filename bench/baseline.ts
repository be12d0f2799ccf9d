/**
 * The layout a user would write first: one IndexedDB record per recipient, in raw IndexedDB and
 * with Dexie's bulkPut. Measured here only to compare against sendkit's chunked layout.
 */
import Dexie from 'dexie';

export const BASELINE_RECIPIENTS = 200_000;

function recipientRecord(index: number) {
  return {
    id: index,
    address: `profile${index}@example.test`,
    status: 'pending',
    reason: null,
    at: null,
  };
}

/**
 * Deletes a baseline's database and waits for it: deleting hundreds of megabytes runs in the
 * browser's database process, which would otherwise compete with the next figure's work.
 */
export function deleteRawDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** A new raw IndexedDB database of one object store, for the baselines. */
export function openRawDatabase(
  name: string,
  store: string,
  options?: IDBObjectStoreParameters,
): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store, options);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function rawIndexedDbRate(): Promise<number> {
  const name = `sendkit-baseline-raw-${Date.now()}`;
  const db = await openRawDatabase(name, 'recipients', { keyPath: 'id' });
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('recipients', 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('recipients');
    for (let index = 0; index < BASELINE_RECIPIENTS; index++) store.put(recipientRecord(index));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const seconds = (performance.now() - started) / 1000;
  db.close();
  await deleteRawDatabase(name);
  return BASELINE_RECIPIENTS / seconds;
}

export async function dexieRate(): Promise<number> {
  const db = new Dexie(`sendkit-baseline-dexie-${Date.now()}`);
  db.version(1).stores({ recipients: 'id' });
  const records = Array.from({ length: BASELINE_RECIPIENTS }, (_, index) => recipientRecord(index));
  const started = performance.now();
  await db.table('recipients').bulkPut(records);
  const seconds = (performance.now() - started) / 1000;
  await db.delete();
  return BASELINE_RECIPIENTS / seconds;
}
