/**
 * Shape checks of a feedback batch, done before any transaction opens. Feedback comes from
 * outside (an MTA, another page): every field is checked, and unknown keys such as `__proto__`
 * are refused rather than ignored.
 */
import { FeedbackError } from '../errors.js';
import { FEEDBACK_EVENT_TYPES, REASON_CODES } from '../rules/event-codes.js';
import { outcomeRule } from '../rules/feedback-rules.js';
import type { FeedbackEvent, FeedbackEventType } from '../types.js';

export const MAX_STRING_LENGTH = 256;
const ALLOWED_KEYS: ReadonlySet<string> = new Set([
  'deliveryId',
  'recipient',
  'type',
  'at',
  'reason',
]);

/** Event type → code (its index in FEEDBACK_EVENT_TYPES). */
export const EVENT_TYPE_CODES: ReadonlyMap<string, number> = new Map(
  FEEDBACK_EVENT_TYPES.map((type, code) => [type, code]),
);
const NEEDS_REASON: readonly boolean[] = FEEDBACK_EVENT_TYPES.map(
  (type) => type !== 'open' && type !== 'click' && outcomeRule(type).needsReason,
);

function checkString(index: number, field: string, value: unknown): string {
  if (typeof value !== 'string') throw new FeedbackError(index, `'${field}' must be a string`);
  if (value.length > MAX_STRING_LENGTH) {
    throw new FeedbackError(index, `'${field}' is an oversize string (${value.length} characters)`);
  }
  return value;
}

/** Throws a FeedbackError naming the first malformed event; returns the batch typed. */
export function validateFeedbackShape(events: unknown): readonly FeedbackEvent[] {
  if (!Array.isArray(events)) throw new FeedbackError(0, 'a batch must be an array of events');
  for (let index = 0; index < events.length; index++) {
    const event: unknown = events[index];
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      throw new FeedbackError(index, 'an event must be an object');
    }
    const prototype: unknown = Object.getPrototypeOf(event);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new FeedbackError(index, 'an event must be a plain object');
    }
    for (const key of Object.keys(event)) {
      if (!ALLOWED_KEYS.has(key)) throw new FeedbackError(index, `unknown field '${key}'`);
    }
    const { deliveryId, recipient, type, at, reason } = event as Record<string, unknown>;
    if (checkString(index, 'deliveryId', deliveryId) === '') {
      throw new FeedbackError(index, "'deliveryId' is empty");
    }
    const code = EVENT_TYPE_CODES.get(checkString(index, 'type', type));
    if (code === undefined) throw new FeedbackError(index, `unknown event type '${String(type)}'`);
    if (typeof recipient !== 'number' || !Number.isSafeInteger(recipient) || recipient < 0) {
      throw new FeedbackError(index, "'recipient' must be a whole number from 0");
    }
    if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) {
      throw new FeedbackError(index, "'at' must be a time in ms since the epoch");
    }
    if (reason !== undefined) {
      if (!REASON_CODES.has(checkString(index, 'reason', reason))) {
        throw new FeedbackError(index, `unknown failure reason '${String(reason)}'`);
      }
    } else if (NEEDS_REASON[code]) {
      throw new FeedbackError(
        index,
        `a '${type as FeedbackEventType}' event needs a failure reason`,
      );
    }
  }
  return events as readonly FeedbackEvent[];
}
