/**
 * `npm run relay -- sign <provider> --delivery <id> --recipient <n> [--event <kind>] [--to <url>]`:
 * posts one sample webhook, signed as the provider signs it, to a local relay, so a setup can be
 * tried end to end without the provider. Secrets come from the same variables the relay reads
 * (SENDKIT_MAILGUN_SIGNING_KEY, SENDKIT_POSTMARK_AUTH, SENDKIT_DSN_TOKEN); SendGrid signs with a
 * private key the relay never holds: `sign sendgrid-key <file>` makes a pair, writes the private
 * key to the file and prints the public one for SENDKIT_SENDGRID_PUBLIC_KEY. Amazon SES cannot be
 * signed here: the relay accepts only certificates fetched from Amazon's SNS hosts.
 */
import { createHmac, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export const SIGN_EVENTS = [
  'delivered',
  'hard-bounce',
  'soft-bounce',
  'open',
  'click',
  'complaint',
] as const;
export type SignEvent = (typeof SIGN_EVENTS)[number];
export const SIGN_PROVIDERS = ['sendgrid', 'mailgun', 'postmark', 'dsn'] as const;
type Provider = (typeof SIGN_PROVIDERS)[number];

export const SIGN_USAGE = `Usage:
  npm run relay -- sign <sendgrid|mailgun|postmark|dsn> --delivery <id> --recipient <n>
                        [--event <${SIGN_EVENTS.join('|')}>] [--address <email>]
                        [--to <relay url>] [--key <SendGrid private key file>]
  npm run relay -- sign sendgrid-key <file>   a SendGrid test key pair: the private key to <file>,
                                              the public one printed for SENDKIT_SENDGRID_PUBLIC_KEY
The secrets are the relay's own: SENDKIT_MAILGUN_SIGNING_KEY, SENDKIT_POSTMARK_AUTH,
SENDKIT_DSN_TOKEN. The relay url defaults to http://127.0.0.1:$SENDKIT_RELAY_PORT (8787).`;

export class SignError extends Error {}

interface Sample {
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

function sendgrid(sample: Sample, keyFile: string | undefined): SignedRequest {
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

function mailgun(sample: Sample, key: string): SignedRequest {
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

function postmark(sample: Sample, auth: string): SignedRequest {
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

function dsn(sample: Sample, token: string): SignedRequest {
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

function secret(env: NodeJS.ProcessEnv, name: string, provider: string): string {
  const value = env[name];
  if (!value) throw new SignError(`${provider} signs with ${name}: set it as the relay has it`);
  return value;
}

/** The signed request for `provider`, from the command's options and the relay's variables. */
export function signedRequest(
  provider: string,
  options: {
    delivery?: string;
    recipient?: string;
    event?: string;
    address?: string;
    key?: string;
  },
  env: NodeJS.ProcessEnv,
  now = Math.floor(Date.now() / 1000),
): SignedRequest {
  if (provider === 'ses') {
    throw new SignError(
      "Amazon SES cannot be signed here: the relay checks SNS signatures against Amazon's own certificates. Import an SES sample file instead.",
    );
  }
  if (!(SIGN_PROVIDERS as readonly string[]).includes(provider)) {
    throw new SignError(`unknown provider '${provider}' (one of ${SIGN_PROVIDERS.join(', ')})`);
  }
  const recipient = Number(options.recipient);
  if (!options.delivery || !/^[\w-]{1,256}$/.test(options.delivery)) {
    throw new SignError('--delivery <id> names the delivery (letters, digits, dashes)');
  }
  if (!Number.isInteger(recipient) || recipient < 0) {
    throw new SignError('--recipient <n> is the recipient position, a whole number from 0');
  }
  const event = (options.event ?? 'delivered') as SignEvent;
  if (!SIGN_EVENTS.includes(event)) {
    throw new SignError(`--event is one of ${SIGN_EVENTS.join(', ')}`);
  }
  const sample: Sample = {
    delivery: options.delivery,
    recipient,
    event,
    address: options.address ?? `profile${recipient}@example.test`,
    now,
  };
  switch (provider as Provider) {
    case 'sendgrid':
      return sendgrid(sample, options.key);
    case 'mailgun':
      return mailgun(sample, secret(env, 'SENDKIT_MAILGUN_SIGNING_KEY', 'mailgun'));
    case 'postmark':
      return postmark(sample, secret(env, 'SENDKIT_POSTMARK_AUTH', 'postmark'));
    case 'dsn':
      return dsn(sample, secret(env, 'SENDKIT_DSN_TOKEN', 'dsn'));
  }
}

/** A SendGrid test key pair: the private key (PEM) to `file`; returns the public key (base64). */
export function sendgridTestKey(file: string): string {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** The `sign` command: prints what it did; a refusal is a SignError with the reason. */
export async function runSign(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      delivery: { type: 'string' },
      recipient: { type: 'string' },
      event: { type: 'string' },
      address: { type: 'string' },
      key: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const [provider, file] = positionals;
  if (!provider) throw new SignError(SIGN_USAGE);
  if (provider === 'sendgrid-key') {
    if (!file) throw new SignError('sign sendgrid-key <file>: where to write the private key');
    return `SENDKIT_SENDGRID_PUBLIC_KEY=${sendgridTestKey(file)}\n(private key written to ${file}; use --key ${file})`;
  }
  const request = signedRequest(provider, values, env);
  const base = values.to ?? `http://127.0.0.1:${env['SENDKIT_RELAY_PORT'] ?? '8787'}`;
  const response = await fetch(new URL(request.path, base), {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  const answer = (await response.text()).slice(0, 500);
  if (!response.ok)
    throw new SignError(`${base}${request.path} answered ${response.status}: ${answer}`);
  return `${base}${request.path} answered ${response.status}: ${answer}`;
}
