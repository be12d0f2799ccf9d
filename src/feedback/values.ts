/**
 * Reading untrusted provider payloads: small total functions that answer `undefined` (or null)
 * for anything not of the expected shape, and the providers' time formats in ms.
 */
import { isValidTime } from '../rules/valid-input.js';
import type { FailureReason } from '../types.js';
import type { Tag } from './correlation.js';
import type { ProviderEventKind } from './types.js';

export type Fields = Readonly<Record<string, unknown>>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fields(value: unknown): Fields | undefined {
  return isFields(value) ? value : undefined;
}

export function text(value: unknown, max = 500): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An address, lower-cased and trimmed, or null. */
export function address(value: unknown): string | null {
  const found = text(value, 320)?.trim().toLowerCase();
  return found ? found : null;
}

/** Unix seconds (a number or a numeric string, fractions allowed) in whole ms. */
export function fromSeconds(value: unknown): number {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' ? Math.round(seconds * 1000) : Number.NaN;
}

/**
 * An ISO 8601 time in ms. Providers vary: "2018-10-08T14:05:45 +0000" (SES classic),
 * "2016-04-27T16:28:50.3963933-04:00" (Postmark, seven fractional digits).
 */
export function fromIso(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const normal = value
    .trim()
    .replace(/\s+([+-]\d{2}):?(\d{2})$/, '$1:$2')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/(\.\d{3})\d+/, '$1');
  return Date.parse(normal);
}

/** A provider event before the caller adds its provider and position. */
export interface Adapted {
  readonly kind: ProviderEventKind;
  readonly id: string | null;
  readonly reason?: FailureReason;
  readonly at: number;
  readonly address: string | null;
  readonly deliveryId: string | null;
  readonly recipient: number | null;
  readonly messageId: string | null;
}

/** What an adapter makes of one payload: its events, or why it could not read it. */
export type AdapterResult = { readonly events: readonly Adapted[] } | { readonly error: string };

export function adapted(
  kind: ProviderEventKind,
  common: {
    id: string | null;
    at: number;
    address: string | null;
    tag: Tag;
    messageId: string | null;
  },
  reason?: FailureReason | null,
): Adapted {
  const event: { -readonly [K in keyof Adapted]: Adapted[K] } = {
    kind,
    id: common.id,
    at: common.at,
    address: common.address,
    deliveryId: common.tag.deliveryId,
    recipient: common.tag.recipient,
    messageId: common.messageId,
  };
  if (reason) event.reason = reason;
  return event;
}

/** Why a payload's time cannot be used, or null when it can (the store's own rule). */
export function badTime(at: number): string | null {
  return isValidTime(at) && at >= 0
    ? null
    : 'no usable time (missing, or outside the range of a Date)';
}
