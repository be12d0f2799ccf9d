/**
 * The fold: what each fact of a relay's log does to a shared delivery, written once for every
 * replica of it. A browser folds into IndexedDB (store/replica-space.ts) and a relay into memory
 * (ledger.ts), through the same calls of the model (the life-cycle table's one `move`, preparation's
 * layout, the feedback loop), with the fact's time as "now" and its user as the one who acted.
 * So every replica that folds the same log in the same order holds the same deliveries.
 *
 * A fact the table does not allow from the delivery's state where it lands (two relays decided
 * at once; a delivery deleted since) changes nothing, in every replica alike, and is counted.
 */
import { StateError } from '../errors.js';
import { guardDetail } from '../rules/guard.js';
import { snapshotEngagement } from '../rules/indicators.js';
import { transitionFor, type LifecycleAction } from '../rules/lifecycle.js';
import type { BuiltAudience } from '../store/audience.js';
import type { ChangeSet } from '../store/changes.js';
import { alertOf } from '../store/alerts.js';
import { acknowledgeGuard } from '../store/guarding.js';
import { startDelivery } from '../store/progress.js';
import {
  afterOccurrencePrepared,
  followConfirmation,
  groupRun,
  isRecurringTemplate,
  occurrenceRecord,
  planOccurrence,
  WORKFLOW_USER,
} from '../store/scheduler.js';
import {
  notStarted,
  type AudienceRecord,
  type DeliveryRecord,
  type StateChunk,
} from '../store/schema.js';
import { actor, prepare, sharedCreation } from './fold-records.js';
import { systemTransition, userTransition } from '../store/transitions.js';
import { chunksRetrying, endRetriesOf, finishAtValidityEnd } from '../store/validity.js';
import type { Counters } from '../store/counters.js';
import { USER_FACTS, type Fact, type FeedbackFact, type LifecycleFact } from './facts.js';

/** Where a replica keeps what it folds: IndexedDB in a browser, memory in a relay. */
export interface ReplicaSpace {
  /** The id of the relay log being folded: shared records are marked with it. */
  readonly log: string;
  get(id: string): Promise<DeliveryRecord | undefined>;
  put(record: DeliveryRecord): Promise<void>;
  /** A new delivery with its address list. */
  create(record: DeliveryRecord, audience: BuiltAudience): Promise<void>;
  audience(id: string): Promise<AudienceRecord | undefined>;
  /** The addresses of a list by its hash (fetched before the fold: a fold never waits on a network). */
  list(hash: string): readonly string[];
  /** Replaces the delivery's sending-log chunks (and forgets its timeline); none: drops them. */
  lay(record: DeliveryRecord, chunks: readonly StateChunk[]): Promise<void>;
  chunk(record: DeliveryRecord, index: number): Promise<StateChunk | undefined>;
  putChunk(record: DeliveryRecord, index: number, chunk: StateChunk): Promise<void>;
  /** Counters to move with the chunks, and keeping what they moved. */
  counters(record: DeliveryRecord): Counters;
  saveCounters(counters: Counters): Promise<void>;
  /** Removes the delivery, its logs, and its list once nothing else uses it. */
  remove(record: DeliveryRecord): Promise<void>;
  /** Compute stats: every counter again from the logs. */
  recount(record: DeliveryRecord): Promise<void>;
  /** Applies consecutive feedback facts (in log order) to their deliveries' messages. */
  feedback(facts: readonly FeedbackFact[], changes: ChangeSet): Promise<void>;
}

/** Facts a fold let pass without change (not allowed where they landed), for the counts. */
export interface FoldResult {
  readonly folded: number;
  readonly skipped: number;
}

/**
 * The life-cycle table's action a fact takes, which must be allowed from the state it lands in:
 * a user fact's own action (Compute stats is none), and the system's.
 */
const ACTION_OF: Readonly<Partial<Record<LifecycleFact['fact'], LifecycleAction>>> = {
  ...Object.fromEntries(
    Object.entries(USER_FACTS).filter(([, action]) => action !== 'compute-stats'),
  ),
  started: 'start',
  'guard-paused': 'guard-pause',
  finished: 'finish',
  'validity-ended': 'finish',
};

/** Folds facts in order; runs of feedback facts are applied together. */
export async function foldFacts(
  space: ReplicaSpace,
  facts: readonly Fact[],
  changes: ChangeSet,
): Promise<FoldResult> {
  let skipped = 0;
  for (let index = 0; index < facts.length;) {
    const fact = facts[index]!;
    if (fact.fact === 'feedback') {
      let end = index + 1;
      while (end < facts.length && facts[end]!.fact === 'feedback') end++;
      await space.feedback(facts.slice(index, end) as FeedbackFact[], changes);
      index = end;
      continue;
    }
    if (!(await foldLifecycle(space, fact, changes))) skipped++;
    index++;
  }
  return { folded: facts.length - skipped, skipped };
}

/** Folds one numbered fact; false when it changes nothing where it landed. */
async function foldLifecycle(
  space: ReplicaSpace,
  fact: LifecycleFact,
  changes: ChangeSet,
): Promise<boolean> {
  if (fact.fact === 'created') {
    if (await space.get(fact.delivery)) return false;
    const { record, audience } = sharedCreation(fact.delivery, fact.definition, fact, space);
    await space.create(record, audience);
    changes.note(record.id, 'created');
    return true;
  }
  const record = await space.get(fact.delivery);
  if (!record || record.shared !== space.log) return false;
  const action = ACTION_OF[fact.fact];
  if (action && !transitionFor(action).from.includes(record.state)) return false;
  try {
    await apply(space, record, fact, changes);
  } catch (error) {
    // The table refused a step that follows (a system transition): nothing is kept of the fact.
    if (error instanceof StateError) return false;
    throw error;
  }
  if (fact.fact !== 'deleted') await space.put(record);
  return true;
}

async function apply(
  space: ReplicaSpace,
  record: DeliveryRecord,
  fact: LifecycleFact,
  changes: ChangeSet,
): Promise<void> {
  const { at, by } = fact;
  switch (fact.fact) {
    case 'prepared':
      await prepare(space, record, actor(by), at, fact.exclusions);
      changes.note(record.id, 'state', 'logs', 'indicators');
      return;
    case 'occurrence': {
      if (!isRecurringTemplate(record) || record.nextOccurrenceAt === null)
        throw new StateError('run', record.state, record.id);
      const plan = planOccurrence(record, at);
      record.nextOccurrenceAt = plan.next;
      const existing = await space.get(plan.id);
      if (existing) {
        groupRun(existing, record, plan, at);
        await space.put(existing);
        changes.note(plan.id, 'state');
        return;
      }
      const occurrence = occurrenceRecord(record, plan, at);
      await space.put(occurrence);
      await prepare(space, occurrence, WORKFLOW_USER, at, fact.exclusions);
      afterOccurrencePrepared(occurrence, record, at, changes);
      await space.put(occurrence);
      return;
    }
    case 'confirmed':
      userTransition(record, 'confirm', actor(by), at);
      followConfirmation(record, at);
      changes.note(record.id, 'state', 'indicators');
      return;
    case 'paused':
    case 'stopped':
      userTransition(record, USER_FACTS[fact.fact], actor(by), at);
      changes.note(record.id, 'state', 'indicators');
      return;
    case 'resumed':
      userTransition(record, 'resume', actor(by), at);
      acknowledgeGuard(record, by, at);
      changes.note(record.id, 'state', 'indicators');
      return;
    case 'rescheduled':
      userTransition(record, 'reschedule', actor(by), at);
      Object.assign(record, notStarted(), { contactDate: fact.contactDate });
      await space.lay(record, []);
      changes.note(record.id, 'state', 'logs', 'indicators');
      return;
    case 'deleted':
      userTransition(record, 'delete', actor(by), at);
      await space.remove(record);
      changes.note(record.id, 'deleted');
      return;
    case 'stats-computed':
      await space.recount(record);
      if (record.startedAt !== null)
        record.engagement = snapshotEngagement(record.tally, record.mode, at);
      changes.note(record.id, 'indicators');
      return;
    case 'started':
      startDelivery(record, at);
      changes.note(record.id, 'state', 'indicators');
      return;
    case 'guard-paused':
      systemTransition(record, 'guard-pause', at, {
        by: 'system',
        detail: guardDetail(fact.trip),
        guardPause: fact.trip,
      });
      changes.alert(alertOf(record, 'guard-paused', at, guardDetail(fact.trip)));
      return;
    case 'finished':
      systemTransition(record, 'finish', at);
      changes.alert(alertOf(record, 'finished', at));
      return;
    case 'validity-ended': {
      const counters = space.counters(record);
      const endedAt = Math.min(at, record.endsAt ?? at);
      for (const index of chunksRetrying(record)) {
        const chunk = await space.chunk(record, index);
        if (!chunk) continue;
        endRetriesOf(record, chunk, index, counters, endedAt);
        await space.putChunk(record, index, chunk);
      }
      await space.saveCounters(counters);
      finishAtValidityEnd(record, at);
      changes.note(record.id, 'logs', 'indicators').alert(alertOf(record, 'finished', at));
      return;
    }
    case 'refreshed':
      if (record.startedAt === null) throw new StateError('refresh', record.state, record.id);
      record.engagement = snapshotEngagement(record.tally, record.mode, at);
      changes.note(record.id, 'indicators');
      return;
  }
}
