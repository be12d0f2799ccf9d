/**
 * Reads a feedback batch before any transaction opens, into one columnar form for the apply loop.
 * Feedback comes from outside (an MTA, another page, a file): every field of every event is read
 * once, checked and copied, so the batch applied is the batch validated, whatever the caller, a
 * getter or a Proxy does later. Unknown keys such as `__proto__` are refused, not ignored.
 */
import { FeedbackError, InputError, SendkitError } from '../errors.js';
import { FEEDBACK_EVENT_INDEX, REASON_CODES, isFailureReason } from '../rules/event-codes.js';
import { isEngagementEvent, outcomeRule } from '../rules/feedback-rules.js';
import { FEEDBACK_CLOCK_SKEW_MS, isValidTime } from '../rules/valid-input.js';
import {
  FAILURE_REASONS,
  FEEDBACK_EVENT_TYPES,
  type FeedbackColumns,
  type FeedbackEventType,
} from '../types.js';
import { hashEventId } from './event-ids.js';

export const MAX_STRING_LENGTH = 256;

/** A checked batch: per event, its delivery (an index in `deliveryIds`) and typed fields. */
export interface Batch {
  readonly length: number;
  readonly deliveryIds: readonly string[];
  readonly delivery: Uint32Array;
  readonly recipients: Uint32Array;
  /** Positions in FEEDBACK_EVENT_TYPES. */
  readonly types: Uint8Array;
  readonly at: Float64Array;
  /** Stored reason codes (event-codes.ts), 0 for none. */
  readonly reasons: Uint8Array;
  /** Two numbers per event, [0, 0] for no id; null when the batch has no ids at all. */
  readonly idHashes: Uint32Array | null;
}

const NEEDS_REASON: readonly boolean[] = FEEDBACK_EVENT_TYPES.map(
  (type: FeedbackEventType) => !isEngagementEvent(type) && outcomeRule(type).needsReason,
);
/** Public reason position (FAILURE_REASONS + 1) → stored code. */
const STORED_REASON: readonly number[] = [
  0,
  ...FAILURE_REASONS.map((reason) => REASON_CODES[reason]),
];

function checkString(index: number, field: string, value: unknown): string {
  if (typeof value !== 'string') throw new FeedbackError(index, `'${field}' must be a string`);
  if (value.length > MAX_STRING_LENGTH) {
    throw new FeedbackError(index, `'${field}' is an oversize string (${value.length} characters)`);
  }
  return value;
}

/** The shared checks of one event's time and reason, whatever form it came in. */
function checkTimeAndReason(
  index: number,
  at: number,
  latest: number,
  type: number,
  reason: number,
): void {
  if (!isValidTime(at) || at < 0) {
    throw new FeedbackError(index, "'at' must be a time: whole ms since the epoch, within a Date");
  }
  if (at > latest) {
    throw new FeedbackError(
      index,
      `'at' is in the future: ${at - latest + FEEDBACK_CLOCK_SKEW_MS} ms after the store's clock (at most ${FEEDBACK_CLOCK_SKEW_MS} ms allowed)`,
    );
  }
  if (reason === 0 && NEEDS_REASON[type]) {
    throw new FeedbackError(
      index,
      `a '${FEEDBACK_EVENT_TYPES[type]}' event needs a failure reason`,
    );
  }
}

/** The delivery ids of a batch, each given its position once (most batches have one). */
class DeliveryPositions {
  readonly ids: string[] = [];
  private readonly position = new Map<string, number>();
  private lastId: string | null = null;
  private last = 0;

  of(id: string): number {
    if (id === this.lastId) return this.last;
    let known = this.position.get(id);
    if (known === undefined) {
      known = this.ids.push(id) - 1;
      this.position.set(id, known);
    }
    this.lastId = id;
    this.last = known;
    return known;
  }
}

/** Reads one event object into the batch's columns at `index` (nothing allocated per event). */
function readEventInto(
  index: number,
  event: unknown,
  latest: number,
  batch: Omit<Batch, 'deliveryIds' | 'idHashes'>,
  deliveries: DeliveryPositions,
): void {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new FeedbackError(index, 'an event must be an object');
  }
  const prototype: unknown = Object.getPrototypeOf(event);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new FeedbackError(index, 'an event must be a plain object');
  }
  // A plain object's enumerable keys are its own (the prototype checked above has none).
  // Compared one by one rather than through a Set: a key and a literal are both interned, so
  // each comparison is a pointer check (a Set's lookup hashes; this loop runs per event).
  for (const key in event) {
    if (
      key !== 'deliveryId' &&
      key !== 'recipient' &&
      key !== 'type' &&
      key !== 'at' &&
      key !== 'reason'
    ) {
      throw new FeedbackError(index, `unknown field '${key}'`);
    }
  }
  const { deliveryId, recipient, type, at, reason } = event as Record<string, unknown>;
  if (checkString(index, 'deliveryId', deliveryId) === '') {
    throw new FeedbackError(index, "'deliveryId' is empty");
  }
  const typeIndex = FEEDBACK_EVENT_INDEX.get(checkString(index, 'type', type) as FeedbackEventType);
  if (typeIndex === undefined)
    throw new FeedbackError(index, `unknown event type '${String(type)}'`);
  if (
    typeof recipient !== 'number' ||
    !Number.isInteger(recipient) ||
    recipient < 0 ||
    recipient > 0xffffffff
  ) {
    throw new FeedbackError(index, "'recipient' must be a whole number from 0");
  }
  let reasonCode = 0;
  if (reason !== undefined) {
    const text = checkString(index, 'reason', reason);
    reasonCode = isFailureReason(text) ? REASON_CODES[text] : -1;
    if (reasonCode < 0) throw new FeedbackError(index, `unknown failure reason '${text}'`);
  }
  checkTimeAndReason(index, at as number, latest, typeIndex, reasonCode);
  batch.delivery[index] = deliveries.of(deliveryId as string);
  batch.recipients[index] = recipient;
  batch.types[index] = typeIndex;
  batch.at[index] = at as number;
  batch.reasons[index] = reasonCode;
}

/** Ids of the events, hashed, or null when none has one. */
function readIds(ids: unknown, length: number): Uint32Array | null {
  if (ids === undefined) return null;
  if (!Array.isArray(ids) || ids.length !== length) {
    throw new InputError('eventIds', 'one id (a string, or null) per event');
  }
  const hashes = new Uint32Array(length * 2);
  for (let index = 0; index < length; index++) {
    const id: unknown = ids[index];
    if (id === null) continue;
    if (typeof id !== 'string' || id === '' || id.length > MAX_STRING_LENGTH) {
      throw new InputError(`eventIds[${index}]`, 'a non-empty string, or null');
    }
    [hashes[index * 2], hashes[index * 2 + 1]] = hashEventId(id);
  }
  return hashes;
}

/**
 * The batch checked and copied, or a FeedbackError naming the first bad event. `now` is the
 * store's clock: feedback stamped later than it (plus the allowed skew) is refused.
 */
export function readFeedbackBatch(events: unknown, now: number, eventIds: unknown): Batch {
  const latest = now + FEEDBACK_CLOCK_SKEW_MS;
  let index = 0;
  try {
    const columnar = isColumns(events) || (Array.isArray(events) && isColumns(events[0]));
    if (columnar && eventIds !== undefined) {
      throw new InputError('eventIds', 'absent: columns carry their ids as idHashes');
    }
    if (isColumns(events)) return readColumns(events, latest);
    if (!Array.isArray(events)) throw new FeedbackError(0, 'a batch must be an array of events');
    if (columnar) return joinColumns(events, latest);
    const length = events.length;
    const batch = emptyBatch(length);
    const deliveries = new DeliveryPositions();
    for (; index < length; index++) readEventInto(index, events[index], latest, batch, deliveries);
    return { ...batch, deliveryIds: deliveries.ids, idHashes: readIds(eventIds, length) };
  } catch (error) {
    if (error instanceof SendkitError) throw error;
    throw new FeedbackError(index, 'the event could not be read (a getter or Proxy threw)');
  }
}

function emptyBatch(length: number): Omit<Batch, 'deliveryIds' | 'idHashes'> {
  return {
    length,
    delivery: new Uint32Array(length),
    recipients: new Uint32Array(length),
    types: new Uint8Array(length),
    at: new Float64Array(length),
    reasons: new Uint8Array(length),
  };
}

function isColumns(value: unknown): value is FeedbackColumns {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'types' in value;
}

/** Several deliveries' columns, each checked and copied, as one batch (one transaction). */
function joinColumns(list: readonly unknown[], latest: number): Batch {
  const parts: Batch[] = [];
  let length = 0;
  for (const columns of [...list]) {
    if (!isColumns(columns))
      throw new FeedbackError(length, 'a list of columns holds only columns');
    const part = readColumns(columns, latest, length);
    parts.push(part);
    length += part.length;
  }
  const batch = {
    ...emptyBatch(length),
    deliveryIds: [] as string[],
    idHashes: null as Uint32Array | null,
  };
  if (parts.some((part) => part.idHashes)) batch.idHashes = new Uint32Array(length * 2);
  let offset = 0;
  for (const part of parts) {
    let delivery = batch.deliveryIds.indexOf(part.deliveryIds[0]!);
    if (delivery < 0) delivery = batch.deliveryIds.push(part.deliveryIds[0]!) - 1;
    batch.delivery.fill(delivery, offset, offset + part.length);
    batch.recipients.set(part.recipients, offset);
    batch.types.set(part.types, offset);
    batch.at.set(part.at, offset);
    batch.reasons.set(part.reasons, offset);
    if (part.idHashes) batch.idHashes!.set(part.idHashes, offset * 2);
    offset += part.length;
  }
  return batch;
}

/**
 * Columns, checked and copied (a caller may reuse its arrays right after the call). `first` is
 * the index of its first event in the whole batch, for errors.
 */
function readColumns(columns: FeedbackColumns, latest: number, first = 0): Batch {
  const { deliveryId, recipients, types, at, reasons, idHashes } = columns;
  if (
    typeof deliveryId !== 'string' ||
    deliveryId === '' ||
    deliveryId.length > MAX_STRING_LENGTH
  ) {
    throw new FeedbackError(first, "'deliveryId' must be a delivery id");
  }
  const length = recipients instanceof Uint32Array ? recipients.length : -1;
  if (
    length < 0 ||
    !(types instanceof Uint8Array && types.length === length) ||
    !(at instanceof Float64Array && at.length === length) ||
    !(reasons instanceof Uint8Array && reasons.length === length) ||
    !(idHashes === undefined || (idHashes instanceof Uint32Array && idHashes.length === length * 2))
  ) {
    throw new FeedbackError(
      first,
      'columns must be typed arrays of one length (idHashes twice it)',
    );
  }
  const batch: Batch = {
    length,
    deliveryIds: [deliveryId],
    delivery: new Uint32Array(length),
    recipients: recipients.slice(),
    types: types.slice(),
    at: at.slice(),
    reasons: new Uint8Array(length),
    idHashes: idHashes ? idHashes.slice() : null,
  };
  for (let index = 0; index < length; index++) {
    const type = batch.types[index]!;
    const reason = reasons[index]!;
    if (type >= FEEDBACK_EVENT_TYPES.length) {
      throw new FeedbackError(first + index, `unknown event type ${type}`);
    }
    if (reason > FAILURE_REASONS.length) {
      throw new FeedbackError(first + index, `unknown failure reason ${reason}`);
    }
    batch.reasons[index] = STORED_REASON[reason]!;
    checkTimeAndReason(first + index, batch.at[index]!, latest, type, reason);
  }
  return batch;
}
