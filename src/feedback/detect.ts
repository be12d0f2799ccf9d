/** Which provider a payload comes from, by its shape (each provider's documented fields). */
import { isSendgridEvent } from './providers/sendgrid.js';
import { isSesPayload } from './providers/ses.js';
import type { ProviderName } from './types.js';
import { fields } from './values.js';

/** The provider of one JSON payload, or null when no shape matches. */
export function detectProvider(payload: unknown): ProviderName | null {
  if (Array.isArray(payload))
    return payload.length > 0 && isSendgridEvent(payload[0]) ? 'sendgrid' : null;
  const value = fields(payload);
  if (!value) return null;
  if ('RecordType' in value) return 'postmark';
  if ('event-data' in value || Array.isArray(value['items'])) return 'mailgun';
  if (isSesPayload(value)) return 'ses';
  if (isSendgridEvent(value)) return 'sendgrid';
  return null;
}

/** Whether a text looks like a mail message (header lines first), not JSON. */
export function looksLikeMail(start: string): boolean {
  return /^[\w-]+:[^\n]*\n/.test(start.replace(/^\s+/, ''));
}
