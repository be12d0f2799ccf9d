/**
 * The background (Chrome's service worker, Firefox's event page), started by each browser's
 * entry (chrome.ts, firefox.ts) with what differs between them. It keeps no truth in memory:
 * the store's scheduling and the embedded simulated MTA run from the extension's IndexedDB on
 * chrome.alarms, re-created at every start, so a send goes on while the side panel is closed and
 * after the browser stopped this worker. It also carries the portal reads between the side panel
 * and the watched tab's content script, checking every sender.
 */
import { openStore } from '../../src/index.js';
import { createSimulatedMta } from '../../src/simulator/index.js';
import { fromExtensionPage, fromOwnContentScript, requireSender } from '../shared/guards.js';
import { modelClock } from '../shared/model-clock.js';
import { messaging, onEveryRead, sendRead } from '../shared/protocol.js';
import { self } from '../shared/self.js';
import { loadRates } from '../shared/settings.js';
import { watchSite } from './watch.js';
import { Notifier } from './alerts.js';
import { grantedSites, portalCall } from './portal.js';

const ALARM = 'sendkit-step';
/** While awake (the side panel pings), the MTA steps this often; alarms wake it otherwise. */
const AWAKE_STEP_MS = 1_000;

/** What differs between the browsers. */
export interface Platform {
  /** Opens the sidebar (after a click on a notification). */
  openSidebar(windowId: number | undefined): Promise<void>;
}

/** Adds every listener at once, as a background must (the events that wake it must find them). */
export function startBackground(platform: Platform): void {
  const me = self();
  // Service workers allow no top-level await, and their listeners must be added at once (so the
  // events that wake them find them): the store and the MTA are opened on first use.
  const opened = (async () => {
    const store = await openStore({ clock: await modelClock() });
    const notifier = new Notifier(store);
    // Every change, the background's own (the MTA's) and the side panel's, may carry alerts.
    store.subscribe((change) => void notifier.announce(change.alerts));
    await notifier.catchUp();
    return createSimulatedMta(store);
  })();

  async function step(): Promise<void> {
    const mta = await opened;
    for (const [deliveryId, rates] of Object.entries(await loadRates()))
      mta.setRates(deliveryId, rates);
    await mta.step();
  }

  async function ensureAlarm(): Promise<void> {
    if (await chrome.alarms.get(ALARM)) return;
    // Unpacked (development) builds may wake more often than the 30 s a packed one is held to.
    const development = (await chrome.management?.getSelf?.())?.installType === 'development';
    await chrome.alarms.create(ALARM, { periodInMinutes: development ? 0.1 : 0.5 });
  }

  chrome.notifications.onClicked.addListener((id) => void Notifier.open(id, platform));
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM)
      void step().catch((error: unknown) => console.error('sendkit step', error));
  });
  void ensureAlarm();
  void step();
  setInterval(() => void step().catch(() => undefined), AWAKE_STEP_MS);

  messaging.onMessage('keepalive', ({ sender }) => {
    requireSender(fromExtensionPage(sender, me), 'keepalive');
    return true;
  });

  messaging.onMessage('portal.stores', ({ sender, data }) => {
    requireSender(fromExtensionPage(sender, me), 'portal.stores');
    return portalCall(data.tabId, () =>
      messaging.sendMessage('bridge.stores', undefined, { tabId: data.tabId, frameId: 0 }),
    );
  });

  // Each read of the store interface is its own message, carried to the tab's content script.
  onEveryRead('portal', (read, data, sender) => {
    requireSender(fromExtensionPage(sender, me), `portal.${read}`);
    return portalCall(data.tabId, () =>
      sendRead(
        'bridge',
        read,
        { store: data.store, args: data.args },
        { tabId: data.tabId, frameId: 0 },
      ),
    );
  });

  messaging.onMessage('watch.site', ({ sender, data }) => {
    requireSender(fromExtensionPage(sender, me), 'watch.site');
    return watchSite(data.origin);
  });

  messaging.onMessage('portal.changed', async ({ sender, data }) => {
    requireSender(fromOwnContentScript(sender, me, await grantedSites()), 'portal.changed');
    const change = {
      tabId: sender.tab!.id!,
      store: String(data.store),
      deliveryIds: [...data.deliveryIds].map(String),
    };
    // No side panel open: nobody to tell.
    await messaging.sendMessage('sidebar.portal-changed', change).catch(() => undefined);
  });
}
