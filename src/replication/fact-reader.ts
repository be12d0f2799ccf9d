/**
 * Facts read back from a relay's log (or given to foldFacts): every field checked, nothing else
 * kept, the definition of a new delivery by the same code as createDelivery's input. A log is
 * data from elsewhere: anything that is not a fact the kit wrote is refused with why.
 */
import { InputError, SendkitError } from '../errors.js';
import { MAX_NAME_LENGTH, isValidTime, readId, readSafely } from '../rules/valid-input.js';
import { readRates } from '../simulator/mta-options.js';
import { checkContactDate, checkDeliveryInput } from '../store/delivery-input.js';
import {
  EXCLUSION_CAUSES,
  FAILURE_REASONS,
  FEEDBACK_EVENT_TYPES,
  GUARD_MEASURES,
  type ExclusionCause,
  type GuardTrip,
} from '../types.js';
import {
  LIST_HASH,
  MAX_FACT_EVENTS,
  type Fact,
  type FeedbackFact,
  type SharedAudience,
  type SharedDefinition,
} from './facts.js';

/** The most exclusions a `prepared` fact lists (the largest delivery). */
const MAX_EXCLUSIONS = 5_000_000;
/** A new contact date (Reschedule): a time, or null for "as soon as confirmed". */
export function readContactDate(value: unknown): number | null {
  return checkContactDate(value);
}

/** A fact of the kit's, or why the value is not one. */
export type FactReading = { readonly fact: Fact } | { readonly problem: string };

/** Reads a value from a relay's log as a fact: every field checked, nothing else kept. */
export function readFact(value: unknown): FactReading {
  try {
    return { fact: readFactOrThrow(value) };
  } catch (error) {
    if (error instanceof SendkitError) return { problem: error.message };
    return { problem: 'not a fact of a shared delivery' };
  }
}

/** Facts given to a public call (foldFacts): each read as readFact reads it, or an InputError. */
export function readFacts(values: unknown): Fact[] {
  return readSafely('facts', () => {
    if (!Array.isArray(values)) throw new InputError('facts', 'a list of facts');
    return values.map((value: unknown, index) => {
      const reading = readFact(value);
      if ('problem' in reading) throw new InputError(`facts[${index}]`, reading.problem);
      return reading.fact;
    });
  });
}

function fieldsOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError('fact', 'an object');
  return value as Record<string, unknown>;
}

function readFactOrThrow(value: unknown): Fact {
  const fields = fieldsOf(value);
  const type = fields['fact'];
  const delivery = readId(fields['delivery'], 'fact.delivery');
  const at = fields['at'];
  if (!isValidTime(at)) throw new InputError('fact.at', 'a time');
  if (type === 'feedback') return readFeedbackFact(fields, delivery, at);
  const n = fields['n'];
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1)
    throw new InputError('fact.n', 'a whole number from 1');
  const by = fields['by'];
  if (typeof by !== 'string' || by === '' || by.length > MAX_NAME_LENGTH)
    throw new InputError('fact.by', 'a user name');
  const head = { delivery, at, n, by };
  switch (type) {
    case 'created':
      if (n !== 1) throw new InputError('fact.n', 'a creation is a delivery’s first fact');
      return { ...head, fact: type, definition: readDefinition(fields['definition']) };
    case 'prepared':
    case 'occurrence':
      return { ...head, fact: type, exclusions: readExclusions(fields['exclusions']) };
    case 'rescheduled': {
      const contactDate = fields['contactDate'];
      if (contactDate !== null && !isValidTime(contactDate))
        throw new InputError('fact.contactDate', 'a time or null');
      return { ...head, fact: type, contactDate };
    }
    case 'guard-paused':
      return { ...head, fact: type, trip: readTrip(fields['trip']) };
    case 'confirmed':
    case 'paused':
    case 'resumed':
    case 'stopped':
    case 'deleted':
    case 'stats-computed':
    case 'started':
    case 'finished':
    case 'validity-ended':
    case 'refreshed':
      return { ...head, fact: type };
    default:
      throw new InputError('fact.fact', 'a fact of a shared delivery');
  }
}

/**
 * A shared delivery's definition: the fields createDelivery takes, checked by the same code, and
 * its audience (generated, or a list by hash and count) and simulation rates.
 */
export function readDefinition(value: unknown): SharedDefinition {
  const { audience, simulation, recipients: _recipients, ...input } = fieldsOf(value);
  const shared = readAudience(audience);
  const count = 'generated' in shared ? shared.generated : shared.count;
  const {
    addresses: _addresses,
    recipientCount: _count,
    ...checked
  } = checkDeliveryInput({
    ...input,
    recipients: { generated: count },
  });
  return {
    ...checked,
    audience: shared,
    simulation: simulation === null || simulation === undefined ? null : readRates(simulation),
  };
}

function readAudience(value: unknown): SharedAudience {
  const fields = fieldsOf(value);
  const count = (field: unknown) => {
    if (typeof field !== 'number' || !Number.isInteger(field) || field < 1 || field > 5_000_000)
      throw new InputError('audience', 'from 1 to 5,000,000 recipients');
    return field;
  };
  if ('generated' in fields) return { generated: count(fields['generated']) };
  const list = fields['list'];
  if (typeof list !== 'string' || !LIST_HASH.test(list))
    throw new InputError('audience.list', 'the SHA-256 of an address list, in hex');
  return { list, count: count(fields['count']) };
}

function readExclusions(value: unknown): [number, ExclusionCause][] {
  if (!Array.isArray(value) || value.length > MAX_EXCLUSIONS)
    throw new InputError('fact.exclusions', 'a list of [recipient, cause]');
  return value.map((entry: unknown) => {
    if (!Array.isArray(entry) || entry.length !== 2)
      throw new InputError('fact.exclusions', 'pairs of [recipient, cause]');
    const [recipient, cause] = entry as [unknown, unknown];
    if (typeof recipient !== 'number' || !Number.isInteger(recipient) || recipient < 0)
      throw new InputError('fact.exclusions', 'recipient positions');
    if (cause !== 'denylisted' && cause !== 'quarantined')
      throw new InputError(
        'fact.exclusions',
        `a cause of the address lists (${EXCLUSION_CAUSES.slice(2).join(', ')})`,
      );
    return [recipient, cause];
  });
}

function readTrip(value: unknown): GuardTrip {
  const fields = fieldsOf(value);
  const measure = fields['measure'];
  const number = (key: string) => {
    const field = fields[key];
    if (typeof field !== 'number' || !Number.isFinite(field) || field < 0)
      throw new InputError(`fact.trip.${key}`, 'a number');
    return field;
  };
  if (!(GUARD_MEASURES as readonly unknown[]).includes(measure))
    throw new InputError('fact.trip.measure', GUARD_MEASURES.join(', '));
  return {
    measure: measure as GuardTrip['measure'],
    rate: number('rate'),
    threshold: number('threshold'),
    relayed: number('relayed'),
  };
}

function readFeedbackFact(
  fields: Record<string, unknown>,
  delivery: string,
  at: number,
): FeedbackFact {
  const key = fields['key'];
  if (typeof key !== 'string' || key === '' || key.length > 512)
    throw new InputError('fact.key', 'a text');
  const { recipients, types, times, reasons } = fields;
  if (!Array.isArray(recipients) || recipients.length > MAX_FACT_EVENTS)
    throw new InputError('fact.recipients', `a list of at most ${MAX_FACT_EVENTS} positions`);
  const length = recipients.length;
  const column = (name: string, column: unknown, valid: (entry: unknown) => boolean) => {
    if (!Array.isArray(column) || column.length !== length || !column.every(valid))
      throw new InputError(`fact.${name}`, `${length} valid entries`);
    return column as number[];
  };
  const below = (limit: number) => (entry: unknown) =>
    typeof entry === 'number' && Number.isInteger(entry) && entry >= 0 && entry < limit;
  const ids = fields['ids'] ?? null;
  if (
    ids !== null &&
    (!Array.isArray(ids) ||
      ids.length !== length ||
      !ids.every((id) => id === null || (typeof id === 'string' && id.length <= 512)))
  )
    throw new InputError('fact.ids', `${length} ids or nulls`);
  const denylist = fields['denylist'] ?? [];
  if (
    !Array.isArray(denylist) ||
    denylist.length > MAX_FACT_EVENTS ||
    !denylist.every((address) => typeof address === 'string' && address.length <= 320)
  )
    throw new InputError('fact.denylist', 'a list of addresses');
  return {
    fact: 'feedback',
    delivery,
    at,
    key,
    recipients: column('recipients', recipients, below(2 ** 32)),
    types: column('types', types, below(FEEDBACK_EVENT_TYPES.length)),
    times: column('times', times, isValidTime),
    reasons: column('reasons', reasons, below(FAILURE_REASONS.length + 1)),
    ids: ids as (string | null)[] | null,
    denylist: denylist as string[],
  };
}
