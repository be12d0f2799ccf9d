/**
 * Every public call of the store, each argument in turn replaced by hostile values (wrong types,
 * out-of-range numbers, symbols, Proxies and getters that throw, huge strings): each call either
 * succeeds or fails with one of the kit's typed errors, never a raw TypeError, RangeError or
 * DOMException, and a refused call leaves the database exactly as it was.
 */
import { expect } from '@open-wc/testing';
import { connectFeedback, importFeedback, parseFeedback } from '../src/feedback/index.js';
import { SendkitError, openStore, type DeliveryStore } from '../src/index.js';
import { openStoreReader } from '../src/remote/index.js';
import { applyFacts, connectRelay } from '../src/replication/index.js';
import { createSimulatedMta } from '../src/simulator/index.js';
import {
  closeStores,
  dumpDatabase,
  freshStore,
  sendingDelivery,
  starter,
  throwingProxy,
} from './helpers.js';

const throwing = throwingProxy();
const throwingGetter = Object.defineProperty({}, 'name', {
  enumerable: true,
  get() {
    throw new Error('getter');
  },
});

/** Values no call of the store takes; each must be refused with a typed error (or ignored). */
const HOSTILE: [string, unknown][] = [
  ['null', null],
  ['NaN', NaN],
  ['-1', -1],
  ['1e300', 1e300],
  ['an empty string', ''],
  ['a huge string', 'x'.repeat(200_000)],
  ['a symbol', Symbol('s')],
  ['a bigint', 10n],
  ['a function', () => 1],
  ['an array of strings', ['a', 'b']],
  ['a String object', new String('x')],
  ['an invalid Date', new Date(NaN)],
  ['an object without prototype', Object.create(null) as unknown],
  ['a Proxy that throws', throwing],
  ['an object whose getter throws', throwingGetter],
];

type Call = (...args: unknown[]) => Promise<unknown>;

/** The store's calls, each with valid arguments, so that one at a time can be replaced. */
function calls(store: DeliveryStore, id: string): [string, Call, unknown[]][] {
  const s = store as unknown as Record<string, Call>;
  const input = { label: 'x', channel: 'email', recipients: { generated: 3 } };
  const events = [{ deliveryId: id, recipient: 0, type: 'relayed', at: store.now() }];
  return [
    ['createDelivery', s.createDelivery!, [starter, input, { shared: false }]],
    ['prepare', s.prepare!, [starter, id]],
    ['confirm', s.confirm!, [starter, id]],
    ['pause', s.pause!, [starter, id]],
    ['resume', s.resume!, [starter, id]],
    ['stop', s.stop!, [starter, id]],
    ['reschedule', s.reschedule!, [starter, id, null]],
    ['deleteDelivery', s.deleteDelivery!, [starter, id]],
    ['reportPlatformError', s.reportPlatformError!, [id, 'MTA down']],
    ['applyFeedback', s.applyFeedback!, [events, {}]],
    ['readFeedCursor', s.readFeedCursor!, ['feed']],
    ['readFeedPosition', s.readFeedPosition!, ['feed']],
    ['computeStats', s.computeStats!, [id]],
    ['takeDue', s.takeDue!, [id, { max: 2 }]],
    ['setAddressStatus', s.setAddressStatus!, ['a@b.c', { denylisted: false }]],
    ['findRecipients', s.findRecipients!, [id, ['a@b.c']]],
    ['getDelivery', s.getDelivery!, [id]],
    ['readSnapshot', s.readSnapshot!, [id]],
    ['readIndicators', s.readIndicators!, [id, {}]],
    ['readLogs', s.readLogs!, [id, {}]],
    ['readLogsAfter', s.readLogsAfter!, [id, { after: -1 }]],
    ['readExclusionLogs', s.readExclusionLogs!, [id, {}]],
    ['readProfileHistory', s.readProfileHistory!, ['a@b.c']],
    ['readTimeline', s.readTimeline!, [id, {}]],
    ['readBreakdown', s.readBreakdown!, [id, {}]],
  ];
}

/**
 * What may be accepted: no options (null, or an empty object without prototype), a list of
 * addresses where one is expected, and the history of an empty address (it has none).
 */
const ACCEPTED = new Set([
  ...[
    'applyFeedback',
    'readIndicators',
    'readLogs',
    'readExclusionLogs',
    'takeDue',
    'readTimeline',
    'readBreakdown',
  ].flatMap((method) => [
    `${method} argument 2 = null`,
    `${method} argument 2 = an object without prototype`,
  ]),
  'createDelivery argument 3 = null',
  'createDelivery argument 3 = an object without prototype',
  'findRecipients argument 2 = an array of strings',
  'readProfileHistory argument 1 = an empty string',
]);

describe('every public call under hostile arguments', () => {
  afterEach(closeStores);

  it('fails only with typed errors, each refusal leaving the database as it was', async function () {
    this.timeout(300_000);
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store);
    const problems: string[] = [];
    for (const [method, call, valid] of calls(store, delivery.id)) {
      for (let position = 0; position < valid.length; position++) {
        for (const [label, value] of HOSTILE) {
          const args = valid.slice();
          args[position] = value;
          const what = `${method} argument ${position + 1} = ${label}`;
          const before = await dumpDatabase(name);
          try {
            await call.apply(store, args);
            if (!ACCEPTED.has(what)) problems.push(`${what}: accepted`);
          } catch (error) {
            if (!(error instanceof SendkitError)) problems.push(`${what}: ${String(error)}`);
            else if ((await dumpDatabase(name)) !== before) problems.push(`${what}: wrote`);
          }
        }
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('the entry points (open, read, import, parse, follow a relay, simulate) too', async function () {
    this.timeout(300_000);
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store);
    const sendgrid = JSON.stringify([
      { event: 'delivered', email: 'user0@example.com', timestamp: 1, sg_event_id: 'a' },
    ]);
    const created = {
      fact: 'created',
      delivery: 'shared-fuzz',
      at: store.now(),
      n: 1,
      by: 'ana',
      definition: { label: 'x', channel: 'sms', audience: { generated: 2 }, simulation: null },
    };
    const cursor = { feed: 'replica:http://relay.test', seq: 1, log: 'log-fuzz-1' };
    const entries: [string, Call, unknown[]][] = [
      ['applyFacts', applyFacts as Call, [store, [created], { cursor }]],
      ['openStore', openStore as Call, [{ name: `${name}-other` }]],
      ['openStoreReader', openStoreReader as Call, [{ name }]],
      ['importFeedback', importFeedback as Call, [store, sendgrid, { deliveryId: delivery.id }]],
      ['parseFeedback', parseFeedback as unknown as Call, [sendgrid, {}]],
      [
        'connectFeedback',
        async (...args: unknown[]) => {
          // Accepted, it would follow the relay: closed at once (nothing listens there).
          await (connectFeedback as (...given: unknown[]) => { close(): Promise<void> })(
            ...args,
          ).close();
        },
        [store, 'http://127.0.0.1:9', { token: 't' }],
      ],
      [
        'connectRelay',
        async (...args: unknown[]) => {
          await (connectRelay as (...given: unknown[]) => { close(): Promise<void> })(
            ...args,
          ).close();
        },
        [store, 'http://127.0.0.1:9', { credential: 'a.b.c' }],
      ],
      [
        'createSimulatedMta',
        async (...args: unknown[]) => {
          (createSimulatedMta as (...given: unknown[]) => { stop(): void })(...args).stop();
        },
        [store, { seed: 1 }],
      ],
    ];
    const problems: string[] = [];
    for (const [entry, call, valid] of entries) {
      for (let position = 0; position < valid.length; position++) {
        for (const [label, value] of HOSTILE) {
          const args = valid.slice();
          args[position] = value;
          try {
            const result = await call(...args);
            (result as { close?: () => Promise<void> } | undefined)?.close?.();
          } catch (error) {
            if (!(error instanceof SendkitError)) {
              problems.push(`${entry} argument ${position + 1} = ${label}: ${String(error)}`);
            }
          }
        }
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
