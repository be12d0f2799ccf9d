/**
 * What the relay tests share: settings on a loopback port and a fresh folder, providers' signers
 * (keys made here: SendGrid's P-256, Mailgun's HMAC, SNS's RSA), payload builders, the relay as a
 * real process, and Debian's nats-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, createSign, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RelaySettings } from '../../relay/settings.js';
import { signCredential } from '../../relay/verify/sign-credential.js';

export const TOKEN = 'reader-token-0123456789';
export const DSN_TOKEN = 'dsn-writer-token-0123456789';
/** The HMAC key the tests' stand-in portal backend signs users' credentials with. */
export const CREDENTIAL_KEY = 'credential-key-0123456789-abcdefghijklmnop';

const madeDirs: string[] = [];
// Every folder made here is removed when the process ends, also when it fails: the relay's
// logs and nats-server's store are the tests' and the benchmark's to clean, not the machine's.
process.on('exit', () => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A user's credential, as a portal's backend signs it for the relay. */
export function credentialFor(name: string, roles: readonly string[], expiresInS = 3_600): string {
  return signCredential(CREDENTIAL_KEY, {
    sub: name,
    roles,
    exp: Math.floor(Date.now() / 1000) + expiresInS,
  });
}

/** What the relay answers an action or a list: the result, or the kit's error as data. */
export interface SharedAnswer {
  readonly seq?: number;
  readonly delivery?: string;
  readonly hash?: string;
  readonly count?: number;
  readonly error?: { code: string; message: string; fields: Record<string, unknown> };
}

/**
 * Posts to a relay's route of shared deliveries (`/actions`, `/lists`) as a page would, with a
 * credential (null: none); a body that is a string is sent as it is.
 */
export async function postShared(
  url: string,
  path: '/actions' | '/lists',
  body: unknown,
  credential: string | null,
): Promise<{ status: number; body: SharedAnswer }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(credential === null ? {} : { Authorization: `Bearer ${credential}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as SharedAnswer };
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sendkit-relay-'));
  madeDirs.push(dir);
  return dir;
}

export const sendgridKeys = (() => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    /** The two headers SendGrid sends with a post. */
    headers(
      body: string | Buffer,
      timestamp = Math.floor(Date.now() / 1000),
    ): Record<string, string> {
      const signed = Buffer.concat([Buffer.from(String(timestamp)), Buffer.from(body)]);
      return {
        'X-Twilio-Email-Event-Webhook-Signature': sign('sha256', signed, privateKey).toString(
          'base64',
        ),
        'X-Twilio-Email-Event-Webhook-Timestamp': String(timestamp),
      };
    },
  };
})();

export const MAILGUN_KEY = 'mailgun-signing-key-0001';
export const POSTMARK_AUTH = 'postmark:hook-password';

export function settings(overrides: Partial<RelaySettings> = {}): RelaySettings {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir: tempDir(),
    token: TOKEN,
    tokenGenerated: false,
    dsnToken: DSN_TOKEN,
    repair: false,
    origins: [],
    sendgridPublicKey: sendgridKeys.publicKey,
    mailgunSigningKey: MAILGUN_KEY,
    postmarkAuth: POSTMARK_AUTH,
    sesTopics: [],
    natsUrl: null,
    maxBodyBytes: 10 * 1024 * 1024,
    ratePerSecond: 10_000,
    timestampWindowMs: 5 * 60_000,
    keepAliveMs: 15_000,
    credentialKey: CREDENTIAL_KEY,
    credentialAudience: null,
    simulate: false,
    clockScale: 1,
    maxListBytes: 64 * 1024 * 1024,
    ...overrides,
  };
}

/** SendGrid events of recipients `from` … `from + count - 1` of a delivery, one per recipient. */
export function sendgridEvents(
  deliveryId: string,
  from: number,
  count: number,
  event = 'delivered',
  at = Math.floor(Date.now() / 1000),
): object[] {
  return Array.from({ length: count }, (_, index) => ({
    email: `r${from + index}@example.org`,
    timestamp: at,
    event,
    sg_event_id: `${deliveryId}-${event}-${from + index}`,
    sg_message_id: `m${from + index}.filter0`,
    sk_d: deliveryId,
    sk_r: String(from + index),
  }));
}

export async function postSendgrid(
  url: string,
  events: readonly object[],
  headers: Record<string, string> | null = null,
): Promise<Response> {
  const body = JSON.stringify(events);
  return fetch(`${url}/webhooks/sendgrid`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(headers ?? sendgridKeys.headers(body)) },
    body,
  });
}

export function mailgunPayload(
  event: Record<string, unknown>,
  {
    timestamp = Math.floor(Date.now() / 1000),
    token = randomBytes(16).toString('hex'),
    key = MAILGUN_KEY,
  } = {},
): object {
  const signature = createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');
  return { signature: { timestamp: String(timestamp), token, signature }, 'event-data': event };
}

/** An SNS signer with its own key pair, and the fetch that serves its certificate. */
export function snsSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certUrl = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem';
  const fetched: string[] = [];
  return {
    certUrl,
    fetched,
    fetchText: async (url: string) => {
      fetched.push(url);
      if (url === certUrl) return publicKey.export({ format: 'pem', type: 'spki' }).toString();
      if (url.startsWith('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription'))
        return '<ok/>';
      throw new Error(`no such URL in the test: ${url}`);
    },
    sign(
      message: Record<string, string>,
      version: '1' | '2' = '1',
      signingCertUrl = certUrl,
    ): Record<string, string> {
      const keys =
        message['Type'] === 'Notification'
          ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
          : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
      const canonical = keys
        .filter((key) => message[key] !== undefined)
        .map((key) => `${key}\n${message[key]}\n`)
        .join('');
      const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
      return {
        ...message,
        SignatureVersion: version,
        SigningCertURL: signingCertUrl,
        Signature: signer.update(canonical).sign(privateKey, 'base64'),
      };
    },
  };
}

/** All events of the log, through the JSON catch-up route. */
export async function readAll(
  url: string,
  token = TOKEN,
): Promise<{ seq: number; [key: string]: unknown }[]> {
  const out: { seq: number }[] = [];
  for (let after = 0; ;) {
    const response = await fetch(`${url}/events?after=${after}&limit=5000`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`catch-up answered ${response.status}`);
    const page = (await response.json()) as { events: { seq: number }[]; next: number };
    out.push(...page.events);
    if (page.events.length === 0) return out as never;
    after = page.next;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RelayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `npm run relay` as its own process (node + tsx, as the script runs it). */
export async function spawnRelay(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts', ...args], {
    env: {
      ...process.env,
      SENDKIT_RELAY_TOKEN: TOKEN,
      SENDKIT_SENDGRID_PUBLIC_KEY: sendgridKeys.publicKey,
      SENDKIT_RELAY_RATE: '100000',
      SENDKIT_RELAY_JWT_KEY: CREDENTIAL_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the relay did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the relay exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    child,
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

const NATS_SERVER = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find((path) =>
  existsSync(path),
);

export interface NatsServer {
  readonly url: string;
  stop(): Promise<void>;
  /** Starts it again after `stop`, on the same port with the same store (an outage ends). */
  restart(): Promise<void>;
}

/** Debian's nats-server with JetStream, on a loopback port, its data in a fresh folder. */
export async function startNats(): Promise<NatsServer> {
  if (!NATS_SERVER)
    throw new Error('nats-server is not installed (apt-get install -y nats-server)');
  const port = await freePort();
  const store = tempDir();
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(NATS_SERVER, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`nats-server did not start: ${output}`)),
        15_000,
      );
      const watch = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Server is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', watch);
      child.stderr!.on('data', watch);
    });
  };
  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    restart: launch,
  };
}

/** The text of a streamed body, piece by piece. */
export async function* textOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
