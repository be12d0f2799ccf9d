/** `npm start`: create a delivery for the embedded MTA, prepare it, confirm it, watch it land. */
import { html, render } from 'lit';
import {
  openStore,
  stateLabel,
  type Channel,
  type Delivery,
  type Indicators,
  type LogRow,
  type Role,
} from '../src/index.js';
import { createSimulatedMta } from '../src/simulator/index.js';
import { showcaseClock } from './clock.js';

const store = await openStore({ clock: showcaseClock() });
const mta = createSimulatedMta(store, { relayPerHour: 360_000 });
mta.start(250);

const ROLES: Record<string, readonly Role[]> = {
  'Start deliveries': ['start-deliveries'],
  'Prepare deliveries': ['prepare-deliveries'],
  Workflow: ['workflow'],
};
let roleName = 'Start deliveries';
let selected: string | null = null;
let message = '';
let view: { delivery: Delivery; indicators: Indicators; rows: readonly LogRow[] } | null = null;

const user = () => ({ name: 'operator', roles: ROLES[roleName]! });
const pct = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);

async function act(work: () => Promise<unknown>): Promise<void> {
  try {
    message = '';
    await work();
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  await refresh();
}

async function create(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const delivery = await store.createDelivery(user(), {
    label: String(data.get('label')),
    channel: data.get('channel') as Channel,
    efs: data.get('efs') === 'on',
    recipients: { generated: Number(data.get('count')) },
  });
  selected = delivery.id;
}

async function refresh(): Promise<void> {
  view = null;
  if (selected) {
    const [delivery, indicators, page] = await Promise.all([
      store.getDelivery(selected),
      store.readIndicators(selected),
      store.readLogs(selected, { limit: 10 }),
    ]);
    view = { delivery, indicators, rows: page.rows };
  }
  draw();
}

function draw(): void {
  const id = selected;
  render(
    html`<h1>sendkit</h1>
      <form
        @submit=${(event: Event) => {
          event.preventDefault();
          void act(() => create(event.target as HTMLFormElement));
        }}
      >
        <fieldset>
          <legend>New delivery (embedded MTA)</legend>
          <label>Label <input name="label" value="Spring sale" required /></label>
          <label
            >Recipients <input name="count" type="number" min="1" max="1000000" value="10000"
          /></label>
          <label
            >Channel
            <select name="channel">
              <option>email</option>
              <option>sms</option>
              <option>push</option>
            </select></label
          >
          <label>EFS <input name="efs" type="checkbox" /></label>
          <label
            >User role
            <select
              @change=${(event: Event) => {
                roleName = (event.target as HTMLSelectElement).value;
              }}
            >
              ${Object.keys(ROLES).map((name) => html`<option ?selected=${name === roleName}>${name}</option>`)}
            </select>
          </label>
          <button>Create</button>
        </fieldset>
      </form>
      <p role="status">${message}</p>
      ${
        view && id
          ? html`<section>
              <h2>
                ${view.delivery.label}: ${stateLabel(view.delivery.state, view.indicators.retrying)}
              </h2>
              <button @click=${() => act(() => store.prepare(user(), id))}>Prepare</button>
              <button @click=${() => act(() => store.confirm(user(), id))}>Confirm send</button>
              <button @click=${() => act(() => store.computeStats(id))}>Compute stats</button>
              <dl>
                <dt>To deliver</dt>
                <dd>${view.indicators.toDeliver}</dd>
                <dt>Sent</dt>
                <dd>${view.indicators.sent} (${pct(view.indicators.sentPercent)})</dd>
                <dt>Delivered</dt>
                <dd>${pct(view.indicators.deliveredPercent)}</dd>
                <dt>Bounces + errors</dt>
                <dd>${pct(view.indicators.bouncesPercent)}</dd>
                <dt>Open rate</dt>
                <dd>${pct(view.indicators.openRate)}</dd>
                <dt>Click-through rate</dt>
                <dd>${pct(view.indicators.clickRate)}</dd>
              </dl>
              <table>
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Status</th>
                    <th>Address</th>
                    <th>Nature of failure</th>
                    <th>Reason</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.rows.map(
                    (row) =>
                      html`<tr>
                        <td>${row.at === null ? '' : new Date(row.at).toISOString()}</td>
                        <td>${row.status}</td>
                        <td>${row.address}</td>
                        <td>${row.failureType ?? ''}</td>
                        <td>${row.reason ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </section>`
          : ''
      }`,
    document.querySelector<HTMLElement>('#app')!,
  );
}

let pending = false;
store.subscribe(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    void refresh();
  });
});
await refresh();
