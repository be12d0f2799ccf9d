// The figures of shared deliveries, with a real relay process on loopback and browsers of their
// own (each on a new disk-backed profile, as users' stores are):
// - action_to_other_screen_p99_ms: Confirm send taken in one browser to the other browser's
//   <deployment-kpis> showing Sending (50 confirms of as many prepared deliveries, the 99th
//   percentile; both browsers read the same system clock);
// - replica_catch_up_1m_events_s: a new browser joining a relay whose log holds a 1,000,000-
//   recipient shared delivery with all its feedback (its simulated MTA's, with EFS: about two
//   million events), from connecting to holding the relay's head.
import { register } from 'tsx/esm/api';

register();
const support = await import('../test/relay/support.ts');

const CONFIRMS = 50;
const RECIPIENTS = 1_000_000;

function percentile(values, share) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

async function openReplica(withProfile, pageUrl, query) {
  let release;
  const closed = new Promise((resolve) => (release = resolve));
  const opened = new Promise((resolve, reject) => {
    withProfile(async (context) => {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('page error:', error.message));
      await page.goto(`${pageUrl}?${new URLSearchParams(query)}`);
      await page.waitForFunction(() => window.sharedBench !== undefined);
      resolve(page);
      await closed;
    }).catch(reject);
  });
  return { page: await opened, close: () => release() };
}

/** The relay's head: the last sequence of its log. */
async function headOf(url) {
  const response = await fetch(`${url}/events?after=0&limit=1`, {
    headers: { Authorization: `Bearer ${support.TOKEN}` },
  });
  return (await response.json()).head;
}

async function act(url, body) {
  const credential = support.credentialFor('bench', ['start-deliveries']);
  const answer = await support.postShared(url, '/actions', body, credential);
  if (answer.status !== 200) throw new Error(`${body.action} answered ${answer.status}`);
  return answer.body;
}

export async function sharedFigures({ withProfile, pageUrl, report }) {
  const origin = new URL(pageUrl).origin;
  const relay = await support.spawnRelay([
    '--port',
    '0',
    '--data',
    support.tempDir(),
    '--origins',
    origin,
  ]);
  const credential = support.credentialFor('bench', ['start-deliveries']);
  const replicas = [];
  try {
    for (let index = 0; index < 2; index++)
      replicas.push(await openReplica(withProfile, pageUrl, { relay: relay.url, credential }));
    const [one, other] = replicas.map((replica) => replica.page);
    const latencies = [];
    for (let trial = 0; trial < CONFIRMS; trial++) {
      const id = await one.evaluate(async () => {
        const created = await window.sharedBench.create(100);
        await window.sharedBench.act('prepare', created);
        return created;
      });
      await other.evaluate((delivery) => window.sharedBench.show(delivery), id);
      await other.waitForFunction(() =>
        /Confirm to start sending/.test(window.sharedBench.states.at(-1)?.text ?? ''),
      );
      const started = await one.evaluate(
        (delivery) => window.sharedBench.act('confirm', delivery),
        id,
      );
      const shown = await other.waitForFunction(
        (after) =>
          window.sharedBench.states.find(
            (state) => state.at >= after && /^Sending/.test(state.text),
          )?.at,
        started,
      );
      latencies.push((await shown.jsonValue()) - started);
    }
    report('action_to_other_screen_p99_ms', percentile(latencies, 0.99), 'ms', 300);
    report('action_to_other_screen_p50_ms', percentile(latencies, 0.5), 'ms', null);
  } finally {
    for (const replica of replicas) replica.close();
    await relay.kill();
  }

  // A relay whose log holds a million-recipient delivery sent by its simulated MTA, fully.
  const big = await support.spawnRelay([
    '--port',
    '0',
    '--data',
    support.tempDir(),
    '--origins',
    origin,
    '--simulate',
    '--clock-scale',
    '3600',
  ]);
  try {
    const { delivery } = await act(big.url, {
      action: 'create',
      input: {
        label: 'A million',
        channel: 'email',
        efs: true,
        recipients: { generated: RECIPIENTS },
        simulation: { openRate: 0, clickRate: 0, reportDelayMs: 60_000 },
      },
    });
    await act(big.url, { action: 'prepare', delivery });
    await act(big.url, { action: 'confirm', delivery });
    // Sent and reported: the log stops growing (the end of validity included, 84 model hours).
    for (let last = -1, still = 0; still < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const head = await headOf(big.url);
      still = head === last ? still + 1 : 0;
      last = head;
    }
    const head = await headOf(big.url);
    const joiner = await openReplica(withProfile, pageUrl, {
      relay: big.url,
      token: support.TOKEN,
    });
    try {
      const handle = await joiner.page.waitForFunction(
        (wanted) => {
          const { seq, state } = window.sharedBench.status();
          return seq >= wanted && state === 'live'
            ? performance.now() - window.sharedBench.connectedAt
            : false;
        },
        head,
        { timeout: 120_000, polling: 20 },
      );
      report('replica_catch_up_1m_events_s', (await handle.jsonValue()) / 1000, 's', 5);
    } finally {
      joiner.close();
    }
  } finally {
    await big.kill();
  }
}
