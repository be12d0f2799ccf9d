/**
 * What becomes due with time, run on open and on every tick (SPEC §3, §5): a confirmed delivery
 * whose contact date has come starts (also when the page was closed at that moment), recurring
 * deliveries get their occurrences, validity periods end, open and click rates are published.
 */
import { emptyTally } from '../rules/indicators.js';
import { transitionFor } from '../rules/lifecycle.js';
import type { ChangeKind, User } from '../types.js';
import { prepareInTransaction, type PrepareTx } from './preparation.js';
import { refreshEngagementIfDue, startDelivery } from './progress.js';
import type { DeliveryRecord } from './records.js';
import { nextSlot, occurrenceKey } from './recurrence.js';
import { systemActor } from './transitions.js';
import { endValidityInTransaction } from './validity.js';

/** The identity recurring occurrences are prepared under: it may prepare, never confirm. */
export const WORKFLOW_USER: User = { name: 'workflow', roles: ['workflow'] };

export type Changes = Map<string, Set<ChangeKind>>;

/** The end of the validity period finishes a delivery from the states 'finish' leaves. */
const VALIDITY_ENDS_IN = transitionFor('finish').from;

function note(changes: Changes, id: string, ...kinds: ChangeKind[]): void {
  const set = changes.get(id) ?? new Set<ChangeKind>();
  for (const kind of kinds) set.add(kind);
  changes.set(id, set);
}

export function isRecurringTemplate(record: DeliveryRecord): boolean {
  return record.recurrence !== null && record.parentId === null;
}

export async function tickInTransaction(tx: PrepareTx, now: number): Promise<Changes> {
  const changes: Changes = new Map();
  const deliveries = tx.objectStore('deliveries');
  // One copy of each record for the whole tick: an occurrence may be touched twice in it.
  const records = new Map((await deliveries.getAll()).map((record) => [record.id, record]));
  const dirty = new Set<DeliveryRecord>();
  for (const record of [...records.values()]) {
    if (isRecurringTemplate(record)) {
      if (
        record.state === 'start-pending' &&
        record.nextOccurrenceAt !== null &&
        record.nextOccurrenceAt <= now
      ) {
        const occurrence = await runOccurrence(tx, record, records, now, changes);
        dirty.add(record).add(occurrence);
      }
    } else if (record.state === 'start-pending' && (record.contactDate ?? 0) <= now) {
      startDelivery(record, systemActor(record.confirmedBy ?? 'system'), now);
      note(changes, record.id, 'state', 'indicators');
      dirty.add(record);
    }
  }
  for (const record of records.values()) {
    if (VALIDITY_ENDS_IN.includes(record.state) && record.endsAt !== null && record.endsAt <= now) {
      await endValidityInTransaction(tx, record, now);
      note(changes, record.id, 'state', 'logs', 'indicators');
      dirty.add(record);
    }
    if (refreshEngagementIfDue(record, now)) {
      note(changes, record.id, 'indicators');
      dirty.add(record);
    }
  }
  await Promise.all([...dirty].map((record) => deliveries.put(record)));
  return changes;
}

/** Creates (or groups into) the occurrence due now, and arms the next one. */
async function runOccurrence(
  tx: PrepareTx,
  template: DeliveryRecord,
  records: Map<string, DeliveryRecord>,
  now: number,
  changes: Changes,
): Promise<DeliveryRecord> {
  const recurrence = template.recurrence!;
  let slot = template.nextOccurrenceAt!;
  // Runs missed while no page was open are not sent late: only the latest due one is.
  while (nextSlot(slot, recurrence.every) <= now) slot = nextSlot(slot, recurrence.every);
  template.nextOccurrenceAt = nextSlot(slot, recurrence.every);
  const key = occurrenceKey(slot, recurrence.aggregation);
  const id = `${template.id}@${key}`;
  const existing = records.get(id);
  if (existing) {
    existing.journal.push({
      at: now,
      user: WORKFLOW_USER.name,
      action: 'group',
      from: existing.state,
      to: existing.state,
      message: `Run of ${new Date(slot).toISOString()} grouped into this occurrence (aggregation by ${recurrence.aggregation})`,
    });
    note(changes, id, 'state');
    return existing;
  }
  const occurrence: DeliveryRecord = {
    ...template,
    id,
    label: `${template.label} (${key})`,
    state: 'editing',
    contactDate: null,
    recurrence: null,
    parentId: template.id,
    occurrenceKey: key,
    createdAt: now,
    createdBy: WORKFLOW_USER.name,
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
  await prepareInTransaction(tx, occurrence, WORKFLOW_USER, now);
  if (occurrence.state === 'prepared' && !recurrence.requestConfirmation) {
    startDelivery(occurrence, WORKFLOW_USER, now, 'start-unconfirmed');
  }
  records.set(id, occurrence);
  note(changes, id, 'created', 'state', 'indicators', 'logs');
  note(changes, template.id, 'state');
  return occurrence;
}
