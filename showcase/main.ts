/**
 * `npm start`: the showcase. A newcomer creates a delivery for the embedded simulated MTA,
 * switches roles, prepares, confirms, watches the Deployment block and the logs move, compares
 * the modes and toggles light/dark. Every element gets its store, delivery and user from one
 * provideSendkit() on <body>.
 */
import { html, nothing, render } from 'lit';
import '../components/index.js';
import { provideSendkit } from '../components/index.js';
import { openStore, type Delivery, type User } from '../src/index.js';
import { createSimulatedMta } from '../src/simulator/index.js';
import { apiTables, loadManifest, type Manifest } from './api-table.js';
import { MODEL_SECONDS_PER_SECOND, relayClock, showcaseClock } from './clock.js';
import { DEMO_USERS } from './demo-users.js';
import { deliveryForm, readDeliveryForm } from '../panels/delivery-form.js';
import { restoreRates, saveRates } from './rates.js';
import { startHere } from './start-here.js';
import { feedbackImport } from '../panels/feedback-panel.js';
import { RelayControl } from '../panels/relay-panel.js';

/** The relay `npm start` runs beside the showcase, if any: its stand-in backend says where. */
async function devRelay(): Promise<string | null> {
  const response = await fetch('/dev/relay.json').catch(() => null);
  const { url } = ((await response?.json().catch(() => null)) ?? {}) as { url?: unknown };
  return response?.ok && typeof url === 'string' ? url : null;
}

const relayUrl = await devRelay();
const store = await openStore({
  clock: relayUrl ? await relayClock(relayUrl) : showcaseClock(),
  persist: true,
});
// This page's own deliveries (the relay's simulated MTA sends the shared ones).
const mta = createSimulatedMta(store);
restoreRates(mta);
mta.start(250);

let role = 'Start deliveries';
let user: User = DEMO_USERS[role]!;
let deliveries: Delivery[] = await store.listDeliveries();
let selected: string | undefined = deliveries[0]?.id;
let message = '';
let manifest: Manifest | null = null;
const provider = provideSendkit(document.body, { store, deliveryId: selected, user });
const relay = new RelayControl(store, () => draw());

/** The demo user's credential, as a portal's backend signs it (here the dev server does). */
async function credentialOf(name: string): Promise<string> {
  const response = await fetch(`/dev/credential?role=${encodeURIComponent(name)}`);
  if (!response.ok) throw new Error(`no credential for ${name}`);
  return response.text();
}

function select(id: string | undefined): void {
  selected = id;
  provider.set({ deliveryId: id });
  draw();
}

async function act(work: () => Promise<unknown>): Promise<void> {
  message = '';
  try {
    await work();
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  deliveries = await store.listDeliveries();
  draw();
}

function toggleTheme(): void {
  const root = document.documentElement;
  const dark = root.dataset['theme'] !== 'dark';
  root.dataset['theme'] = dark ? 'dark' : 'light';
  root.style.colorScheme = dark ? 'dark' : 'light';
  draw();
}

const section = (tag: string, title: string, content: unknown) =>
  html`<section class="element card" aria-labelledby=${`${tag}-title`}>
    <h2 id=${`${tag}-title`}>${title} <code>&lt;${tag}&gt;</code></h2>
    ${content} ${apiTables(manifest, tag)}
  </section>`;

function draw(): void {
  const current = deliveries.find((delivery) => delivery.id === selected);
  render(
    html`<header class="top">
        <h1>sendkit</h1>
        <p>
          Model time:
          <output id="model-time"></output> (one model hour per ${3600 / MODEL_SECONDS_PER_SECOND}
          s)
        </p>
        <label
          >User role
          <select
            id="role"
            @change=${(event: Event) => {
              role = (event.target as HTMLSelectElement).value;
              user = DEMO_USERS[role]!;
              provider.set({ user });
              draw();
            }}
          >
            ${Object.keys(DEMO_USERS).map((name) => html`<option ?selected=${name === role}>${name}</option>`)}
          </select></label
        >
        <button
          id="theme"
          type="button"
          aria-pressed=${document.documentElement.dataset['theme'] === 'dark' ? 'true' : 'false'}
          @click=${toggleTheme}
        >
          Dark theme
        </button>
      </header>
      ${startHere(current)}
      <section class="card" aria-labelledby="new-title">
        <h2 id="new-title">New delivery</h2>
        ${deliveryForm((form) =>
          act(async () => {
            const { input, rates } = readDeliveryForm(form, store.clock.now());
            // With a relay, the delivery is shared and the relay's simulated MTA sends it.
            const delivery = await store.createDelivery(user, input, relay.creation(rates));
            if (!delivery.shared) {
              mta.setRates(delivery.id, rates);
              saveRates(delivery.id, rates);
            }
            select(delivery.id);
          }),
        )}
      </section>
      <section class="current card" aria-labelledby="current-title">
        <h2 id="current-title">Delivery</h2>
        <div class="row">
          <label
            >Shown delivery
            <select
              id="delivery"
              @change=${(event: Event) => select((event.target as HTMLSelectElement).value || undefined)}
            >
              ${deliveries.length === 0 ? html`<option value="">None yet: create one above</option>` : nothing}
              ${deliveries.map(
                (delivery) =>
                  html`<option value=${delivery.id} ?selected=${delivery.id === selected}>
                    ${delivery.label} · ${delivery.channel} ·
                    ${delivery.recipientCount.toLocaleString()} · ${delivery.state}
                  </option>`,
              )}
            </select></label
          >
          <button
            id="prepare"
            ?disabled=${!current}
            @click=${() => current && act(() => store.prepare(user, current.id))}
          >
            Prepare
          </button>
        </div>
        <p role="status" class="message">${message}</p>
      </section>
      ${feedbackImport(store, selected, MODEL_SECONDS_PER_SECOND, draw)} ${relay.render()}
      ${section('confirm-send-button', 'Confirm send', html`<confirm-send-button></confirm-send-button>`)}
      ${section('deployment-kpis', 'Deployment', html`<deployment-kpis heading-level="3"></deployment-kpis>`)}
      ${section('delivery-timeline', 'Over time', html`<delivery-timeline heading-level="3"></delivery-timeline>`)}
      ${section('delivery-breakdown', 'Breakdown', html`<delivery-breakdown heading-level="3"></delivery-breakdown>`)}
      ${section('delivery-journal', 'Journal', html`<delivery-journal heading-level="3"></delivery-journal>`)}
      ${section('sending-log-table', 'Logs', html`<sending-log-table heading-level="3"></sending-log-table>`)}
      ${section('efs-comparison', 'Without and with EFS', html`<efs-comparison heading-level="3"></efs-comparison>`)}`,
    document.querySelector<HTMLElement>('#app')!,
  );
}

store.subscribe(async (change) => {
  if (
    !change.kinds.includes('created') &&
    !change.kinds.includes('state') &&
    !change.kinds.includes('deleted')
  )
    return;
  deliveries = await store.listDeliveries();
  draw();
});
// The model time is written outside Lit's template parts, so this never fights a render.
function showModelTime(): void {
  const output = document.querySelector('#model-time');
  if (output) output.textContent = new Date(store.clock.now()).toLocaleString();
}
setInterval(showModelTime, 1000);
document.body.addEventListener('sendkit-confirmed', () => void act(async () => undefined));
draw();
// Beside `npm start`'s relay, each window is a replica of it, acting as the picked demo user.
if (relayUrl)
  relay.connect(
    relayUrl,
    () => credentialOf(role),
    'Shared deliveries: you act as the demo user of the role picked above, with a credential this page’s stand-in backend signs and the relay checks.',
  );
else relay.resume();
showModelTime();
manifest = await loadManifest();
draw();
