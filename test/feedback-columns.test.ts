/**
 * applyFeedback with typed columns (what imports and relay feeds send): one delivery's columns, a
 * list of several deliveries' columns in one transaction, with a feed position recorded with
 * them; refused whole on any bad event, and never changed by the caller after the call.
 */
import { expect } from '@open-wc/testing';
import { FAILURE_REASONS, FEEDBACK_EVENT_TYPES } from '../src/rules/index.js';
import {
  FeedbackError,
  InputError,
  type FeedbackColumns,
  type FeedbackEventType,
} from '../src/index.js';
import { closeStores, dumpDatabase, freshStore, rejection, sendingDelivery } from './helpers.js';

function columns(
  deliveryId: string,
  events: readonly [recipient: number, type: FeedbackEventType][],
  at: number,
): FeedbackColumns {
  return {
    deliveryId,
    recipients: Uint32Array.from(events.map(([recipient]) => recipient)),
    types: Uint8Array.from(events.map(([, type]) => FEEDBACK_EVENT_TYPES.indexOf(type))),
    at: new Float64Array(events.length).fill(at),
    reasons: Uint8Array.from(
      events.map(([, type]) =>
        type === 'hard-bounce' ? FAILURE_REASONS.indexOf('User unknown') + 1 : 0,
      ),
    ),
  };
}

describe('applyFeedback with columns', () => {
  afterEach(closeStores);

  it('applies one delivery’s columns like the same events as objects', async () => {
    const { store } = await freshStore();
    const first = await sendingDelivery(store, { efs: true });
    const second = await sendingDelivery(store, { efs: true });
    const now = store.now();
    await store.applyFeedback(
      columns(
        first.id,
        [
          [0, 'delivered'],
          [1, 'hard-bounce'],
        ],
        now,
      ),
    );
    await store.applyFeedback([
      { deliveryId: second.id, recipient: 0, type: 'delivered', at: now },
      { deliveryId: second.id, recipient: 1, type: 'hard-bounce', at: now, reason: 'User unknown' },
    ]);
    const { id: _first, ...fromColumns } = { id: 0, ...(await store.readIndicators(first.id)) };
    const { id: _second, ...fromObjects } = { id: 0, ...(await store.readIndicators(second.id)) };
    expect(fromColumns).to.deep.equal(fromObjects);
    expect(fromColumns.delivered).to.equal(1);
    expect(fromColumns.bounces).to.equal(1);
  });

  it('applies a list of several deliveries’ columns in one call, with the feed position', async () => {
    const { store } = await freshStore();
    const first = await sendingDelivery(store, { efs: true });
    const second = await sendingDelivery(store, { efs: true });
    const now = store.now();
    const result = await store.applyFeedback(
      [
        columns(first.id, [[0, 'delivered']], now),
        columns(
          second.id,
          [
            [2, 'delivered'],
            [3, 'delivered'],
          ],
          now,
        ),
      ],
      { cursor: { feed: 'relay:test', seq: 42 } },
    );
    expect(result).to.deep.equal({ applied: 3, duplicates: 0, superseded: 0 });
    expect((await store.readIndicators(first.id)).delivered).to.equal(1);
    expect((await store.readIndicators(second.id)).delivered).to.equal(2);
    expect(await store.readFeedCursor('relay:test')).to.equal(42);
  });

  it('a feed position only moves forward', async () => {
    const { store } = await freshStore();
    await store.applyFeedback([], { cursor: { feed: 'relay:test', seq: 10 } });
    await store.applyFeedback([], { cursor: { feed: 'relay:test', seq: 5 } });
    expect(await store.readFeedCursor('relay:test')).to.equal(10);
  });

  it('a bad event in any part refuses the whole list, naming its place in the list', async () => {
    const { store, name } = await freshStore();
    const first = await sendingDelivery(store);
    const second = await sendingDelivery(store);
    const now = store.now();
    const before = await dumpDatabase(name);
    const bad = columns(
      second.id,
      [
        [0, 'delivered'],
        [99, 'delivered'],
      ],
      now,
    );
    const error = await rejection(
      store.applyFeedback(
        [
          columns(
            first.id,
            [
              [0, 'relayed'],
              [1, 'relayed'],
            ],
            now,
          ),
          bad,
        ],
        {
          cursor: { feed: 'relay:test', seq: 7 },
        },
      ),
    );
    expect(error).to.be.instanceOf(FeedbackError);
    expect((error as FeedbackError).index).to.equal(3);
    expect(await dumpDatabase(name)).to.equal(before);
  });

  it('refuses provider ids given beside columns, and a list mixing columns and objects', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const now = store.now();
    const part = columns(delivery.id, [[0, 'relayed']], now);
    expect(await rejection(store.applyFeedback(part, { eventIds: ['e1'] }))).to.be.instanceOf(
      InputError,
    );
    const mixed = [part, { deliveryId: delivery.id, recipient: 1, type: 'relayed', at: now }];
    expect(await rejection(store.applyFeedback(mixed as never))).to.be.instanceOf(FeedbackError);
  });

  it('columns changed after the call change nothing', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    const part = columns(delivery.id, [[0, 'delivered']], store.now());
    const applying = store.applyFeedback(part);
    part.recipients[0] = 3;
    part.types[0] = FEEDBACK_EVENT_TYPES.indexOf('hard-bounce');
    await applying;
    const rows = (await store.readLogs(delivery.id, { offset: 0, limit: 4 })).rows;
    expect(rows.map((row) => row.status)).to.deep.equal(['sent', 'pending', 'pending', 'pending']);
  });
});
