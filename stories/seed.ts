/**
 * Deliveries in each state the stories show, made by the real model and its simulated MTA on a
 * manual clock (no mocks): every story reads a real IndexedDB store, as a portal would.
 */
import {
  DAY_MS,
  HOUR_MS,
  openStore,
  type DeliveryState,
  type DeliveryStore,
  type User,
} from '../src/index.js';
import { ManualClock, createSimulatedMta } from '../src/simulator/index.js';

/** `paced`: sending at 2,000 an hour, still warming up, three model hours in. */
export type StoryState = 'prepared' | 'sending' | 'paced' | 'finished' | 'failed';

export const operator: User = { name: 'ana', roles: ['start-deliveries'] };
/** A user who may prepare but not start deliveries: Confirm send says why it is disabled. */
export const preparer: User = { name: 'paul', roles: ['prepare-deliveries'] };

export interface StorySource {
  readonly store: DeliveryStore;
  readonly deliveryId: string;
  readonly state: DeliveryState;
}

let previous: DeliveryStore | undefined;
let opened = 0;

/** Where the mixed audience's mail goes: the large providers, two national ones, a company. */
const DOMAINS = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'outlook.com',
  'hotmail.fr',
  'yahoo.com',
  'icloud.com',
  'orange.fr',
  'orange.fr',
  'web.de',
  'acme-corp.example',
];

/**
 * A fresh store (one per story load) holding one delivery in `state`, to generated test profiles
 * or, `mixed`, to an address list spread over mailbox providers (for the breakdown).
 */
export async function seed(
  state: StoryState,
  recipients = 2_000,
  audience: 'generated' | 'mixed' = 'generated',
): Promise<StorySource> {
  await previous?.close();
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 9));
  const store = await openStore({ name: `sendkit-story-${Date.now()}-${++opened}`, clock });
  previous = store;
  const created = await store.createDelivery(operator, {
    label: 'Spring sale',
    channel: 'email',
    recipients:
      audience === 'mixed'
        ? {
            addresses: Array.from(
              { length: recipients },
              (_, index) => `customer${index}@${DOMAINS[index % DOMAINS.length]}`,
            ),
          }
        : { generated: recipients },
    pace:
      state === 'paced'
        ? { perHour: 2_000, warmUp: { startPerHour: 500, doublingHours: 6 } }
        : null,
  });
  let delivery = await store.prepare(operator, created.id);
  if (state === 'prepared') return { store, deliveryId: delivery.id, state: delivery.state };
  delivery = await store.confirm(operator, created.id);
  if (state === 'failed') {
    delivery = await store.reportPlatformError(created.id, 'The MTA refused the connection');
  } else {
    const mta = createSimulatedMta(store);
    // Sending: a few seconds of relaying; paced: three hours; finished: past the validity period.
    const span = state === 'sending' ? 5_000 : state === 'paced' ? 3 * HOUR_MS : 8 * DAY_MS;
    for (let elapsed = 0; elapsed < span; elapsed += span / 8) {
      clock.advance(span / 8);
      await mta.step();
      await store.tick();
    }
    delivery = (await store.readSnapshot(created.id)).delivery;
  }
  return { store, deliveryId: delivery.id, state: delivery.state };
}
