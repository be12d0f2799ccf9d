/**
 * Mailgun events: webhook bodies `{ signature, "event-data" }` and Events API pages (`items`),
 * per Mailgun's "Webhook payloads" and Events API docs. `event-data`: `event`, `timestamp`
 * (float s), `recipient`, `severity` (failed: permanent / temporary), `reason` (bounce,
 * suppress-bounce, suppress-unsubscribe, suppress-complaint, greylisted, old, generic),
 * `delivery-status` (`code`, `message`, `attempt-no`), `user-variables` (our tags), `id`.
 */
import type { FailureReason } from '../../types.js';
import { readTag } from '../correlation.js';
import { reasonOfStatus } from '../status-codes.js';
import type { ProviderEventKind } from '../types.js';
import {
  adapted,
  address,
  badTime,
  fields,
  fromSeconds,
  text,
  type AdapterResult,
  type Fields,
} from '../values.js';

interface Mapping {
  readonly kind: ProviderEventKind | null;
  readonly fallback?: FailureReason;
}

/** `event` (for failed: `failed/<severity>`, or `failed/old` when Mailgun gave up). */
export const MAILGUN_EVENTS: Readonly<Record<string, Mapping>> = {
  accepted: { kind: 'relayed' },
  delivered: { kind: 'delivered' },
  'failed/permanent': { kind: 'hard-bounce', fallback: 'Not defined' },
  'failed/temporary': { kind: 'soft-bounce', fallback: 'Unreachable' },
  'failed/old': { kind: 'retries-failed', fallback: 'Unreachable' },
  rejected: { kind: 'hard-bounce', fallback: 'Refused' },
  opened: { kind: 'open' },
  clicked: { kind: 'click' },
  unsubscribed: { kind: 'denylist' },
  complained: { kind: 'complaint' },
  stored: { kind: null },
};

/** Reasons Mailgun names itself, before any status code. */
export const MAILGUN_REASONS: Readonly<Record<string, FailureReason>> = {
  'suppress-bounce': 'Quarantined address',
  'suppress-unsubscribe': 'Address on denylist',
  'suppress-complaint': 'Address on denylist',
  greylisted: 'Unreachable',
};

/** One `event-data` object (a webhook's, or an Events API item). */
export function adaptMailgunEvent(data: Fields, webhookId: string | null): AdapterResult {
  const name = text(data['event'], 64);
  if (!name) return { error: "a Mailgun event needs 'event'" };
  const reasonName = text(data['reason'], 64) ?? '';
  const key =
    name === 'failed'
      ? reasonName === 'old'
        ? 'failed/old'
        : `failed/${text(data['severity'], 16) ?? 'permanent'}`
      : name;
  const mapping = MAILGUN_EVENTS[key];
  if (!mapping) return { error: `unknown Mailgun event '${name}'` };
  if (mapping.kind === null) return { events: [] };
  const recipient = address(data['recipient']);
  if (!recipient) return { error: "a Mailgun event needs 'recipient'" };
  const at = fromSeconds(data['timestamp']);
  const bad = badTime(at);
  if (bad) return { error: bad };
  const status = fields(data['delivery-status']);
  const reason =
    MAILGUN_REASONS[reasonName] ??
    reasonOfStatus(status?.['message']) ??
    reasonOfStatus(status?.['description']) ??
    mapping.fallback ??
    null;
  const variables = fields(data['user-variables']);
  const headers = fields(fields(data['message'])?.['headers']);
  const common = {
    id: webhookId ?? text(data['id'], 100) ?? null,
    at,
    address: recipient,
    tag: readTag(variables?.['sk_d'], variables?.['sk_r']),
    messageId: text(headers?.['message-id'], 200) ?? null,
  };
  return { events: [adapted(mapping.kind, common, reason)] };
}

/** A webhook body: `{ signature: { token, … }, "event-data": { … } }`. */
export function adaptMailgunWebhook(payload: unknown): AdapterResult {
  const body = fields(payload);
  const data = fields(body?.['event-data']);
  if (!data) return { error: "a Mailgun webhook needs 'event-data'" };
  // The signature's token is unique per post (Mailgun's event ids are unique within a day only).
  const token = text(fields(body?.['signature'])?.['token'], 100);
  return adaptMailgunEvent(data, token ? `mailgun:${token}` : null);
}
