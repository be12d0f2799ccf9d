/**
 * The delivery store: the public API of the model. Every call checks its arguments first (typed
 * errors) and names the stores it works on; every write goes through one path
 * (store-access.ts): one IndexedDB transaction with the counters it moves, then the changes it
 * reports are announced. The reads are StoreReads' (store-reads.ts), which a watching page ships
 * alone; this class adds the writes. The operations live in their own modules; this file only
 * wires them.
 * Over 300 lines because the API is wide (one method per call of the README's table, each with
 * its documentation), not deep: no method holds more than its checks and one call.
 */
import { InputError, RelayError } from '../errors.js';
import type { SharedAction } from '../replication/facts.js';
import type { StoryRates as MtaRates } from '../simulator/stories.js';
import type { UserAction } from '../rules/lifecycle.js';
import { oneOf, readId, readOptions, wholeNumber } from '../rules/valid-input.js';
import { DAY_MS } from '../clock.js';
import type { FeedPosition, FeedTarget, SendkitStore } from '../sendkit-store.js';
import {
  FEEDBACK_REFUSALS,
  type Delivery,
  type DeliveryInput,
  type DueBatch,
  type FeedbackColumns,
  type FeedbackEvent,
  type FeedbackOptions,
  type FeedbackResult,
  type Indicators,
  type User,
} from '../types.js';
import { newId } from '../ids.js';
import { setAddressStatusInTransaction } from './address-lists.js';
import { indicatorsOf } from '../rules/indicators.js';
import { alertOf } from './alerts.js';
import { normalizeAddress } from './address-scan.js';
import { ChangeSet } from './changes.js';
import { createInTransaction, planCreation } from './creation.js';
import { checkContactDate, checkDeliveryInput } from './delivery-input.js';
import { deleteInTransaction } from './deletion.js';
import { DEFAULT_LEASE_MS, DEFAULT_TAKE, MAX_TAKE, takeDueInTransaction } from './dispatch.js';
import { applyFeedbackInTransaction } from './feedback-apply.js';
import { readFeedbackBatch } from './feedback-validation.js';
import { acknowledgeGuard } from './guarding.js';
import { findRecipientsInTransaction } from './history.js';
import { prepareInTransaction } from './preparation.js';
import {
  createShared,
  readCreateOptions,
  REPLICA_STORES,
  REPLICA_WRITE,
  type RelayLink,
  type ReplicaTx,
} from './relay-link.js';
import { failDelivery } from './progress.js';
import { checkAddress, checkAddresses, checkAddressStatus, checkCursor } from './queries.js';
import { computeStatsInTransaction } from './recount.js';
import { rescheduleInTransaction } from './rescheduling.js';
import { followConfirmation, tickInTransaction } from './scheduler.js';
import { CORE_STORES, toDelivery, type DeliveryRecord } from './schema.js';
import { changed, type Outcome } from './store-access.js';
import { readStoreOptions, type StoreOptions } from './store-options.js';
import { StoreReads } from './store-reads.js';
import type { Stores } from './transactions.js';
import { checkPermission, userTransition } from './transitions.js';

export type { StoreOptions } from './store-options.js';

type UserActionBody = (record: DeliveryRecord, user: User, now: number) => void;

/**
 * Opens the store and runs what became due while no page had it open. With `persist`, the
 * browser is asked to keep the data, and nothing waits for its answer: Firefox asks the user,
 * who may never answer. The answer arrives in `persistence` (and `persisted`) when it comes.
 */
export async function openStore(options: StoreOptions = {}): Promise<DeliveryStore> {
  const given = readStoreOptions(options);
  const store = new DeliveryStore(given);
  if (given.persist) void store.persist();
  await store.tick();
  return store;
}

export class DeliveryStore extends StoreReads implements SendkitStore, FeedTarget {
  /** Whether the browser agreed to keep the data; null until it answered `persist`. */
  persisted: boolean | null = null;
  /** The browser's answer to `persist`, once asked (it may wait for the user); else null. */
  persistence: Promise<boolean> | null = null;

  /**
   * Asks the browser to keep the kit's data under storage pressure; resolves with whether it
   * agreed (asked once: a second call gives the same answer).
   */
  persist(): Promise<boolean> {
    this.persistence ??= (async () => {
      try {
        this.persisted = (await navigator.storage?.persist?.()) ?? false;
      } catch {
        this.persisted = false;
      }
      return this.persisted;
    })();
    return this.persistence;
  }

  /** The relay shared deliveries' actions go to (connectRelay sets it); null: none. */
  private link: RelayLink | null = null;

  /** connectRelay's: from now on, shared deliveries' actions go through this link. */
  useRelay(link: RelayLink | null): void {
    this.link = link;
  }

  /**
   * Creates a delivery. With a relay connected (connectRelay) it is shared by default: the relay
   * checks the user's verified role, appends its creation, and this resolves once this store
   * holds its replica; `{ shared: false }` keeps it in this store alone. `simulation` gives a
   * shared delivery the rates of the relay's simulated MTA (a relay started with `--simulate`).
   */
  async createDelivery(
    user: User,
    input: DeliveryInput,
    options: { shared?: boolean; simulation?: Partial<MtaRates> | null } = {},
  ): Promise<Delivery> {
    const actor = checkPermission('create', user);
    const checked = checkDeliveryInput(input);
    const { shared, simulation } = readCreateOptions(options, this.link !== null);
    if (shared) return this.getDelivery(await createShared(this.link!, checked, simulation));
    const plan = planCreation(checked, actor, newId(), this.now());
    return this.access.write(
      'create a delivery',
      ['deliveries', 'audiences', 'addressChunks', 'addressBuckets'],
      (tx) => createInTransaction(tx, plan),
      'relaxed',
    );
  }

  async prepare(user: User, id: string): Promise<Delivery> {
    const actor = checkPermission('prepare', user);
    return this.orRelay('prepare', id, () =>
      this.access.writeDelivery(
        'prepare the delivery',
        id,
        PREPARE_STORES,
        async (record, tx, now) => {
          await prepareInTransaction(tx, record, actor, now);
          return changed(record, 'state', 'logs', 'indicators');
        },
      ),
    );
  }

  /** Confirm send: only `prepared`, only with Start deliveries (SPEC §1–3). */
  async confirm(user: User, id: string): Promise<Delivery> {
    const delivery = await this.userAction('confirm', user, id, (record, _actor, now) =>
      followConfirmation(record, now),
    );
    if (delivery.recurrence) await this.tick();
    return delivery;
  }

  async pause(user: User, id: string): Promise<Delivery> {
    return this.userAction('pause', user, id);
  }

  /** Resume; after a guarded pause, it also acknowledges the guard at today's rates. */
  async resume(user: User, id: string): Promise<Delivery> {
    return this.userAction('resume', user, id, (record, actor, now) =>
      acknowledgeGuard(record, actor.name, now),
    );
  }

  async stop(user: User, id: string): Promise<Delivery> {
    return this.userAction('stop', user, id);
  }

  /**
   * Records a platform error (the MTA or the platform failed): the delivery ends in `failed`,
   * a final state. A system action, so it takes no user; the journal names the detail.
   */
  async reportPlatformError(id: string, detail: string): Promise<Delivery> {
    if (typeof detail !== 'string' || detail.trim() === '' || detail.length > 1_000) {
      throw new InputError('detail', 'a non-empty text of at most 1,000 characters');
    }
    return this.access.writeDelivery('record a platform error', id, [], async (record, tx, now) => {
      failDelivery(record, detail.trim(), now);
      await tx.objectStore('deliveries').put(record);
      const outcome = changed(record, 'state');
      outcome.changes.alert(alertOf(record, 'failed', now, detail.trim()));
      return outcome;
    });
  }

  /** Changes the contact date: a prepared delivery goes back to editing (SPEC §2). */
  async reschedule(user: User, id: string, contactDate: number | null): Promise<Delivery> {
    const actor = checkPermission('reschedule', user);
    const date = checkContactDate(contactDate);
    const local = () =>
      this.access.writeDelivery(
        'reschedule the delivery',
        id,
        ['stateChunks', 'timeline'],
        async (record, tx, now) => {
          const changes = await rescheduleInTransaction(tx, record, actor, date, now);
          return { result: toDelivery(record), changes };
        },
      );
    return this.orRelay('reschedule', id, local, { contactDate: date });
  }

  async deleteDelivery(user: User, id: string): Promise<void> {
    const actor = checkPermission('delete', user);
    const local = () =>
      this.access.writeDelivery(
        'delete the delivery',
        id,
        [
          'audiences',
          'addressChunks',
          'addressBuckets',
          'stateChunks',
          'eventIds',
          'dispatch',
          'timeline',
        ],
        async (record, tx, now) => ({
          result: undefined,
          changes: await deleteInTransaction(tx, record, actor, now),
        }),
      );
    return this.orRelay('delete', id, local);
  }

  /**
   * Applies a batch of MTA feedback atomically, with the denylist additions and the feed
   * position it carries, in one transaction. A malformed batch is refused whole with a
   * FeedbackError naming the first bad event, and leaves the store exactly as it was; so is a
   * batch with an event the model refuses, unless `refuse: 'event'` asks to skip and report
   * such events instead. The batch is copied before anything else: changing it after the call
   * changes nothing.
   */
  async applyFeedback(
    events: readonly FeedbackEvent[] | FeedbackColumns | readonly FeedbackColumns[],
    options: FeedbackOptions = {},
  ): Promise<FeedbackResult> {
    const given = readOptions('options', options, ['eventIds', 'cursor', 'denylist', 'refuse']);
    const batch = readFeedbackBatch(events, this.now(), given.eventIds);
    const cursor = checkCursor(given.cursor);
    const denylist = checkAddresses('options.denylist', given.denylist ?? [])
      .map((address) => normalizeAddress(address))
      .filter((address) => address !== '');
    const refuse = oneOf('options.refuse', FEEDBACK_REFUSALS, given.refuse ?? 'batch');
    const empty = { applied: 0, duplicates: 0, superseded: 0 };
    if (batch.length === 0 && !cursor && denylist.length === 0)
      return refuse === 'event' ? { ...empty, refused: [] } : empty;
    return this.access.write(
      'apply feedback',
      ['deliveries', 'stateChunks', 'eventIds', 'feedCursors', 'addressLists', 'timeline'],
      (tx, now) => applyFeedbackInTransaction(tx, batch, now, { cursor, denylist, refuse }),
      'relaxed',
    );
  }

  /** The last sequence of a feed (a relay's stream) applied with applyFeedback, or 0. */
  async readFeedCursor(feed: string): Promise<number> {
    return (await this.readFeedPosition(feed)).seq;
  }

  /** A feed's position and the id of the relay log it belongs to (null when none was named). */
  async readFeedPosition(feed: string): Promise<FeedPosition> {
    const key = readId(feed, 'feed');
    return this.access.read('read the feed position', async (db) => {
      const record = await db.get('feedCursors', key);
      return { seq: record?.seq ?? 0, log: record?.log ?? null };
    });
  }

  /** Compute stats: recomputes every indicator from the sending logs, opens and clicks too. */
  async computeStats(id: string): Promise<Indicators> {
    const local = () =>
      this.access.writeDelivery(
        'compute stats',
        id,
        ['stateChunks', 'timeline'],
        async (record, tx, now) => {
          await computeStatsInTransaction(tx, record, now);
          await tx.objectStore('deliveries').put(record);
          return {
            result: indicatorsOf(record),
            changes: new ChangeSet().note(record.id, 'indicators'),
          };
        },
      );
    return this.orRelay('compute-stats', id, local);
  }

  /**
   * Puts an address on or off the denylist or the quarantine (a list not named keeps its value);
   * the next preparation excludes listed addresses.
   */
  async setAddressStatus(
    address: string,
    status: { denylisted?: boolean; quarantined?: boolean },
  ): Promise<void> {
    const normalized = normalizeAddress(checkAddress(address));
    if (normalized === '') throw new InputError('address', 'must not be empty');
    const lists = checkAddressStatus(status);
    return this.access.write('update the address lists', ['addressLists'], (tx) =>
      setAddressStatusInTransaction(tx, normalized, lists),
    );
  }

  /**
   * The recipients of a delivery with each address (by the address index, normalised as
   * preparation does), and the positions preparation excluded: what a feedback import needs to
   * resolve a provider's event to a recipient without guessing.
   */
  async findRecipients(
    id: string,
    addresses: readonly string[],
  ): Promise<{ recipients: number[][]; excluded: number[] }> {
    const list = checkAddresses('addresses', addresses);
    return this.access.readDelivery(
      'find recipients',
      id,
      ['audiences', 'addressBuckets', 'addressChunks', 'stateChunks'],
      (record, tx) => findRecipientsInTransaction(tx, record, list),
    );
  }

  /**
   * Hands the next recipients the delivery's pace allows now to a sender (at most `max`, default
   * 1,000), each with its address and the correlation tags to attach, and marks them handed over
   * in the same transaction: two senders never get the same recipient. They are the caller's for
   * `leaseMs` of model time (default 10 minutes); those not reported relayed by then are handed
   * over again. Nothing is handed over unless the delivery is in progress (paused, stopped,
   * finished: an empty batch). The batch also says how many remain and when more are due.
   */
  async takeDue(id: string, options: { max?: number; leaseMs?: number } = {}): Promise<DueBatch> {
    const given = readOptions('options', options, ['max', 'leaseMs']);
    const max = wholeNumber('options.max', given.max ?? DEFAULT_TAKE, 1, MAX_TAKE);
    const leaseMs = wholeNumber(
      'options.leaseMs',
      given.leaseMs ?? DEFAULT_LEASE_MS,
      1_000,
      DAY_MS,
    );
    const key = readId(id);
    return this.access.write(
      'hand recipients over',
      ['deliveries', 'audiences', 'addressChunks', 'stateChunks', 'dispatch'],
      (tx, now) => takeDueInTransaction(tx, key, max, leaseMs, now),
    );
  }

  /** Runs what is due at the clock's time: starts, occurrences, validity ends, rate refreshes. */
  async tick(): Promise<void> {
    return this.access.write('run what is due', TICK_STORES, async (tx, now) => ({
      result: undefined,
      changes: await tickInTransaction(tx, now),
    }));
  }

  /** sendkit/replication's: one write over every replica store (see REPLICA_WRITE). */
  [REPLICA_WRITE]<T>(body: (tx: ReplicaTx) => Promise<Outcome<T>>): Promise<T> {
    return this.access.write('follow the relay', REPLICA_STORES, body, 'relaxed');
  }

  /**
   * Runs an action on a delivery of this store; on a shared one (which the write path refuses
   * here) the action goes to its relay instead, and this resolves with what the local action
   * would have, once this store folded the relay's fact.
   */
  private async orRelay<T>(
    action: SharedAction,
    id: string,
    local: () => Promise<T>,
    extra?: object,
  ): Promise<T> {
    try {
      return await local();
    } catch (error) {
      if (!(error instanceof RelayError) || error.problem !== 'shared') throw error;
    }
    if (!this.link)
      throw new RelayError(
        'not-connected',
        `Delivery '${id}' is shared: connect to its relay to act on it.`,
      );
    await this.link.act(action, id, extra);
    if (action === 'delete') return undefined as T;
    if (action === 'compute-stats') return this.readIndicators(id) as Promise<T>;
    return this.getDelivery(id) as Promise<T>;
  }

  /** A user's transition of one delivery: permission checked once, then the table applied. */
  private async userAction(
    action: Extract<UserAction, 'confirm' | 'pause' | 'resume' | 'stop'>,
    user: User,
    id: string,
    then?: UserActionBody,
  ): Promise<Delivery> {
    const actor = checkPermission(action, user);
    return this.orRelay(action, id, () =>
      this.access.writeDelivery(`${action} the delivery`, id, [], async (record, tx, now) => {
        userTransition(record, action, actor, now);
        then?.(record, actor, now);
        await tx.objectStore('deliveries').put(record);
        return changed(record, 'state', 'indicators');
      }),
    );
  }
}

const PREPARE_STORES = [
  'audiences',
  'addressBuckets',
  'addressChunks',
  'stateChunks',
  'addressLists',
  'timeline',
] as const satisfies readonly Stores[];
const TICK_STORES = [...CORE_STORES, 'timeline'] as const satisfies readonly Stores[];
