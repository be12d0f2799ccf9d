/**
 * Two relays on one JetStream stream, as behind a load balancer: a delivery created on one is
 * acted on through the other; a list kept through one is read by the other; the same action sent
 * to both at once is taken exactly once (the other relay's fact holds the number, so the second
 * decides again and is refused by the table); a provider's event posted to either is placed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRelay, type Relay } from '../../relay/relay.js';
import {
  credentialFor,
  postSendgrid,
  postShared,
  readAll,
  settings,
  startNats,
  type NatsServer,
} from './support.js';

let nats: NatsServer;
let one: Relay;
let two: Relay;

before(async () => {
  nats = await startNats();
  one = await startRelay(settings({ natsUrl: nats.url }));
  two = await startRelay(settings({ natsUrl: nats.url }));
});
after(async () => {
  await one.close();
  await two.close();
  await nats.stop();
});

const ana = credentialFor('ana', ['start-deliveries']);

const send = (relay: Relay, path: '/actions' | '/lists', body: unknown) =>
  postShared(relay.url, path, body, ana);

async function until(test: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !test();) {
    assert.ok(Date.now() < end, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('one delivery acted on through either relay; a concurrent double confirm is taken once', async () => {
  const list = await send(one, '/lists', ['a@example.org', 'b@example.org', 'c@example.org']);
  assert.equal(list.status, 200);
  const created = await send(two, '/actions', {
    action: 'create',
    input: { label: 'Two relays', channel: 'email', recipients: { list: list.body['hash'] } },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const id = created.body['delivery']!;
  assert.equal((await send(one, '/actions', { action: 'prepare', delivery: id })).status, 200);
  await until(() => two.shared.follower.ledger.record(id)?.state === 'prepared');
  const answers = await Promise.all([
    send(one, '/actions', { action: 'confirm', delivery: id }),
    send(two, '/actions', { action: 'confirm', delivery: id }),
  ]);
  assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409]);
  const facts = (await readAll(one.url)).filter((entry) => entry['delivery'] === id);
  assert.equal(facts.filter((entry) => entry['fact'] === 'confirmed').length, 1);
  assert.deepEqual(
    facts.map((entry) => entry['n']),
    facts.map((_, index) => index + 1),
  );
  await until(() => one.shared.follower.ledger.record(id)?.state === 'in-progress');

  const at = Math.floor(Date.now() / 1000);
  const posted = await postSendgrid(two.url, [
    { email: 'b@example.org', timestamp: at, event: 'delivered', sg_event_id: 'js-1', sk_d: id },
  ]);
  assert.equal(posted.status, 200);
  await until(() => (one.shared.follower.ledger.record(id)?.tally.classes[4] ?? 0) === 1);
});
