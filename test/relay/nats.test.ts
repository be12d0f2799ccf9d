/**
 * The relay on NATS JetStream (Debian's nats-server, loopback): two relays on one stream store a
 * provider event once whichever of them receives it, serve the same sequence to readers, and a
 * reader of one sees what the other stored.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRelay, type Relay } from '../../relay/relay.js';
import { SseParser } from '../../src/feedback/sse.js';
import {
  TOKEN,
  postSendgrid,
  readAll,
  sendgridEvents,
  settings,
  startNats,
  textOf,
} from './support.js';

let nats: Awaited<ReturnType<typeof startNats>>;
let first: Relay;
let second: Relay;

before(async () => {
  nats = await startNats();
  first = await startRelay(settings({ natsUrl: nats.url }));
  second = await startRelay(settings({ natsUrl: nats.url }));
});
after(async () => {
  await first?.close();
  await second?.close();
  await nats?.stop();
});

test('the same provider events through two relays are stored once, in one sequence', async () => {
  const events = sendgridEvents('d-nats', 0, 200);
  const [a, b] = await Promise.all([
    postSendgrid(first.url, events),
    postSendgrid(second.url, events),
  ]);
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  const results = [await a.json(), await b.json()] as { stored: number; duplicates: number }[];
  assert.equal(results[0]!.stored + results[1]!.stored, 200);
  assert.equal(results[0]!.duplicates + results[1]!.duplicates, 200);
  // A provider's retry to either relay adds nothing.
  assert.deepEqual(await (await postSendgrid(second.url, events.slice(0, 10))).json(), {
    stored: 0,
    duplicates: 10,
    rejected: 0,
  });

  const fromFirst = await readAll(first.url);
  const fromSecond = await readAll(second.url);
  assert.equal(fromFirst.length, 200);
  assert.deepEqual(fromFirst, fromSecond);
  assert.deepEqual(
    fromFirst.map((event) => event.seq),
    Array.from({ length: 200 }, (_, index) => index + 1),
  );
  assert.equal(new Set(fromFirst.map((event) => event['id'])).size, 200);
});

test(
  'a stream from one relay carries what the other stores, live',
  { timeout: 30_000 },
  async () => {
    const start = (await readAll(first.url)).length;
    const controller = new AbortController();
    const response = await fetch(`${first.url}/events?after=${start}`, {
      headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const received: { seq: number; id: string }[] = [];
    const parser = new SseParser((message) => {
      if (message.event === 'message') received.push(JSON.parse(message.data));
    });
    const reading = (async () => {
      for await (const text of textOf(response.body!)) {
        parser.push(text);
        if (received.length >= 50) break;
      }
    })();
    assert.equal((await postSendgrid(second.url, sendgridEvents('d-nats', 1_000, 50))).status, 200);
    await reading;
    controller.abort();
    assert.deepEqual(
      received.map((event) => event.seq),
      Array.from({ length: 50 }, (_, index) => start + index + 1),
    );
    assert.equal(received[0]!.id, 'd-nats-delivered-1000');
  },
);
