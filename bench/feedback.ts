/**
 * The file import's figures: a 1,000,000-event SendGrid NDJSON file (tagged) parsed as a stream
 * and applied to a 1,000,000-recipient delivery, its heap, the longest main-thread task when run
 * as the showcase runs it (in a worker), and 10,000 `.eml` bounce notifications.
 */
import { importFeedback } from '../src/feedback/index.js';
import type { DeliveryStore, User } from '../src/index.js';
import type { ImportRequest } from '../panels/import-worker.js';
import { dsnMail } from '../test/feedback/fixtures.js';
import { longestTaskDuring } from './components.js';
import { heapMb, report, time } from './figures.js';

const EVENTS = 1_000_000;
const DSN_FILES = 10_000;

async function sendingDelivery(
  store: DeliveryStore,
  user: User,
  recipients: number,
): Promise<string> {
  const created = await store.createDelivery(user, {
    label: 'Import bench',
    channel: 'email',
    efs: true,
    recipients: { generated: recipients },
  });
  await store.prepare(user, created.id);
  await store.confirm(user, created.id);
  return created.id;
}

/** SendGrid events, one per recipient, fetched as a file is read: by the browser, not the page. */
async function sendgridFile(deliveryId: string, seconds: number): Promise<File> {
  const response = await fetch(
    `/bench/files/sendgrid.ndjson?d=${deliveryId}&n=${EVENTS}&t=${seconds}`,
  );
  return new File([await response.blob()], 'sendgrid.ndjson');
}

function dsnFile(deliveryId: string, recipient: number, date: string): File {
  const address = `profile${recipient}@example.test`;
  const mail = dsnMail('failed', '5.1.1', {
    recipient: address,
    date,
    tag: { deliveryId, recipient },
  });
  return new File([mail], `bounce-${recipient}.eml`);
}

/**
 * The import as the showcase runs it: in a worker, the page's main thread watched. Timed from
 * the request to the report, once the worker has loaded (the dev server compiles its modules on
 * the first load, which is not the import's time).
 */
async function importInWorker(request: ImportRequest): Promise<number> {
  const worker = new Worker(new URL('../panels/import-worker.ts', import.meta.url), {
    type: 'module',
  });
  await new Promise<void>((resolve) => {
    worker.onmessage = (message: MessageEvent<{ ready?: true }>) => {
      if (message.data.ready) resolve();
    };
  });
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    worker.onmessage = (message: MessageEvent<{ report?: unknown; error?: string }>) => {
      if (message.data.error) reject(new Error(message.data.error));
      if (message.data.report || message.data.error) resolve();
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
  return performance.now() - started;
}

export async function feedbackFigures(store: DeliveryStore, user: User): Promise<void> {
  const seconds = Math.floor(store.now() / 1000);
  const inWorker = (files: File[]) =>
    importInWorker({
      files,
      storeName: store.name,
      modelNow: store.now(),
      realNow: Date.now(),
      scale: 0,
    });

  // As the showcase runs it: in a worker, the page's main thread watched for long tasks.
  const first = await sendingDelivery(store, user, EVENTS);
  const firstFile = await sendgridFile(first, seconds);
  let imported = 0;
  const longest = await longestTaskDuring(async () => {
    imported = await inWorker([firstFile]);
  });
  if ((await store.readIndicators(first)).relayed !== EVENTS) throw new Error('the import failed');
  await report('import_sendgrid_1m_s', imported / 1000, 's', 3);
  await report('longest_task_during_import_ms', longest, 'ms', 50);

  // On the page's own thread, for its heap (and its time, for reference).
  const second = await sendingDelivery(store, user, EVENTS);
  const secondFile = await sendgridFile(second, seconds);
  window.gc?.();
  let peak = heapMb();
  const sampler = setInterval(() => (peak = Math.max(peak, heapMb())), 20);
  const onPage = await time(() => importFeedback(store, secondFile));
  clearInterval(sampler);
  peak = Math.max(peak, heapMb());
  if (onPage.result.applied !== EVENTS) throw new Error('the page import failed');
  await report('import_heap_mb', peak, 'MB', 200);
  await report('import_sendgrid_1m_main_thread_s', onPage.ms / 1000, 's', null);

  // Bounce mails, in a worker as the showcase does (see mail-parser.ts for the page's thread).
  const date = new Date(store.now()).toUTCString();
  const third = await sendingDelivery(store, user, DSN_FILES);
  const files = Array.from({ length: DSN_FILES }, (_, recipient) =>
    dsnFile(third, recipient, date),
  );
  const dsnMs = await inWorker(files);
  if ((await store.readIndicators(third)).bounces !== DSN_FILES) {
    throw new Error('the DSN import failed');
  }
  await report('import_dsn_10k_s', dsnMs / 1000, 's', 5);
}
