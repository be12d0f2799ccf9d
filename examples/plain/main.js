// @ts-check
// The plain-page recipe: the bundle, one store, one prepared delivery, and the elements that
// are already in the page reached through provideSendkit.
import { ConfirmedEvent, openStore, provideSendkit } from 'sendkit/bundle';

/** @type {import('sendkit/bundle').User} */
const user = { name: 'ana', roles: ['start-deliveries'] };

const store = await openStore({ name: 'sendkit-example-plain' });
let [delivery] = await store.listDeliveries();
if (!delivery) {
  const created = await store.createDelivery(user, {
    label: 'Spring sale',
    channel: 'email',
    recipients: { generated: 40 },
  });
  delivery = await store.prepare(user, created.id);
}
provideSendkit(document.body, { store, deliveryId: delivery.id, user });

const output = /** @type {HTMLOutputElement} */ (document.getElementById('confirmed'));
document.addEventListener(ConfirmedEvent.eventName, (event) => {
  // Typed through GlobalEventHandlersEventMap: event is a ConfirmedEvent.
  output.value = `Confirmed: ${event.delivery.label} (${event.delivery.state})`;
});
