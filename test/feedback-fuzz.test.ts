/**
 * Seeded fuzzing of applyFeedback: thousands of random malformed batches (wrong types, ranges,
 * keys, shapes, hostile objects, mixed with valid events), each refused with a typed error,
 * and the store's full dump unchanged.
 */
import { expect } from '@open-wc/testing';
import { FeedbackError, type FeedbackEvent } from '../src/index.js';
import { FEEDBACK_CLOCK_SKEW_MS } from '../src/rules/index.js';
import { closeStores, dumpDatabase, freshStore, sendingDelivery, starter } from './helpers.js';
import { pick, seeded, type Random } from './random.js';

const BATCHES = 3_000;

type Corruption = (event: Record<string, unknown>, context: Context, random: Random) => unknown;

interface Context {
  readonly now: number;
  readonly unstarted: string;
}

const WRONG_VALUES: readonly unknown[] = [
  null,
  undefined,
  true,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e300,
  '',
  'x'.repeat(300),
  [],
  ['relayed'],
  {},
  new Date(0),
  Symbol('s'),
  10n,
];

const CORRUPTIONS: readonly Corruption[] = [
  (event, _context, random) => ({ ...event, deliveryId: pick([42, null, {}, '', ['d']], random) }),
  (event) => ({ ...event, deliveryId: 'no-such-delivery' }),
  (event, context) => ({ ...event, deliveryId: context.unstarted }),
  (event, _context, random) => ({
    ...event,
    recipient: pick([-1, 1.5, '0', 1e300, Number.NaN, 4, 99, null], random),
  }),
  (event) => ({ ...event, recipient: 3 }), // excluded at preparation (a duplicate address)
  (event, _context, random) => ({
    ...event,
    type: pick(['exploded', 'RELAYED', 7, null, '__proto__'], random),
  }),
  (event, _context, random) => ({
    ...event,
    at: pick(['2026-01-01', -5, 1.25, 8.64e15 + 1, null], random),
  }),
  (event, context, random) => ({
    ...event,
    at: context.now + FEEDBACK_CLOCK_SKEW_MS + 1 + Math.floor(random() * 1e9),
  }),
  (event) => ({ ...event, type: 'hard-bounce', reason: undefined }),
  (event, _context, random) => ({
    ...event,
    type: 'soft-bounce',
    reason: pick(['Bad luck', 5, null, ''], random),
  }),
  (event) => ({ ...event, extra: 1 }),
  (event) =>
    JSON.parse(
      `{"__proto__":{"polluted":1},"deliveryId":${JSON.stringify(event.deliveryId)},"recipient":0,"type":"relayed","at":1}`,
    ),
  (event) => Object.assign(Object.create({ inherited: 1 }), event),
  (_event, _context, random) => pick(WRONG_VALUES, random),
  (event) => new Map(Object.entries(event)),
  (event) => [event],
  (event) =>
    Object.defineProperty({ ...event }, 'type', {
      enumerable: true,
      get() {
        throw new TypeError('getter');
      },
    }),
  (event) =>
    new Proxy(event, {
      get() {
        throw new RangeError('proxy');
      },
    }),
  (event) => {
    const { proxy, revoke } = Proxy.revocable(event, {});
    revoke();
    return proxy;
  },
];

const BATCH_CORRUPTIONS: readonly ((events: unknown[]) => unknown)[] = [
  () => 'relayed',
  () => null,
  () => 42,
  (events) => ({ ...events }),
  (events) => new Set(events),
  (events) => ({ ...events, length: events.length }),
  (events) =>
    new Proxy(events, {
      get(target, key) {
        if (key === 'length') throw new TypeError('length');
        return Reflect.get(target, key);
      },
    }),
];

function validEvent(deliveryId: string, now: number, random: Random): FeedbackEvent {
  const recipient = Math.floor(random() * 3);
  const type = pick(
    ['relayed', 'hard-bounce', 'soft-bounce', 'delivered', 'open', 'click'] as const,
    random,
  );
  const reason =
    type === 'hard-bounce' ? 'User unknown' : type === 'soft-bounce' ? 'Mailbox full' : null;
  const at = now - Math.floor(random() * 1000);
  return reason ? { deliveryId, recipient, type, at, reason } : { deliveryId, recipient, type, at };
}

describe('applyFeedback under fuzzing', () => {
  afterEach(closeStores);

  it(`refuses ${BATCHES.toLocaleString('en')} random malformed batches with typed errors, store unchanged`, async () => {
    const { store, clock, name } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', 'b@x.org', 'c@x.org', 'a@x.org'] },
    });
    const unstarted = await store.createDelivery(starter, {
      label: 'not started',
      channel: 'email',
      recipients: { generated: 4 },
    });
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'relayed', at: clock.now() },
    ]);
    const before = await dumpDatabase(name);
    const context: Context = { now: clock.now(), unstarted: unstarted.id };
    const random = seeded(20261128);
    const seen = new Map<string, number>();
    for (let batch = 0; batch < BATCHES; batch++) {
      const size = 1 + Math.floor(random() * 6);
      const events: unknown[] = Array.from({ length: size }, () =>
        validEvent(delivery.id, context.now, random),
      );
      const bad = Math.floor(random() * size);
      const corruption = pick(CORRUPTIONS, random);
      events[bad] = corruption(events[bad] as Record<string, unknown>, context, random);
      const input = random() < 0.1 ? pick(BATCH_CORRUPTIONS, random)(events) : events;
      let error: unknown = null;
      try {
        await store.applyFeedback(input as FeedbackEvent[]);
      } catch (caught) {
        error = caught;
      }
      expect(error, `batch ${batch} was accepted`).to.be.instanceOf(FeedbackError);
      const detail = (error as FeedbackError).detail.replace(/[0-9'"].*/, '');
      seen.set(detail, (seen.get(detail) ?? 0) + 1);
    }
    expect(await dumpDatabase(name)).to.equal(before);
    // The fuzzer reached many different refusals, not one over and over.
    expect(seen.size).to.be.at.least(10);
  });
});
