/**
 * Transitions carry their effects: what entering a state does is named in the life-cycle table
 * and written once (EFFECTS), and the store's move applies it, whoever takes the transition.
 */
import { expect } from '@open-wc/testing';
import { HOUR_MS, type GuardAcknowledgement, type GuardTrip } from '../src/index.js';
import { TRANSITIONS, type LifecycleAction } from '../src/rules/index.js';
import { EFFECTS, type LifecycleFields } from '../src/rules/transition-effects.js';
import { ManualClock } from '../src/simulator/index.js';
import { closeStores, freshStore, rejection, sendingDelivery, starter } from './helpers.js';

const effectsOf = (action: LifecycleAction) =>
  TRANSITIONS.find((transition) => transition.action === action)!.effects;

function fields(): LifecycleFields {
  return {
    state: 'in-progress',
    validityHours: 84,
    confirmedBy: 'ana',
    startedAt: 1,
    endsAt: 2,
    nextOccurrenceAt: 3,
    preparationError: 'x',
    guardPause: { measure: 'hard-bounces', rate: 9, threshold: 5, relayed: 600 },
    guardAck: null,
  };
}

/** The fields after the named transition's effects, taken at `now` by `user`. */
function after(action: LifecycleAction, now = 1_000, context: object = {}): LifecycleFields {
  const delivery = fields();
  for (const effect of effectsOf(action))
    EFFECTS[effect](delivery, { user: 'bo', now, detail: 'why', ...context });
  return delivery;
}

describe('transitions carry their effects', () => {
  afterEach(closeStores);

  it('the table names every effect; each transition names only known ones', () => {
    for (const transition of TRANSITIONS)
      for (const effect of transition.effects) expect(EFFECTS).to.have.property(effect);
  });

  it('start opens the validity period from now; confirm records who confirmed', () => {
    const started = after('start', 5_000);
    expect([started.startedAt, started.endsAt]).to.deep.equal([5_000, 5_000 + 84 * HOUR_MS]);
    expect(after('start-unconfirmed', 7).startedAt).to.equal(7);
    expect(after('confirm').confirmedBy).to.equal('bo');
  });

  it('stop ends the schedule and the guarded pause; finish and fail end the guarded pause', () => {
    expect(after('stop')).to.include({ nextOccurrenceAt: null, guardPause: null });
    expect(after('finish').guardPause).to.equal(null);
    expect(after('fail').guardPause).to.equal(null);
    // A plain pause or resume leaves the guard's record alone (resume acknowledges it).
    expect(after('pause').guardPause).not.to.equal(null);
    expect(after('resume').guardPause).not.to.equal(null);
  });

  it("the guard's pause and acknowledgement record their figures; preparation its error", () => {
    const trip: GuardTrip = { measure: 'bounces', rate: 12, threshold: 10, relayed: 900 };
    expect(after('guard-pause', 1, { guardPause: trip }).guardPause).to.equal(trip);
    const ack: GuardAcknowledgement = { hardBounceRate: 1, bounceRate: 2 };
    expect(after('guard-acknowledge', 1, { guardAck: ack })).to.include({
      guardAck: ack,
      guardPause: null,
    });
    expect(after('preparation-failed').preparationError).to.equal('why');
    expect(after('preparation-succeeded').preparationError).to.equal(null);
  });

  it('the store applies them: a stopped delivery is final, its guard pause gone', async () => {
    const { store } = await freshStore(new ManualClock(Date.UTC(2026, 0, 5)));
    const delivery = await sendingDelivery(store);
    expect(delivery.startedAt).to.equal(store.now());
    expect(delivery.endsAt).to.equal(store.now() + delivery.validityHours * HOUR_MS);
    const stopped = await store.stop(starter, delivery.id);
    expect([stopped.state, stopped.guardPause]).to.deep.equal(['stopped', null]);
    expect(await rejection(store.resume(starter, delivery.id))).to.have.property(
      'name',
      'StateError',
    );
  });
});
