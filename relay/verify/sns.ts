/**
 * Amazon SNS messages (how SES events reach an HTTPS endpoint): the signature of the documented
 * canonical string, checked against the signing certificate, fetched only from SNS's own hosts
 * over HTTPS (and cached). SignatureVersion 1 is RSA-SHA1, 2 is RSA-SHA256. The certificate
 * fetch is injected, so tests run offline with their own key pair.
 */
import { createVerify } from 'node:crypto';
import { ACCEPTED, isFresh, refused, type Verdict } from './verdict.js';

/** Fetches a text over HTTPS (a certificate, a subscription confirmation). */
export type FetchText = (url: string) => Promise<string>;

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
/** The keys each message type signs, in the order of the canonical string. */
const SUBSCRIPTION_KEYS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;
const SIGNED_KEYS: Record<string, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: SUBSCRIPTION_KEYS,
  UnsubscribeConfirmation: SUBSCRIPTION_KEYS,
};
const ALGORITHMS: Record<string, string> = { '1': 'RSA-SHA1', '2': 'RSA-SHA256' };

/** Whether a URL is an HTTPS URL on an SNS host (certificates, subscribe URLs). */
export function isSnsUrl(value: unknown, pathEnding = ''): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' &&
      url.port === '' &&
      url.username === '' &&
      SNS_HOST.test(url.hostname) &&
      url.pathname.endsWith(pathEnding)
    );
  } catch {
    return false;
  }
}

export interface SnsMessage {
  readonly Type: string;
  readonly TopicArn: string;
  readonly SubscribeURL?: string;
  readonly [key: string]: unknown;
}

export class SnsVerifier {
  private readonly certificates = new Map<string, Promise<string>>();

  constructor(
    private readonly fetchText: FetchText,
    private readonly windowMs: number,
    /** The only topics accepted: none configured, none accepted (the route is off). */
    private readonly topics: readonly string[],
  ) {}

  async verify(
    payload: unknown,
    typeHeader: string | undefined,
    now: number,
  ): Promise<Verdict & { message?: SnsMessage }> {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return refused('not an SNS message');
    }
    if (this.topics.length === 0) {
      return refused('the SES webhook is not set up (SENDKIT_SES_TOPIC_ARN)');
    }
    const message = payload as Record<string, unknown>;
    const keys = SIGNED_KEYS[String(message['Type'])];
    if (!keys || message['Type'] !== typeHeader) return refused('unknown or mismatched SNS type');
    const algorithm = ALGORITHMS[String(message['SignatureVersion'])];
    if (!algorithm || typeof message['Signature'] !== 'string') return refused('no SNS signature');
    if (!isSnsUrl(message['SigningCertURL'], '.pem')) {
      return refused('the signing certificate is not on an SNS host');
    }
    if (typeof message['TopicArn'] !== 'string') return refused('no topic');
    if (!this.topics.includes(message['TopicArn'])) {
      return refused('a topic this relay does not accept');
    }
    if (!isFresh(Date.parse(String(message['Timestamp'])), now, this.windowMs)) {
      return refused('timestamp out of window');
    }
    let canonical = '';
    for (const key of keys) {
      const value = message[key];
      if (value === undefined && key === 'Subject') continue;
      if (typeof value !== 'string') return refused(`SNS field ${key} missing`);
      canonical += `${key}\n${value}\n`;
    }
    let certificate: string;
    try {
      certificate = await this.certificate(message['SigningCertURL'] as string);
    } catch {
      return refused('the signing certificate could not be fetched');
    }
    let valid = false;
    try {
      valid = createVerify(algorithm)
        .update(canonical, 'utf8')
        .verify(certificate, message['Signature'], 'base64');
    } catch {
      valid = false;
    }
    return valid ? { ...ACCEPTED, message: message as SnsMessage } : refused('bad SNS signature');
  }

  /** Whether a subscription to this topic may be confirmed: only topics named in the settings. */
  mayConfirm(message: SnsMessage): boolean {
    return this.topics.includes(message.TopicArn) && isSnsUrl(message.SubscribeURL);
  }

  private certificate(url: string): Promise<string> {
    let pending = this.certificates.get(url);
    if (!pending) {
      pending = this.fetchText(url);
      this.certificates.set(url, pending);
      pending.catch(() => this.certificates.delete(url));
    }
    return pending;
  }
}

/** The default fetch: HTTPS only, 5 s, 64 KB at most. */
export const fetchTextOverHttps: FetchText = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
  if (!response.ok) throw new Error(`${response.status} from ${url}`);
  const text = await response.text();
  if (text.length > 65_536) throw new Error('too long');
  return text;
};
