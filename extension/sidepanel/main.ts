/**
 * The side panel (Chrome) / sidebar (Firefox): the extension's own deliveries, run by the
 * background's simulated MTA, or a watched portal page's, read-only; the chosen one shown with
 * the seven elements, unchanged. The panel and the background share the extension's origin, so
 * both open the same IndexedDB store and the store's change broadcast carries every change here.
 */
import { html, nothing, render } from 'lit';
import '../../components/index.js';
import { provideSendkit } from '../../components/index.js';
import { openStore, type Delivery, type SendkitStore, type User } from '../../src/index.js';
import { deliveryForm, readDeliveryForm } from '../../panels/delivery-form.js';
import { feedbackImport } from '../../panels/feedback-panel.js';
import { adoptPageTheme } from '../../panels/page-theme.js';
import { RelayControl } from '../../panels/relay-panel.js';
import { fromBackground, requireSender } from '../shared/guards.js';
import { MODEL_SECONDS_PER_SECOND, modelClock } from '../shared/model-clock.js';
import { messaging } from '../shared/protocol.js';
import { loadNotifyKinds, saveNotifyKinds } from '../shared/notify-settings.js';
import { self } from '../shared/self.js';
import {
  loadShownDelivery,
  loadUser,
  saveRates,
  saveShownDelivery,
  saveUser,
} from '../shared/settings.js';
import { deliveryList, type ListedDelivery } from './delivery-list.js';
import { PortalStore } from './portal-store.js';
import { notifyPanel } from './notify-panel.js';
import { userPanel } from './user-panel.js';
import { activeSite, mayReach, portalOf, watch, watchPanel, type Watched } from './watch-panel.js';

// The panel's own controls on the kit's tokens, so it reads as one product with the elements.
adoptPageTheme(document);

/** The list reads the indicators of this many deliveries at most (newest first). */
const LISTED = 50;
const KEEPALIVE_MS = 20_000;

const me = self();
const store = await openStore({ clock: await modelClock() });
let user = await loadUser();
let notifyKinds = await loadNotifyKinds();
let shown = await loadShownDelivery();
let source: 'own' | 'portal' = 'own';
let portal: PortalStore | null = null;
let watched: Watched | null = null;
const site = await activeSite().catch(() => '');
let watchProblem = '';
let message = '';
let listed: ListedDelivery[] = [];
// Connected to a relay, the panel's store is a replica of its shared deliveries.
const relay = new RelayControl(
  store,
  () => draw(),
  (url) => mayReach(url).catch(() => false),
);

function activeStore(): SendkitStore {
  return source === 'portal' && portal ? portal : store;
}

async function list(from: SendkitStore): Promise<ListedDelivery[]> {
  const deliveries = await from.listDeliveries();
  return Promise.all(
    deliveries.slice(0, LISTED).map(async (delivery: Delivery) => ({
      delivery,
      indicators:
        delivery.state === 'editing'
          ? null
          : await from.readIndicators(delivery.id).catch(() => null),
    })),
  );
}

async function refresh(): Promise<void> {
  const from = activeStore();
  let next: ListedDelivery[];
  try {
    next = await list(from);
  } catch (error) {
    if (from !== activeStore()) return;
    next = [];
    message = error instanceof Error ? error.message : String(error);
  }
  // A list read from the source shown before (the extension's own store, before a portal was
  // watched) must not land as the new source's: its deliveries are not there.
  if (from !== activeStore()) return;
  listed = next;
  if (shown === null || !listed.some((entry) => entry.delivery.id === shown)) {
    shown = listed[0]?.delivery.id ?? null;
    provider.set({ deliveryId: shown ?? undefined });
  }
  draw();
}

function show(id: string): void {
  shown = id;
  if (source === 'own') void saveShownDelivery(id);
  provider.set({ deliveryId: id });
  draw();
}

function useSource(next: 'own' | 'portal'): void {
  source = next;
  shown = null;
  provider.set({ store: activeStore(), deliveryId: undefined });
  void refresh();
}

async function act(work: () => Promise<unknown>): Promise<void> {
  message = '';
  try {
    await work();
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  await refresh();
}

async function attach(next: Watched | null, problem = ''): Promise<void> {
  watched = next;
  watchProblem = problem;
  portal =
    next && next.portal.stores.length > 0
      ? new PortalStore(next.tabId, next.portal.origin, next.portal.stores[0]!)
      : null;
  useSource(portal ? 'portal' : 'own');
}

function startWatching(origin: string): void {
  // The permission request must run in the click's own task: no await before it.
  watch(origin).then(
    (next) => attach(next),
    (error: unknown) => attach(null, error instanceof Error ? error.message : String(error)),
  );
}

function setUser(next: User): void {
  user = next;
  void saveUser(next);
  provider.set({ user: next });
  draw();
}

const ownControls = () => {
  const current = listed.find((entry) => entry.delivery.id === shown)?.delivery;
  return html`<details class="card" id="new-delivery">
      <summary>New delivery</summary>
      ${deliveryForm((form) =>
        act(async () => {
          if (!user) throw new Error('Choose a user first.');
          const { input, rates } = readDeliveryForm(form, store.now());
          const created = await store.createDelivery(user, input, relay.creation(rates));
          if (!created.shared) await saveRates(created.id, rates);
          show(created.id);
        }),
      )}
    </details>
    ${
      current?.state === 'editing'
        ? html`<button
            id="prepare"
            type="button"
            @click=${() => act(() => store.prepare(user!, current.id))}
          >
            Prepare “${current.label}”
          </button>`
        : nothing
    }
    <details class="card" id="relay" ?open=${relay.connected}>
      <summary>Shared deliveries</summary>
      ${relay.render()}
    </details>
    <details class="card" id="feedback">
      <summary>Real feedback</summary>
      ${feedbackImport(store, shown ?? undefined, MODEL_SECONDS_PER_SECOND, draw)}
    </details>`;
};

function draw(): void {
  render(
    html`<header class="top">
        <h1>sendkit</h1>
        <div class="sources" role="group" aria-label="Deliveries of">
          <button
            type="button"
            id="source-own"
            aria-pressed=${source === 'own' ? 'true' : 'false'}
            @click=${() => useSource('own')}
          >
            This extension
          </button>
          <button
            type="button"
            id="source-portal"
            aria-pressed=${source === 'portal' ? 'true' : 'false'}
            ?disabled=${!portal}
            @click=${() => useSource('portal')}
          >
            ${watched ? new URL(watched.portal.origin).host : 'Portal page'}
          </button>
        </div>
      </header>
      ${userPanel(user, setUser)}
      ${notifyPanel(notifyKinds, (kinds) => {
        notifyKinds = kinds;
        void saveNotifyKinds(kinds);
      })}
      ${watchPanel(site, watched, watchProblem, startWatching, () => void attach(null))}
      ${source === 'own' ? ownControls() : nothing}
      ${deliveryList(
        listed,
        shown,
        show,
        source === 'own'
          ? 'No delivery yet: create one under “New delivery”.'
          : 'This page has no delivery yet.',
      )}
      <p role="status" class="message" id="message">${message}</p>
      <section id="shown" aria-label="The delivery shown">
        <deployment-kpis heading-level="2"></deployment-kpis>
        <confirm-send-button></confirm-send-button>
        <delivery-timeline heading-level="2"></delivery-timeline>
        <sending-log-table heading-level="2"></sending-log-table>
        <delivery-breakdown heading-level="2"></delivery-breakdown>
        <delivery-journal heading-level="2"></delivery-journal>
        <efs-comparison heading-level="2"></efs-comparison>
      </section>`,
    document.querySelector<HTMLElement>('#app')!,
  );
}

draw();
const provider = provideSendkit(document.querySelector<HTMLElement>('#shown')!, {
  store,
  deliveryId: shown ?? undefined,
  user: user ?? undefined,
});

store.subscribe(() => {
  if (source === 'own') void refresh();
});
messaging.onMessage('sidebar.portal-changed', ({ sender, data }) => {
  requireSender(fromBackground(sender, me), 'sidebar.portal-changed');
  if (!portal || data.tabId !== portal.tabId || data.store !== portal.name) return;
  portal.changed(data.deliveryIds);
  void refresh();
});
chrome.tabs.onRemoved.addListener((tabId) => {
  if (watched?.tabId === tabId) void attach(null, 'The watched tab was closed.');
});
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (watched?.tabId !== tabId || change.status !== 'complete') return;
  // A new page in the watched tab: read what it has (or say it has no sendkit).
  portalOf(tabId).then(
    (next) => attach({ tabId, portal: next }),
    (error: unknown) => attach(null, error instanceof Error ? error.message : String(error)),
  );
});
chrome.storage.onChanged.addListener((changes) => {
  if (!changes['user']) return;
  void loadUser().then((next) => {
    user = next;
    provider.set({ user: next ?? undefined });
    draw();
  });
});
const keepAwake = () => void messaging.sendMessage('keepalive', undefined).catch(() => undefined);
keepAwake();
setInterval(keepAwake, KEEPALIVE_MS);
relay.resume();
await refresh();
