/**
 * Each webhook route verifies before anything is stored: signed posts are stored, each refused
 * one gets the right status and leaves the log as it was. Readers need the token; CORS only for
 * the configured origins.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startRelay, type Relay } from '../../relay/relay.js';
import { dsnMail } from '../feedback/fixtures.js';
import {
  DSN_TOKEN,
  MAILGUN_KEY,
  POSTMARK_AUTH,
  TOKEN,
  mailgunPayload,
  postSendgrid,
  readAll,
  sendgridEvents,
  sendgridKeys,
  settings,
  snsSigner,
} from './support.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-events';
const sns = snsSigner();
let relay: Relay;

before(async () => {
  relay = await startRelay(
    settings({ sesTopics: [TOPIC], origins: ['https://portal.example'], maxBodyBytes: 64 * 1024 }),
    { fetchText: sns.fetchText },
  );
});
after(() => relay.close());

async function stored(): Promise<number> {
  return (await readAll(relay.url)).length;
}

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${relay.url}${path}`, { method: 'POST', headers, body });
}

function sesNotification(id: string, timestamp = new Date().toISOString()) {
  return {
    Type: 'Notification',
    MessageId: id,
    TopicArn: TOPIC,
    Timestamp: timestamp,
    Message: JSON.stringify({
      eventType: 'Delivery',
      mail: {
        timestamp,
        messageId: `ses-${id}`,
        destination: ['a@example.org'],
        tags: { sk_d: ['d-ses'], sk_r: ['0'] },
      },
      delivery: { timestamp, recipients: ['a@example.org'] },
    }),
  };
}

describe('SendGrid', () => {
  test('a signed post is stored, each event once, and its retry adds nothing', async () => {
    const before = await stored();
    const events = sendgridEvents('d-sg', 0, 3);
    const first = await postSendgrid(relay.url, events);
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { stored: 3, duplicates: 0, rejected: 0 });
    const retry = await postSendgrid(relay.url, events);
    assert.deepEqual(await retry.json(), { stored: 0, duplicates: 3, rejected: 0 });
    assert.equal(await stored(), before + 3);
  });

  test('a bad signature, a changed body, no signature, an old timestamp: 401, nothing stored', async () => {
    const before = await stored();
    const body = JSON.stringify(sendgridEvents('d-sg', 10, 1));
    const headers = sendgridKeys.headers(body);
    const tampered = body.replace('r10@', 'r11@');
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const cases: [string, Record<string, string>][] = [
      [tampered, headers],
      [body, {}],
      [body, { ...headers, 'X-Twilio-Email-Event-Webhook-Signature': 'AAAA' }],
      [body, sendgridKeys.headers(body, old)],
      [body, { ...headers, 'X-Twilio-Email-Event-Webhook-Timestamp': String(old) }],
    ];
    for (const [text, given] of cases) {
      const response = await post('/webhooks/sendgrid', text, {
        'Content-Type': 'application/json',
        ...given,
      });
      assert.equal(response.status, 401, `${JSON.stringify(given)} → ${response.status}`);
    }
    assert.equal(await stored(), before);
  });

  test('a signed body that is not a SendGrid array: 400', async () => {
    const body = '{"not":"an array"}';
    const response = await post('/webhooks/sendgrid', body, sendgridKeys.headers(body));
    assert.equal(response.status, 400);
  });
});

describe('Mailgun', () => {
  const event = (id: string) => ({
    id,
    event: 'delivered',
    timestamp: Date.now() / 1000,
    recipient: 'b@example.org',
    message: { headers: { 'message-id': `mg-${id}` } },
    'user-variables': { sk_d: 'd-mg', sk_r: '1' },
  });

  test('a signed webhook is stored; the same token again is a replay: 401', async () => {
    const before = await stored();
    const payload = JSON.stringify(mailgunPayload(event('mg-1'), { token: 'token-once' }));
    const first = await post('/webhooks/mailgun', payload, { 'Content-Type': 'application/json' });
    assert.equal(first.status, 200);
    const replay = await post('/webhooks/mailgun', payload, { 'Content-Type': 'application/json' });
    assert.equal(replay.status, 401);
    assert.match(((await replay.json()) as { error: string }).error, /replay/);
    assert.equal(await stored(), before + 1);
  });

  test('a wrong key or an old timestamp: 401, nothing stored', async () => {
    const before = await stored();
    const wrongKey = mailgunPayload(event('mg-2'), { key: `${MAILGUN_KEY}x` });
    const old = mailgunPayload(event('mg-3'), { timestamp: Math.floor(Date.now() / 1000) - 301 });
    for (const payload of [wrongKey, old]) {
      const response = await post('/webhooks/mailgun', JSON.stringify(payload));
      assert.equal(response.status, 401);
    }
    assert.equal(await stored(), before);
  });
});

describe('Postmark', () => {
  const delivery = JSON.stringify({
    RecordType: 'Delivery',
    MessageID: 'pm-1',
    Recipient: 'c@example.org',
    DeliveredAt: new Date().toISOString(),
    Metadata: { sk_d: 'd-pm', sk_r: '2' },
  });
  const basic = (auth: string) => ({
    Authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
  });

  test('with its basic auth it is stored; without, or with another password, 401', async () => {
    const before = await stored();
    assert.equal((await post('/webhooks/postmark', delivery)).status, 401);
    assert.equal((await post('/webhooks/postmark', delivery, basic('postmark:wrong'))).status, 401);
    assert.equal(await stored(), before);
    assert.equal((await post('/webhooks/postmark', delivery, basic(POSTMARK_AUTH))).status, 200);
    assert.equal(await stored(), before + 1);
  });
});

describe('Amazon SES over SNS', () => {
  const headers = (type: string) => ({ 'x-amz-sns-message-type': type });

  test('a signed notification is stored, with either signature version', async () => {
    const before = await stored();
    for (const [id, version] of [
      ['sns-1', '1'],
      ['sns-2', '2'],
    ] as const) {
      const message = sns.sign(sesNotification(id), version);
      const response = await post(
        '/webhooks/ses',
        JSON.stringify(message),
        headers('Notification'),
      );
      assert.equal(response.status, 200, await response.clone().text());
    }
    assert.equal(await stored(), before + 2);
  });

  test('a certificate off the SNS hosts is never fetched: 401', async () => {
    const before = await stored();
    const fetchedBefore = sns.fetched.length;
    for (const url of [
      'https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem',
      'http://sns.eu-west-1.amazonaws.com/cert.pem',
      'https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem',
      'https://sns.eu-west-1.amazonaws.com:8443/cert.pem',
      'https://sns.eu-west-1.amazonaws.com/cert.txt',
    ]) {
      const message = sns.sign(sesNotification('sns-x'), '1', url);
      const response = await post(
        '/webhooks/ses',
        JSON.stringify(message),
        headers('Notification'),
      );
      assert.equal(response.status, 401, url);
    }
    assert.equal(sns.fetched.length, fetchedBefore);
    assert.equal(await stored(), before);
  });

  test('a changed message, another topic, an old timestamp, a type header that differs: 401', async () => {
    const before = await stored();
    const signed = sns.sign(sesNotification('sns-3'));
    const changed = {
      ...signed,
      Message: signed.Message.replace('a@example.org', 'z@example.org'),
    };
    const otherTopic = sns.sign({ ...sesNotification('sns-4'), TopicArn: `${TOPIC}-other` });
    const old = sns.sign(sesNotification('sns-5', new Date(Date.now() - 6 * 60_000).toISOString()));
    for (const [message, type] of [
      [changed, 'Notification'],
      [otherTopic, 'Notification'],
      [old, 'Notification'],
      [signed, 'SubscriptionConfirmation'],
    ] as const) {
      const response = await post('/webhooks/ses', JSON.stringify(message), headers(type));
      assert.equal(response.status, 401);
    }
    assert.equal(await stored(), before);
  });

  test('with no topic configured, a notification signed for any topic is refused', async () => {
    const open = await startRelay(settings({ sesTopics: [] }), { fetchText: sns.fetchText });
    try {
      for (const topic of [TOPIC, 'arn:aws:sns:us-east-1:999999999999:someone-else']) {
        const message = sns.sign({ ...sesNotification(`sns-any-${topic}`), TopicArn: topic });
        const response = await fetch(`${open.url}/webhooks/ses`, {
          method: 'POST',
          headers: headers('Notification'),
          body: JSON.stringify(message),
        });
        assert.equal(response.status, 401, topic);
        assert.match(((await response.json()) as { error: string }).error, /SENDKIT_SES_TOPIC_ARN/);
      }
      assert.equal((await readAll(open.url)).length, 0);
    } finally {
      await open.close();
    }
  });

  test('a subscription to the configured topic is confirmed, and nothing is stored', async () => {
    const before = await stored();
    const subscribe = 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t';
    const message = sns.sign({
      Type: 'SubscriptionConfirmation',
      MessageId: 'sub-1',
      Token: 't',
      TopicArn: TOPIC,
      Message: 'You have chosen to subscribe',
      SubscribeURL: subscribe,
      Timestamp: new Date().toISOString(),
    });
    const response = await post(
      '/webhooks/ses',
      JSON.stringify(message),
      headers('SubscriptionConfirmation'),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { confirmed: true });
    assert.ok(sns.fetched.includes(subscribe));
    assert.equal(await stored(), before);
  });
});

describe('DSN', () => {
  const dsn = dsnMail('failed', '5.1.1', { date: new Date().toUTCString() });

  test("a DSN with the DSN token is stored; without it, or with the readers' token, 401", async () => {
    const before = await stored();
    for (const authorization of [null, `Bearer ${TOKEN}`, `Bearer ${DSN_TOKEN}x`]) {
      const response = await post('/webhooks/dsn', dsn, {
        'Content-Type': 'message/rfc822',
        ...(authorization ? { Authorization: authorization } : {}),
      });
      assert.equal(response.status, 401, String(authorization));
    }
    assert.equal(await stored(), before);
    const response = await post('/webhooks/dsn', dsn, {
      'Content-Type': 'message/rfc822',
      Authorization: `Bearer ${DSN_TOKEN}`,
    });
    assert.equal(response.status, 200, await response.clone().text());
    const events = await readAll(relay.url);
    assert.equal(events.length, before + 1);
    assert.equal(events.at(-1)!['kind'], 'hard-bounce');
    assert.equal(events.at(-1)!['deliveryId'], 'd1');
  });

  test('without SENDKIT_DSN_TOKEN the route is off: no token opens it', async () => {
    const off = await startRelay(settings({ dsnToken: null }));
    try {
      for (const token of [TOKEN, DSN_TOKEN]) {
        const response = await fetch(`${off.url}/webhooks/dsn`, {
          method: 'POST',
          headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${token}` },
          body: dsn,
        });
        assert.equal(response.status, 401);
        assert.match(((await response.json()) as { error: string }).error, /SENDKIT_DSN_TOKEN/);
      }
      assert.equal((await readAll(off.url)).length, 0);
    } finally {
      await off.close();
    }
  });
});

describe('limits and readers', () => {
  test('a body over the limit: 413, nothing stored', async () => {
    const before = await stored();
    const big = sendgridEvents('d-big', 0, 2_000);
    const response = await postSendgrid(relay.url, big);
    assert.equal(response.status, 413);
    assert.equal(await stored(), before);
  });

  test('readers need the token: 401 without it or with another', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Bearer wrong-token-0123456789' },
      { Authorization: TOKEN },
    ]) {
      const response = await fetch(`${relay.url}/events?after=0&limit=10`, { headers });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    }
    const stream = await fetch(`${relay.url}/events`, { headers: { Accept: 'text/event-stream' } });
    assert.equal(stream.status, 401);
  });

  test('after and limit must be whole numbers: 400', async () => {
    for (const query of ['after=-1', 'after=x', 'after=0&limit=0', 'limit=1e3']) {
      const response = await fetch(`${relay.url}/events?${query}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(response.status, 400, query);
    }
  });

  test('CORS answers only the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${relay.url}/events`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
    const allowed = await preflight('https://portal.example');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://portal.example');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const other = await preflight('https://evil.example');
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const page = await fetch(`${relay.url}/events?limit=1`, {
      headers: { Origin: 'https://evil.example', Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(page.headers.get('access-control-allow-origin'), null);
  });

  test('health answers without a token; unknown routes 404; wrong methods 405', async () => {
    const health = await fetch(`${relay.url}/health`);
    assert.equal(health.status, 200);
    const { clock, simulates, ...state } = (await health.json()) as {
      clock: { now: number; scale: number };
      simulates: boolean;
    };
    assert.equal(simulates, false);
    // Model time, with its scale: shared deliveries' facts are stamped with it.
    assert.equal(clock.scale, 1);
    assert.ok(Math.abs(clock.now - Date.now()) < 5_000);
    assert.deepEqual(state, {
      status: 'ok',
      log: 'file',
      logId: relay.log.id,
      writable: true,
    });
    assert.equal((await fetch(`${relay.url}/webhooks/unknown`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(`${relay.url}/webhooks/sendgrid`)).status, 405);
  });
});

describe('rate', () => {
  test('over the rate: 429 with Retry-After', async () => {
    const frozen = Date.now();
    const limited = await startRelay(settings({ ratePerSecond: 2 }), { now: () => frozen });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 8; index++) {
        statuses.push(
          (
            await fetch(`${limited.url}/events?limit=1`, {
              headers: { Authorization: `Bearer ${TOKEN}` },
            })
          ).status,
        );
      }
      // A burst of twice the rate, then nothing while the clock stands still.
      assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429, 429, 429]);
      const response = await fetch(`${limited.url}/events?limit=1`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(response.status, 429);
      assert.ok(Number(response.headers.get('retry-after')) >= 1);
    } finally {
      await limited.close();
    }
  });

  test("refused requests from an address never spend its verified posts' or readers' budget", async () => {
    // A frozen wall clock: the refused budget cannot refill between the flood and the forged post.
    const frozen = Date.now();
    const limited = await startRelay(settings({ ratePerSecond: 5 }), { now: () => frozen });
    try {
      const anonymous = await Promise.all(
        Array.from({ length: 250 }, () => fetch(`${limited.url}/events`).then((r) => r.status)),
      );
      assert.ok(anonymous.includes(429), 'the anonymous flood is itself limited');
      assert.ok(anonymous.every((status) => status === 401 || status === 429));
      const forged = await postSendgrid(limited.url, sendgridEvents('d-rate', 0, 1), {
        'X-Twilio-Email-Event-Webhook-Signature': 'AAAA',
        'X-Twilio-Email-Event-Webhook-Timestamp': String(Math.floor(frozen / 1000)),
      });
      assert.equal(forged.status, 429, 'a forged post from the flooding address is refused');
      // The provider behind the same NAT, and a reader with the token, still get through.
      const signed = await postSendgrid(limited.url, sendgridEvents('d-rate', 0, 3));
      assert.equal(signed.status, 200, await signed.clone().text());
      const page = await fetch(`${limited.url}/events?after=0&limit=10`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(page.status, 200);
      assert.equal(((await page.json()) as { events: unknown[] }).events.length, 3);
    } finally {
      await limited.close();
    }
  });
});
