/** Contact dates and recurring deliveries (SPEC §3), with a controlled clock. */
import { expect } from '@open-wc/testing';
import { HOUR_MS, PermissionError, WORKFLOW_USER, openStore } from '../src/index.js';
import { TRANSITIONS } from '../src/rules/index.js';
import { ManualClock } from '../src/simulator/index.js';
import {
  addresses,
  armedRecurring,
  closeStores,
  freshStore,
  occurrencesOf,
  rejection,
  starter,
} from './helpers.js';

describe('scheduling', () => {
  afterEach(closeStores);

  it('a confirmed delivery with a contact date waits, then starts when the date is reached', async () => {
    const { store, clock } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Tomorrow',
      channel: 'email',
      recipients: { generated: 3 },
      contactDate: clock.now() + 24 * HOUR_MS,
    });
    await store.prepare(starter, created.id);
    expect((await store.confirm(starter, created.id)).state).to.equal('start-pending');
    clock.advance(23 * HOUR_MS);
    await store.tick();
    expect((await store.getDelivery(created.id)).state).to.equal('start-pending');
    clock.advance(HOUR_MS);
    await store.tick();
    const started = await store.getDelivery(created.id);
    expect(started.state).to.equal('in-progress');
    expect(started.journal.at(-1)!.message).to.equal("Delivery started by user 'ana'");
  });

  it('a delivery that became due while no page was open starts on the next open', async () => {
    const clock = new ManualClock();
    const { store, name } = await freshStore(clock);
    const created = await store.createDelivery(starter, {
      label: 'Overnight',
      channel: 'sms',
      recipients: { generated: 2 },
      contactDate: clock.now() + 8 * HOUR_MS,
    });
    await store.prepare(starter, created.id);
    await store.confirm(starter, created.id);
    await store.close();
    clock.advance(9 * HOUR_MS);
    const reopened = await openStore({ name, clock });
    try {
      const delivery = await reopened.getDelivery(created.id);
      expect(delivery.state).to.equal('in-progress');
      expect(delivery.startedAt).to.equal(clock.now());
    } finally {
      await reopened.close();
    }
  });

  it('a recurring delivery with "request confirmation" waits in prepared for each occurrence', async () => {
    const { store, clock } = await freshStore();
    const template = await store.createDelivery(starter, {
      label: 'Daily digest',
      channel: 'email',
      recipients: { addresses: addresses(5) },
      contactDate: clock.now() + HOUR_MS,
      recurrence: { every: 'day', aggregation: 'none', requestConfirmation: true },
    });
    await store.prepare(starter, template.id);
    expect((await store.confirm(starter, template.id)).state).to.equal('start-pending');
    expect(await store.listDeliveries()).to.have.length(1);
    clock.advance(HOUR_MS);
    await store.tick();
    const [occurrence] = await occurrencesOf(store, template.id);
    expect(occurrence!.state).to.equal('prepared');
    expect(occurrence!.journal.some((entry) => entry.user === WORKFLOW_USER.name)).to.equal(true);
    expect(await rejection(store.confirm(WORKFLOW_USER, occurrence!.id))).to.be.instanceOf(
      PermissionError,
    );
    expect((await store.confirm(starter, occurrence!.id)).state).to.equal('in-progress');
    clock.advance(24 * HOUR_MS);
    await store.tick();
    const occurrences = await occurrencesOf(store, template.id);
    expect(occurrences.map((delivery) => delivery.state).sort()).to.deep.equal([
      'in-progress',
      'prepared',
    ]);
  });

  it('without the option, an occurrence is sent as soon as it is prepared', async () => {
    const { store, clock } = await freshStore();
    const template = await armedRecurring(
      store,
      { every: 'hour', aggregation: 'none', requestConfirmation: false },
      { channel: 'push', recipients: { generated: 4 } },
    );
    const [occurrence] = await occurrencesOf(store, template.id);
    expect(occurrence!.state).to.equal('in-progress');
    expect(occurrence!.journal.at(-1)!.action).to.equal('start-unconfirmed');
    clock.advance(HOUR_MS);
    await store.tick();
    expect(await occurrencesOf(store, template.id)).to.have.length(2);
  });

  it('with an aggregation period, runs of one day are grouped into one occurrence', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 8));
    const { store } = await freshStore(clock);
    const template = await armedRecurring(store, {
      every: 'hour',
      aggregation: 'day',
      requestConfirmation: false,
    });
    for (let hour = 0; hour < 3; hour++) {
      clock.advance(HOUR_MS);
      await store.tick();
    }
    const occurrences = await occurrencesOf(store, template.id);
    expect(occurrences).to.have.length(1);
    const grouped = occurrences[0]!.journal.filter((entry) => entry.action === 'group');
    expect(grouped).to.have.length(3);
    // Journaled through the life-cycle table like every other entry: its text, its state.
    for (const entry of grouped) {
      expect(entry.message).to.match(
        /^Run of \S+ grouped into this occurrence \(aggregation by day\)$/,
      );
      expect([entry.from, entry.user]).to.deep.equal([entry.to, 'workflow']);
    }
    for (const { journal } of [template, ...occurrences])
      for (const entry of journal)
        expect(TRANSITIONS.map((transition) => transition.action)).to.include(entry.action);
    clock.advance(24 * HOUR_MS);
    await store.tick();
    expect(await occurrencesOf(store, template.id)).to.have.length(2);
  });

  it('stopping a recurring delivery stops its occurrences from being created', async () => {
    const { store, clock } = await freshStore();
    const template = await armedRecurring(store, {
      every: 'hour',
      aggregation: 'none',
      requestConfirmation: false,
    });
    await store.stop(starter, template.id);
    clock.advance(5 * HOUR_MS);
    await store.tick();
    expect(await occurrencesOf(store, template.id)).to.have.length(1);
  });
});
