/**
 * `npm run bench`, in the page: the model's figures for one delivery of 1,000,000 recipients,
 * the per-record baseline a user would write first; with `?only=scale`, the figures at
 * 5,000,000 (scale.ts), which bench/run.mjs runs on a profile of their own.
 */
import { openStore, type FeedbackEvent, type User } from '../src/index.js';
import { ManualClock } from '../src/simulator/index.js';
import { dexieRate, rawIndexedDbRate } from './baseline.js';
import { feedbackFigures, logTableFigures } from './components.js';
import { feedbackFigures as importFigures } from './feedback.js';
import { report, settledHeapMb, time, worstOf } from './figures.js';
import { dispatchFigures } from './dispatch.js';
import { scaleFigures } from './scale.js';

const RECIPIENTS = 1_000_000;
const BATCH = 100_000;
const user: User = { name: 'bench', roles: ['start-deliveries'] };

/** A seeded generator so every run measures the same work. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

async function modelFigures(): Promise<number> {
  const clock = new ManualClock();
  const store = await openStore({ name: `sendkit-bench-${Date.now()}`, clock });
  const created = await time(async () => {
    const delivery = await store.createDelivery(user, {
      label: 'Bench',
      channel: 'email',
      efs: true,
      recipients: { generated: RECIPIENTS },
    });
    await store.prepare(user, delivery.id);
    return delivery;
  });
  const createSeconds = created.ms / 1000;
  await report('create_prepare_1m_s', createSeconds, 's', 2);
  const id = created.result.id;
  await store.confirm(user, id);

  // Feedback as an MTA reports it, in sending order: every message relayed, then its outcome.
  const random = seeded(1);
  const outcomes: FeedbackEvent['type'][] = [];
  for (let recipient = 0; recipient < RECIPIENTS; recipient++) {
    const draw = random();
    outcomes.push(draw < 0.02 ? 'hard-bounce' : draw < 0.07 ? 'soft-bounce' : 'delivered');
  }
  let applyMs = 0;
  let applied = 0;
  for (const phase of ['relay', 'outcome'] as const) {
    for (let start = 0; start < RECIPIENTS; start += BATCH) {
      const batch: FeedbackEvent[] = [];
      for (let recipient = start; recipient < start + BATCH; recipient++) {
        const type = phase === 'relay' ? 'relayed' : outcomes[recipient]!;
        const reason =
          type === 'hard-bounce'
            ? 'User unknown'
            : type === 'soft-bounce'
              ? 'Mailbox full'
              : undefined;
        batch.push(
          reason
            ? { deliveryId: id, recipient, type, at: clock.now(), reason }
            : { deliveryId: id, recipient, type, at: clock.now() },
        );
      }
      applyMs += (await time(() => store.applyFeedback(batch))).ms;
      applied += batch.length;
    }
  }
  // With the counters by provider, reason and minute (issue 21) moved in the same transaction.
  await report('feedback_events_per_s', applied / (applyMs / 1000), 'events/s', 2_000_000);

  const stats = await time(() => store.computeStats(id));
  await report('compute_stats_1m_s', stats.ms / 1000, 's', 1);

  const offsets = seeded(2);
  await report(
    'log_page_ms',
    await worstOf(20, () =>
      store.readLogs(id, { offset: Math.floor(offsets() * (RECIPIENTS - 50)), limit: 50 }),
    ),
    'ms',
    20,
  );
  const failedTotal = (await store.readLogs(id, { status: 'failed', limit: 1 })).total;
  await report(
    'log_page_by_status_ms',
    await worstOf(20, async (sample) => {
      if (sample % 2 === 0) {
        await store.readLogsAfter(id, {
          after: Math.floor(offsets() * RECIPIENTS) - 1,
          status: 'failed',
          limit: 50,
        });
      } else {
        await store.readLogs(id, {
          status: 'failed',
          offset: Math.floor(offsets() * (failedTotal - 50)),
          limit: 50,
        });
      }
    }),
    'ms',
    20,
  );
  await store.readIndicators(id);
  await report('heap_mb', await settledHeapMb(), 'MB', 150);
  await logTableFigures(store, id, RECIPIENTS);
  await feedbackFigures(store, user);
  await importFigures(store, user);
  await store.close();
  return RECIPIENTS / createSeconds;
}

/** `npm run bench -- import`: the file import's figures alone, on a store of their own. */
async function importOnly(): Promise<void> {
  const store = await openStore({ name: `sendkit-bench-${Date.now()}`, clock: new ManualClock() });
  await importFigures(store, user);
  await store.close();
}

async function main(): Promise<void> {
  const only = new URLSearchParams(location.search).get('only');
  if (only === 'import') return importOnly();
  if (only === 'scale') return scaleFigures(user);
  if (only === 'dispatch') return dispatchFigures(user);
  const ourRate = await modelFigures();
  const rawRate = await rawIndexedDbRate();
  await report('baseline_idb_records_per_s', rawRate, 'records/s', null);
  await report('baseline_dexie_records_per_s', await dexieRate(), 'records/s', null);
  await report('create_speedup_vs_baseline', ourRate / rawRate, 'x', null);
}

main().then(
  () => window.benchFinished?.(null),
  (error: unknown) =>
    window.benchFinished?.(
      error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    ),
);
