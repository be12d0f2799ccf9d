/**
 * Provider payloads written from each provider's documented examples (field names as documented,
 * values invented), one per row of every mapping table, with what the adapter must make of each.
 * Sources are cited next to each group.
 */
import type { FailureReason } from '../../src/index.js';
import type { ProviderEventKind, ProviderName } from '../../src/feedback/index.js';

export interface Expected {
  readonly kind: ProviderEventKind;
  readonly reason?: FailureReason;
  readonly address: string;
}

export interface Fixture {
  readonly name: string;
  readonly provider: ProviderName;
  /** A JSON payload, or the text of a mail message for DSNs. */
  readonly payload: unknown;
  /** Events it gives, in order; [] for an event the kit has no use for. */
  readonly expect: readonly Expected[];
}

const T = 1714557600; // 2024-05-01T10:00:00Z
const ISO = '2024-05-01T10:00:03.000Z';

// SendGrid Event Webhook Reference (twilio.com/docs/sendgrid/for-developers/tracking-events/event):
// `email`, `timestamp` (s), `event`, `sg_event_id`, `sg_message_id`, `response`, `attempt`,
// `status`, `reason`, `type` (bounce | blocked), custom args merged at the top level.
const sendgrid = (event: string, extra: Record<string, unknown> = {}) => ({
  email: 'c@example.org',
  timestamp: T,
  'smtp-id': '<m3@example.com>',
  event,
  sg_event_id: `ev-${event}-${String(extra['type'] ?? extra['reason'] ?? '')}`,
  sg_message_id: 'm3.filter01.0',
  sk_d: 'd1',
  sk_r: '2',
  ...extra,
});

export const SENDGRID_FIXTURES: readonly Fixture[] = [
  {
    name: 'processed',
    provider: 'sendgrid',
    payload: sendgrid('processed'),
    expect: [{ kind: 'relayed', address: 'c@example.org' }],
  },
  {
    name: 'deferred',
    provider: 'sendgrid',
    payload: sendgrid('deferred', {
      response: '421 4.2.2 mailbox full, try again later',
      attempt: '1',
    }),
    expect: [{ kind: 'soft-bounce', reason: 'Mailbox full', address: 'c@example.org' }],
  },
  {
    name: 'deferred without a status code',
    provider: 'sendgrid',
    payload: sendgrid('deferred', { response: '400 try again later', attempt: '5' }),
    expect: [{ kind: 'soft-bounce', reason: 'Unreachable', address: 'c@example.org' }],
  },
  {
    name: 'delivered',
    provider: 'sendgrid',
    payload: sendgrid('delivered', { response: '250 OK' }),
    expect: [{ kind: 'delivered', address: 'c@example.org' }],
  },
  {
    name: 'bounce (type bounce)',
    provider: 'sendgrid',
    payload: sendgrid('bounce', {
      reason: '550 5.1.1 unknown user',
      status: '5.1.1',
      type: 'bounce',
    }),
    expect: [{ kind: 'hard-bounce', reason: 'User unknown', address: 'c@example.org' }],
  },
  {
    name: 'bounce (type blocked)',
    provider: 'sendgrid',
    payload: sendgrid('bounce', {
      reason: '550 5.7.1 blocked by policy',
      status: '5.7.1',
      type: 'blocked',
    }),
    expect: [{ kind: 'retries-failed', reason: 'Refused', address: 'c@example.org' }],
  },
  {
    name: 'dropped (Bounced Address)',
    provider: 'sendgrid',
    payload: sendgrid('dropped', { reason: 'Bounced Address', status: '5.0.0' }),
    expect: [{ kind: 'hard-bounce', reason: 'Quarantined address', address: 'c@example.org' }],
  },
  {
    name: 'dropped (Unsubscribed Address)',
    provider: 'sendgrid',
    payload: sendgrid('dropped', { reason: 'Unsubscribed Address' }),
    expect: [{ kind: 'hard-bounce', reason: 'Address on denylist', address: 'c@example.org' }],
  },
  {
    name: 'dropped (Spam Reporting Address)',
    provider: 'sendgrid',
    payload: sendgrid('dropped', { reason: 'Spam Reporting Address' }),
    expect: [{ kind: 'hard-bounce', reason: 'Address on denylist', address: 'c@example.org' }],
  },
  {
    name: 'dropped (Invalid)',
    provider: 'sendgrid',
    payload: sendgrid('dropped', { reason: 'Invalid' }),
    expect: [{ kind: 'hard-bounce', reason: 'User unknown', address: 'c@example.org' }],
  },
  {
    name: 'dropped (Spam Content)',
    provider: 'sendgrid',
    payload: sendgrid('dropped', { reason: 'Spam Content' }),
    expect: [{ kind: 'hard-bounce', reason: 'Not defined', address: 'c@example.org' }],
  },
  {
    name: 'open',
    provider: 'sendgrid',
    payload: sendgrid('open', { useragent: 'Mozilla/4.0', ip: '255.255.255.255' }),
    expect: [{ kind: 'open', address: 'c@example.org' }],
  },
  {
    name: 'click',
    provider: 'sendgrid',
    payload: sendgrid('click', { url: 'https://example.com' }),
    expect: [{ kind: 'click', address: 'c@example.org' }],
  },
  {
    name: 'spamreport',
    provider: 'sendgrid',
    payload: sendgrid('spamreport'),
    expect: [{ kind: 'complaint', address: 'c@example.org' }],
  },
  {
    name: 'unsubscribe',
    provider: 'sendgrid',
    payload: sendgrid('unsubscribe'),
    expect: [{ kind: 'denylist', address: 'c@example.org' }],
  },
  {
    name: 'group_unsubscribe',
    provider: 'sendgrid',
    payload: sendgrid('group_unsubscribe', { asm_group_id: 10 }),
    expect: [{ kind: 'denylist', address: 'c@example.org' }],
  },
  {
    name: 'group_resubscribe',
    provider: 'sendgrid',
    payload: sendgrid('group_resubscribe', { asm_group_id: 10 }),
    expect: [],
  },
];

// Mailgun "Webhook payloads" (documentation.mailgun.com/docs/mailgun/user-manual/webhooks/
// webhook-payloads) and anymail's sanitized real payloads (tests/test_mailgun_webhooks.py):
// `{ signature: { timestamp, token, signature }, "event-data": { event, timestamp, recipient,
// severity, reason, delivery-status, message.headers, user-variables } }`.
const mailgun = (event: string, extra: Record<string, unknown> = {}) => ({
  signature: {
    timestamp: String(T),
    token: `tok-${event}-${String(extra['reason'] ?? '')}-${String(extra['severity'] ?? '')}`,
    signature: 'hex',
  },
  'event-data': {
    event,
    id: 'ev-1',
    timestamp: T + 0.25,
    recipient: 'e@example.org',
    'log-level': 'info',
    message: { headers: { 'message-id': '20240501.1@example.com' } },
    'user-variables': { sk_d: 'd1', sk_r: '4' },
    ...extra,
  },
});

export const MAILGUN_FIXTURES: readonly Fixture[] = [
  {
    name: 'accepted',
    provider: 'mailgun',
    payload: mailgun('accepted'),
    expect: [{ kind: 'relayed', address: 'e@example.org' }],
  },
  {
    name: 'delivered',
    provider: 'mailgun',
    payload: mailgun('delivered', {
      'delivery-status': { code: 250, message: 'OK', 'attempt-no': 1 },
    }),
    expect: [{ kind: 'delivered', address: 'e@example.org' }],
  },
  {
    name: 'failed, permanent (bounce)',
    provider: 'mailgun',
    payload: mailgun('failed', {
      severity: 'permanent',
      reason: 'bounce',
      'delivery-status': { code: 550, message: '5.1.1 The email account does not exist' },
    }),
    expect: [{ kind: 'hard-bounce', reason: 'User unknown', address: 'e@example.org' }],
  },
  {
    name: 'failed, permanent (suppress-bounce)',
    provider: 'mailgun',
    payload: mailgun('failed', {
      severity: 'permanent',
      reason: 'suppress-bounce',
      'delivery-status': { code: 605, message: 'Not delivering to previously bounced address' },
    }),
    expect: [{ kind: 'hard-bounce', reason: 'Quarantined address', address: 'e@example.org' }],
  },
  {
    name: 'failed, permanent (suppress-unsubscribe)',
    provider: 'mailgun',
    payload: mailgun('failed', { severity: 'permanent', reason: 'suppress-unsubscribe' }),
    expect: [{ kind: 'hard-bounce', reason: 'Address on denylist', address: 'e@example.org' }],
  },
  {
    name: 'failed, permanent (suppress-complaint)',
    provider: 'mailgun',
    payload: mailgun('failed', { severity: 'permanent', reason: 'suppress-complaint' }),
    expect: [{ kind: 'hard-bounce', reason: 'Address on denylist', address: 'e@example.org' }],
  },
  {
    name: 'failed, temporary (greylisted)',
    provider: 'mailgun',
    payload: mailgun('failed', {
      severity: 'temporary',
      reason: 'greylisted',
      'delivery-status': {
        code: 450,
        'attempt-no': 1,
        message: 'Recipient address rejected: Greylisted',
      },
    }),
    expect: [{ kind: 'soft-bounce', reason: 'Unreachable', address: 'e@example.org' }],
  },
  {
    name: 'failed, temporary (mailbox full)',
    provider: 'mailgun',
    payload: mailgun('failed', {
      severity: 'temporary',
      reason: 'generic',
      'delivery-status': { code: 452, message: '4.2.2 Mailbox full' },
    }),
    expect: [{ kind: 'soft-bounce', reason: 'Mailbox full', address: 'e@example.org' }],
  },
  {
    name: 'failed, reason old (Mailgun gave up)',
    provider: 'mailgun',
    payload: mailgun('failed', { severity: 'temporary', reason: 'old' }),
    expect: [{ kind: 'retries-failed', reason: 'Unreachable', address: 'e@example.org' }],
  },
  {
    name: 'rejected',
    provider: 'mailgun',
    payload: mailgun('rejected', {
      reject: { reason: 'Sandbox subdomains are for test purposes only' },
    }),
    expect: [{ kind: 'hard-bounce', reason: 'Refused', address: 'e@example.org' }],
  },
  {
    name: 'opened',
    provider: 'mailgun',
    payload: mailgun('opened'),
    expect: [{ kind: 'open', address: 'e@example.org' }],
  },
  {
    name: 'clicked',
    provider: 'mailgun',
    payload: mailgun('clicked', { url: 'https://example.com' }),
    expect: [{ kind: 'click', address: 'e@example.org' }],
  },
  {
    name: 'unsubscribed',
    provider: 'mailgun',
    payload: mailgun('unsubscribed'),
    expect: [{ kind: 'denylist', address: 'e@example.org' }],
  },
  {
    name: 'complained',
    provider: 'mailgun',
    payload: mailgun('complained'),
    expect: [{ kind: 'complaint', address: 'e@example.org' }],
  },
];

// Postmark webhooks (postmarkapp.com/developer/webhooks/*-webhook; bounce types from the
// `postmark` package's Bounce.d.ts): `RecordType`, `Type`, `Email`/`Recipient`, `BouncedAt`/
// `DeliveredAt`/`ReceivedAt` (ISO 8601, seven fractional digits), `Details`, `ID`, `Metadata`.
const bounce = (type: string, details = 'smtp;550 5.1.1 The email account does not exist') => ({
  RecordType: 'Bounce',
  ID: 4323372036854,
  Type: type,
  TypeCode: 1,
  MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
  Email: 'd@example.org',
  BouncedAt: '2024-05-01T10:00:05.1234567Z',
  Details: details,
  Inactive: true,
  Metadata: { sk_d: 'd1', sk_r: '3' },
});

const postmarkBounce = (
  type: string,
  kind: ProviderEventKind,
  reason: FailureReason,
  details?: string,
): Fixture => ({
  name: `Bounce ${type}`,
  provider: 'postmark',
  payload: bounce(type, details),
  expect: [{ kind, reason, address: 'd@example.org' }],
});

export const POSTMARK_FIXTURES: readonly Fixture[] = [
  {
    name: 'Delivery',
    provider: 'postmark',
    payload: {
      RecordType: 'Delivery',
      ServerID: 23,
      MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
      Recipient: 'd@example.org',
      DeliveredAt: '2024-05-01T10:00:05.3963933-04:00',
      Details: 'Test delivery webhook details',
      Metadata: { sk_d: 'd1', sk_r: '3' },
    },
    expect: [{ kind: 'delivered', address: 'd@example.org' }],
  },
  postmarkBounce('HardBounce', 'hard-bounce', 'User unknown'),
  postmarkBounce('HardBounce', 'hard-bounce', 'User unknown', 'no code in these details'),
  postmarkBounce('BadEmailAddress', 'hard-bounce', 'User unknown'),
  postmarkBounce('Blocked', 'hard-bounce', 'Refused'),
  postmarkBounce('DMARCPolicy', 'hard-bounce', 'Refused'),
  postmarkBounce('SpamNotification', 'hard-bounce', 'Refused'),
  postmarkBounce('VirusNotification', 'hard-bounce', 'Refused'),
  postmarkBounce('ManuallyDeactivated', 'hard-bounce', 'Address on denylist'),
  postmarkBounce('Unsubscribe', 'hard-bounce', 'Address on denylist'),
  postmarkBounce('SMTPApiError', 'hard-bounce', 'Not defined'),
  postmarkBounce('TemplateRenderingFailed', 'hard-bounce', 'Not defined'),
  postmarkBounce('Transient', 'soft-bounce', 'Unreachable', 'smtp;421 try again later'),
  postmarkBounce('DnsError', 'soft-bounce', 'Invalid domain'),
  postmarkBounce('SoftBounce', 'soft-bounce', 'Mailbox full', 'smtp;452 4.2.2 mailbox full'),
  ...[
    'AutoResponder',
    'AddressChange',
    'ChallengeVerification',
    'OpenRelayTest',
    'Subscribe',
    'Unknown',
    'Unconfirmed',
    'InboundError',
  ].map((type): Fixture => ({
    name: `Bounce ${type}`,
    provider: 'postmark',
    payload: bounce(type),
    expect: [],
  })),
  {
    name: 'Open',
    provider: 'postmark',
    payload: {
      RecordType: 'Open',
      FirstOpen: true,
      MessageID: 'm',
      Recipient: 'd@example.org',
      ReceivedAt: '2024-05-01T10:05:00Z',
      Metadata: { sk_d: 'd1', sk_r: '3' },
    },
    expect: [{ kind: 'open', address: 'd@example.org' }],
  },
  {
    name: 'Click',
    provider: 'postmark',
    payload: {
      RecordType: 'Click',
      MessageID: 'm',
      Recipient: 'd@example.org',
      ReceivedAt: '2024-05-01T10:06:00Z',
      OriginalLink: 'https://example.com',
      Metadata: { sk_d: 'd1', sk_r: '3' },
    },
    expect: [{ kind: 'click', address: 'd@example.org' }],
  },
  {
    name: 'SpamComplaint',
    provider: 'postmark',
    payload: {
      RecordType: 'SpamComplaint',
      ID: 42,
      Type: 'SpamComplaint',
      Email: 'd@example.org',
      BouncedAt: ISO,
      Metadata: { sk_d: 'd1', sk_r: '3' },
    },
    expect: [{ kind: 'complaint', address: 'd@example.org' }],
  },
  {
    name: 'SubscriptionChange (suppressed)',
    provider: 'postmark',
    payload: {
      RecordType: 'SubscriptionChange',
      Recipient: 'd@example.org',
      ChangedAt: ISO,
      SuppressSending: true,
      SuppressionReason: 'ManualSuppression',
    },
    expect: [{ kind: 'denylist', address: 'd@example.org' }],
  },
  {
    name: 'SubscriptionChange (reactivated)',
    provider: 'postmark',
    payload: {
      RecordType: 'SubscriptionChange',
      Recipient: 'd@example.org',
      ChangedAt: ISO,
      SuppressSending: false,
    },
    expect: [],
  },
];

// Amazon SES (docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
// and notification-contents.html): `eventType` or `notificationType`, `mail` (`messageId`,
// `destination`, `tags`, `headers`), and the type's own object.
const mail = {
  timestamp: '2024-05-01T10:00:00.000Z',
  messageId: 'msg-0001',
  source: 'news@example.com',
  destination: ['a@example.org'],
  tags: { sk_d: ['d1'], sk_r: ['0'] },
};
const sesBounce = (
  bounceType: string,
  bounceSubType: string,
  recipient: Record<string, unknown> = {},
) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType,
    bouncedRecipients: [{ emailAddress: 'a@example.org', ...recipient }],
    timestamp: ISO,
    feedbackId: `fb-${bounceType}-${bounceSubType}`,
    reportingMTA: 'dns; mx.example.org',
  },
  mail,
});

export const SES_FIXTURES: readonly Fixture[] = [
  {
    name: 'Send',
    provider: 'ses',
    payload: { eventType: 'Send', send: {}, mail },
    expect: [{ kind: 'relayed', address: 'a@example.org' }],
  },
  {
    name: 'Delivery',
    provider: 'ses',
    payload: {
      eventType: 'Delivery',
      mail,
      delivery: {
        timestamp: ISO,
        processingTimeMillis: 546,
        recipients: ['a@example.org'],
        smtpResponse: '250 ok',
        reportingMTA: 'a8-70.smtp-out.amazonses.com',
      },
    },
    expect: [{ kind: 'delivered', address: 'a@example.org' }],
  },
  {
    name: 'DeliveryDelay',
    provider: 'ses',
    payload: {
      eventType: 'DeliveryDelay',
      mail,
      deliveryDelay: {
        timestamp: ISO,
        delayType: 'TransientCommunicationFailure',
        expirationTime: '2024-05-02T10:00:00.000Z',
        delayedRecipients: [
          {
            emailAddress: 'a@example.org',
            status: '4.4.1',
            diagnosticCode: 'smtp; 421 4.4.1 Unable to connect',
          },
        ],
      },
    },
    expect: [{ kind: 'soft-bounce', reason: 'Unreachable', address: 'a@example.org' }],
  },
  {
    name: 'DeliveryDelay (MailboxFull, no status)',
    provider: 'ses',
    payload: {
      eventType: 'DeliveryDelay',
      mail,
      deliveryDelay: {
        timestamp: ISO,
        delayType: 'MailboxFull',
        delayedRecipients: [{ emailAddress: 'a@example.org' }],
      },
    },
    expect: [{ kind: 'soft-bounce', reason: 'Mailbox full', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Permanent/General',
    provider: 'ses',
    payload: sesBounce('Permanent', 'General', {
      action: 'failed',
      status: '5.1.1',
      diagnosticCode: 'smtp; 550 5.1.1 user unknown',
    }),
    expect: [{ kind: 'hard-bounce', reason: 'User unknown', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Permanent/NoEmail',
    provider: 'ses',
    payload: sesBounce('Permanent', 'NoEmail'),
    expect: [{ kind: 'hard-bounce', reason: 'User unknown', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Permanent/Suppressed',
    provider: 'ses',
    payload: sesBounce('Permanent', 'Suppressed'),
    expect: [{ kind: 'hard-bounce', reason: 'Quarantined address', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Permanent/OnAccountSuppressionList',
    provider: 'ses',
    payload: sesBounce('Permanent', 'OnAccountSuppressionList'),
    expect: [{ kind: 'hard-bounce', reason: 'Address on denylist', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Transient/General',
    provider: 'ses',
    payload: sesBounce('Transient', 'General'),
    expect: [{ kind: 'retries-failed', reason: 'Unreachable', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Transient/MailboxFull',
    provider: 'ses',
    payload: sesBounce('Transient', 'MailboxFull'),
    expect: [{ kind: 'retries-failed', reason: 'Mailbox full', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Transient/MessageTooLarge',
    provider: 'ses',
    payload: sesBounce('Transient', 'MessageTooLarge'),
    expect: [{ kind: 'retries-failed', reason: 'Refused', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Transient/ContentRejected',
    provider: 'ses',
    payload: sesBounce('Transient', 'ContentRejected'),
    expect: [{ kind: 'retries-failed', reason: 'Refused', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Transient/AttachmentRejected',
    provider: 'ses',
    payload: sesBounce('Transient', 'AttachmentRejected'),
    expect: [{ kind: 'retries-failed', reason: 'Refused', address: 'a@example.org' }],
  },
  {
    name: 'Bounce Undetermined',
    provider: 'ses',
    payload: sesBounce('Undetermined', 'Undetermined'),
    expect: [{ kind: 'soft-bounce', reason: 'Not defined', address: 'a@example.org' }],
  },
  {
    name: 'Bounce with a delayed recipient (classic example)',
    provider: 'ses',
    payload: sesBounce('Permanent', 'General', {
      action: 'delayed',
      status: '4.2.2',
      diagnosticCode: 'smtp; 452 4.2.2 mailbox full',
    }),
    expect: [{ kind: 'soft-bounce', reason: 'Mailbox full', address: 'a@example.org' }],
  },
  {
    name: 'Reject',
    provider: 'ses',
    payload: { eventType: 'Reject', mail, reject: { reason: 'Bad content' } },
    expect: [{ kind: 'hard-bounce', reason: 'Refused', address: 'a@example.org' }],
  },
  {
    name: 'Rendering Failure',
    provider: 'ses',
    payload: {
      eventType: 'Rendering Failure',
      mail,
      failure: { errorMessage: 'Attribute missing', templateName: 'T' },
    },
    expect: [{ kind: 'hard-bounce', reason: 'Not defined', address: 'a@example.org' }],
  },
  {
    name: 'Open',
    provider: 'ses',
    payload: {
      eventType: 'Open',
      mail,
      open: { ipAddress: '192.0.2.1', timestamp: ISO, userAgent: 'Mozilla' },
    },
    expect: [{ kind: 'open', address: 'a@example.org' }],
  },
  {
    name: 'Click',
    provider: 'ses',
    payload: {
      eventType: 'Click',
      mail,
      click: { ipAddress: '192.0.2.1', link: 'https://example.com', timestamp: ISO },
    },
    expect: [{ kind: 'click', address: 'a@example.org' }],
  },
  {
    name: 'Complaint',
    provider: 'ses',
    payload: {
      eventType: 'Complaint',
      mail,
      complaint: {
        complainedRecipients: [{ emailAddress: 'a@example.org' }],
        timestamp: ISO,
        feedbackId: 'fb-c',
        complaintFeedbackType: 'abuse',
      },
    },
    expect: [{ kind: 'complaint', address: 'a@example.org' }],
  },
  {
    name: 'Subscription',
    provider: 'ses',
    payload: {
      eventType: 'Subscription',
      mail,
      subscription: {
        contactList: 'L',
        timestamp: ISO,
        newTopicPreferences: { unsubscribeAll: true },
      },
    },
    expect: [{ kind: 'denylist', address: 'a@example.org' }],
  },
  {
    name: 'classic notificationType Bounce, time with a space before the offset',
    provider: 'ses',
    payload: {
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'a@example.org' }],
        timestamp: '2018-10-08T14:05:45 +0000',
        feedbackId: 'fb-classic',
      },
      mail: {
        ...mail,
        tags: undefined,
        headers: [
          { name: 'X-Sendkit-Delivery', value: 'd1' },
          { name: 'X-Sendkit-Recipient', value: '0' },
        ],
      },
    },
    expect: [{ kind: 'hard-bounce', reason: 'User unknown', address: 'a@example.org' }],
  },
  {
    name: 'SNS envelope (Message a JSON string)',
    provider: 'ses',
    payload: {
      Type: 'Notification',
      MessageId: 'sns-1',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses',
      Message: JSON.stringify({
        eventType: 'Delivery',
        mail,
        delivery: { timestamp: ISO, recipients: ['a@example.org'] },
      }),
      Timestamp: ISO,
      SignatureVersion: '1',
      Signature: 'x',
      SigningCertURL: 'https://sns.us-east-1.amazonaws.com/x.pem',
    },
    expect: [{ kind: 'delivered', address: 'a@example.org' }],
  },
  {
    name: 'EventBridge event',
    provider: 'ses',
    payload: {
      version: '0',
      id: 'eb-1',
      'detail-type': 'Email Delivered',
      source: 'aws.ses',
      time: ISO,
      detail: {
        eventType: 'Delivery',
        mail,
        delivery: { timestamp: ISO, recipients: ['a@example.org'] },
      },
    },
    expect: [{ kind: 'delivered', address: 'a@example.org' }],
  },
];

/**
 * An RFC 3464 report (RFC 3464 §6 example, reduced; our correlation tag in the returned
 * headers, delivery `d1` and recipient 5 unless given).
 */
export function dsnMail(
  action: string,
  status: string,
  options: {
    recipient?: string;
    tag?: { deliveryId: string; recipient: number };
    date?: string;
  } = {},
): string {
  const recipient = options.recipient ?? 'f@example.org';
  const tag = options.tag ?? { deliveryId: 'd1', recipient: 5 };
  return [
    'From: Mail Delivery System <mailer-daemon@mx.example.org>',
    'To: bounces@example.com',
    `Date: ${options.date ?? 'Wed, 01 May 2024 10:00:09 +0000'}`,
    `Message-ID: <dsn-${action}-${status}-${recipient}@mx.example.org>`,
    'Subject: Delivery Status Notification',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    'Original-Envelope-Id: env-0001',
    'Arrival-Date: Wed, 01 May 2024 10:00:00 +0000',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} see status`,
    'Last-Attempt-Date: Wed, 01 May 2024 10:00:08 +0000',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    'From: news@example.com',
    `To: ${recipient}`,
    'Message-ID: <original-1@example.com>',
    `X-Sendkit-Delivery: ${tag.deliveryId}`,
    `X-Sendkit-Recipient: ${tag.recipient}`,
    '--b1--',
    '',
  ].join('\r\n');
}

export const DSN_FIXTURES: readonly Fixture[] = [
  {
    name: 'failed 5.1.1',
    provider: 'dsn',
    payload: dsnMail('failed', '5.1.1'),
    expect: [{ kind: 'hard-bounce', reason: 'User unknown', address: 'f@example.org' }],
  },
  {
    name: 'failed 4.4.7 (the MTA gave up)',
    provider: 'dsn',
    payload: dsnMail('failed', '4.4.7'),
    expect: [{ kind: 'retries-failed', reason: 'Unreachable', address: 'f@example.org' }],
  },
  {
    name: 'delayed 4.2.2',
    provider: 'dsn',
    payload: dsnMail('delayed', '4.2.2'),
    expect: [{ kind: 'soft-bounce', reason: 'Mailbox full', address: 'f@example.org' }],
  },
  {
    name: 'delivered',
    provider: 'dsn',
    payload: dsnMail('delivered', '2.0.0'),
    expect: [{ kind: 'delivered', address: 'f@example.org' }],
  },
  {
    name: 'expanded',
    provider: 'dsn',
    payload: dsnMail('expanded', '2.0.0'),
    expect: [{ kind: 'delivered', address: 'f@example.org' }],
  },
  {
    name: 'relayed',
    provider: 'dsn',
    payload: dsnMail('relayed', '2.0.0'),
    expect: [{ kind: 'relayed', address: 'f@example.org' }],
  },
  {
    name: 'a status with a comment (CPython test corpus quirk)',
    provider: 'dsn',
    payload: dsnMail('failed', '5.2.2 (recipient reached disk quota)'),
    expect: [{ kind: 'hard-bounce', reason: 'Mailbox full', address: 'f@example.org' }],
  },
];

export const ALL_FIXTURES: readonly Fixture[] = [
  ...SENDGRID_FIXTURES,
  ...MAILGUN_FIXTURES,
  ...POSTMARK_FIXTURES,
  ...SES_FIXTURES,
  ...DSN_FIXTURES,
];
