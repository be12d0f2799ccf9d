/**
 * The dispatch seam on a 1,000,000-recipient delivery: takeDue in batches of 1,000, as a sender
 * would call it, each call one transaction that reads the state chunk and writes the hand-over.
 */
import { openStore, type User } from '../src/index.js';
import { ManualClock } from '../src/simulator/index.js';
import { report, time } from './figures.js';

const RECIPIENTS = 1_000_000;
const TAKES = 300;
const BATCH = 1_000;

export async function dispatchFigures(user: User): Promise<void> {
  const store = await openStore({
    name: `sendkit-bench-dispatch-${Date.now()}`,
    clock: new ManualClock(),
  });
  const delivery = await store.createDelivery(user, {
    label: 'Bench dispatch',
    channel: 'email',
    recipients: { generated: RECIPIENTS },
  });
  await store.prepare(user, delivery.id);
  await store.confirm(user, delivery.id);
  let taken = 0;
  const { ms } = await time(async () => {
    for (let call = 0; call < TAKES; call++)
      taken += (await store.takeDue(delivery.id, { max: BATCH })).length;
  });
  if (taken !== TAKES * BATCH)
    throw new Error(`takeDue handed over ${taken}, not ${TAKES * BATCH}`);
  await report('take_due_per_s', taken / (ms / 1000), 'recipients/s', 500_000);
  await store.stop(user, delivery.id);
  await store.deleteDelivery(user, delivery.id);
  await store.close();
}
