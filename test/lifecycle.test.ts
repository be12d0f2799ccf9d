/** Roles and the delivery life cycle (SPEC §1–2), enforced by the model itself. */
import { expect } from '@open-wc/testing';
import {
  CONFIRM_PERMISSION_MESSAGE,
  FeedbackError,
  InputError,
  NotFoundError,
  PermissionError,
  StateError,
} from '../src/index.js';
import { allowedActions } from '../src/rules/index.js';
import {
  addresses,
  closeStores,
  freshStore,
  preparer,
  rejection,
  sendingDelivery,
  starter,
  workflow,
} from './helpers.js';

describe('roles and life cycle', () => {
  afterEach(closeStores);

  it('feedback is refused for a delivery that never started sending, even once stopped', async () => {
    const { store, clock } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Later',
      channel: 'email',
      recipients: { addresses: addresses(3) },
      contactDate: clock.now() + 60 * 60 * 1000,
    });
    await store.prepare(starter, created.id);
    const pending = await store.confirm(starter, created.id);
    expect([pending.state, pending.startedAt]).to.deep.equal(['start-pending', null]);
    const event = {
      deliveryId: created.id,
      recipient: 0,
      type: 'relayed',
      at: clock.now(),
    } as const;
    const before = await rejection(store.applyFeedback([event]));
    expect(before).to.be.instanceOf(FeedbackError);
    expect((before as FeedbackError).detail).to.contain('has not started sending');
    // Stopped before its contact date: a state feedback is taken in, yet nothing was ever sent.
    const stopped = await store.stop(starter, created.id);
    expect([stopped.state, stopped.startedAt]).to.deep.equal(['stopped', null]);
    const after = await rejection(store.applyFeedback([event]));
    expect((after as FeedbackError).detail).to.contain("has not started sending (state 'stopped')");
    expect((await store.readIndicators(created.id)).relayed).to.equal(0);
  });

  async function prepared() {
    const context = await freshStore();
    const created = await context.store.createDelivery(preparer, {
      label: 'Spring sale',
      channel: 'email',
      recipients: { addresses: addresses(3) },
    });
    const delivery = await context.store.prepare(preparer, created.id);
    return { ...context, delivery };
  }

  it('prepare leads to prepared with the product text in the journal', async () => {
    const { delivery } = await prepared();
    expect(delivery.state).to.equal('prepared');
    expect(delivery.journal.map((entry) => entry.to)).to.deep.equal([
      'editing',
      'preparing',
      'prepared',
    ]);
    expect(delivery.journal.at(-1)!.message).to.equal(
      'Send preparation completed. Confirm to start sending.',
    );
  });

  it('a user without Start deliveries gets a typed permission error with the product text', async () => {
    const { store, delivery } = await prepared();
    for (const user of [preparer, workflow]) {
      const error = await rejection(store.confirm(user, delivery.id));
      expect(error).to.be.instanceOf(PermissionError);
      expect(error.message).to.equal(CONFIRM_PERMISSION_MESSAGE);
    }
    expect((await store.getDelivery(delivery.id)).state).to.equal('prepared');
  });

  it('confirm send + OK starts the delivery and journals who started it', async () => {
    const { store, delivery } = await prepared();
    const confirmed = await store.confirm(starter, delivery.id);
    expect(confirmed.state).to.equal('in-progress');
    const messages = confirmed.journal.map((entry) => entry.message);
    expect(messages).to.include("Delivery confirmed by user 'ana'");
    expect(messages).to.include("Delivery started by user 'ana'");
    expect(confirmed.journal.every((entry) => typeof entry.at === 'number')).to.equal(true);
  });

  it('confirming anything but a prepared delivery is a state error naming the state', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Draft',
      channel: 'sms',
      recipients: { generated: 5 },
    });
    const error = await rejection(store.confirm(starter, created.id));
    expect(error).to.be.instanceOf(StateError);
    expect((error as StateError).state).to.equal('editing');
    const sending = await sendingDelivery(store);
    expect(await rejection(store.confirm(starter, sending.id))).to.be.instanceOf(StateError);
  });

  it('only users with Start deliveries pause, resume and stop; stop is final', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    expect(await rejection(store.pause(preparer, delivery.id))).to.be.instanceOf(PermissionError);
    expect((await store.pause(starter, delivery.id)).state).to.equal('paused');
    expect((await store.resume(starter, delivery.id)).state).to.equal('in-progress');
    expect((await store.stop(starter, delivery.id)).state).to.equal('stopped');
    expect(await rejection(store.resume(starter, delivery.id))).to.be.instanceOf(StateError);
  });

  it('changing the schedule after preparation sends the delivery back to editing', async () => {
    const { store, clock, delivery } = await prepared();
    const rescheduled = await store.reschedule(preparer, delivery.id, clock.now() + 3_600_000);
    expect(rescheduled.state).to.equal('editing');
    expect(await rejection(store.confirm(starter, delivery.id))).to.be.instanceOf(StateError);
    expect((await store.readLogs(delivery.id)).total).to.equal(0);
    expect((await store.prepare(preparer, delivery.id)).state).to.equal('prepared');
  });

  it('a sending delivery cannot be rescheduled or deleted', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    expect(await rejection(store.reschedule(starter, delivery.id, null))).to.be.instanceOf(
      StateError,
    );
    expect(await rejection(store.deleteDelivery(starter, delivery.id))).to.be.instanceOf(
      StateError,
    );
  });

  it('delete removes the delivery and its logs; an unknown id is NotFound', async () => {
    const { store, delivery } = await prepared();
    expect(await rejection(store.deleteDelivery(preparer, delivery.id))).to.be.instanceOf(
      PermissionError,
    );
    await store.deleteDelivery(starter, delivery.id);
    expect(await rejection(store.getDelivery(delivery.id))).to.be.instanceOf(NotFoundError);
    expect(await store.listDeliveries()).to.deep.equal([]);
  });

  it('the workflow role may prepare but never create or confirm', async () => {
    const { store } = await freshStore();
    const input = { label: 'x', channel: 'email' as const, recipients: { generated: 2 } };
    expect(await rejection(store.createDelivery(workflow, input))).to.be.instanceOf(
      PermissionError,
    );
    const created = await store.createDelivery(preparer, input);
    expect((await store.prepare(workflow, created.id)).state).to.equal('prepared');
    expect(await rejection(store.confirm(workflow, created.id))).to.be.instanceOf(PermissionError);
  });

  it('allowedActions reads the same transition table', () => {
    expect(allowedActions('prepared', ['start-deliveries'])).to.include('confirm');
    expect(allowedActions('prepared', ['prepare-deliveries'])).to.not.include('confirm');
    expect(allowedActions('in-progress', ['start-deliveries'])).to.have.members(['pause', 'stop']);
  });

  it('refuses bad delivery input with typed errors', async () => {
    const { store } = await freshStore();
    const base = { label: 'x', channel: 'email' as const, recipients: { generated: 1 } };
    const cases = [
      { ...base, label: '' },
      { ...base, channel: 'fax' as never },
      { ...base, efs: true, channel: 'sms' as const },
      { ...base, validityHours: 100 },
      { ...base, recipients: { generated: 0 } },
      { ...base, recipients: { addresses: ['a'.repeat(400)] } },
      {
        ...base,
        recurrence: {
          every: 'day' as const,
          aggregation: 'day' as const,
          requestConfirmation: true,
        },
      },
    ];
    for (const input of cases) {
      expect(await rejection(store.createDelivery(starter, input))).to.be.instanceOf(InputError);
    }
    expect(await store.listDeliveries()).to.have.length(0);
  });

  it('a platform error ends a sending delivery in failed, a final state, journaled', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const failed = await store.reportPlatformError(delivery.id, 'MTA unreachable');
    expect(failed.state).to.equal('failed');
    expect(failed.journal.at(-1)!.message).to.equal('Platform error: MTA unreachable');
    expect(await rejection(store.resume(starter, delivery.id))).to.be.instanceOf(StateError);
    expect(await rejection(store.reportPlatformError(delivery.id, ''))).to.be.instanceOf(
      InputError,
    );
  });
});
