/**
 * Amazon SES notifications (Amazon SES developer guide, "Contents of event data that Amazon SES
 * publishes to Amazon SNS" and "notification contents"): event publishing (`eventType`) and
 * classic notifications (`notificationType`), bare, in their SNS envelope (`Message` a JSON
 * string) or as EventBridge events (`detail`). Each names its recipients in its own array.
 */
import type { FailureReason } from '../../types.js';
import { HEADER_DELIVERY, HEADER_RECIPIENT, readTag, type Tag } from '../correlation.js';
import { reasonOfStatus } from '../status-codes.js';
import type { ProviderEventKind } from '../types.js';
import {
  adapted,
  address,
  badTime,
  fields,
  fromIso,
  list,
  text,
  type Adapted,
  type AdapterResult,
  type Fields,
} from '../values.js';

/** Bounce types and sub-types → kit event and reason (status code first, where noted). */
export const SES_BOUNCES: Readonly<
  Record<string, { kind: ProviderEventKind; reason?: FailureReason; fallback?: FailureReason }>
> = {
  'Permanent/Suppressed': { kind: 'hard-bounce', reason: 'Quarantined address' },
  'Permanent/OnAccountSuppressionList': { kind: 'hard-bounce', reason: 'Address on denylist' },
  Permanent: { kind: 'hard-bounce', fallback: 'User unknown' },
  // SES publishes a transient bounce only once it has stopped retrying the message.
  'Transient/MailboxFull': { kind: 'retries-failed', reason: 'Mailbox full' },
  'Transient/MessageTooLarge': { kind: 'retries-failed', reason: 'Refused' },
  'Transient/ContentRejected': { kind: 'retries-failed', reason: 'Refused' },
  'Transient/AttachmentRejected': { kind: 'retries-failed', reason: 'Refused' },
  Transient: { kind: 'retries-failed', fallback: 'Unreachable' },
  Undetermined: { kind: 'soft-bounce', reason: 'Not defined' },
};

/** DeliveryDelay `delayType` → reason, when the status code says nothing. */
export const SES_DELAYS: Readonly<Record<string, FailureReason>> = {
  MailboxFull: 'Mailbox full',
  RecipientServerError: 'Unreachable',
  TransientCommunicationFailure: 'Unreachable',
  IPFailure: 'Unreachable',
  SpamDetected: 'Refused',
};

/** Event type → its object, the recipients array in it (or `mail.destination`), the kit event. */
const TYPES: Readonly<
  Record<
    string,
    {
      readonly object: string;
      readonly recipients: string | null;
      readonly kind: ProviderEventKind | 'bounce' | 'delay';
      readonly reason?: FailureReason;
    }
  >
> = {
  Send: { object: 'send', recipients: null, kind: 'relayed' },
  Delivery: { object: 'delivery', recipients: 'recipients', kind: 'delivered' },
  DeliveryDelay: { object: 'deliveryDelay', recipients: 'delayedRecipients', kind: 'delay' },
  Bounce: { object: 'bounce', recipients: 'bouncedRecipients', kind: 'bounce' },
  Reject: { object: 'reject', recipients: null, kind: 'hard-bounce', reason: 'Refused' },
  'Rendering Failure': {
    object: 'failure',
    recipients: null,
    kind: 'hard-bounce',
    reason: 'Not defined',
  },
  Open: { object: 'open', recipients: null, kind: 'open' },
  Click: { object: 'click', recipients: null, kind: 'click' },
  Complaint: { object: 'complaint', recipients: 'complainedRecipients', kind: 'complaint' },
  Subscription: { object: 'subscription', recipients: null, kind: 'denylist' },
};

/** The text SES posts once to confirm a topic; not an event. */
const VALIDATION_MESSAGE = 'Successfully validated SNS topic';

export function isSesPayload(value: Fields): boolean {
  return (
    ('Type' in value && 'TopicArn' in value) ||
    (('eventType' in value || 'notificationType' in value) && 'mail' in value) ||
    (value['source'] === 'aws.ses' && 'detail' in value)
  );
}

/** The notification inside an SNS envelope or an EventBridge event, and its outer id. */
function unwrap(payload: Fields): {
  notification: Fields | null;
  id: string | null;
  error?: string;
} {
  if ('TopicArn' in payload && 'Type' in payload) {
    if (payload['Type'] !== 'Notification') return { notification: null, id: null };
    const message = payload['Message'];
    if (typeof message !== 'string')
      return { notification: null, id: null, error: "an SNS notification needs 'Message'" };
    if (message.startsWith(VALIDATION_MESSAGE)) return { notification: null, id: null };
    try {
      const inner = fields(JSON.parse(message));
      return inner
        ? { notification: inner, id: text(payload['MessageId'], 100) ?? null }
        : { notification: null, id: null, error: "an SNS 'Message' must hold an object" };
    } catch {
      return { notification: null, id: null, error: "an SNS 'Message' is not JSON" };
    }
  }
  if (payload['source'] === 'aws.ses') {
    return {
      notification: fields(payload['detail']) ?? null,
      id: text(payload['id'], 100) ?? null,
    };
  }
  return { notification: payload, id: null };
}

/** Our tag: event publishing's message tags, else the headers SES echoes (classic). */
function tagOf(mail: Fields): Tag {
  const tags = fields(mail['tags']);
  if (tags?.['sk_d']) return readTag(tags['sk_d'], tags['sk_r']);
  const headers = list(mail['headers']).map(fields);
  const header = (name: string) =>
    headers.find((entry) => String(entry?.['name']).toLowerCase() === name.toLowerCase())?.[
      'value'
    ];
  return readTag(header(HEADER_DELIVERY), header(HEADER_RECIPIENT));
}

export function adaptSes(payload: unknown): AdapterResult {
  const outer = fields(payload);
  if (!outer) return { error: 'an SES notification must be an object' };
  const { notification, id, error } = unwrap(outer);
  if (error) return { error };
  if (!notification) return { events: [] };
  const typeName = text(notification['eventType'] ?? notification['notificationType'], 64);
  const mail = fields(notification['mail']);
  if (!typeName || !mail) return { error: "an SES notification needs 'eventType' and 'mail'" };
  const type = TYPES[typeName];
  if (!type) return { error: `unknown SES event type '${typeName}'` };
  const object = fields(notification[type.object]) ?? {};
  const at = fromIso(object['timestamp'] ?? mail['timestamp']);
  const bad = badTime(at);
  if (bad) return { error: bad };
  const recipients: Fields[] = type.recipients
    ? list(object[type.recipients]).map((entry) => fields(entry) ?? { emailAddress: entry })
    : list(mail['destination']).map((entry) => ({ emailAddress: entry }));
  if (recipients.length === 0) return { error: `an SES ${typeName} names no recipient` };
  const tag = tagOf(mail);
  const outerId =
    text(object['feedbackId'], 100) ??
    id ??
    `${text(mail['messageId'], 100) ?? '?'}:${typeName}:${at}`;
  const events: Adapted[] = [];
  for (const recipient of recipients) {
    const email = address(recipient['emailAddress']);
    if (!email) return { error: `an SES ${typeName} has a recipient without an address` };
    let kind: ProviderEventKind;
    let reason: FailureReason | null = type.reason ?? null;
    if (type.kind === 'bounce') {
      const bounceType = text(object['bounceType'], 32) ?? '';
      const bounce =
        SES_BOUNCES[`${bounceType}/${text(object['bounceSubType'], 64) ?? ''}`] ??
        SES_BOUNCES[bounceType];
      if (!bounce) return { error: `unknown SES bounce type '${bounceType}'` };
      // A recipient still being retried within a bounce notification is a soft bounce.
      const delayed = recipient['action'] === 'delayed';
      kind = delayed ? 'soft-bounce' : bounce.kind;
      reason =
        (delayed ? null : bounce.reason) ??
        reasonOfStatus(recipient['status']) ??
        reasonOfStatus(recipient['diagnosticCode']) ??
        bounce.fallback ??
        'Not defined';
    } else if (type.kind === 'delay') {
      kind = 'soft-bounce';
      reason =
        reasonOfStatus(recipient['status']) ??
        SES_DELAYS[text(object['delayType'], 64) ?? ''] ??
        'Not defined';
    } else {
      kind = type.kind;
    }
    events.push(
      adapted(
        kind,
        {
          id: `ses:${outerId}:${email}`,
          at,
          address: email,
          // A tag names one recipient: only a one-recipient message can carry it.
          tag: recipients.length === 1 ? tag : { deliveryId: tag.deliveryId, recipient: null },
          messageId: text(mail['messageId'], 200) ?? null,
        },
        reason,
      ),
    );
  }
  return { events };
}
