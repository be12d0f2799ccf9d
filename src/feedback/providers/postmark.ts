/**
 * Postmark webhooks, one JSON object per post, by `RecordType` (Postmark's webhook docs and the
 * `postmark` package's payload types): Delivery (`Recipient`, `DeliveredAt`), Bounce (`Type`,
 * `Email`, `BouncedAt`, `Details`, `ID`), Open and Click (`Recipient`, `ReceivedAt`),
 * SpamComplaint (`Email`, `ID`), SubscriptionChange (`Recipient`, `SuppressSending`), all with
 * our `Metadata`. Postmark has no "sent" webhook: a delivery report implies the relay.
 */
import type { FailureReason } from '../../types.js';
import { readTag } from '../correlation.js';
import { reasonOfStatus } from '../status-codes.js';
import type { ProviderEventKind } from '../types.js';
import { adapted, address, badTime, fields, fromIso, text, type AdapterResult } from '../values.js';

interface BounceMapping {
  readonly kind: ProviderEventKind | null;
  /** The reason when the details hold no status code; `null`: always this reason. */
  readonly fallback?: FailureReason;
  readonly fixed?: FailureReason;
}

/** Bounce `Type` → kit event; kind null: not a delivery failure (an auto-responder, say). */
export const POSTMARK_BOUNCES: Readonly<Record<string, BounceMapping>> = {
  HardBounce: { kind: 'hard-bounce', fallback: 'User unknown' },
  BadEmailAddress: { kind: 'hard-bounce', fixed: 'User unknown' },
  Blocked: { kind: 'hard-bounce', fixed: 'Refused' },
  DMARCPolicy: { kind: 'hard-bounce', fixed: 'Refused' },
  SpamNotification: { kind: 'hard-bounce', fixed: 'Refused' },
  VirusNotification: { kind: 'hard-bounce', fixed: 'Refused' },
  ManuallyDeactivated: { kind: 'hard-bounce', fixed: 'Address on denylist' },
  Unsubscribe: { kind: 'hard-bounce', fixed: 'Address on denylist' },
  SMTPApiError: { kind: 'hard-bounce', fixed: 'Not defined' },
  TemplateRenderingFailed: { kind: 'hard-bounce', fixed: 'Not defined' },
  Transient: { kind: 'soft-bounce', fallback: 'Unreachable' },
  DnsError: { kind: 'soft-bounce', fixed: 'Invalid domain' },
  SoftBounce: { kind: 'soft-bounce', fallback: 'Not defined' },
  AutoResponder: { kind: null },
  AddressChange: { kind: null },
  ChallengeVerification: { kind: null },
  OpenRelayTest: { kind: null },
  Subscribe: { kind: null },
  Unknown: { kind: null },
  Unconfirmed: { kind: null },
  InboundError: { kind: null },
  SpamComplaint: { kind: 'complaint' },
};

/** `RecordType` → where its address and time are, and what it means. */
const RECORDS: Readonly<
  Record<string, { kind: ProviderEventKind | 'bounce'; address: string; time: string }>
> = {
  Delivery: { kind: 'delivered', address: 'Recipient', time: 'DeliveredAt' },
  Bounce: { kind: 'bounce', address: 'Email', time: 'BouncedAt' },
  Open: { kind: 'open', address: 'Recipient', time: 'ReceivedAt' },
  Click: { kind: 'click', address: 'Recipient', time: 'ReceivedAt' },
  SpamComplaint: { kind: 'complaint', address: 'Email', time: 'BouncedAt' },
  SubscriptionChange: { kind: 'denylist', address: 'Recipient', time: 'ChangedAt' },
};

export function adaptPostmark(payload: unknown): AdapterResult {
  const record = fields(payload);
  const type = text(record?.['RecordType'], 64);
  if (!record || !type) return { error: "a Postmark webhook needs 'RecordType'" };
  const shape = RECORDS[type];
  if (!shape) return { error: `unknown Postmark RecordType '${type}'` };
  // A subscription change that lets sending resume again is not a denylisting.
  if (type === 'SubscriptionChange' && record['SuppressSending'] !== true) return { events: [] };
  const email = address(record[shape.address]);
  if (!email) return { error: `a Postmark ${type} needs '${shape.address}'` };
  const at = fromIso(record[shape.time]);
  const bad = badTime(at);
  if (bad) return { error: bad };
  let kind: ProviderEventKind | null = shape.kind === 'bounce' ? null : shape.kind;
  let reason: FailureReason | null = null;
  if (shape.kind === 'bounce') {
    const bounce = POSTMARK_BOUNCES[text(record['Type'], 64) ?? ''];
    if (!bounce) return { error: `unknown Postmark bounce Type '${String(record['Type'])}'` };
    if (bounce.kind === null) return { events: [] };
    kind = bounce.kind;
    reason = bounce.fixed ?? reasonOfStatus(record['Details']) ?? bounce.fallback ?? null;
  }
  const metadata = fields(record['Metadata']);
  const id = record['ID'];
  const common = {
    id: typeof id === 'number' || typeof id === 'string' ? `postmark:${type}:${id}` : null,
    at,
    address: email,
    tag: readTag(metadata?.['sk_d'], metadata?.['sk_r']),
    messageId: text(record['MessageID'], 200) ?? null,
  };
  return { events: [adapted(kind!, common, reason)] };
}
