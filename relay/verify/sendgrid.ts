/**
 * SendGrid's signed event webhook: an ECDSA P-256 signature (DER, base64) of the timestamp header
 * followed by the raw body bytes, checked with the account's public key (base64 DER SPKI, as
 * SendGrid's settings page shows it).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ACCEPTED, isFresh, refused, secondsToMs, type Verdict } from './verdict.js';

export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/** The public key from its base64 form; throws a clear error for a key that is not one. */
export function sendgridKey(base64: string): KeyObject {
  try {
    const key = createPublicKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'spki',
    });
    if (key.asymmetricKeyType !== 'ec') throw new Error('not an EC key');
    return key;
  } catch (error) {
    throw new Error(
      `SENDKIT_SENDGRID_PUBLIC_KEY is not a base64 ECDSA public key (${(error as Error).message})`,
    );
  }
}

export function verifySendgrid(
  key: KeyObject | null,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  now: number,
  windowMs: number,
): Verdict {
  if (!key) return refused('the SendGrid webhook is not set up (SENDKIT_SENDGRID_PUBLIC_KEY)');
  const signature = headers[SENDGRID_SIGNATURE_HEADER];
  const timestamp = headers[SENDGRID_TIMESTAMP_HEADER];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') {
    return refused('no SendGrid signature or timestamp');
  }
  if (!isFresh(secondsToMs(timestamp), now, windowMs)) return refused('timestamp out of window');
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  let valid = false;
  try {
    valid = verify('sha256', signed, key, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  return valid ? ACCEPTED : refused('bad SendGrid signature');
}
