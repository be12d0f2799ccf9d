/**
 * What becomes due with time, run on open and on every tick (SPEC §3, §5): a confirmed delivery
 * whose contact date has come starts (also when the page was closed at that moment), recurring
 * deliveries get their occurrences, validity periods end, open and click rates are published.
 */
import { START_STATES } from '../rules/lifecycle.js';
import type { User } from '../types.js';
import { ChangeSet } from './changes.js';
import { prepareInTransaction, type PrepareTx } from './preparation.js';
import { refreshEngagementIfDue, startDelivery, validityOver } from './progress.js';
import { nextSlot, occurrenceKey } from './recurrence.js';
import { isShared, notStarted, type DeliveryRecord } from './schema.js';
import { alertOf, validityEndsSoon } from './alerts.js';
import { systemTransition } from './transitions.js';
import { endValidityInTransaction } from './validity.js';

/** The identity recurring occurrences are prepared under: it may prepare, never confirm. */
export const WORKFLOW_USER: User = Object.freeze({
  name: 'workflow',
  roles: Object.freeze(['workflow'] as const),
});

export function isRecurringTemplate(record: DeliveryRecord): boolean {
  return record.recurrence !== null && record.parentId === null;
}

const isDue = (time: number | null, now: number): boolean => (time ?? 0) <= now;

/** What time calls for now of a confirmed delivery: a recurring one's run, another's start. */
export function dueToStart(record: DeliveryRecord, now: number): 'run' | 'start' | null {
  if (!START_STATES.includes(record.state)) return null;
  if (isRecurringTemplate(record))
    return record.nextOccurrenceAt !== null && isDue(record.nextOccurrenceAt, now) ? 'run' : null;
  return isDue(record.contactDate, now) ? 'start' : null;
}

/**
 * What follows Confirm send: a recurring delivery arms its first occurrence; any other starts
 * at once when its contact date has come (else the tick starts it then).
 */
export function followConfirmation(record: DeliveryRecord, now: number): void {
  if (isRecurringTemplate(record)) record.nextOccurrenceAt = record.contactDate ?? now;
  else if (isDue(record.contactDate ?? now, now)) startDelivery(record, now);
}

export async function tickInTransaction(tx: PrepareTx, now: number): Promise<ChangeSet> {
  const changes = new ChangeSet();
  const deliveries = tx.objectStore('deliveries');
  // One copy of each record for the whole tick: an occurrence may be touched twice in it.
  const records = new Map((await deliveries.getAll()).map((record) => [record.id, record]));
  const dirty = new Set<DeliveryRecord>();
  // A shared delivery moves with its relay's facts only: this clock decides nothing for it.
  const own = [...records.values()].filter((record) => !isShared(record));
  for (const record of own) {
    const due = dueToStart(record, now);
    if (due === 'run') {
      const occurrence = await runOccurrence(tx, record, records, now, changes);
      dirty.add(record).add(occurrence);
    } else if (due === 'start') {
      startDelivery(record, now);
      changes.note(record.id, 'state', 'indicators');
      dirty.add(record);
    }
  }
  for (const record of records.values()) {
    if (isShared(record)) continue;
    if (validityOver(record, now)) {
      await endValidityInTransaction(tx, record, now);
      changes
        .note(record.id, 'state', 'logs', 'indicators')
        .alert(alertOf(record, 'finished', now));
      dirty.add(record);
    } else if (validityEndsSoon(record, now)) {
      record.validityWarned = true;
      changes.alert(alertOf(record, 'validity-ending', now));
      dirty.add(record);
    }
    if (refreshEngagementIfDue(record, now)) {
      changes.note(record.id, 'indicators');
      dirty.add(record);
    }
  }
  await Promise.all([...dirty].map((record) => deliveries.put(record)));
  return changes;
}

/** The occurrence a recurring delivery's run at `now` belongs to, and the run after it. */
export interface OccurrencePlan {
  /** The occurrence's id: the template's and its schedule period's. */
  readonly id: string;
  readonly key: string;
  /** The run's slot (runs missed while no page was open are not sent late). */
  readonly slot: number;
  /** When the next run is due. */
  readonly next: number;
}

export function planOccurrence(template: DeliveryRecord, now: number): OccurrencePlan {
  const recurrence = template.recurrence!;
  let slot = template.nextOccurrenceAt!;
  while (nextSlot(slot, recurrence.every) <= now) slot = nextSlot(slot, recurrence.every);
  const key = occurrenceKey(slot, recurrence.aggregation);
  // Letters, digits and dashes only, so the id can travel as a provider's message tag.
  const id = `${template.id}-${key.replace(/[^0-9A-Za-z]/g, '')}`;
  return { id, key, slot, next: nextSlot(slot, recurrence.every) };
}

/** A run grouped into an occurrence that exists (aggregation by day or month): journaled. */
export function groupRun(
  existing: DeliveryRecord,
  template: DeliveryRecord,
  plan: OccurrencePlan,
  now: number,
): void {
  systemTransition(existing, 'group', now, {
    by: WORKFLOW_USER.name,
    detail: `${new Date(plan.slot).toISOString()} grouped into this occurrence (aggregation by ${template.recurrence!.aggregation})`,
  });
}

/** A new occurrence's record, before its preparation: the template's definition, its own key. */
export function occurrenceRecord(
  template: DeliveryRecord,
  plan: OccurrencePlan,
  now: number,
): DeliveryRecord {
  return {
    ...template,
    ...notStarted(),
    id: plan.id,
    label: `${template.label} (${plan.key})`,
    state: 'editing',
    contactDate: null,
    recurrence: null,
    parentId: template.id,
    occurrenceKey: plan.key,
    createdAt: now,
    createdBy: WORKFLOW_USER.name,
    nextOccurrenceAt: null,
    journal: [],
  };
}

/**
 * What follows an occurrence's preparation: sent at once without "request confirmation", else
 * it waits in prepared for a user with Start deliveries, announced.
 */
export function afterOccurrencePrepared(
  occurrence: DeliveryRecord,
  template: DeliveryRecord,
  now: number,
  changes: ChangeSet,
): void {
  if (occurrence.state === 'prepared' && !template.recurrence!.requestConfirmation) {
    startDelivery(occurrence, now, 'start-unconfirmed', WORKFLOW_USER.name);
  } else if (occurrence.state === 'prepared') {
    changes.alert(alertOf(occurrence, 'awaiting-confirmation', now));
  }
  changes.note(occurrence.id, 'created', 'state', 'indicators', 'logs');
  changes.note(template.id, 'state');
}

/** Creates (or groups into) the occurrence due now, and arms the next one. */
async function runOccurrence(
  tx: PrepareTx,
  template: DeliveryRecord,
  records: Map<string, DeliveryRecord>,
  now: number,
  changes: ChangeSet,
): Promise<DeliveryRecord> {
  const plan = planOccurrence(template, now);
  template.nextOccurrenceAt = plan.next;
  const existing = records.get(plan.id);
  if (existing) {
    groupRun(existing, template, plan, now);
    changes.note(plan.id, 'state');
    return existing;
  }
  const occurrence = occurrenceRecord(template, plan, now);
  await prepareInTransaction(tx, occurrence, WORKFLOW_USER, now);
  afterOccurrencePrepared(occurrence, template, now, changes);
  records.set(plan.id, occurrence);
  return occurrence;
}
