/**
 * Records read from a store someone else owns (a portal page's IndexedDB, seen from the
 * extension) are untrusted: the page may have written anything under sendkit's names. Each is
 * read field by field into the kit's own shape, so what the elements render always has the types
 * they expect: a field of the wrong type gets a neutral value (a text for a label, `failed` for a
 * state the kit does not know, null for a time that is not one), a journal keeps only its
 * well-formed entries, and a record without an id is left out. Text is rendered as text by Lit
 * templates, so markup in it stays harmless.
 */
import { DEFAULT_GUARD } from '../rules/guard.js';
import { TRANSITIONS } from '../rules/lifecycle.js';
import { readPace } from '../rules/pace-input.js';
import { isOneOf, isValidTime } from '../rules/valid-input.js';
import { count, fieldsOf, text, textOrNull, time } from './untrusted-values.js';
import type { DeliverySnapshot } from '../sendkit-store.js';
import {
  AGGREGATIONS,
  CHANNELS,
  DELIVERY_MODES,
  DELIVERY_STATES,
  GUARD_MEASURES,
  RECURRENCE_PERIODS,
  type Delivery,
  type DeliveryMode,
  type GuardTrip,
  type Indicators,
  type JournalEntry,
  type Pace,
  type Recurrence,
  type ReputationGuard,
} from '../types.js';

const ACTIONS = TRANSITIONS.map((transition) => transition.action);

function recurrenceOf(value: unknown): Recurrence | null {
  const fields = fieldsOf(value);
  if (!fields) return null;
  const { every, aggregation, requestConfirmation } = fields;
  if (!isOneOf(RECURRENCE_PERIODS, every) || !isOneOf(AGGREGATIONS, aggregation)) return null;
  return { every, aggregation, requestConfirmation: requestConfirmation === true };
}

function guardOf(value: unknown): ReputationGuard | null {
  const fields = fieldsOf(value);
  if (!fields) return null;
  return {
    hardBounceRate: count(fields['hardBounceRate']),
    bounceRate: count(fields['bounceRate']),
    minRelayed: count(fields['minRelayed']),
    complaintRate: count(fields['complaintRate'] ?? DEFAULT_GUARD.complaintRate),
  };
}

function guardPauseOf(value: unknown): GuardTrip | null {
  const fields = fieldsOf(value);
  if (!fields || !isOneOf(GUARD_MEASURES, fields['measure'])) return null;
  return {
    measure: fields['measure'],
    rate: count(fields['rate']),
    threshold: count(fields['threshold']),
    relayed: count(fields['relayed']),
  };
}

/** A pace that passes the kit's own input check, else none (a page may have written anything). */
function paceOf(value: unknown): Pace | null {
  try {
    return readPace(value);
  } catch {
    return null;
  }
}

function journalOf(value: unknown): JournalEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): JournalEntry[] => {
    const fields = fieldsOf(entry);
    if (!fields || !isOneOf(ACTIONS, fields['action']) || !isValidTime(fields['at'])) return [];
    const { from, to } = fields;
    if (!isOneOf(DELIVERY_STATES, to) || (from !== null && !isOneOf(DELIVERY_STATES, from)))
      return [];
    return [
      {
        at: fields['at'],
        user: text(fields['user']),
        action: fields['action'],
        from,
        to,
        message: text(fields['message']),
      },
    ];
  });
}

/** A delivery in the kit's shape, or null when the value has no id to name it by. */
export function deliveryFromData(value: unknown): Delivery | null {
  const fields = fieldsOf(value);
  if (!fields || typeof fields['id'] !== 'string' || fields['id'] === '') return null;
  const { state, channel, mode } = fields;
  return {
    id: fields['id'],
    label: text(fields['label'], '(no label)'),
    channel: isOneOf(CHANNELS, channel) ? channel : 'email',
    mode: isOneOf(DELIVERY_MODES, mode) ? mode : 'standard',
    state: isOneOf(DELIVERY_STATES, state) ? state : 'failed',
    recipientCount: count(fields['recipientCount']),
    validityHours: count(fields['validityHours']),
    contactDate: time(fields['contactDate']),
    recurrence: recurrenceOf(fields['recurrence']),
    parentId: textOrNull(fields['parentId']),
    createdAt: time(fields['createdAt']) ?? 0,
    createdBy: text(fields['createdBy']),
    startedAt: time(fields['startedAt']),
    endsAt: time(fields['endsAt']),
    nextOccurrenceAt: time(fields['nextOccurrenceAt']),
    preparationError: textOrNull(fields['preparationError']),
    guard: guardOf(fields['guard']),
    guardPause: guardPauseOf(fields['guardPause']),
    pace: paceOf(fields['pace']),
    // A stored record names its relay log; a delivery as the API shows it says true.
    shared:
      fields['shared'] === true ||
      (typeof fields['shared'] === 'string' && fields['shared'] !== ''),
    journal: journalOf(fields['journal']),
  };
}

const COUNTS = [
  'targeted',
  'excluded',
  'toDeliver',
  'relayed',
  'relayedPercent',
  'delivered',
  'deliveredPercent',
  'bounces',
  'bouncesPercent',
  'pending',
  'failed',
  'retrying',
  'opens',
  'clicks',
  'complaints',
] as const;

/** Indicators in the kit's shape: a count that is not a finite number shows as 0. */
export function indicatorsFromData(value: unknown): Indicators {
  const fields = fieldsOf(value) ?? {};
  const rate = (given: unknown) => (given === null ? null : count(given));
  return {
    ...(Object.fromEntries(COUNTS.map((name) => [name, count(fields[name])])) as Record<
      (typeof COUNTS)[number],
      number
    >),
    complaintRate: rate(fields['complaintRate']),
    openRate: rate(fields['openRate']),
    clickRate: rate(fields['clickRate']),
    engagementRefreshedAt: time(fields['engagementRefreshedAt']),
  };
}

/** A snapshot in the kit's shape, or null when its delivery has no id. */
export function snapshotFromData(value: unknown): DeliverySnapshot | null {
  const fields = fieldsOf(value);
  const delivery = deliveryFromData(fields?.['delivery']);
  if (!fields || !delivery) return null;
  const byMode = fieldsOf(fields['byMode']) ?? {};
  return {
    delivery,
    indicators: indicatorsFromData(fields['indicators']),
    byMode: Object.fromEntries(
      DELIVERY_MODES.map((mode) => [mode, indicatorsFromData(byMode[mode])]),
    ) as Record<DeliveryMode, Indicators>,
  };
}
