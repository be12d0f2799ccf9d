import { openStore, type DeliveryStore, type User } from 'sendkit';

export const user: User = { name: 'ana', roles: ['start-deliveries'] };

/** The example's store and one prepared delivery in it. */
export async function preparedDelivery(
  name: string,
): Promise<{ store: DeliveryStore; id: string }> {
  const store = await openStore({ name });
  const [latest] = await store.listDeliveries();
  if (latest) return { store, id: latest.id };
  const created = await store.createDelivery(user, {
    label: 'Spring sale',
    channel: 'email',
    recipients: { generated: 40 },
  });
  await store.prepare(user, created.id);
  return { store, id: created.id };
}
