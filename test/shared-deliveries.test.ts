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
import { pick, seeded } from './random.js';

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

/** The head of the relay's log, asked of the relay as a reader asks for a page. */
async function relayHead(relay: RelayInfo): Promise<number> {
  const response = await fetch(`${relay.url}/events?after=0&limit=1`, {
    headers: { Authorization: `Bearer ${relay.token}` },
  });
  return ((await response.json()) as { head: number }).head;
}

/**
 * Both stores at the relay's head, then their databases compared whole. A connection that says
 * `live` has applied all it has heard of, and the relay may have appended since (a report of its
 * simulated MTA): the head is asked of the relay, and again after the dumps, and a head that
 * moved in between means both are dumped again.
 */
async function sameDumps(
  relay: RelayInfo,
  a: { database: string; connection: RelayConnection },
  b: typeof a,
) {
  for (let attempt = 1; ; attempt++) {
    const head = await relayHead(relay);
    await until(
      async () => [a.connection.status, b.connection.status],
      ([x, y]) => x!.state === 'live' && y!.state === 'live' && x!.seq === head && y!.seq === head,
    );
    const dumps = [await dumpDatabase(a.database), await dumpDatabase(b.database)];
    if ((await relayHead(relay)) !== head && attempt < 5) continue;
    expect(dumps[0]).to.equal(dumps[1]);
    return;
  }
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
    await sameDumps(relay, ana, bob);
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
    await sameDumps(relay, ana, bob);
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

/** Posts SendGrid events (signed as SendGrid signs them) until the relay takes them. */
async function postSendgrid(
  relay: RelayInfo,
  events: object[],
): Promise<{ status: number; body: string }> {
  for (let attempt = 0; ; attempt++) {
    const answer = (await executeServerCommand<{ status: number; body: string }, object>('relay', {
      action: 'post',
      id: relay.id,
      events,
    }))!;
    if (answer.status === 200 || attempt > 50) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('shared deliveries: feedback and the relay’s own facts', () => {
  it('a provider’s events for a shared delivery are placed by the relay, by tag or address, once', async () => {
    const relay = await startRelay();
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const bob = await replica(relay, 'bob', ['start-deliveries']);
    const list = addresses(40);
    const created = await ana.store.createDelivery(starter, {
      label: 'Fed',
      channel: 'email',
      efs: true,
      recipients: { addresses: list },
    });
    await ana.store.prepare(starter, created.id);
    await ana.store.confirm(starter, created.id);
    const at = Math.floor(Date.now() / 1000);
    const events = [
      ...list.slice(0, 10).map((email, index) => ({
        email,
        timestamp: at,
        event: 'delivered',
        sg_event_id: `d-${index}`,
        sk_d: created.id,
        sk_r: String(index),
      })),
      // By address only (the delivery tag and no recipient tag), a bounce and a complaint.
      {
        email: list[20],
        timestamp: at,
        event: 'bounce',
        type: 'bounce',
        reason: '550 5.1.1 User unknown',
        sg_event_id: 'b-20',
        sk_d: created.id,
      },
      {
        email: list[21],
        timestamp: at,
        event: 'spamreport',
        sg_event_id: 's-21',
        sk_d: created.id,
      },
      // Not in the list: not placed, never guessed.
      {
        email: 'stranger@example.org',
        timestamp: at,
        event: 'delivered',
        sg_event_id: 'x',
        sk_d: created.id,
      },
    ];
    const first = await postSendgrid(relay, events);
    expect(first.status).to.equal(200);
    expect(JSON.parse(first.body)).to.include({ stored: 12, rejected: 1 });
    const again = JSON.parse((await postSendgrid(relay, events)).body);
    expect(again).to.include({ stored: 0, duplicates: 12 });
    const indicators = await until(
      () => bob.store.readIndicators(created.id),
      (value) => value.delivered === 10 && value.bounces === 1 && value.complaints === 1,
    );
    // Ten delivered and one bounced; a complaint alone says nothing of the relay.
    expect(indicators.relayed).to.equal(11);
    const [row] = (await bob.store.readLogs(created.id, { offset: 20, limit: 1 })).rows;
    expect(row).to.include({ status: 'failed', failureType: 'hard', reason: 'User unknown' });
    await sameDumps(relay, ana, bob);
  });

  it('the relay’s simulated MTA sends; its guard pauses; a resume goes on; every replica agrees', async () => {
    const relay = await startRelay(['--simulate', '--clock-scale', '3600']);
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const bob = await replica(relay, 'bob', ['start-deliveries']);
    const created = await ana.store.createDelivery(
      starter,
      {
        label: 'Simulated',
        channel: 'email',
        recipients: { generated: 3_000 },
        guard: true,
        pace: { perHour: 20_000 },
      },
      { simulation: { hardBounceRate: 0.12, reportDelayMs: 60_000 } },
    );
    await ana.store.prepare(starter, created.id);
    await ana.store.confirm(starter, created.id);
    const paused = await until(
      () => bob.store.getDelivery(created.id),
      (delivery) => delivery.state === 'paused',
      30_000,
    );
    expect(paused.guardPause?.measure).to.equal('hard-bounces');
    expect(paused.journal.at(-1)).to.include({ action: 'guard-pause', user: 'system' });
    const resumed = await bob.store.resume(starter, paused.id);
    expect(resumed.journal.map((entry) => entry.action).slice(-2)).to.deep.equal([
      'resume',
      'guard-acknowledge',
    ]);
    expect(resumed.journal.at(-2)!.user).to.equal('bob');
    await ana.store.stop(starter, created.id);
    await sameDumps(relay, ana, bob);
  });

  it('a replica offline while others act catches up from its stored position to the same records', async () => {
    const relay = await startRelay(['--simulate', '--clock-scale', '3600']);
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const { store: late, name: lateDatabase } = await freshStore();
    const lateToken = await credential('carl', ['start-deliveries']);
    let lateConnection = connectRelay(late, relay.url, { credential: lateToken, batchMs: 10 });
    const created = await ana.store.createDelivery(
      starter,
      { label: 'Offline', channel: 'email', recipients: { generated: 2_000 } },
      { simulation: {} },
    );
    await until(
      () => late.getDelivery(created.id),
      (delivery) => delivery.state === 'editing',
    );
    await lateConnection.close();
    await ana.store.prepare(starter, created.id);
    await ana.store.confirm(starter, created.id);
    await until(
      () => ana.store.readIndicators(created.id),
      (value) => value.relayed === 2_000,
      30_000,
    );
    await ana.store.stop(starter, created.id);
    expect((await late.getDelivery(created.id)).state).to.equal('editing');
    lateConnection = connectRelay(late, relay.url, { credential: lateToken, batchMs: 10 });
    connections.push(lateConnection);
    await sameDumps(relay, ana, { database: lateDatabase, connection: lateConnection });
    expect((await late.getDelivery(created.id)).state).to.equal('stopped');
  });
});

describe('shared deliveries: random interleavings', () => {
  for (const seed of [7, 1234]) {
    it(`actions and feedback from three replicas at once end in identical stores (seed ${seed})`, async () => {
      const random = seeded(seed);
      const relay = await startRelay(['--simulate', '--clock-scale', '3600']);
      const users = ['ana', 'bob', 'cleo'] as const;
      const replicas = await Promise.all(
        users.map((name) => replica(relay, name, ['start-deliveries'])),
      );
      const user = (index: number) => ({ name: users[index]!, roles: starter.roles });
      const deliveries = await Promise.all(
        [0, 1].map(async (index) => {
          const created = await replicas[index]!.store.createDelivery(
            user(index),
            {
              label: `Random ${index}`,
              channel: 'email',
              efs: index === 1,
              recipients: { addresses: addresses(400, `r${index}-`) },
              guard: { hardBounceRate: 8, minRelayed: 50 },
              pace: { perHour: 50_000 },
            },
            { simulation: { seed, hardBounceRate: 0.06, reportDelayMs: 120_000 } },
          );
          await replicas[index]!.store.prepare(user(index), created.id);
          return created.id;
        }),
      );
      const outcomes = { done: 0, refused: 0 };
      const act = async (step: number) => {
        const who = Math.floor(random() * replicas.length);
        const id = pick(deliveries, random);
        const { store } = replicas[who]!;
        const kind = pick(
          ['confirm', 'pause', 'resume', 'stop', 'compute', 'feedback'] as const,
          random,
        );
        try {
          if (kind === 'feedback') {
            const recipient = Math.floor(random() * 400);
            const event = pick(['delivered', 'bounce', 'open', 'click', 'spamreport'], random);
            await postSendgrid(relay, [
              {
                email: `r${deliveries.indexOf(id)}-${recipient}@example.com`,
                timestamp: Math.floor(Date.now() / 1000),
                event,
                type: 'bounce',
                reason: '550 5.1.1 User unknown',
                sg_event_id: `${seed}-${step}`,
                sk_d: id,
                sk_r: String(recipient),
              },
            ]);
          } else if (kind === 'compute') {
            await store.computeStats(id);
          } else {
            await store[kind](user(who), id);
          }
          outcomes.done++;
        } catch (error) {
          // A replica acting on a state another one just changed: the relay refuses it whole.
          if (!(error instanceof StateError)) throw error;
          outcomes.refused++;
        }
      };
      // Steps in overlapping waves: a few at once from different replicas.
      for (let wave = 0; wave < 10; wave++) {
        await Promise.all(Array.from({ length: 4 }, (_, index) => act(wave * 4 + index)));
        await new Promise((resolve) => setTimeout(resolve, random() * 150));
      }
      await Promise.all(
        deliveries.map((id) => replicas[0]!.store.stop(starter, id).catch(() => undefined)),
      );
      expect(outcomes.done).to.be.greaterThan(10);
      await sameDumps(relay, replicas[0]!, replicas[1]!);
      await sameDumps(relay, replicas[0]!, replicas[2]!);
      // A newcomer folding the whole log from the start holds the same stores too.
      const newcomer = await replica(relay, 'dora', ['start-deliveries']);
      await sameDumps(relay, replicas[0]!, newcomer);
    });
  }
});

describe('shared deliveries: the relay killed mid-send', () => {
  it('replicas connected through a SIGKILL and a restart end with every recipient relayed once, identical', async () => {
    const relay = await startRelay(['--simulate', '--clock-scale', '3600']);
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const bob = await replica(relay, 'bob', ['start-deliveries']);
    const created = await ana.store.createDelivery(
      starter,
      {
        label: 'Killed',
        channel: 'email',
        efs: true,
        recipients: { generated: 20_000 },
        pace: { perHour: 10_000 },
      },
      { simulation: { reportDelayMs: 10 * 60_000 } },
    );
    await ana.store.prepare(starter, created.id);
    await ana.store.confirm(starter, created.id);
    await until(
      () => bob.store.readIndicators(created.id),
      (value) => value.relayed > 1_000,
    );
    await executeServerCommand('relay', { action: 'kill', id: relay.id });
    const during = await bob.store.readIndicators(created.id);
    expect(during.relayed).to.be.below(20_000);
    await executeServerCommand('relay', { action: 'restart', id: relay.id });
    const done = await until(
      () => ana.store.readIndicators(created.id),
      (value) => value.relayed === 20_000,
      40_000,
    );
    // Sent counts messages, not relays: that the log holds each relay once is checked by
    // test/relay/shared-crash.test.ts; here, every replica ends with the same stores.
    expect(done.targeted).to.equal(20_000);
    await ana.store.stop(starter, created.id);
    await sameDumps(relay, ana, bob);
  });
});

describe('shared deliveries: recurring', () => {
  it('the relay runs a recurring delivery: occurrences made, prepared and sent, or waiting for a confirmation, in every replica', async () => {
    const relay = await startRelay(['--simulate', '--clock-scale', '3600']);
    const ana = await replica(relay, 'ana', ['start-deliveries']);
    const bob = await replica(relay, 'bob', ['start-deliveries']);
    const hourly = await ana.store.createDelivery(
      starter,
      {
        label: 'Hourly',
        channel: 'push',
        recipients: { generated: 200 },
        recurrence: { every: 'hour', aggregation: 'none', requestConfirmation: false },
      },
      { simulation: {} },
    );
    const confirmed = await ana.store.createDelivery(starter, {
      label: 'Asks',
      channel: 'sms',
      recipients: { generated: 50 },
      recurrence: { every: 'day', aggregation: 'none', requestConfirmation: true },
    });
    for (const { id } of [hourly, confirmed]) {
      await ana.store.prepare(starter, id);
      await ana.store.confirm(starter, id);
    }
    // An hour of model time is a second here: a few runs, each an occurrence sent at once.
    const runs = await until(
      async () => (await bob.store.listDeliveries()).filter((d) => d.parentId === hourly.id),
      (occurrences) => occurrences.length >= 3,
      20_000,
    );
    expect(runs.every((occurrence) => occurrence.shared)).to.equal(true);
    expect(runs.at(-1)!.journal.map((entry) => entry.action)).to.include.members([
      'prepare',
      'preparation-succeeded',
      'start-unconfirmed',
    ]);
    await ana.store.stop(starter, hourly.id);
    // The daily one's first occurrence waits in prepared; Bob confirms it through the relay.
    const waiting = await until(
      async () => (await bob.store.listDeliveries()).find((d) => d.parentId === confirmed.id),
      (occurrence) => occurrence?.state === 'prepared',
    );
    const sent = await bob.store.confirm(starter, waiting!.id);
    expect(sent.state).to.equal('in-progress');
    expect(sent.journal.find((entry) => entry.action === 'confirm')!.user).to.equal('bob');
    await ana.store.stop(starter, confirmed.id);
    await ana.store.stop(starter, waiting!.id);
    const count = (await ana.store.listDeliveries()).length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Stopped, it runs no more.
    expect((await ana.store.listDeliveries()).length).to.equal(count);
    await sameDumps(relay, ana, bob);
  });
});
