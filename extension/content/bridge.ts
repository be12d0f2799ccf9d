/**
 * The content script of a watched site (built alone as an IIFE: content scripts cannot be
 * modules). It opens the page's sendkit stores read-only (openStoreReader: nothing is created,
 * upgraded or written), answers the extension's reads, and tells the background when the page's
 * store changes, coalesced to one notice per animation frame or 250 ms. It executes nothing that
 * comes from the page, and answers only this extension.
 */
import {
  callRead,
  listSendkitStores,
  openStoreReader,
  type StoreReader,
} from '../../src/remote/index.js';
import { fromBackground, requireSender, type Sender } from '../shared/guards.js';
import {
  messaging,
  onEveryRead,
  type PortalStores,
  type ReadAnswer,
  type ReadData,
  type Result,
  type StoreRead,
} from '../shared/protocol.js';
import { resultOf } from '../shared/results.js';
import { self } from '../shared/self.js';

const NOTICE_MS = 250;

declare global {
  var sendkitBridge: boolean | undefined;
}

function start(): void {
  const me = self();
  const readers = new Map<string, Promise<StoreReader>>();
  const changed = new Map<string, Set<string>>();
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function notify(): void {
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    timer = null;
    for (const [store, ids] of changed) {
      void messaging
        .sendMessage('portal.changed', { store, deliveryIds: [...ids] })
        .catch(() => undefined);
    }
    changed.clear();
  }

  function reader(name: string): Promise<StoreReader> {
    let opening = readers.get(name);
    if (!opening) {
      opening = openStoreReader({ name }).then((opened) => {
        opened.subscribe((change) => {
          const ids = changed.get(name) ?? new Set<string>();
          for (const id of change.deliveryIds) ids.add(id);
          changed.set(name, ids);
          // At most one notice per frame; a hidden tab has no frames, so 250 ms at the latest.
          if (timer === null) {
            frame = requestAnimationFrame(notify);
            timer = setTimeout(notify, NOTICE_MS);
          }
        });
        return opened;
      });
      opening.catch(() => readers.delete(name));
      readers.set(name, opening);
    }
    return opening;
  }

  messaging.onMessage('bridge.stores', ({ sender }) => {
    requireSender(fromBackground(sender, me), 'bridge.stores');
    return resultOf(async (): Promise<PortalStores> => {
      const stores = await listSendkitStores();
      await Promise.all(stores.map(reader));
      return { origin: location.origin, stores };
    });
  });

  function answer<K extends StoreRead>(
    read: K,
    data: ReadData<'bridge', K>,
    sender: Sender,
  ): Promise<Result<ReadAnswer<K>>> {
    requireSender(fromBackground(sender, me), `bridge.${read}`);
    return resultOf<ReadAnswer<K>>(() =>
      reader(String(data.store)).then((opened) => callRead(opened, read, data.args)),
    );
  }
  onEveryRead('bridge', answer);

  addEventListener('pagehide', () => {
    for (const opening of readers.values()) void opening.then((opened) => opened.close());
    readers.clear();
  });
}

// Registered for the site and also injected into its open tabs: run once per page.
if (!globalThis.sendkitBridge) {
  globalThis.sendkitBridge = true;
  start();
}
