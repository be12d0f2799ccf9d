/**
 * The seed's table (SPEC §4) is the contract: every cell, in both modes, from the rules and
 * from a real store fed real feedback.
 */
import { expect } from '@open-wc/testing';
import {
  type DeliveryMode,
  type FeedbackEvent,
  type OutcomeEventType,
  type RecipientStatus,
} from '../src/index.js';
import { SEED_STEPS, stepOutcome, type Direction } from '../src/rules/index.js';
import { closeStores, freshStore, sendingDelivery } from './helpers.js';

interface Cell {
  readonly status: RecipientStatus | 'not reported';
  readonly delivered: Direction | 'starts at 100 %';
  readonly bounces: Direction | 'starts at 0 %';
}

/** The seed's table, typed in from the seed: the expected values, and nowhere else. */
const SEED_TABLE: Record<string, Record<DeliveryMode, Cell>> = {
  relayed: {
    standard: { status: 'sent', delivered: 'starts at 100 %', bounces: 'starts at 0 %' },
    efs: { status: 'pending', delivered: 'none', bounces: 'none' },
  },
  delivered: {
    standard: { status: 'not reported', delivered: 'none', bounces: 'none' },
    efs: { status: 'sent', delivered: 'up', bounces: 'none' },
  },
  'hard-bounce': {
    standard: { status: 'failed', delivered: 'down', bounces: 'up' },
    efs: { status: 'failed', delivered: 'none', bounces: 'up' },
  },
  'soft-bounce': {
    standard: { status: 'sent', delivered: 'none', bounces: 'none' },
    efs: { status: 'failed', delivered: 'none', bounces: 'up' },
  },
  'retry-succeeded': {
    standard: { status: 'sent', delivered: 'none', bounces: 'none' },
    efs: { status: 'sent', delivered: 'up', bounces: 'down' },
  },
  'retries-failed': {
    standard: { status: 'failed', delivered: 'down', bounces: 'none' },
    efs: { status: 'failed', delivered: 'none', bounces: 'none' },
  },
};

const MODES: readonly DeliveryMode[] = ['standard', 'efs'];

function reasonFor(type: OutcomeEventType): Pick<FeedbackEvent, 'reason'> {
  if (type === 'hard-bounce') return { reason: 'User unknown' };
  if (type === 'soft-bounce' || type === 'retries-failed') return { reason: 'Mailbox full' };
  return {};
}

describe('the seed table, from the rules', () => {
  for (const step of SEED_STEPS) {
    for (const mode of MODES) {
      it(`${step.id}, ${mode}`, () => {
        const cell = SEED_TABLE[step.id]![mode];
        const outcome = stepOutcome(step, mode);
        if (cell.status === 'not reported') {
          expect(outcome.reported).to.equal(false);
          expect(outcome.to).to.equal(outcome.from);
        } else {
          expect(outcome.reported).to.equal(true);
          expect(outcome.to).to.equal(cell.status);
        }
        if (cell.delivered === 'starts at 100 %') {
          expect(outcome.delivered.after).to.equal(100);
        } else {
          expect(outcome.delivered.direction).to.equal(cell.delivered);
        }
        if (cell.bounces === 'starts at 0 %') {
          expect(outcome.bounces.after).to.equal(0);
        } else {
          expect(outcome.bounces.direction).to.equal(cell.bounces);
        }
      });
    }
  }
});

describe('the seed table, in the store', () => {
  afterEach(closeStores);

  for (const step of SEED_STEPS) {
    for (const mode of MODES) {
      it(`${step.id}, ${mode}: sending-log status and D / B`, async () => {
        const { store, clock } = await freshStore();
        // Four recipients: recipient 0 lives the step, 1 is delivered, 2 hard-bounces, 3 waits.
        const delivery = await sendingDelivery(store, { efs: mode === 'efs' });
        const event = (recipient: number, type: OutcomeEventType): FeedbackEvent => ({
          deliveryId: delivery.id,
          recipient,
          type,
          at: clock.now(),
          ...reasonFor(type),
        });
        const background: FeedbackEvent[] = [
          event(1, 'relayed'),
          event(2, 'relayed'),
          event(2, 'hard-bounce'),
          ...(mode === 'efs' ? [event(1, 'delivered')] : []),
        ];
        await store.applyFeedback([...background, ...step.before.map((type) => event(0, type))]);
        const before = await store.readIndicators(delivery.id);
        const statusBefore = (await store.readLogs(delivery.id, { limit: 1 })).rows[0]!.status;
        await store.applyFeedback([event(0, step.event)]);
        const after = await store.readIndicators(delivery.id);
        const row = (await store.readLogs(delivery.id, { limit: 1 })).rows[0]!;
        const cell = SEED_TABLE[step.id]![mode];

        expect(row.status).to.equal(cell.status === 'not reported' ? statusBefore : cell.status);
        const delivered = Math.sign(after.delivered - before.delivered);
        const bounces = Math.sign(after.bounces - before.bounces);
        const sign = {
          up: 1,
          down: -1,
          none: 0,
          'starts at 100 %': 1,
          'starts at 0 %': 0,
        } as const;
        expect(delivered, 'Delivered count').to.equal(sign[cell.delivered]);
        expect(bounces, 'Bounces + errors count').to.equal(sign[cell.bounces]);
        if (step.id === 'relayed' && mode === 'standard') {
          // Relayed alone (recipient 0 only), Delivered starts at 100 % and bounces at 0 %.
          expect(after.relayed).to.equal(3);
        }
      });
    }
  }

  it('Delivered starts at 100 % and Bounces + errors at 0 % without EFS', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store);
    await store.applyFeedback(
      [0, 1, 2, 3].map((recipient) => ({
        deliveryId: delivery.id,
        recipient,
        type: 'relayed' as const,
        at: clock.now(),
      })),
    );
    const indicators = await store.readIndicators(delivery.id);
    expect(indicators.deliveredPercent).to.equal(100);
    expect(indicators.bouncesPercent).to.equal(0);
    expect(indicators.relayedPercent).to.equal(100);
  });

  it('with EFS, relaying moves neither Delivered % nor Bounces + errors %', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    await store.applyFeedback(
      [0, 1, 2, 3].map((recipient) => ({
        deliveryId: delivery.id,
        recipient,
        type: 'relayed' as const,
        at: clock.now(),
      })),
    );
    const indicators = await store.readIndicators(delivery.id);
    expect(indicators.deliveredPercent).to.equal(0);
    expect(indicators.bouncesPercent).to.equal(0);
    expect(indicators.pending).to.equal(4);
  });
});
