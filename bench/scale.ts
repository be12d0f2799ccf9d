/**
 * The kit's cap, 5,000,000 recipients, through the public API on the disk-backed profile:
 * create + prepare of generated test profiles and of an uploaded list, the list beside a raw
 * IndexedDB write of the same address chunks (the floor any design that stores the list has),
 * then feedback, Compute stats, log pages at both ends and the heap, as at one million, and the
 * timeline's and the breakdown's render of the delivery its feedback made.
 */
import { openStore, type DeliveryStore, type FeedbackEvent, type User } from '../src/index.js';
import { ManualClock } from '../src/simulator/index.js';
import { deleteRawDatabase, openRawDatabase } from './baseline.js';
import { chartFigures } from './charts.js';
import { report, settledHeapMb, time, worstOf } from './figures.js';

const RECIPIENTS = 5_000_000;
const BATCH = 250_000;
const CHUNK = 4096;
const HOUR_MS = 3_600_000;
const SEND_HOURS = 60;
const DELIVERY_DELAY_MS = 90_000;

async function createPrepare(
  store: DeliveryStore,
  user: User,
  recipients: { generated: number } | { addresses: string[] },
): Promise<{ id: string; seconds: number }> {
  const { result, ms } = await time(async () => {
    const delivery = await store.createDelivery(user, {
      label: 'Bench 5M',
      channel: 'email',
      recipients,
    });
    await store.prepare(user, delivery.id);
    return delivery;
  });
  return { id: result.id, seconds: ms / 1000 };
}

/** The same address chunks written straight to IndexedDB, one transaction, as the kit would. */
async function rawChunkWriteSeconds(addresses: readonly string[]): Promise<number> {
  const name = `sendkit-baseline-chunks-${Date.now()}`;
  const db = await openRawDatabase(name, 'chunks');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('chunks', 'readwrite', { durability: 'relaxed' });
    const chunks = tx.objectStore('chunks');
    for (let start = 0, chunk = 0; start < addresses.length; start += CHUNK, chunk++)
      chunks.put({ addresses: addresses.slice(start, start + CHUNK) }, chunk);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const seconds = (performance.now() - started) / 1000;
  db.close();
  await deleteRawDatabase(name);
  return seconds;
}

export async function scaleFigures(user: User): Promise<void> {
  const clock = new ManualClock();
  const store = await openStore({ name: `sendkit-bench-5m-${Date.now()}`, clock });

  const generated = await createPrepare(store, user, { generated: RECIPIENTS });
  await report('create_prepare_5m_s', generated.seconds, 's', 2);

  const addresses = Array.from({ length: RECIPIENTS }, (_, index) => `user${index}@list.example`);
  const raw = await rawChunkWriteSeconds(addresses);
  await report('baseline_idb_5m_chunks_s', raw, 's', null);
  const list = await createPrepare(store, user, { addresses });
  await report('create_prepare_5m_list_s', list.seconds, 's', null);
  await report('create_prepare_5m_list_vs_raw', list.seconds / raw, 'x', 1.2);
  addresses.length = 0;
  await store.deleteDelivery(user, list.id);

  const id = generated.id;
  const { startedAt } = await store.confirm(user, id);
  // The send spread over 60 hours of its validity, as a paced send is: the timeline then has
  // thousands of minutes to draw, and each batch moves the counters of 3 hours of them.
  clock.advance(SEND_HOURS * HOUR_MS + HOUR_MS);
  const relayedAt = (recipient: number) =>
    startedAt! + Math.floor((recipient / RECIPIENTS) * SEND_HOURS * HOUR_MS);
  let applyMs = 0;
  for (const type of ['relayed', 'delivered'] as const) {
    for (let start = 0; start < RECIPIENTS; start += BATCH) {
      const batch: FeedbackEvent[] = [];
      for (let recipient = start; recipient < start + BATCH; recipient++) {
        const at = relayedAt(recipient) + (type === 'delivered' ? DELIVERY_DELAY_MS : 0);
        batch.push({ deliveryId: id, recipient, type, at });
      }
      applyMs += (await time(() => store.applyFeedback(batch))).ms;
    }
  }
  await report('feedback_5m_events_per_s', (2 * RECIPIENTS) / (applyMs / 1000), 'events/s', null);
  const stats = await time(() => store.computeStats(id));
  await report('compute_stats_5m_s', stats.ms / 1000, 's', null);
  await report(
    'log_page_5m_first_ms',
    await worstOf(10, () => store.readLogs(id, { offset: 0, limit: 50 })),
    'ms',
    20,
  );
  await report(
    'log_page_5m_last_ms',
    await worstOf(10, () => store.readLogs(id, { offset: RECIPIENTS - 50, limit: 50 })),
    'ms',
    20,
  );
  await store.readIndicators(id);
  await report('heap_5m_mb', await settledHeapMb(), 'MB', 150);
  await chartFigures(store, id);
  await store.close();
}
