/**
 * A provider event as a relay streams it (`data:` of one SSE message), read field by field: the
 * relay is another machine, and what it sends is input like any other.
 */
import { isValidTime } from '../rules/valid-input.js';
import { FAILURE_REASONS, FEEDBACK_EVENT_TYPES } from '../types.js';
import { PROVIDERS, type ProviderEvent, type ProviderEventKind } from './types.js';

const KINDS: ReadonlySet<string> = new Set<ProviderEventKind>([
  ...FEEDBACK_EVENT_TYPES,
  'denylist',
]);
const REASONS: ReadonlySet<string> = new Set(FAILURE_REASONS);
const MAX_TEXT = 1_000;

function textOrNull(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' && value.length <= MAX_TEXT ? value : undefined;
}

/** The event and its sequence (from a parsed `data:`), or null for anything that is not one. */
export function readRelayEvent(parsed: unknown): { seq: number; event: ProviderEvent } | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const value = parsed as Record<string, unknown>;
  const { seq, provider, kind, reason, at, recipient, position } = value;
  const id = textOrNull(value['id']);
  const address = textOrNull(value['address']);
  const deliveryId = textOrNull(value['deliveryId']);
  const messageId = textOrNull(value['messageId']);
  if (
    !Number.isSafeInteger(seq) ||
    (seq as number) < 1 ||
    !PROVIDERS.includes(provider as never) ||
    typeof kind !== 'string' ||
    !KINDS.has(kind) ||
    (reason !== undefined && (typeof reason !== 'string' || !REASONS.has(reason))) ||
    !isValidTime(at) ||
    !(
      recipient === null ||
      recipient === undefined ||
      (Number.isSafeInteger(recipient) && (recipient as number) >= 0)
    ) ||
    id === undefined ||
    address === undefined ||
    deliveryId === undefined ||
    messageId === undefined
  ) {
    return null;
  }
  return {
    seq: seq as number,
    event: {
      provider: provider as ProviderEvent['provider'],
      id,
      kind: kind as ProviderEventKind,
      ...(reason === undefined ? {} : { reason: reason as ProviderEvent['reason'] }),
      at: at as number,
      address,
      deliveryId,
      recipient: (recipient as number | null | undefined) ?? null,
      messageId,
      position: Number.isSafeInteger(position) ? (position as number) : 0,
    },
  };
}
