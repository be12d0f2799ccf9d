/**
 * Correlation: what a sender attaches to each message so its feedback finds its way back to
 * (delivery, recipient), in each provider's own place, and how adapters read it back.
 */
import { InputError } from '../errors.js';

export const TAG_DELIVERY = 'sk_d';
export const TAG_RECIPIENT = 'sk_r';
export const HEADER_DELIVERY = 'X-Sendkit-Delivery';
export const HEADER_RECIPIENT = 'X-Sendkit-Recipient';

export interface CorrelationTags {
  readonly sendgrid: { readonly custom_args: { readonly sk_d: string; readonly sk_r: string } };
  readonly mailgun: { readonly 'v:sk_d': string; readonly 'v:sk_r': string };
  readonly postmark: { readonly Metadata: { readonly sk_d: string; readonly sk_r: string } };
  readonly ses: { readonly Tags: readonly { readonly Name: string; readonly Value: string }[] };
  readonly headers: {
    readonly 'X-Sendkit-Delivery': string;
    readonly 'X-Sendkit-Recipient': string;
  };
}

/** The tags to attach to the message for recipient `recipient` (its position) of a delivery. */
export function correlationTags(deliveryId: string, recipient: number): CorrelationTags {
  if (typeof deliveryId !== 'string' || !/^[\w-]{1,256}$/.test(deliveryId)) {
    throw new InputError('deliveryId', 'a delivery id (letters, digits, dashes, underscores)');
  }
  if (!Number.isInteger(recipient) || recipient < 0 || recipient > 0xffffffff) {
    throw new InputError('recipient', 'a recipient position, a whole number from 0');
  }
  return tagsOf(deliveryId, recipient);
}

/** correlationTags for a delivery id and position the store already holds (nothing to check). */
export function tagsOf(deliveryId: string, recipient: number): CorrelationTags {
  const r = String(recipient);
  return {
    sendgrid: { custom_args: { sk_d: deliveryId, sk_r: r } },
    mailgun: { 'v:sk_d': deliveryId, 'v:sk_r': r },
    postmark: { Metadata: { sk_d: deliveryId, sk_r: r } },
    ses: {
      Tags: [
        { Name: TAG_DELIVERY, Value: deliveryId },
        { Name: TAG_RECIPIENT, Value: r },
      ],
    },
    headers: { 'X-Sendkit-Delivery': deliveryId, 'X-Sendkit-Recipient': r },
  };
}

export interface Tag {
  readonly deliveryId: string | null;
  readonly recipient: number | null;
}

/** A tag read back from a payload: a delivery id and a recipient position, each or both null. */
export function readTag(deliveryId: unknown, recipient: unknown): Tag {
  const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
  const id = first(deliveryId);
  const position = String(first(recipient) ?? '');
  return {
    deliveryId: typeof id === 'string' && /^[\w-]{1,256}$/.test(id) ? id : null,
    recipient:
      /^\d{1,10}$/.test(position) && Number(position) <= 0xffffffff ? Number(position) : null,
  };
}
