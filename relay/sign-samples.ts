/**
 * The sample webhooks `npm run relay -- sign` posts: one event of one recipient, in each
 * provider's own shape and signed as that provider signs (sign.ts reads the options and posts).
 */
import { createHmac, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const SIGN_EVENTS = [
  'delivered',
  'hard-bounce',
  'soft-bounce',
  'open',
  'click',
  'complaint',
] as const;
export type SignEvent = (typeof SIGN_EVENTS)[number];

export class SignError extends Error {}

export interface Sample {
  readonly delivery: string;
  readonly recipient: number;
  readonly event: SignEvent;
  readonly address: string;
  /** Seconds since the epoch. */
  readonly now: number;
}

/** A signed request: the path on the relay, its headers and body. */
export interface SignedRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const SENDGRID_EVENTS: Record<SignEvent, Record<string, string>> = {
  delivered: { event: 'delivered' },
  'hard-bounce': {
    event: 'bounce',
    type: 'bounce',
    status: '5.1.1',
    reason: '550 5.1.1 user unknown',
  },
  'soft-bounce': { event: 'deferred', response: '452 4.2.2 mailbox full' },
  open: { event: 'open' },
  click: { event: 'click', url: 'https://example.com/' },
  complaint: { event: 'spamreport' },
};

export function sendgrid(sample: Sample, keyFile: string | undefined): SignedRequest {
  if (!keyFile)
    throw new SignError('sendgrid needs --key <private key file> (see sign sendgrid-key)');
  const key = createPrivateKey(readFileSync(keyFile));
  const body = JSON.stringify([
    {
      email: sample.address,
      timestamp: sample.now,
      sg_event_id: randomBytes(12).toString('hex'),
      sg_message_id: `${sample.delivery}.${sample.recipient}.filter0`,
      sk_d: sample.delivery,
      sk_r: String(sample.recipient),
      ...SENDGRID_EVENTS[sample.event],
    },
  ]);
  const timestamp = String(sample.now);
  const signature = sign('sha256', Buffer.from(timestamp + body), key).toString('base64');
  return {
    path: '/webhooks/sendgrid',
    headers: {
      'Content-Type': 'application/json',
      'X-Twilio-Email-Event-Webhook-Signature': signature,
      'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
    },
    body,
  };
}

const MAILGUN_EVENTS: Record<SignEvent, Record<string, unknown>> = {
  delivered: { event: 'delivered', 'delivery-status': { code: 250, message: 'OK' } },
  'hard-bounce': {
    event: 'failed',
    severity: 'permanent',
    reason: 'bounce',
    'delivery-status': { code: 550, message: '5.1.1 The email account does not exist' },
  },
  'soft-bounce': {
    event: 'failed',
    severity: 'temporary',
    'delivery-status': { code: 452, message: '4.2.2 Mailbox full' },
  },
  open: { event: 'opened' },
  click: { event: 'clicked', url: 'https://example.com/' },
  complaint: { event: 'complained' },
};

export function mailgun(sample: Sample, key: string): SignedRequest {
  const token = randomBytes(16).toString('hex');
  const timestamp = String(sample.now);
  const signature = createHmac('sha256', key)
    .update(timestamp + token)
    .digest('hex');
  return {
    path: '/webhooks/mailgun',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      signature: { timestamp, token, signature },
      'event-data': {
        id: randomBytes(8).toString('hex'),
        timestamp: sample.now,
        recipient: sample.address,
        'user-variables': { sk_d: sample.delivery, sk_r: String(sample.recipient) },
        ...MAILGUN_EVENTS[sample.event],
      },
    }),
  };
}

export function postmark(sample: Sample, auth: string): SignedRequest {
  const at = new Date(sample.now * 1000).toISOString();
  const records: Record<SignEvent, Record<string, unknown>> = {
    delivered: { RecordType: 'Delivery', Recipient: sample.address, DeliveredAt: at },
    'hard-bounce': {
      RecordType: 'Bounce',
      Type: 'HardBounce',
      Email: sample.address,
      BouncedAt: at,
      Details: 'smtp;550 5.1.1 The email account does not exist',
    },
    'soft-bounce': {
      RecordType: 'Bounce',
      Type: 'SoftBounce',
      Email: sample.address,
      BouncedAt: at,
      Details: 'smtp;452 4.2.2 mailbox full',
    },
    open: { RecordType: 'Open', Recipient: sample.address, ReceivedAt: at },
    click: {
      RecordType: 'Click',
      Recipient: sample.address,
      ReceivedAt: at,
      OriginalLink: 'https://example.com/',
    },
    complaint: { RecordType: 'SpamComplaint', Email: sample.address, BouncedAt: at },
  };
  return {
    path: '/webhooks/postmark',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
    },
    body: JSON.stringify({
      MessageID: randomBytes(16).toString('hex'),
      Metadata: { sk_d: sample.delivery, sk_r: String(sample.recipient) },
      ...records[sample.event],
    }),
  };
}

const DSN_ACTIONS: Partial<Record<SignEvent, [string, string]>> = {
  delivered: ['delivered', '2.0.0'],
  'hard-bounce': ['failed', '5.1.1'],
  'soft-bounce': ['delayed', '4.2.2'],
};

export function dsn(sample: Sample, token: string): SignedRequest {
  const action = DSN_ACTIONS[sample.event];
  if (!action)
    throw new SignError(`a delivery status notification cannot report '${sample.event}'`);
  const [verb, status] = action;
  const date = new Date(sample.now * 1000).toUTCString();
  const id = randomBytes(8).toString('hex');
  const body = [
    'From: Mail Delivery System <mailer-daemon@mx.example.org>',
    `Date: ${date}`,
    `Message-ID: <dsn-${id}@mx.example.org>`,
    'Subject: Delivery Status Notification',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="sendkit-sign"',
    '',
    '--sendkit-sign',
    'Content-Type: text/plain',
    '',
    `A sample notification: ${verb}.`,
    '--sendkit-sign',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    `Final-Recipient: rfc822; ${sample.address}`,
    `Action: ${verb}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${status.startsWith('2') ? '250' : status.startsWith('4') ? '452' : '550'} ${status}`,
    '--sendkit-sign',
    'Content-Type: text/rfc822-headers',
    '',
    `To: ${sample.address}`,
    `X-Sendkit-Delivery: ${sample.delivery}`,
    `X-Sendkit-Recipient: ${sample.recipient}`,
    '--sendkit-sign--',
    '',
  ].join('\r\n');
  return {
    path: '/webhooks/dsn',
    headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${token}` },
    body,
  };
}
