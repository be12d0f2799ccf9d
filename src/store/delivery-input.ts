/**
 * Checks a new delivery's input and copies it: every field is read once, so what is stored is
 * what was checked. Every refusal is an InputError.
 */
import { InputError } from '../errors.js';
import { DEFAULT_GUARD } from '../rules/guard.js';
import { readPace } from '../rules/pace-input.js';
import { MAX_VALIDITY_HOURS } from '../rules/validity.js';
import { isValidTime, oneOf, readOptions, readSafely, wholeNumber } from '../rules/valid-input.js';
import {
  AGGREGATIONS,
  CHANNELS,
  RECURRENCE_PERIODS,
  type Channel,
  type Pace,
  type Recurrence,
  type ReputationGuard,
} from '../types.js';

export const MAX_RECIPIENTS = 5_000_000;
export const MAX_ADDRESS_LENGTH = 320;
export const MAX_LABEL_LENGTH = 256;

/** A checked delivery input: plain values only. */
export interface CheckedInput {
  readonly label: string;
  readonly channel: Channel;
  readonly efs: boolean;
  readonly validityHours: number;
  readonly contactDate: number | null;
  readonly recurrence: Recurrence | null;
  readonly guard: ReputationGuard | null;
  readonly pace: Pace | null;
  /** The address list, copied; null for generated test profiles. */
  readonly addresses: readonly string[] | null;
  readonly recipientCount: number;
}

/** The guard: `true` for the defaults, some thresholds (the rest defaulted), or none. */
export function checkGuard(value: unknown): ReputationGuard | null {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return DEFAULT_GUARD;
  const given = readOptions('guard', value, [
    'hardBounceRate',
    'bounceRate',
    'minRelayed',
    'complaintRate',
  ]);
  const rate = (field: 'hardBounceRate' | 'bounceRate' | 'complaintRate'): number => {
    const rateValue = given[field] ?? DEFAULT_GUARD[field];
    if (typeof rateValue !== 'number' || !(rateValue > 0) || rateValue > 100) {
      throw new InputError(`guard.${field}`, 'a rate in percent, more than 0 and at most 100');
    }
    return rateValue;
  };
  return {
    hardBounceRate: rate('hardBounceRate'),
    bounceRate: rate('bounceRate'),
    complaintRate: rate('complaintRate'),
    minRelayed: wholeNumber(
      'guard.minRelayed',
      given.minRelayed ?? DEFAULT_GUARD.minRelayed,
      1,
      1_000_000_000,
    ),
  };
}

export function checkContactDate(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (!isValidTime(value)) {
    throw new InputError(
      'contactDate',
      'a time (whole ms since the epoch, within the range of a Date), or null',
    );
  }
  return value;
}

function checkRecurrence(value: unknown): Recurrence | null {
  if (value === null || value === undefined) return null;
  const { every, aggregation, requestConfirmation } = readOptions('recurrence', value, [
    'every',
    'aggregation',
    'requestConfirmation',
  ]);
  oneOf('recurrence.every', RECURRENCE_PERIODS, every);
  oneOf('recurrence.aggregation', AGGREGATIONS, aggregation);
  if (typeof requestConfirmation !== 'boolean') {
    throw new InputError('recurrence.requestConfirmation', 'must be true or false');
  }
  if (requestConfirmation && aggregation !== 'none') {
    throw new InputError(
      'recurrence.requestConfirmation',
      'confirmation before sending is only offered with no aggregation period',
    );
  }
  return {
    every: every as Recurrence['every'],
    aggregation: aggregation as Recurrence['aggregation'],
    requestConfirmation,
  };
}

/** The address list (copied) or the generated count. */
function checkRecipients(value: unknown): Pick<CheckedInput, 'addresses' | 'recipientCount'> {
  if (typeof value !== 'object' || value === null) {
    throw new InputError('recipients', 'a list of addresses or a generated count');
  }
  const { generated, addresses } = readOptions('recipients', value, ['generated', 'addresses']);
  if (generated !== undefined) {
    return {
      addresses: null,
      recipientCount: wholeNumber('recipients.generated', generated, 1, MAX_RECIPIENTS),
    };
  }
  return readSafely('recipients.addresses', () => {
    if (!Array.isArray(addresses)) {
      throw new InputError('recipients.addresses', `a list of 1 to ${MAX_RECIPIENTS} addresses`);
    }
    const length = addresses.length;
    if (length === 0 || length > MAX_RECIPIENTS) {
      throw new InputError('recipients.addresses', `a list of 1 to ${MAX_RECIPIENTS} addresses`);
    }
    const copy = new Array<string>(length);
    for (let index = 0; index < length; index++) {
      const address: unknown = addresses[index];
      if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH) {
        throw new InputError(
          `recipients.addresses[${index}]`,
          `a string of at most ${MAX_ADDRESS_LENGTH} characters`,
        );
      }
      copy[index] = address;
    }
    return { addresses: copy, recipientCount: length };
  });
}

/** The fields createDelivery's input may have. */
export const DELIVERY_INPUT_FIELDS = [
  'label',
  'channel',
  'recipients',
  'efs',
  'validityHours',
  'contactDate',
  'recurrence',
  'guard',
  'pace',
] as const;

export function checkDeliveryInput(input: unknown): CheckedInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError('input', 'an object describing the delivery');
  }
  const fields = readOptions('input', input, DELIVERY_INPUT_FIELDS);
  const { label, channel } = fields;
  if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_LABEL_LENGTH) {
    throw new InputError('label', `a non-empty text of at most ${MAX_LABEL_LENGTH} characters`);
  }
  oneOf('channel', CHANNELS, channel);
  const efs = fields.efs ?? false;
  if (typeof efs !== 'boolean') throw new InputError('efs', 'must be true or false');
  if (efs && channel !== 'email') {
    throw new InputError('efs', 'the Email Feedback Service applies to the email channel only');
  }
  const validityHours = fields.validityHours ?? MAX_VALIDITY_HOURS;
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
  return {
    label: label.trim(),
    channel: channel as Channel,
    efs,
    validityHours,
    contactDate: checkContactDate(fields.contactDate),
    recurrence: checkRecurrence(fields.recurrence),
    guard: checkGuard(fields.guard),
    pace: readPace(fields.pace),
    ...checkRecipients(fields.recipients),
  };
}
