/**
 * The page of the shared deliveries' figures (bench/shared.mjs): a replica of the relay named in
 * the query, with its own store, showing one delivery in <deployment-kpis>. Each change of the
 * element's state line is recorded with its time; `act` takes an action as this page's user.
 */
import '../components/index.js';
import { provideSendkit } from '../components/index.js';
import { openStore, type User } from '../src/index.js';
import { connectRelay } from '../src/replication/index.js';

declare global {
  interface Window {
    sharedBench?: {
      /** The state line of the KPIs, each time it changed, with the time. */
      states: { at: number; text: string }[];
      show(id: string): void;
      create(count: number): Promise<string>;
      act(action: 'prepare' | 'confirm', id: string): Promise<number>;
      /** The connection's position and state. */
      status(): { seq: number; state: string; applied: number };
      /** When the page began connecting (performance.now()). */
      connectedAt: number;
    };
  }
}

const params = new URLSearchParams(location.search);
const user: User = { name: 'bench', roles: ['start-deliveries'] };
const store = await openStore({ name: `sendkit-shared-bench-${Date.now()}` });
const provider = provideSendkit(document.body, { store, user });
const connectedAt = performance.now();
const credential = params.get('credential');
const connection = connectRelay(
  store,
  params.get('relay')!,
  credential ? { credential } : { token: params.get('token')! },
);
const states: { at: number; text: string }[] = [];
const kpis = document.querySelector('deployment-kpis')!;
new MutationObserver(() => {
  const text = kpis.shadowRoot?.querySelector('[part~="state"]')?.textContent?.trim() ?? '';
  if (text !== states.at(-1)?.text) states.push({ at: Date.now(), text });
}).observe(kpis.shadowRoot!, { subtree: true, childList: true, characterData: true });

window.sharedBench = {
  states,
  connectedAt,
  show: (id) => provider.set({ deliveryId: id }),
  async create(count) {
    const created = await store.createDelivery(user, {
      label: 'Shared bench',
      channel: 'email',
      recipients: { generated: count },
    });
    return created.id;
  },
  async act(action, id) {
    const started = Date.now();
    await store[action](user, id);
    return started;
  },
  status: () => {
    const { seq, state, applied } = connection.status;
    return { seq, state, applied };
  },
};
