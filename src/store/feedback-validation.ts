/**
 * Reads a feedback batch before any transaction opens. Feedback comes from outside (an MTA,
 * another page, a file): every field of every event is read once, checked and copied, so the
 * batch applied is the batch validated, whatever the caller, a getter or a Proxy does later.
 * Unknown keys such as `__proto__` are refused rather than ignored.
 */
import { FeedbackError, SendkitError } from '../errors.js';
import { isFailureReason } from '../rules/event-codes.js';
import { isEngagementEvent, outcomeRule } from '../rules/feedback-rules.js';
import { FEEDBACK_CLOCK_SKEW_MS, isValidTime } from '../rules/valid-input.js';
import {
  ENGAGEMENT_EVENT_TYPES,
  OUTCOME_EVENT_TYPES,
  type FeedbackEvent,
  type FeedbackEventType,
} from '../types.js';

export const MAX_STRING_LENGTH = 256;
const ALLOWED_KEYS: ReadonlySet<string> = new Set([
  'deliveryId',
  'recipient',
  'type',
  'at',
  'reason',
]);

const EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  ...OUTCOME_EVENT_TYPES,
  ...ENGAGEMENT_EVENT_TYPES,
]);

function needsReason(type: FeedbackEventType): boolean {
  return !isEngagementEvent(type) && outcomeRule(type).needsReason;
}

function checkString(index: number, field: string, value: unknown): string {
  if (typeof value !== 'string') throw new FeedbackError(index, `'${field}' must be a string`);
  if (value.length > MAX_STRING_LENGTH) {
    throw new FeedbackError(index, `'${field}' is an oversize string (${value.length} characters)`);
  }
  return value;
}

function readEvent(index: number, event: unknown, latest: number): FeedbackEvent {
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
  if (!EVENT_TYPES.has(checkString(index, 'type', type))) {
    throw new FeedbackError(index, `unknown event type '${String(type)}'`);
  }
  const eventType = type as FeedbackEventType;
  if (typeof recipient !== 'number' || !Number.isSafeInteger(recipient) || recipient < 0) {
    throw new FeedbackError(index, "'recipient' must be a whole number from 0");
  }
  if (!isValidTime(at) || at < 0) {
    throw new FeedbackError(index, "'at' must be a time: whole ms since the epoch, within a Date");
  }
  if (at > latest) {
    throw new FeedbackError(
      index,
      `'at' is in the future: ${at - latest + FEEDBACK_CLOCK_SKEW_MS} ms after the store's clock (at most ${FEEDBACK_CLOCK_SKEW_MS} ms allowed)`,
    );
  }
  if (reason === undefined) {
    if (needsReason(eventType)) {
      throw new FeedbackError(index, `a '${eventType}' event needs a failure reason`);
    }
    return { deliveryId: deliveryId as string, recipient, type: eventType, at };
  }
  const failureReason = checkString(index, 'reason', reason);
  if (!isFailureReason(failureReason)) {
    throw new FeedbackError(index, `unknown failure reason '${failureReason}'`);
  }
  return {
    deliveryId: deliveryId as string,
    recipient,
    type: eventType,
    at,
    reason: failureReason,
  };
}

/**
 * The batch as plain copies, or a FeedbackError naming the first bad event. `now` is the
 * store's clock: feedback stamped later than it (plus the allowed skew) is refused.
 */
export function readFeedbackBatch(events: unknown, now: number): FeedbackEvent[] {
  const latest = now + FEEDBACK_CLOCK_SKEW_MS;
  let index = 0;
  try {
    if (!Array.isArray(events)) throw new FeedbackError(0, 'a batch must be an array of events');
    const length = events.length;
    const copies = new Array<FeedbackEvent>(length);
    for (; index < length; index++) copies[index] = readEvent(index, events[index], latest);
    return copies;
  } catch (error) {
    if (error instanceof SendkitError) throw error;
    throw new FeedbackError(index, 'the event could not be read (a getter or Proxy threw)');
  }
}
