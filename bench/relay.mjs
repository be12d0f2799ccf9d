// The relay's figures, with real processes on loopback: ingest of signed SendGrid posts of 1,000
// events into the file log and into JetStream (beside the NATS client's own pipelined rate, in
// the same run), and the time from a post's 2xx to the KPI shown
// by a page that follows the relay, at 10,000 events/s.
import { register } from 'tsx/esm/api';

register();
const support = await import('../test/relay/support.ts');

const PER_POST = 1_000;
const IN_FLIGHT = 8;

/** Signed bodies, made before the clock starts (signing is the provider's work). */
function signedPosts(deliveryId, count) {
  return Array.from({ length: count }, (_, index) => {
    const body = JSON.stringify(support.sendgridEvents(deliveryId, index * PER_POST, PER_POST));
    return { body, headers: support.sendgridKeys.headers(body) };
  });
}

async function send(url, { body, headers }) {
  const response = await fetch(`${url}/webhooks/sendgrid`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  if (!response.ok) throw new Error(`post answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

async function ingestRate(url, posts) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < posts.length) await send(url, posts[next++]);
    }),
  );
  return (posts.length * PER_POST) / ((performance.now() - started) / 1000);
}

/**
 * The official client publishing `count` 300-byte messages, each with its own `Nats-Msg-Id`,
 * pipelined, to a stream of its own on the same server (after a warm-up of 5,000).
 */
async function pipelinedClientRate(url, count) {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstream, jetstreamManager } = await import('@nats-io/jetstream');
  const connection = await connect({ servers: url });
  try {
    const manager = await jetstreamManager(connection);
    await manager.streams.add({ name: 'BENCH_CLIENT', subjects: ['bench.client'] });
    const client = jetstream(connection);
    const payload = 'x'.repeat(300);
    const publish = (prefix, total) =>
      Promise.all(
        Array.from({ length: total }, (_, index) =>
          client.publish('bench.client', payload, { msgID: `${prefix}-${index}` }),
        ),
      );
    await publish('warm-up', 5_000);
    const started = performance.now();
    await publish('measured', count);
    return count / ((performance.now() - started) / 1000);
  } finally {
    await connection.close();
  }
}

function percentile(values, share) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

export async function relayFigures({ browser, pageUrl, report }) {
  const relayArgs = () => ['--port', '0', '--data', support.tempDir()];

  const fileRelay = await support.spawnRelay(relayArgs());
  try {
    await ingestRate(fileRelay.url, signedPosts('warm-up', 20));
    report(
      'relay_ingest_events_per_s',
      await ingestRate(fileRelay.url, signedPosts('ingest', 200)),
      'events/s',
      50_000,
    );
  } finally {
    await fileRelay.kill();
  }

  // The relay on JetStream beside the official client alone on the same nats-server: the
  // relay is held to 0.8x of the client's pipelined publishes (all sent, then acks awaited).
  const nats = await support.startNats();
  try {
    const client = await pipelinedClientRate(nats.url, 50 * PER_POST);
    report('nats_client_pipelined_msgs_per_s', client, 'msgs/s', null);
    const natsRelay = await support.spawnRelay([...relayArgs(), '--nats', nats.url]);
    try {
      await ingestRate(natsRelay.url, signedPosts('warm-up', 5));
      report(
        'relay_ingest_nats_events_per_s',
        await ingestRate(natsRelay.url, signedPosts('ingest', 50)),
        'events/s',
        Math.round(0.8 * client),
      );
    } finally {
      await natsRelay.kill();
    }
  } finally {
    await nats.stop();
  }

  // 10,000 events/s: one post of 1,000 every 100 ms, for 20 s.
  const seconds = 20;
  const postCount = seconds * 10;
  const origin = new URL(pageUrl).origin;
  const relay = await support.spawnRelay([...relayArgs(), '--origins', origin]);
  const page = await browser.newPage();
  try {
    const query = new URLSearchParams({
      relay: relay.url,
      token: support.TOKEN,
      recipients: String(postCount * PER_POST),
    });
    await page.goto(`${pageUrl}?${query}`);
    await page.waitForFunction(() => window.relayBench !== undefined);
    const deliveryId = await page.evaluate(() => window.relayBench.deliveryId);
    const posts = signedPosts(deliveryId, postCount);
    const acks = [];
    const start = Date.now() + 200;
    await Promise.all(
      posts.map(async (post, index) => {
        await new Promise((resolve) => setTimeout(resolve, start + index * 100 - Date.now()));
        await send(relay.url, post);
        acks[index] = Date.now();
      }),
    );
    const total = postCount * PER_POST;
    await page
      .waitForFunction((count) => window.relayBench.renders.at(-1)?.delivered === count, total, {
        timeout: 60_000,
      })
      .catch(async (error) => {
        const last = await page.evaluate(() => window.relayBench.renders.slice(-3));
        throw new Error(`${error.message}; last renders ${JSON.stringify(last)}`);
      });
    const renders = await page.evaluate(() => window.relayBench.renders);
    const latencies = acks.map((ack, index) => {
      const shown = renders.find((render) => render.delivered >= (index + 1) * PER_POST);
      return shown.at - ack;
    });
    report('relay_to_kpi_p99_ms', percentile(latencies, 0.99), 'ms', 500);
    report('relay_to_kpi_p50_ms', percentile(latencies, 0.5), 'ms', null);
  } finally {
    await page.close();
    await relay.kill();
  }
}
