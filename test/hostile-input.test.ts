/**
 * The model keeps its promises under hostile input (SPEC §7, valid input): every refusal is a
 * typed error, never a raw TypeError, RangeError or DOMException, and nothing is half-written.
 */
import { expect } from '@open-wc/testing';
import {
  FeedbackError,
  HOUR_MS,
  InputError,
  PermissionError,
  SendkitError,
  type FeedbackEvent,
  type User,
} from '../src/index.js';
import { FEEDBACK_CLOCK_SKEW_MS } from '../src/rules/index.js';
import {
  closeStores,
  dumpDatabase,
  freshStore,
  rejection,
  sendingDelivery,
  starter,
} from './helpers.js';

/** A typed error of the kit, and not one of the platform's raw errors. */
function expectTyped(error: Error, type: abstract new (...args: never[]) => SendkitError): void {
  expect(error, `${error.name}: ${error.message}`).to.be.instanceOf(type);
  expect(error).not.to.be.instanceOf(TypeError);
  expect(error).not.to.be.instanceOf(RangeError);
}

describe('users and roles', () => {
  afterEach(closeStores);

  const badUsers: [string, () => unknown][] = [
    ['roles as a string', () => ({ name: 'eve', roles: 'no-start-deliveries' })],
    ['roles as the role name itself', () => ({ name: 'eve', roles: 'start-deliveries' })],
    ['null', () => null],
    ['a string', () => 'ana'],
    ['roles as a Set', () => ({ name: 'eve', roles: new Set(['start-deliveries']) })],
    [
      'roles as an array-like',
      () => ({ name: 'eve', roles: { length: 1, 0: 'start-deliveries' } }),
    ],
    [
      'an object whose includes lies',
      () => ({ name: 'eve', roles: { includes: () => true, some: () => true } }),
    ],
    ['an unknown role', () => ({ name: 'eve', roles: ['start-deliveries', 'root'] })],
    ['an empty name', () => ({ name: '  ', roles: ['start-deliveries'] })],
    ['no name', () => ({ roles: ['start-deliveries'] })],
    [
      'a getter that throws',
      () => ({
        name: 'eve',
        get roles(): string[] {
          throw new TypeError('boom');
        },
      }),
    ],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({ name: 'eve', roles: [] }, {});
        revoke();
        return proxy;
      },
    ],
  ];

  for (const [label, bad] of badUsers) {
    it(`${label}: confirm, stop and delete refuse with a typed error`, async () => {
      const { store, name } = await freshStore();
      const created = await store.createDelivery(starter, {
        label: 'x',
        channel: 'email',
        recipients: { generated: 2 },
      });
      await store.prepare(starter, created.id);
      const before = await dumpDatabase(name);
      for (const call of [
        () => store.confirm(bad() as User, created.id),
        () => store.stop(bad() as User, created.id),
        () => store.deleteDelivery(bad() as User, created.id),
      ]) {
        const error = await rejection(call());
        expect(
          [InputError, PermissionError].some((type) => error instanceof type),
          error.message,
        ).to.equal(true);
        expect(error).not.to.be.instanceOf(TypeError);
      }
      expect(await dumpDatabase(name)).to.equal(before);
    });
  }

  it('a Proxy user whose roles change after the check cannot act', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 2 },
    });
    await store.prepare(starter, created.id);
    let reads = 0;
    const shifty = new Proxy(
      { name: 'eve', roles: [] as string[] },
      {
        get(target, key) {
          if (key === 'roles') return reads++ === 0 ? [] : ['start-deliveries'];
          return Reflect.get(target, key);
        },
      },
    );
    const error = await rejection(store.confirm(shifty as unknown as User, created.id));
    expectTyped(error, PermissionError);
    expect((await store.getDelivery(created.id)).state).to.equal('prepared');
  });
});

describe('times', () => {
  afterEach(closeStores);

  it('refuses feedback times beyond a Date, fractional, or later than the clock plus the skew', async () => {
    const { store, clock, name } = await freshStore();
    const delivery = await sendingDelivery(store);
    const before = await dumpDatabase(name);
    for (const at of [1e300, -1e300, 8.64e15 + 1, 1.5, clock.now() + FEEDBACK_CLOCK_SKEW_MS + 1]) {
      const error = await rejection(
        store.applyFeedback([{ deliveryId: delivery.id, recipient: 0, type: 'relayed', at }]),
      );
      expectTyped(error, FeedbackError);
      expect(error.message).to.match(/'at'/);
    }
    expect(await dumpDatabase(name)).to.equal(before);
    await store.applyFeedback([
      {
        deliveryId: delivery.id,
        recipient: 0,
        type: 'relayed',
        at: clock.now() + FEEDBACK_CLOCK_SKEW_MS,
      },
    ]);
  });

  it('refuses a contact date that is not a date, at creation and when rescheduling', async () => {
    const { store } = await freshStore();
    for (const contactDate of [1e300, 0.5, Number.NaN, '2026-01-01']) {
      const error = await rejection(
        store.createDelivery(starter, {
          label: 'x',
          channel: 'email',
          recipients: { generated: 1 },
          contactDate: contactDate as number,
        }),
      );
      expectTyped(error, InputError);
    }
    const created = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 1 },
    });
    expectTyped(await rejection(store.reschedule(starter, created.id, 1e300)), InputError);
    expect((await store.listDeliveries()).length).to.equal(1);
  });
});

describe('the batch applied is the batch validated', () => {
  afterEach(closeStores);

  it('changing the events after the call changes nothing that is stored', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store);
    const event = { deliveryId: delivery.id, recipient: 0, type: 'relayed', at: clock.now() };
    const batch: Record<string, unknown>[] = [event];
    const applying = store.applyFeedback(batch as unknown as FeedbackEvent[]);
    event.type = 'hard-bounce';
    event.recipient = 3;
    batch.push({ deliveryId: delivery.id, recipient: 1, type: 'exploded', at: 1 });
    expect(await applying).to.deep.equal({ applied: 1, duplicates: 0, superseded: 0 });
    const rows = (await store.readLogs(delivery.id)).rows;
    expect(rows.map((row) => row.status)).to.deep.equal(['sent', 'pending', 'pending', 'pending']);
  });

  it('a getter that answers differently on the second read cannot slip a bad value in', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store);
    let reads = 0;
    const shifty = {
      deliveryId: delivery.id,
      recipient: 0,
      get type(): string {
        return reads++ === 0 ? 'relayed' : 'exploded';
      },
      at: clock.now(),
    };
    expect(await store.applyFeedback([shifty as unknown as FeedbackEvent])).to.deep.equal({
      applied: 1,
      duplicates: 0,
      superseded: 0,
    });
    expect(reads).to.equal(1);
  });

  it('a getter or a Proxy that throws is a FeedbackError naming the event', async () => {
    const { store, clock, name } = await freshStore();
    const delivery = await sendingDelivery(store);
    const good = { deliveryId: delivery.id, recipient: 0, type: 'relayed', at: clock.now() };
    const before = await dumpDatabase(name);
    const throwing = {
      ...good,
      get at(): number {
        throw new RangeError('nope');
      },
    };
    const trap = new Proxy(good, {
      ownKeys() {
        throw new TypeError('trap');
      },
    });
    for (const bad of [throwing, trap]) {
      const error = await rejection(store.applyFeedback([good, bad] as FeedbackEvent[]));
      expectTyped(error, FeedbackError);
      expect((error as FeedbackError).index).to.equal(1);
    }
    const batchTrap = new Proxy([good], {
      get(target, key) {
        if (key === 'length') throw new TypeError('length');
        return Reflect.get(target, key);
      },
    });
    expectTyped(await rejection(store.applyFeedback(batchTrap as FeedbackEvent[])), FeedbackError);
    expectTyped(
      await rejection(store.applyFeedback('relayed' as unknown as FeedbackEvent[])),
      FeedbackError,
    );
    expect(await dumpDatabase(name)).to.equal(before);
  });
});

describe('feedback for a delivery that never started', () => {
  afterEach(closeStores);

  it('is refused for a delivery stopped or failed while waiting for its contact date', async () => {
    const { store, clock, name } = await freshStore();
    const stopped = await sendingDelivery(store, { contactDate: clock.now() + 5 * HOUR_MS });
    const failed = await sendingDelivery(store, { contactDate: clock.now() + 5 * HOUR_MS });
    expect(stopped.state).to.equal('start-pending');
    await store.stop(starter, stopped.id);
    await store.reportPlatformError(failed.id, 'MTA unreachable');
    const before = await dumpDatabase(name);
    for (const id of [stopped.id, failed.id]) {
      const error = await rejection(
        store.applyFeedback([{ deliveryId: id, recipient: 0, type: 'relayed', at: clock.now() }]),
      );
      expectTyped(error, FeedbackError);
      expect(error.message).to.match(/has not started/);
    }
    expect(await dumpDatabase(name)).to.equal(before);
    const indicators = await store.readIndicators(stopped.id);
    expect([indicators.relayed, indicators.bounces]).to.deep.equal([0, 0]);
  });

  it('is refused while editing or prepared', async () => {
    const { store, clock } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 2 },
    });
    const feedback = [
      { deliveryId: created.id, recipient: 0, type: 'relayed' as const, at: clock.now() },
    ];
    expectTyped(await rejection(store.applyFeedback(feedback)), FeedbackError);
    await store.prepare(starter, created.id);
    expectTyped(await rejection(store.applyFeedback(feedback)), FeedbackError);
  });
});

describe('journal texts', () => {
  afterEach(closeStores);

  for (const userName of ["$'", '$`', '$&', '$$', '{user}', '{detail}']) {
    it(`a user named ${userName} appears literally`, async () => {
      const { store } = await freshStore();
      const user: User = { name: userName, roles: ['start-deliveries'] };
      const created = await store.createDelivery(user, {
        label: 'x',
        channel: 'email',
        recipients: { generated: 1 },
      });
      await store.prepare(user, created.id);
      const confirmed = await store.confirm(user, created.id);
      const messages = confirmed.journal.map((entry) => entry.message);
      expect(messages).to.include(`Delivery created by user '${userName}'`);
      expect(messages).to.include(`Delivery confirmed by user '${userName}'`);
      expect(messages).to.include(`Delivery started by user '${userName}'`);
    });
  }
});

describe('arguments', () => {
  afterEach(closeStores);

  it('ids that are not strings, unknown filters and bad address calls are InputErrors', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const calls: [string, () => Promise<unknown>][] = [
      ['getDelivery(42)', () => store.getDelivery(42 as unknown as string)],
      ['getDelivery({})', () => store.getDelivery({} as unknown as string)],
      ['readLogs(null)', () => store.readLogs(null as unknown as string)],
      ['confirm with an array id', () => store.confirm(starter, [] as unknown as string)],
      [
        'an unknown status filter',
        () => store.readLogs(delivery.id, { status: 'bogus' as 'sent' }),
      ],
      ['a query that is a string', () => store.readLogs(delivery.id, 'x' as never)],
      [
        'readLogsAfter without after',
        () => store.readLogsAfter(delivery.id, {} as { after: number }),
      ],
      [
        'a mode that does not exist',
        () => store.readIndicators(delivery.id, { mode: 'x' as 'efs' }),
      ],
      [
        'setAddressStatus(123)',
        () =>
          store.setAddressStatus(123 as unknown as string, {
            denylisted: true,
            quarantined: false,
          }),
      ],
      [
        'setAddressStatus without a status',
        () => store.setAddressStatus('a@b.c', undefined as never),
      ],
      ['readProfileHistory(5)', () => store.readProfileHistory(5 as unknown as string)],
      ['createDelivery with a string', () => store.createDelivery(starter, 'x' as never)],
      [
        'createDelivery with addresses as a string',
        () =>
          store.createDelivery(starter, {
            label: 'x',
            channel: 'email',
            recipients: { addresses: 'a@b.c' as unknown as string[] },
          }),
      ],
    ];
    for (const [label, call] of calls) {
      const error = await rejection(call());
      expect(error, label).to.be.instanceOf(InputError);
    }
  });

  it('an address list changed while the delivery is created is stored as it was checked', async () => {
    const { store } = await freshStore();
    const addresses = ['a@x.org', 'b@x.org'];
    const creating = store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { addresses },
    });
    addresses[0] = 42 as unknown as string;
    const created = await creating;
    await store.prepare(starter, created.id);
    const rows = (await store.readLogs(created.id)).rows;
    expect(rows.map((row) => row.address)).to.deep.equal(['a@x.org', 'b@x.org']);
  });
});

describe('a pace', () => {
  afterEach(closeStores);

  it('a bad pace is an InputError and creates nothing; one changed after the call is stored as checked', async () => {
    const { store, name } = await freshStore();
    const before = await dumpDatabase(name);
    let reads = 0;
    const shifty = {
      perHour: 100,
      window: {
        get days() {
          reads++;
          return reads === 1 ? ['mon'] : 'every day';
        },
        from: '08:00',
        to: '20:00',
      },
    };
    const bad: unknown[] = [
      { perHour: 1e12 },
      { perHour: 100, window: { days: ['mon'], from: '08:00', to: '20:00', timeZone: 42 } },
      { perHour: 100, warmUp: { startPerHour: Number.POSITIVE_INFINITY, doublingHours: 1 } },
      new Proxy(
        { perHour: 5 },
        {
          get: () => {
            throw new RangeError('no');
          },
        },
      ),
    ];
    for (const pace of bad) {
      const error = await rejection(
        store.createDelivery(starter, {
          label: 'x',
          channel: 'email',
          recipients: { generated: 3 },
          pace: pace as never,
        }),
      );
      expectTyped(error, InputError);
    }
    expect(await dumpDatabase(name)).to.equal(before);
    const days: string[] = ['tue'];
    const window = { days, from: '08:00', to: '20:00', timeZone: 'Europe/Berlin' };
    const creating = store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 3 },
      pace: { perHour: 100, window: window as never },
    });
    days[0] = 'someday';
    window.to = 'never';
    expect((await creating).pace!.window).to.deep.equal({
      days: ['tue'],
      from: '08:00',
      to: '20:00',
      timeZone: 'Europe/Berlin',
    });
    const read = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 3 },
      pace: shifty as never,
    });
    expect(read.pace!.window!.days).to.deep.equal(['mon']);
    expect(reads).to.equal(1);
  });
});

describe('one snapshot', () => {
  afterEach(closeStores);

  it('readSnapshot gives the delivery and its indicators, in both modes, as one commit left them', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'delivered', at: clock.now() },
      {
        deliveryId: delivery.id,
        recipient: 1,
        type: 'soft-bounce',
        at: clock.now(),
        reason: 'Mailbox full',
      },
    ]);
    const snapshot = await store.readSnapshot(delivery.id);
    expect(snapshot.delivery.state).to.equal('in-progress');
    expect(snapshot.indicators).to.deep.equal(await store.readIndicators(delivery.id));
    expect(snapshot.byMode.standard).to.deep.equal(
      await store.readIndicators(delivery.id, { mode: 'standard' }),
    );
    expect(snapshot.byMode.efs.bounces).to.equal(1);
    expect(snapshot.byMode.standard.bounces).to.equal(0);
  });
});
