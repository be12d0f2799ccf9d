/**
 * importFeedback end to end, against the real store: correlation by tag and by address, what
 * cannot be placed, re-imports, the soft-then-delivered rule, complaints, and bad input that
 * never throws and never half-applies.
 */
import { expect } from '@open-wc/testing';
import { importFeedback, parseFeedback, type ImportReport } from '../src/feedback/index.js';
import { FEEDBACK_CLOCK_SKEW_MS } from '../src/rules/index.js';
import type { DeliveryStore } from '../src/index.js';
import { permutations } from './feedback/permutations.js';
import { dsnMail } from './feedback/fixtures.js';
import {
  closeStores,
  dumpDatabase,
  freshStore,
  sendingDelivery,
  starter,
  throwingProxy,
} from './helpers.js';

const at = (store: DeliveryStore) => Math.floor(store.now() / 1000);

function sendgridEvent(
  store: DeliveryStore,
  event: string,
  email: string,
  tag: { d?: string; r?: number } = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    email,
    timestamp: at(store),
    event,
    sg_event_id: `${event}-${email}-${tag.r ?? 'x'}-${String(extra['status'] ?? '')}`,
    ...(tag.d ? { sk_d: tag.d } : {}),
    ...(tag.r !== undefined ? { sk_r: String(tag.r) } : {}),
    ...extra,
  };
}

const ndjson = (name: string, lines: readonly unknown[]) =>
  new File([lines.map((line) => JSON.stringify(line)).join('\n')], name, {
    type: 'application/x-ndjson',
  });

const summary = (report: ImportReport) => ({
  applied: report.applied,
  duplicates: report.duplicates,
  superseded: report.superseded,
  unmatched: report.unmatched.length,
  rejected: report.rejected.length,
});

describe('importFeedback', () => {
  afterEach(closeStores);

  it('applies tagged events to their delivery, and a re-import changes nothing', async () => {
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    const file = ndjson('events.ndjson', [
      sendgridEvent(store, 'processed', 'user0@example.com', { d: delivery.id, r: 0 }),
      sendgridEvent(store, 'delivered', 'user0@example.com', { d: delivery.id, r: 0 }),
      sendgridEvent(
        store,
        'bounce',
        'user1@example.com',
        { d: delivery.id, r: 1 },
        { type: 'bounce', status: '5.1.1' },
      ),
      sendgridEvent(store, 'open', 'user0@example.com', { d: delivery.id, r: 0 }),
    ]);
    const first = await importFeedback(store, file);
    expect(first.provider).to.equal('sendgrid');
    expect(summary(first)).to.deep.equal({
      applied: 4,
      duplicates: 0,
      superseded: 0,
      unmatched: 0,
      rejected: 0,
    });
    const indicators = await store.readIndicators(delivery.id);
    expect([
      indicators.relayed,
      indicators.delivered,
      indicators.bounces,
      indicators.opens,
    ]).to.deep.equal([2, 1, 1, 1]);
    const rows = (await store.readLogs(delivery.id)).rows;
    expect([rows[1]!.status, rows[1]!.failureType, rows[1]!.reason]).to.deep.equal([
      'failed',
      'hard',
      'User unknown',
    ]);
    const dump = await dumpDatabase(name);
    const second = await importFeedback(store, file);
    expect(summary(second)).to.deep.equal({
      applied: 0,
      duplicates: 4,
      superseded: 0,
      unmatched: 0,
      rejected: 0,
    });
    expect(await dumpDatabase(name)).to.equal(dump);
  });

  it('remembers thousands of provider event ids across imports, whatever their order', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true, recipients: { generated: 6_000 } });
    // A provider event id names one event: seen again, even for another recipient, it is the
    // same event again. 3,000 ids fill every id bucket with dozens, given in scrambled order.
    const delivered = (recipient: number, id: number) => ({
      ...sendgridEvent(store, 'delivered', `user${recipient}@example.com`, {
        d: delivery.id,
        r: recipient,
      }),
      sg_event_id: `delivered-${id}`,
    });
    const scrambled = (count: number, seed: number) =>
      Array.from({ length: count }, (_, index) => (index * 7_919 + seed) % count);
    const first = scrambled(3_000, 11).map((index) => delivered(index, index));
    // Recipients 3,000–5,999: the first half with ids the first file used, the second with new ones.
    const second = scrambled(3_000, 29).map((index) =>
      delivered(3_000 + index, index < 1_500 ? index : 3_000 + index),
    );
    const a = await importFeedback(store, ndjson('a.ndjson', first));
    const b = await importFeedback(store, ndjson('b.ndjson', second));
    expect([a.applied, a.duplicates]).to.deep.equal([3_000, 0]);
    expect([b.applied, b.duplicates]).to.deep.equal([1_500, 1_500]);
    expect((await store.readIndicators(delivery.id)).delivered).to.equal(4_500);
  });

  it('resolves untagged events by address in the chosen delivery; never guesses', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', 'B@X.org', 'twice@x.org', 'twice@x.org'] },
    });
    const other = await sendingDelivery(store);
    const report = await importFeedback(
      store,
      [
        sendgridEvent(store, 'processed', 'a@x.org'),
        sendgridEvent(store, 'processed', 'b@x.org'),
        sendgridEvent(store, 'processed', 'nobody@x.org'),
        sendgridEvent(store, 'processed', 'twice@x.org'),
        sendgridEvent(store, 'processed', 'user0@example.com', { d: other.id, r: 0 }),
      ],
      { deliveryId: delivery.id },
    );
    expect(report.applied).to.equal(2);
    expect(report.unmatched.map((problem) => [problem.position, problem.reason])).to.deep.equal([
      [4, `tagged for delivery '${other.id}', not '${delivery.id}'`],
      [2, `address nobody@x.org is not in delivery '${delivery.id}'`],
      [3, `address twice@x.org is in delivery '${delivery.id}' 2 times`],
    ]);
    const statuses = (await store.readLogs(delivery.id)).rows.map((row) => row.status);
    expect(statuses).to.deep.equal(['sent', 'sent', 'pending', 'ignored']);
    expect((await store.readIndicators(other.id)).relayed).to.equal(0);
  });

  it('unmatched: no delivery chosen, unknown delivery, out of range, excluded, not started', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', 'b@x.org', 'a@x.org'] },
    });
    const unstarted = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 2 },
    });
    const report = await importFeedback(store, [
      sendgridEvent(store, 'processed', 'a@x.org'),
      sendgridEvent(store, 'processed', 'a@x.org', { d: 'no-such-delivery', r: 0 }),
      sendgridEvent(store, 'processed', 'a@x.org', { d: delivery.id, r: 9 }),
      sendgridEvent(store, 'processed', 'a@x.org', { d: delivery.id, r: 2 }),
      sendgridEvent(store, 'processed', 'a@x.org', { d: unstarted.id, r: 0 }),
      sendgridEvent(store, 'processed', 'b@x.org', { d: delivery.id, r: 1 }),
    ]);
    expect(report.applied).to.equal(1);
    expect(report.unmatched.map((problem) => problem.position).sort()).to.deep.equal([
      0, 1, 2, 3, 4,
    ]);
    expect(report.unmatched.map((problem) => problem.reason).join(' | ')).to.match(
      /no delivery was chosen.*unknown delivery.*out of range.*excluded at preparation.*has not started sending/,
    );
  });

  for (const efs of [false, true]) {
    it(`a soft bounce and a delivery report make a retry success, in every order (efs ${efs})`, async () => {
      const reports: [string, string][] = [
        ['deferred', '421 4.4.1 try later'],
        ['delivered', '250 OK'],
        ['processed', ''],
      ];
      for (const order of permutations(reports)) {
        const { store } = await freshStore();
        const delivery = await sendingDelivery(store, { efs, recipients: { generated: 1 } });
        for (const [event, response] of order) {
          await importFeedback(store, [
            sendgridEvent(
              store,
              event,
              'profile0@example.test',
              { d: delivery.id, r: 0 },
              { response },
            ),
          ]);
        }
        const indicators = await store.readIndicators(delivery.id);
        const row = (await store.readLogs(delivery.id)).rows[0]!;
        expect([row.status, indicators.retrying, indicators.delivered], order.join()).to.deep.equal(
          ['sent', 0, 1],
        );
        await closeStores();
      }
    });
  }

  it('complaints and unsubscribes put the address on the denylist for the next preparation', async () => {
    const { store } = await freshStore();
    const report = await importFeedback(store, [
      {
        RecordType: 'SpamComplaint',
        ID: 1,
        Email: 'Angry@X.org',
        BouncedAt: new Date(store.now()).toISOString(),
      },
    ]);
    expect(report.denylisted).to.equal(1);
    const next = await store.createDelivery(starter, {
      label: 'n',
      channel: 'email',
      recipients: { addresses: ['angry@x.org', 'fine@x.org'] },
    });
    await store.prepare(starter, next.id);
    const excluded = (await store.readExclusionLogs(next.id)).rows;
    expect(excluded.map((row) => [row.address, row.reason])).to.deep.equal([
      ['angry@x.org', 'Address on denylist'],
    ]);
  });

  it('several files at once: JSON, NDJSON and .eml', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 6 } });
    const json = new File(
      [
        JSON.stringify([
          sendgridEvent(store, 'processed', 'profile0@example.test', { d: delivery.id, r: 0 }),
        ]),
      ],
      'a.json',
    );
    const lines = ndjson('b.ndjson', [
      sendgridEvent(store, 'processed', 'profile1@example.test', { d: delivery.id, r: 1 }),
    ]);
    const eml = new File(
      [
        dsnMail('failed', '5.1.1', {
          recipient: 'profile5@example.test',
          date: new Date(store.now()).toUTCString(),
          tag: { deliveryId: delivery.id, recipient: 5 },
        }),
      ],
      'bounce.eml',
    );
    const report = await importFeedback(store, [json, lines, eml]);
    expect(summary(report)).to.deep.equal({
      applied: 3,
      duplicates: 0,
      superseded: 0,
      unmatched: 0,
      rejected: 0,
    });
    expect((await store.readLogs(delivery.id)).rows[5]!.status).to.equal('failed');
  });
});

describe('importFeedback with bad input', () => {
  afterEach(closeStores);

  it('an NDJSON line is one JSON value or rejected whole: two events joined by a comma, a value split over two lines', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: Array.from({ length: 5 }, (_, r) => `user${r}@example.com`) },
    });
    const event = (r: number) =>
      JSON.stringify(
        sendgridEvent(store, 'processed', `user${r}@example.com`, { d: delivery.id, r }),
      );
    // No blank line: the chunk reads in one go, as a well-formed file's would.
    const text = [event(0), `${event(1)},${event(2)}`, '[0', '0]', event(3), event(4)].join('\n');
    const report = await importFeedback(store, new File([text], 'joined.ndjson'));
    expect(report.applied).to.equal(3);
    expect(
      report.rejected.map((entry) => [entry.position, entry.reason]),
      JSON.stringify(report.rejected),
    ).to.deep.equal([
      [2, 'not a JSON line'],
      [3, 'not a JSON line'],
      [4, 'not a JSON line'],
    ]);
    expect(report.unmatched).to.deep.equal([]);
    const indicators = await store.readIndicators(delivery.id);
    // Recipients 0, 3 and 4 relayed; neither half of the joined line, nor the split value.
    expect(indicators.relayed).to.equal(3);
  });

  it('each bad input is a report entry with its position; nothing thrown, nothing half-applied', async () => {
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store);
    const good = sendgridEvent(store, 'processed', 'user0@example.com', { d: delivery.id, r: 0 });
    const before = await dumpDatabase(name);
    const cases: [string, unknown, { position: number; reason: RegExp }][] = [
      [
        'truncated JSON',
        new File(['[{"email":"a@x.org","event":"proc'], 'cut.json'),
        { position: 0, reason: /not JSON/ },
      ],
      [
        'JSON of an unknown shape',
        { hello: 'world' },
        { position: 0, reason: /not the payload of a known provider/ },
      ],
      [
        'a payload with missing fields',
        [{ RecordType: 'Bounce', Type: 'HardBounce' }],
        { position: 0, reason: /needs 'Email'/ },
      ],
      [
        'a line of 10 MB',
        new File([`${JSON.stringify(good)}\n"${'x'.repeat(10 * 1024 * 1024)}"\n`], 'huge.ndjson'),
        { position: 2, reason: /line of more than/ },
      ],
      [
        'binary garbage named .eml',
        new File([crypto.getRandomValues(new Uint8Array(4096))], 'noise.eml'),
        { position: 0, reason: /not a delivery status notification|not a readable mail/ },
      ],
      [
        'a DSN without a delivery-status part',
        new File(
          ['From: a@b.c\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n'],
          'plain.eml',
        ),
        { position: 0, reason: /no delivery-status part/ },
      ],
      [
        'a timestamp out of range',
        [{ ...good, timestamp: 1e300 }],
        { position: 0, reason: /no usable time/ },
      ],
      [
        "a time later than the store's clock",
        [{ ...good, timestamp: Math.ceil((store.now() + FEEDBACK_CLOCK_SKEW_MS) / 1000) + 3600 }],
        { position: 0, reason: /later than the store's clock/ },
      ],
    ];
    for (const [label, input, expected] of cases) {
      const report = await importFeedback(store, input);
      const problems = [...report.rejected, ...report.unmatched];
      const problem = problems.find(
        (entry) => entry.position === expected.position && expected.reason.test(entry.reason),
      );
      expect(problem, `${label}: ${JSON.stringify(problems)}`).to.not.equal(undefined);
      if (label !== 'a line of 10 MB') expect(report.applied, label).to.equal(0);
    }
    // The 10 MB case applied its one good line; everything else left the store as it was.
    const after = await store.readIndicators(delivery.id);
    expect(after.relayed).to.equal(1);
    await importFeedback(store, []);
    expect(before).to.be.a('string');
    // The store is still usable.
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
  });

  it('an event for another delivery than the one chosen is unmatched, and applies nowhere', async () => {
    const { store, name } = await freshStore();
    const chosen = await sendingDelivery(store);
    const other = await sendingDelivery(store);
    const before = await dumpDatabase(name);
    const report = await importFeedback(
      store,
      [sendgridEvent(store, 'processed', 'user0@example.com', { d: other.id, r: 0 })],
      { deliveryId: chosen.id },
    );
    expect(report.unmatched).to.have.length(1);
    expect(await dumpDatabase(name)).to.equal(before);
  });

  it('parseFeedback never throws either, whatever it is given', async () => {
    const hostile = throwingProxy();
    for (const input of [
      null,
      42,
      '',
      '   ',
      'garbage',
      new ArrayBuffer(8),
      hostile,
      [hostile],
      { items: 'x' },
    ]) {
      const parsed = await parseFeedback(input);
      expect(parsed.events).to.deep.equal([]);
    }
    const report = await importFeedback((await freshStore()).store, hostile);
    expect(report.applied).to.equal(0);
  });
});
