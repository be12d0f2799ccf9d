/**
 * The relay as a real process on NATS JetStream when nats-server goes away for longer than the
 * client's default reconnect attempts last (30 s) and comes back: while it is gone, posts are
 * refused with 503 at once and `/health` says the log cannot write (non-2xx); once it is back the
 * relay reconnects by itself and stores again; every 2xx event is in the stream exactly once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  postSendgrid,
  readAll,
  sendgridEvents,
  spawnRelay,
  startNats,
  tempDir,
} from './support.js';

const OUTAGE_MS = 30_000;

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function until<T>(what: string, check: () => Promise<T | null>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`${what} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test(
  'nats-server gone for 30 s and back: 503 and an honest /health meanwhile, storing again after',
  {
    timeout: 120_000,
  },
  async () => {
    const nats = await startNats();
    const relay = await spawnRelay(['--port', '0', '--nats', nats.url, '--data', tempDir()]);
    try {
      const before = sendgridEvents('d-outage', 0, 20);
      assert.equal((await postSendgrid(relay.url, before)).status, 200);
      const up = await health(relay.url);
      assert.equal(up.status, 200);
      assert.deepEqual(
        { log: up.body['log'], writable: up.body['writable'] },
        { log: 'nats', writable: true },
      );

      await nats.stop();
      const down = await until(
        '/health to say the log cannot write',
        async () => {
          const reply = await health(relay.url);
          return reply.status === 503 ? reply : null;
        },
        10_000,
      );
      assert.equal(down.body['writable'], false);
      const started = Date.now();
      const refused = await postSendgrid(relay.url, sendgridEvents('d-outage', 20, 5));
      assert.equal(refused.status, 503);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.ok(Date.now() - started < 2_000, 'refused at once, not after a publish timeout');

      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await nats.restart();
      const after = sendgridEvents('d-outage', 20, 20);
      await until(
        'a post to be stored after nats-server is back',
        async () => ((await postSendgrid(relay.url, after)).status === 200 ? true : null),
        15_000,
      );
      assert.equal((await health(relay.url)).status, 200);
      const events = await readAll(relay.url);
      assert.deepEqual(
        events.map((event) => event['id']),
        [...before, ...after].map((event) => (event as { sg_event_id: string }).sg_event_id),
      );
    } finally {
      await relay.kill();
      await nats.stop();
    }
  },
);
