/** Checks a new delivery's input and turns it into a record; every refusal is an InputError. */
import { InputError } from '../errors.js';
import { emptyTally } from '../rules/indicators.js';
import {
  AGGREGATIONS,
  CHANNELS,
  RECURRENCE_PERIODS,
  type DeliveryInput,
  type Recurrence,
  type User,
} from '../types.js';
import type { DeliveryRecord } from './records.js';

export const MAX_VALIDITY_HOURS = 84;
export const MAX_RECIPIENTS = 5_000_000;
export const MAX_ADDRESS_LENGTH = 320;
export const MAX_LABEL_LENGTH = 256;

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function checkRecurrence(recurrence: Recurrence): Recurrence {
  if (!isOneOf(RECURRENCE_PERIODS, recurrence.every)) {
    throw new InputError('recurrence.every', `one of ${RECURRENCE_PERIODS.join(', ')}`);
  }
  if (!isOneOf(AGGREGATIONS, recurrence.aggregation)) {
    throw new InputError('recurrence.aggregation', `one of ${AGGREGATIONS.join(', ')}`);
  }
  if (typeof recurrence.requestConfirmation !== 'boolean') {
    throw new InputError('recurrence.requestConfirmation', 'must be true or false');
  }
  if (recurrence.requestConfirmation && recurrence.aggregation !== 'none') {
    throw new InputError(
      'recurrence.requestConfirmation',
      'confirmation before sending is only offered with no aggregation period',
    );
  }
  return {
    every: recurrence.every,
    aggregation: recurrence.aggregation,
    requestConfirmation: recurrence.requestConfirmation,
  };
}

/** Number of recipients, after checking the list (addresses are checked one by one). */
export function checkRecipients(input: DeliveryInput): number {
  const recipients = input.recipients as unknown;
  if (typeof recipients !== 'object' || recipients === null) {
    throw new InputError('recipients', 'a list of addresses or a generated count');
  }
  if ('generated' in recipients) {
    const count = (recipients as { generated: unknown }).generated;
    if (
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < 1 ||
      count > MAX_RECIPIENTS
    ) {
      throw new InputError('recipients.generated', `a whole number from 1 to ${MAX_RECIPIENTS}`);
    }
    return count;
  }
  const addresses = (recipients as { addresses?: unknown }).addresses;
  if (!Array.isArray(addresses) || addresses.length === 0 || addresses.length > MAX_RECIPIENTS) {
    throw new InputError('recipients.addresses', `a list of 1 to ${MAX_RECIPIENTS} addresses`);
  }
  addresses.forEach((address: unknown, index) => {
    if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH) {
      throw new InputError(
        `recipients.addresses[${index}]`,
        `a string of at most ${MAX_ADDRESS_LENGTH} characters`,
      );
    }
  });
  return addresses.length;
}

export function newDeliveryRecord(
  input: DeliveryInput,
  ids: { id: string; audienceId: string },
  recipientCount: number,
  user: User,
  now: number,
): DeliveryRecord {
  if (
    typeof input.label !== 'string' ||
    input.label.trim() === '' ||
    input.label.length > MAX_LABEL_LENGTH
  ) {
    throw new InputError('label', `a non-empty text of at most ${MAX_LABEL_LENGTH} characters`);
  }
  if (!isOneOf(CHANNELS, input.channel)) throw new InputError('channel', CHANNELS.join(', '));
  const efs = input.efs ?? false;
  if (typeof efs !== 'boolean') throw new InputError('efs', 'must be true or false');
  if (efs && input.channel !== 'email') {
    throw new InputError('efs', 'the Email Feedback Service applies to the email channel only');
  }
  const validityHours = input.validityHours ?? MAX_VALIDITY_HOURS;
  if (
    typeof validityHours !== 'number' ||
    !(validityHours > 0) ||
    validityHours > MAX_VALIDITY_HOURS
  ) {
    throw new InputError(
      'validityHours',
      `more than 0 and at most ${MAX_VALIDITY_HOURS} (3.5 days)`,
    );
  }
  const contactDate = input.contactDate ?? null;
  if (contactDate !== null && (typeof contactDate !== 'number' || !Number.isFinite(contactDate))) {
    throw new InputError('contactDate', 'a time in ms since the epoch, or null');
  }
  const recurrence = input.recurrence ? checkRecurrence(input.recurrence) : null;
  return {
    id: ids.id,
    label: input.label.trim(),
    channel: input.channel,
    mode: efs ? 'efs' : 'standard',
    state: 'editing',
    recipientCount,
    audienceId: ids.audienceId,
    validityHours,
    contactDate,
    recurrence,
    parentId: null,
    occurrenceKey: null,
    createdAt: now,
    createdBy: user.name,
    confirmedBy: null,
    startedAt: null,
    endsAt: null,
    nextOccurrenceAt: null,
    preparationError: null,
    journal: [],
    tally: { ...emptyTally(), classes: [...emptyTally().classes] },
    engagement: null,
    chunkCounts: null,
  };
}
