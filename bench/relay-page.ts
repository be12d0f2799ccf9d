/**
 * The page of `relay_to_kpi_p99_ms`: a portal watching one delivery through <deployment-kpis>,
 * fed by connectFeedback from the relay named in the query. Each time the element's shadow DOM
 * changes, the time and the delivered count it shows are recorded for bench/relay.mjs.
 */
import '../components/index.js';
import { provideSendkit } from '../components/index.js';
import { connectFeedback } from '../src/feedback/index.js';
import { openStore, type DeliverySnapshot, type User } from '../src/index.js';

declare global {
  interface Window {
    relayBench?: { deliveryId: string; renders: { at: number; delivered: number }[] };
  }
}

const user: User = { name: 'bench', roles: ['start-deliveries'] };
const params = new URLSearchParams(location.search);
const store = await openStore({ name: `sendkit-relay-bench-${Date.now()}` });
const created = await store.createDelivery(user, {
  label: 'Relay bench',
  channel: 'email',
  efs: true,
  recipients: { generated: Number(params.get('recipients')) },
});
await store.prepare(user, created.id);
await store.confirm(user, created.id);
// What the element shows is its data (protected: read here for the measurement only).
const kpis = document.querySelector('deployment-kpis') as unknown as HTMLElement & {
  readonly data?: DeliverySnapshot;
  readonly updateComplete: Promise<boolean>;
};
provideSendkit(document.body, { store, deliveryId: created.id, user });
await kpis.updateComplete;
const renders: { at: number; delivered: number }[] = [];
new MutationObserver(() => {
  renders.push({ at: Date.now(), delivered: kpis.data?.indicators.delivered ?? 0 });
}).observe(kpis.shadowRoot!, {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
});
connectFeedback(store, params.get('relay')!, { token: params.get('token')! });
window.relayBench = { deliveryId: created.id, renders };
