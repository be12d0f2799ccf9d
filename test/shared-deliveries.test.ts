/**
 * Shared deliveries against a real relay process: two stores of their own (two databases, as two
 * browsers), each connected with its user's signed credential. An action goes to the relay, which
 * checks the verified role and the life-cycle table, and resolves once the acting store has
 * folded it; the other store folds the same facts and ends with the same records, byte for byte.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { InputError, PermissionError, RelayError, StateError } from '../src/index.js';
import { connectRelay, type RelayConnection } from '../src/replication/index.js';
import { addresses, closeStores, dumpDatabase, freshStore, preparer, starter } from './helpers.js';

interface RelayInfo {
  id: string;
  url: string;
  token: string;
}

const relays: RelayInfo[] = [];
const connections: RelayConnection[] = [];

async function startRelay(args: string[] = []): Promise<RelayInfo> {
  const relay = await executeServerCommand<RelayInfo, object>('relay', {
    action: 'start',
    origin: location.origin,
    args,
  });
  relays.push(relay!);
  return relay!;
}

function credential(name: string, roles: string[]): Promise<string> {
  return executeServerCommand<string, object>('relay', {
    action: 'credential',
    name,
    roles,
  }) as Promise<string>;
}

/** A store of its own (a browser of its own), connected to the relay as `name`. */
async function replica(relay: RelayInfo, name: string, roles: string[]) {
  const { store, name: database } = await freshStore();
  const token = await credential(name, roles);
  const connection = connectRelay(store, relay.url, { credential: token, batchMs: 10 });
  connections.push(connection);
  return { store, database, connection };
}

/** Waits until a store's replica satisfies `test`. */
async function until<T>(read: () => Promise<T>, test: (value: T) => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (value !== undefined && test(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Both stores at the relay's head, then their databases compared whole. */
async function sameDumps(a: { database: string; connection: RelayConnection }, b: typeof a) {
  await until(
    async () => [a.connection.status, b.connection.status],
    ([x, y]) => x!.state === 'live' && y!.state === 'live' && x!.seq === y!.seq,
  );
  expect(await dumpDatabase(a.database)).to.equal(await dumpDatabase(b.database));
}

afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
  await closeStores();
  await Promise.all(
    relays.splice(0).map(({ id }) => executeServerCommand('relay', { action: 'stop', id })),
  );
});

describe('shared deliveries through a relay', () => {
  it('one store creates, prepares and confirms; the other holds the same delivery, journal and logs', async () => {
    const relay = await startRelay();
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const bob = await replica(relay, 'bob', ['start-deliveries']);
    const created = await ana.store.createDelivery(starter, {
      label: 'Shared',
      channel: 'email',
      recipients: { generated: 5_000 },
    });
    expect(created.shared).to.equal(true);
    expect(created.state).to.equal('editing');
    await ana.store.prepare(starter, created.id);
    const confirmed = await ana.store.confirm(starter, created.id);
    expect(confirmed.state).to.equal('in-progress');
    // The journal names the credential's user, who acted at the relay.
    expect(confirmed.journal.map((entry) => [entry.action, entry.user])).to.deep.equal([
      ['create', 'ana'],
      ['prepare', 'ana'],
      ['preparation-succeeded', 'ana'],
      ['confirm', 'ana'],
      ['start', 'ana'],
    ]);
    const seen = await until(
      () => bob.store.getDelivery(created.id),
      (delivery) => delivery.state === 'in-progress',
    );
    expect(seen).to.deep.equal(confirmed);
    expect((await bob.store.readIndicators(created.id)).toDeliver).to.equal(5_000);
    await sameDumps(ana, bob);
  });

  it('an uploaded list is kept on the relay once and each replica builds the same audience', async () => {
    const relay = await startRelay();
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const bob = await replica(relay, 'bob', ['start-deliveries']);
    const list = [...addresses(300), 'user5@example.com', ''];
    const created = await ana.store.createDelivery(starter, {
      label: 'List',
      channel: 'email',
      recipients: { addresses: list },
    });
    await ana.store.prepare(starter, created.id);
    const indicators = await until(
      () => bob.store.readIndicators(created.id),
      (value) => value.targeted === 302,
    );
    expect(indicators.excluded).to.equal(2);
    const page = await bob.store.readExclusionLogs(created.id);
    expect(page.rows.map((row) => [row.recipient, row.cause])).to.deep.equal([
      [300, 'duplicate'],
      [301, 'no-address'],
    ]);
    await sameDumps(ana, bob);
  });

  it('the relay refuses a user whose verified roles do not allow the action, whatever the page says', async () => {
    const relay = await startRelay();
    const paul = await replica(relay, 'paul', ['prepare-deliveries']);
    const created = await paul.store.createDelivery(preparer, {
      label: 'Roles',
      channel: 'sms',
      recipients: { generated: 10 },
    });
    await paul.store.prepare(preparer, created.id);
    // The page claims Start deliveries; the credential the backend signed does not.
    const error = await paul.store.confirm(starter, created.id).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(PermissionError);
    expect((error as PermissionError).user).to.equal('paul');
    expect((await paul.store.getDelivery(created.id)).state).to.equal('prepared');
  });

  it('a refused transition is a StateError from the relay and writes nothing', async () => {
    const relay = await startRelay();
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const created = await ana.store.createDelivery(starter, {
      label: 'States',
      channel: 'push',
      recipients: { generated: 10 },
    });
    const before = await dumpDatabase(ana.database);
    const error = await ana.store.pause(starter, created.id).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(StateError);
    expect(await dumpDatabase(ana.database)).to.equal(before);
  });

  it('a shared delivery takes no page sender or page feedback, and a reader-token replica cannot act', async () => {
    const relay = await startRelay();
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const created = await ana.store.createDelivery(starter, {
      label: 'Seams',
      channel: 'email',
      recipients: { generated: 10 },
    });
    await ana.store.prepare(starter, created.id);
    await ana.store.confirm(starter, created.id);
    const take = await ana.store.takeDue(created.id).catch((caught: unknown) => caught);
    expect(take).to.be.instanceOf(RelayError);
    expect((take as RelayError).problem).to.equal('shared');
    const fed = await ana.store
      .applyFeedback([
        { deliveryId: created.id, recipient: 0, type: 'relayed', at: ana.store.now() },
      ])
      .catch((caught: unknown) => caught);
    expect(fed).to.be.instanceOf(Error);
    expect(String((fed as Error).message)).to.contain('shared');

    const { store: reader } = await freshStore();
    const readOnly = connectRelay(reader, relay.url, { token: relay.token, batchMs: 10 });
    connections.push(readOnly);
    await until(
      () => reader.getDelivery(created.id),
      (delivery) => delivery.state === 'in-progress',
    );
    const refused = await reader.stop(starter, created.id).catch((caught: unknown) => caught);
    expect(refused).to.be.instanceOf(RelayError);
    expect((refused as RelayError).problem).to.equal('credential');
  });

  it('a store not connected refuses to share, and a local delivery stays local with a relay', async () => {
    const { store } = await freshStore();
    const error = await store
      .createDelivery(
        starter,
        { label: 'x', channel: 'sms', recipients: { generated: 1 } },
        { shared: true },
      )
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(RelayError);
    const relay = await startRelay();
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const local = await ana.store.createDelivery(
      starter,
      { label: 'Local', channel: 'sms', recipients: { generated: 3 } },
      { shared: false },
    );
    expect(local.shared).to.equal(false);
    expect((await ana.store.prepare(starter, local.id)).state).to.equal('prepared');
    const bad = await ana.store
      .createDelivery(starter, { label: 'x', channel: 'sms', recipients: { generated: 1 } }, {
        shared: 'yes',
      } as never)
      .catch((caught: unknown) => caught);
    expect(bad).to.be.instanceOf(InputError);
  });
});
