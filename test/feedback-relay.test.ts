/**
 * connectFeedback against a real relay process (started by the test server on loopback): events
 * posted as SendGrid signs them reach the page's store once each, through a relay crash and
 * restart, across a reconnect of the page, with a filter by delivery; a wrong token stops it.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  connectFeedback,
  type FeedbackConnection,
  type FeedStatus,
} from '../src/feedback/index.js';
import { InputError, type DeliveryStore } from '../src/index.js';
import { ManualClock } from '../src/simulator/index.js';
import { addresses, closeStores, freshStore, sendingDelivery } from './helpers.js';

interface RelayInfo {
  id: string;
  url: string;
  token: string;
}

const relays: RelayInfo[] = [];

async function startRelay(): Promise<RelayInfo> {
  const relay = await executeServerCommand<RelayInfo, object>('relay', {
    action: 'start',
    origin: location.origin,
  });
  relays.push(relay!);
  return relay!;
}

function relay(action: 'kill' | 'restart' | 'restart-empty' | 'stop', { id }: RelayInfo) {
  return executeServerCommand('relay', { action, id });
}

/** SendGrid `delivered` events for recipients from … from + count - 1. */
function delivered(store: DeliveryStore, deliveryId: string, from: number, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    email: `user${from + index}@example.com`,
    timestamp: Math.floor(store.now() / 1000),
    event: 'delivered',
    sg_event_id: `${deliveryId}-${from + index}`,
    sk_d: deliveryId,
    sk_r: String(from + index),
  }));
}

/** Posts until the relay answers 2xx, as a provider retries. */
async function post(relayInfo: RelayInfo, events: object[]): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { status } = (await executeServerCommand<{ status: number }, object>('relay', {
      action: 'post',
      id: relayInfo.id,
      events,
    }))!;
    if (status >= 200 && status < 300) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the relay never took the post');
}

function until(
  connection: FeedbackConnection,
  test: (status: FeedStatus) => boolean,
  ms = 20_000,
): Promise<FeedStatus> {
  return new Promise((resolve, reject) => {
    if (test(connection.status)) return resolve(connection.status);
    const timer = setTimeout(
      () => reject(new Error(`timed out; status ${JSON.stringify(connection.status)}`)),
      ms,
    );
    const listener = () => {
      if (!test(connection.status)) return;
      clearTimeout(timer);
      connection.removeEventListener('feed-status', listener);
      resolve(connection.status);
    };
    connection.addEventListener('feed-status', listener);
  });
}

async function sendingStore(recipients: number) {
  const { store } = await freshStore(new ManualClock(Date.now()));
  const delivery = await sendingDelivery(store, {
    recipients: { addresses: addresses(recipients) },
  });
  return { store, delivery };
}

describe('connectFeedback', () => {
  const connections: FeedbackConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await Promise.all(relays.splice(0).map((info) => relay('stop', info)));
    await closeStores();
  });

  function connect(
    store: DeliveryStore,
    info: RelayInfo,
    options: { deliveryId?: string; token?: string } = {},
  ) {
    // The relays here say something every second: three silent seconds mean a dead stream.
    const connection = connectFeedback(store, info.url, {
      token: info.token,
      staleMs: 3_000,
      ...options,
    });
    connections.push(connection);
    return connection;
  }

  it('applies what the relay holds, then what arrives live, each event once', async () => {
    const { store, delivery } = await sendingStore(300);
    const info = await startRelay();
    await post(info, delivered(store, delivery.id, 0, 100));
    const connection = connect(store, info);
    await until(connection, (status) => status.seq === 100);
    await post(info, delivered(store, delivery.id, 100, 200));
    await post(info, delivered(store, delivery.id, 50, 100)); // a provider's retry
    const status = await until(
      connection,
      (current) => current.seq === 300 && current.state === 'live',
    );
    expect(status.applied).to.equal(300);
    expect((await store.readIndicators(delivery.id)).delivered).to.equal(300);
    expect((await store.computeStats(delivery.id)).delivered).to.equal(300);
    expect(await store.readFeedCursor(`relay:${info.url}`)).to.equal(300);
  });

  it('survives the relay being killed and restarted mid-stream: everything once', async () => {
    const { store, delivery } = await sendingStore(2_000);
    const info = await startRelay();
    const connection = connect(store, info);
    await until(connection, (status) => status.state === 'live');
    for (let from = 0; from < 1_000; from += 100)
      await post(info, delivered(store, delivery.id, from, 100));
    await relay('kill', info);
    const states: string[] = [];
    connection.addEventListener('feed-status', () => states.push(connection.status.state));
    await until(connection, (status) => status.state === 'error').catch((error) => {
      throw new Error(`${error.message}; states ${states.join(',')}`);
    });
    await relay('restart', info);
    for (let from = 1_000; from < 2_000; from += 100)
      await post(info, delivered(store, delivery.id, from, 100));
    // Posts whose answers were lost come again.
    await post(info, delivered(store, delivery.id, 900, 200));
    const status = await until(
      connection,
      (current) => current.seq === 2_000 && current.state === 'live',
      40_000,
    ).catch((error) => {
      throw new Error(`${error.message}; states ${states.join(',')}`);
    });
    expect(status.applied).to.equal(2_000);
    expect(status.duplicates).to.equal(0);
    expect((await store.computeStats(delivery.id)).delivered).to.equal(2_000);
  });

  it('a new connection from the same store resumes after the last position applied', async () => {
    const { store, delivery } = await sendingStore(400);
    const info = await startRelay();
    const first = connect(store, info);
    await post(info, delivered(store, delivery.id, 0, 200));
    await until(first, (status) => status.seq === 200);
    await first.close();
    await post(info, delivered(store, delivery.id, 200, 200));
    const second = connect(store, info);
    const status = await until(second, (current) => current.seq === 400);
    // Only the events after the stored position were fetched and applied.
    expect(status.applied).to.equal(200);
    expect(status.duplicates).to.equal(0);
    expect((await store.computeStats(delivery.id)).delivered).to.equal(400);
  });

  it('a relay restarted on a new, empty log: the connection says so instead of waiting forever', async () => {
    const { store, delivery } = await sendingStore(200);
    const info = await startRelay();
    const connection = connect(store, info);
    await post(info, delivered(store, delivery.id, 0, 100));
    await until(connection, (status) => status.seq === 100);
    const position = await store.readFeedPosition(`relay:${info.url}`);
    expect(position.seq).to.equal(100);
    expect(position.log).to.be.a('string').and.not.equal('');
    await relay('restart-empty', info);
    await post(info, delivered(store, delivery.id, 100, 10));
    // (A crash first shows as a network error; the reconnect then meets the other log.)
    const status = await until(
      connection,
      (current) => current.state === 'error' && /another log/.test(current.error ?? ''),
      30_000,
    );
    expect(status.error).to.include(position.log!);
    // Nothing of the new log was applied over the old position.
    expect(status.seq).to.equal(100);
    expect((await store.readIndicators(delivery.id)).delivered).to.equal(100);
  });

  it("a stored position ahead of the relay's head (no log named with it) is reported too", async () => {
    const { store, delivery } = await sendingStore(200);
    const info = await startRelay();
    await post(info, delivered(store, delivery.id, 0, 20));
    // A position recorded before relays named their logs, further than this log goes.
    await store.applyFeedback([], { cursor: { feed: `relay:${info.url}`, seq: 500 } });
    const connection = connect(store, info);
    const status = await until(connection, (current) => current.state === 'error');
    expect(status.error).to.match(/ends at 20, before this store's position 500/);
    expect((await store.readIndicators(delivery.id)).delivered).to.equal(0);
  });

  it('with a delivery chosen, the other deliveries’ events are left alone', async () => {
    const { store, delivery } = await sendingStore(10);
    const other = await sendingDelivery(store, { recipients: { addresses: addresses(10) } });
    const info = await startRelay();
    await post(info, [
      ...delivered(store, delivery.id, 0, 10),
      ...delivered(store, other.id, 0, 10),
    ]);
    const connection = connect(store, info, { deliveryId: delivery.id });
    const status = await until(connection, (current) => current.seq === 20);
    expect(status.applied).to.equal(10);
    expect(status.unmatched).to.equal(10);
    expect((await store.readIndicators(delivery.id)).delivered).to.equal(10);
    expect((await store.readIndicators(other.id)).delivered).to.equal(0);
  });

  it('events for unknown deliveries are unmatched, and the position still moves on', async () => {
    const { store } = await sendingStore(4);
    const info = await startRelay();
    await post(info, delivered(store, 'no-such-delivery', 0, 5));
    const connection = connect(store, info);
    const status = await until(connection, (current) => current.seq === 5);
    expect(status.unmatched).to.equal(5);
    expect(status.applied).to.equal(0);
  });

  it('a wrong token ends in the error state without retrying', async () => {
    const { store } = await sendingStore(4);
    const info = await startRelay();
    const connection = connect(store, info, { token: 'not-the-token-0000000' });
    const status = await until(connection, (current) => current.state === 'error');
    expect(status.error).to.contain('401');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(connection.state).to.equal('error');
  });

  it('refuses bad arguments with a typed error', async () => {
    const { store } = await sendingStore(1);
    const bad: [unknown, unknown][] = [
      ['ftp://relay.example', { token: 'abc' }],
      ['not a url', { token: 'abc' }],
      ['http://127.0.0.1:1', { token: '' }],
      ['http://127.0.0.1:1', { token: ['abc'] }],
      ['http://127.0.0.1:1', null],
      ['http://127.0.0.1:1', { token: 'abc', batchMs: -1 }],
      ['http://127.0.0.1:1', { token: 'abc', deliveryId: 7 }],
    ];
    for (const [url, options] of bad) {
      expect(() => connectFeedback(store, url as string, options as never), String(url)).to.throw(
        InputError,
      );
    }
  });
});
