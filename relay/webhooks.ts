/**
 * The webhook routes: each provider's request is verified first (nothing unverified is read
 * further), then adapted with the same code as the file import (`parseFeedback`), then stored.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseFeedback, type ProviderEvent, type ProviderName } from '../src/feedback/index.js';
import { verifyBasicAuth } from './verify/basic-auth.js';
import { MailgunVerifier } from './verify/mailgun.js';
import { bearerToken, sameSecret } from './verify/secrets.js';
import { verifySendgrid, sendgridKey } from './verify/sendgrid.js';
import { SnsVerifier, type FetchText } from './verify/sns.js';
import { ACCEPTED, refused, type Verdict } from './verify/verdict.js';
import type { RelaySettings } from './settings.js';

/** What a webhook request came to: events to store, or an answer without any. */
export type Reading =
  | { readonly kind: 'events'; readonly events: ProviderEvent[]; readonly rejected: number }
  | { readonly kind: 'refused'; readonly status: 400 | 401; readonly reason: string }
  | { readonly kind: 'answer'; readonly body: Record<string, unknown> };

export interface WebhookRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly now: number;
}

type Route = (request: WebhookRequest) => Promise<Reading>;

function malformed(reason: string): Reading {
  return { kind: 'refused', status: 400, reason };
}

function unauthorised(verdict: Verdict): Reading | null {
  return verdict.ok ? null : { kind: 'refused', status: 401, reason: verdict.reason };
}

function parseJson(body: Buffer): { value: unknown } | null {
  try {
    return { value: JSON.parse(body.toString('utf8')) };
  } catch {
    return null;
  }
}

/** The provider events of a verified payload; 400 when none could be read. */
async function adapt(input: unknown, provider: ProviderName): Promise<Reading> {
  const { events, rejected } = await parseFeedback(input, { provider });
  if (events.length === 0 && rejected.length > 0) {
    return malformed(rejected[0]!.reason);
  }
  return { kind: 'events', events, rejected: rejected.length };
}

export function webhookRoutes(
  settings: RelaySettings,
  fetchText: FetchText,
): Record<ProviderName, Route> {
  const window = settings.timestampWindowMs;
  const sendgrid = settings.sendgridPublicKey ? sendgridKey(settings.sendgridPublicKey) : null;
  const mailgun = new MailgunVerifier(settings.mailgunSigningKey, window);
  const sns = new SnsVerifier(fetchText, window, settings.sesTopics);

  return {
    async sendgrid({ headers, body, now }) {
      const denied = unauthorised(verifySendgrid(sendgrid, headers, body, now, window));
      if (denied) return denied;
      const json = parseJson(body);
      if (!json || !Array.isArray(json.value)) return malformed('a SendGrid post is a JSON array');
      return adapt(json.value, 'sendgrid');
    },

    async mailgun({ body, now }) {
      const json = parseJson(body);
      if (!json) return malformed('a Mailgun webhook is JSON');
      const denied = unauthorised(mailgun.verify(json.value, now));
      if (denied) return denied;
      return adapt(json.value, 'mailgun');
    },

    async postmark({ headers, body }) {
      const denied = unauthorised(
        verifyBasicAuth(settings.postmarkAuth, headers.authorization, 'Postmark'),
      );
      if (denied) return denied;
      const json = parseJson(body);
      if (!json) return malformed('a Postmark webhook is JSON');
      return adapt(json.value, 'postmark');
    },

    async ses({ headers, body, now }) {
      const json = parseJson(body);
      if (!json) return malformed('an SNS message is JSON');
      const type = headers['x-amz-sns-message-type'];
      const verdict = await sns.verify(
        json.value,
        typeof type === 'string' ? type : undefined,
        now,
      );
      const denied = unauthorised(verdict);
      if (denied || !verdict.ok) return denied!;
      const message = verdict.message!;
      if (message.Type === 'Notification') return adapt(message, 'ses');
      if (message.Type === 'SubscriptionConfirmation') {
        if (!sns.mayConfirm(message)) {
          console.warn(
            `sendkit relay: SNS subscription of ${message.TopicArn} not confirmed (not in SENDKIT_SES_TOPIC_ARN)`,
          );
          return { kind: 'answer', body: { confirmed: false } };
        }
        await fetchText(message.SubscribeURL!);
        return { kind: 'answer', body: { confirmed: true } };
      }
      return { kind: 'answer', body: {} };
    },

    async dsn({ headers, body }) {
      // Its own secret: the readers' token is in every portal page, so it must never write.
      const token = bearerToken(headers.authorization);
      const verdict =
        settings.dsnToken === null
          ? refused('the DSN webhook is not set up (SENDKIT_DSN_TOKEN)')
          : token !== null && sameSecret(token, settings.dsnToken)
            ? ACCEPTED
            : refused('no valid DSN token');
      const denied = unauthorised(verdict);
      if (denied) return denied;
      if (body.length === 0) return malformed('an empty message');
      // The raw bytes: each part is decoded by its own transfer encoding (mime-parts.ts).
      return adapt(body.buffer.slice(body.byteOffset, body.byteOffset + body.length), 'dsn');
    },
  };
}
