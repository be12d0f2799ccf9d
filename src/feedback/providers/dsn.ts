/**
 * RFC 3464 delivery status notifications: a `multipart/report` mail (its parts: mime-parts.ts)
 * whose `message/delivery-status` part holds one block of fields for the message, then one per
 * recipient (`Final-Recipient`, `Action`, `Status`, `Diagnostic-Code`, `Last-Attempt-Date`).
 * Our tags come back in the returned headers (`text/rfc822-headers` or `message/rfc822`).
 */
import type { FailureReason } from '../../types.js';
import { HEADER_DELIVERY, HEADER_RECIPIENT, readTag, type Tag } from '../correlation.js';
import { reasonOfStatus, statusCodeOf } from '../status-codes.js';
import { parseMimeParts } from './mime-parts.js';
import type { ProviderEventKind } from '../types.js';
import { adapted, address, badTime, type Adapted, type AdapterResult } from '../values.js';

/** `Action` (and for failed, the status class) → kit event; the reason when there is no code. */
export const DSN_ACTIONS: Readonly<
  Record<string, { readonly kind: ProviderEventKind; readonly fallback?: FailureReason }>
> = {
  'failed/5': { kind: 'hard-bounce', fallback: 'Not defined' },
  // The MTA gave up on a temporary failure: retries have failed.
  'failed/4': { kind: 'retries-failed', fallback: 'Unreachable' },
  delayed: { kind: 'soft-bounce', fallback: 'Not defined' },
  delivered: { kind: 'delivered' },
  expanded: { kind: 'delivered' },
  relayed: { kind: 'relayed' },
};

const REPORT_TYPES = ['message/delivery-status', 'message/global-delivery-status'];
const HEADER_TYPES = [
  'text/rfc822-headers',
  'message/rfc822',
  'message/global-headers',
  'message/global',
];

/** Header-style blocks ("Name: value", continuation lines folded in), split at blank lines. */
export function fieldBlocks(source: string): Map<string, string>[] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => {
      const entries = new Map<string, string>();
      let last = '';
      for (const line of block.split('\n')) {
        if (/^\s/.test(line) && last) {
          entries.set(last, `${entries.get(last)} ${line.trim()}`);
          continue;
        }
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        last = line.slice(0, colon).trim().toLowerCase();
        entries.set(last, line.slice(colon + 1).trim());
      }
      return entries;
    })
    .filter((entries) => entries.size > 0);
}

function decode(content: ArrayBuffer | Uint8Array | string): string {
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
}

/** `rfc822; a@b` → `a@b`. */
function addressOf(field: string | undefined): string | null {
  if (!field) return null;
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field;
  return address(value.replace(/[<>]/g, ''));
}

export async function adaptDsn(raw: string | ArrayBuffer | Uint8Array): Promise<AdapterResult> {
  let email;
  try {
    email = parseMimeParts(raw);
  } catch {
    return { error: 'not a readable mail message' };
  }
  const report = email.parts.find((part) => REPORT_TYPES.includes(part.mimeType));
  if (!report) return { error: 'not a delivery status notification: no delivery-status part' };
  const [perMessage, ...perRecipient] = fieldBlocks(decode(report.content));
  if (!perMessage || perRecipient.length === 0) {
    return { error: 'the delivery-status part names no recipient' };
  }
  const returned = email.parts.find((part) => HEADER_TYPES.includes(part.mimeType));
  const returnedHeaders = returned
    ? (fieldBlocks(decode(returned.content))[0] ?? new Map())
    : new Map<string, string>();
  const tag: Tag = readTag(
    returnedHeaders.get(HEADER_DELIVERY.toLowerCase()),
    returnedHeaders.get(HEADER_RECIPIENT.toLowerCase()),
  );
  const messageId =
    returnedHeaders.get('message-id') ?? perMessage.get('original-envelope-id') ?? null;
  const events: Adapted[] = [];
  for (const block of perRecipient) {
    const recipient = addressOf(block.get('final-recipient') ?? block.get('original-recipient'));
    const action = block.get('action')?.toLowerCase().trim() ?? '';
    const status = block.get('status');
    if (!recipient || !action || !status) {
      return { error: 'a recipient block lacks Final-Recipient, Action or Status' };
    }
    const code = statusCodeOf(status);
    const mapping =
      DSN_ACTIONS[action === 'failed' ? `failed/${code?.class === 4 ? 4 : 5}` : action];
    if (!mapping) return { error: `unknown DSN Action '${action}'` };
    // RFC 5322 dates ("Wed, 1 May 2024 10:00:00 +0000").
    const at = Date.parse(
      block.get('last-attempt-date') ?? perMessage.get('arrival-date') ?? email.date ?? '',
    );
    const bad = badTime(at);
    if (bad) return { error: bad };
    const reason =
      mapping.kind === 'delivered' || mapping.kind === 'relayed'
        ? null
        : (reasonOfStatus(status) ??
          reasonOfStatus(block.get('diagnostic-code')) ??
          mapping.fallback ??
          null);
    events.push(
      adapted(
        mapping.kind,
        {
          id: `dsn:${email.messageId ?? messageId ?? '?'}:${recipient}:${action}`,
          at,
          address: recipient,
          tag: perRecipient.length === 1 ? tag : { deliveryId: tag.deliveryId, recipient: null },
          messageId,
        },
        reason,
      ),
    );
  }
  return { events };
}
