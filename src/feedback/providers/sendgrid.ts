/**
 * SendGrid Event Webhook events (a POST body is a JSON array of them). Fields, per SendGrid's
 * "Event Webhook Reference": `event`, `email`, `timestamp` (Unix s), `sg_event_id` (unique per
 * event: the dedupe key), `sg_message_id`, `status`/`reason` (bounce, dropped), `response`
 * (deferred), `type` (bounce: "bounce" permanent, "blocked" temporary and not retried), and our
 * `custom_args` merged at the top level.
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
} from '../values.js';

interface Mapping {
  readonly kind: ProviderEventKind | null;
  /** Where the enhanced status code is, and the reason when there is none. */
  readonly codeIn?: 'status' | 'response' | 'reason';
  readonly fallback?: FailureReason;
  /** Reasons by the provider's `reason` text (dropped). */
  readonly byReason?: Readonly<Record<string, FailureReason>>;
}

/** `event` (and for bounces, `type`) → kit event; null: a known event with no kit meaning. */
export const SENDGRID_EVENTS: Readonly<Record<string, Mapping>> = {
  processed: { kind: 'relayed' },
  deferred: { kind: 'soft-bounce', codeIn: 'response', fallback: 'Unreachable' },
  delivered: { kind: 'delivered' },
  'bounce/bounce': { kind: 'hard-bounce', codeIn: 'status', fallback: 'User unknown' },
  'bounce/blocked': { kind: 'retries-failed', codeIn: 'status', fallback: 'Refused' },
  dropped: {
    kind: 'hard-bounce',
    byReason: {
      'Bounced Address': 'Quarantined address',
      'Unsubscribed Address': 'Address on denylist',
      'Spam Reporting Address': 'Address on denylist',
      Invalid: 'User unknown',
    },
    fallback: 'Not defined',
  },
  open: { kind: 'open' },
  click: { kind: 'click' },
  spamreport: { kind: 'complaint' },
  unsubscribe: { kind: 'denylist' },
  group_unsubscribe: { kind: 'denylist' },
  group_resubscribe: { kind: null },
};

/** Looks like one SendGrid event. */
export function isSendgridEvent(value: unknown): boolean {
  const event = fields(value);
  return !!event && typeof event['event'] === 'string' && 'email' in event && 'timestamp' in event;
}

export function adaptSendgrid(payload: unknown): AdapterResult {
  const event = fields(payload);
  if (!event) return { error: 'a SendGrid event must be an object' };
  const name = text(event['event'], 64);
  if (!name) return { error: "a SendGrid event needs 'event'" };
  const key = name === 'bounce' ? `bounce/${text(event['type'], 16) ?? 'bounce'}` : name;
  const mapping = SENDGRID_EVENTS[key];
  if (!mapping) return { error: `unknown SendGrid event '${name}'` };
  if (mapping.kind === null) return { events: [] };
  const email = address(event['email']);
  if (!email) return { error: "a SendGrid event needs 'email'" };
  const at = fromSeconds(event['timestamp']);
  const bad = badTime(at);
  if (bad) return { error: bad };
  let reason: FailureReason | null = null;
  if (mapping.byReason) reason = mapping.byReason[text(event['reason'], 100) ?? ''] ?? null;
  if (!reason && mapping.codeIn) reason = reasonOfStatus(event[mapping.codeIn]);
  reason ??= mapping.fallback ?? null;
  const common = {
    id: text(event['sg_event_id'], 100) ?? null,
    at,
    address: email,
    tag: readTag(event['sk_d'], event['sk_r']),
    messageId: text(event['sg_message_id'], 200) ?? text(event['smtp-id'], 200) ?? null,
  };
  return { events: [adapted(mapping.kind, common, reason)] };
}
