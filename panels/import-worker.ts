/**
 * The feedback import of the showcase and the sidebar, off the main thread: a million-event file
 * is parsed and applied here, so the page never has a long task. The worker opens the same store
 * (same origin, same database); the page hears of the changes through the store's change
 * broadcast.
 */
import { importFeedback } from '../src/feedback/index.js';
import { openStore, type Clock } from '../src/index.js';

export interface ImportRequest {
  readonly files: readonly File[];
  readonly deliveryId?: string;
  readonly storeName: string;
  /** The page's model time and the real time it was read at, and how fast model time runs. */
  readonly modelNow: number;
  readonly realNow: number;
  readonly scale: number;
}

self.onmessage = async (message: MessageEvent<ImportRequest>) => {
  const { files, deliveryId, storeName, modelNow, realNow, scale } = message.data;
  const clock: Clock = { now: () => Math.round(modelNow + (Date.now() - realNow) * scale) };
  try {
    const store = await openStore({ name: storeName, clock });
    const report = await importFeedback(store, files, {
      ...(deliveryId ? { deliveryId } : {}),
      onProgress: (progress) => self.postMessage({ progress }),
    });
    await store.close();
    self.postMessage({ report });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};

// Loaded: a page that wants to time the import alone (the benchmark) waits for this.
self.postMessage({ ready: true });
