/**
 * The delivery store: the public API of the model. Every write is one IndexedDB transaction with
 * the counters it moves; every committed change is announced to subscribers (see changes.ts).
 */
import { systemClock, type Clock } from '../clock.js';
import { InputError, NotFoundError } from '../errors.js';
import { computeIndicators, snapshotEngagement } from '../rules/indicators.js';
import type { UserAction } from '../rules/lifecycle.js';
import type {
  ChangeKind,
  Delivery,
  DeliveryInput,
  DeliveryMode,
  FeedbackResult,
  Indicators,
  LogAfterQuery,
  LogPage,
  LogQuery,
  LogRow,
  ProfileHistoryEntry,
  RecipientStatus,
  User,
} from '../types.js';
import { buildAudience, generatedAddress, normalizeAddress } from './audience.js';
import { ChangeHub, type ChangeListener } from './changes.js';
import { Connection } from './connection.js';
import { checkRecipients, newDeliveryRecord } from './delivery-input.js';
import { applyFeedbackInTransaction } from './feedback-apply.js';
import { validateFeedbackShape } from './feedback-validation.js';
import { readHistoryInTransaction } from './history.js';
import { chunksOf } from './layout.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  countMatching,
  readAfter,
  readPage,
} from './log-reads.js';
import { prepareInTransaction } from './preparation.js';
import { startDelivery } from './progress.js';
import { toDelivery, type DeliveryRecord } from './records.js';
import { recountInTransaction } from './recount.js';
import { isRecurringTemplate, tickInTransaction, type Changes } from './scheduler.js';
import { inTransaction } from './transactions.js';
import { applyTransition, checkPermission, systemActor } from './transitions.js';

export interface StoreOptions {
  /** IndexedDB database name; pages sharing it share deliveries. Default `sendkit`. */
  readonly name?: string;
  /** Source of model time. Default: the system clock. */
  readonly clock?: Clock;
  /** How long a schema upgrade waits for other pages to close the database. Default 10 s. */
  readonly blockedTimeoutMs?: number;
}

const ALL_STORES = [
  'deliveries',
  'audiences',
  'addressChunks',
  'addressBuckets',
  'stateChunks',
  'addressLists',
] as const;

function pageBounds(query: LogQuery | LogAfterQuery): { limit: number } {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InputError('limit', `a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return { limit };
}

/** Opens the store and runs what became due while no page had it open. */
export async function openStore(options: StoreOptions = {}): Promise<DeliveryStore> {
  const store = new DeliveryStore(options);
  await store.tick();
  return store;
}

export class DeliveryStore {
  readonly name: string;
  readonly clock: Clock;
  private readonly connection: Connection;
  private readonly changes: ChangeHub;

  constructor(options: StoreOptions = {}) {
    this.name = options.name ?? 'sendkit';
    this.clock = options.clock ?? systemClock;
    this.connection = new Connection(this.name, { blockedTimeoutMs: options.blockedTimeoutMs });
    this.changes = new ChangeHub(this.name);
  }

  /** Calls `listener` after committed changes, coalesced, from this page and others. */
  subscribe(listener: ChangeListener): () => void {
    return this.changes.subscribe(listener);
  }

  async close(): Promise<void> {
    this.changes.close();
    await this.connection.close();
  }

  async createDelivery(user: User, input: DeliveryInput): Promise<Delivery> {
    checkPermission('create', user);
    const count = checkRecipients(input);
    const now = this.clock.now();
    const id = crypto.randomUUID();
    const record = newDeliveryRecord(input, { id, audienceId: id }, count, user, now);
    applyTransition(record, 'create', user, now);
    const recipients = input.recipients;
    const addressAt =
      'generated' in recipients
        ? (index: number) => generatedAddress(record.channel, index)
        : (index: number) => recipients.addresses[index]!;
    const audience = buildAudience(id, count, addressAt, 'generated' in recipients);
    const db = await this.connection.get();
    const tx = db.transaction(
      ['deliveries', 'audiences', 'addressChunks', 'addressBuckets'],
      'readwrite',
      {
        durability: 'relaxed',
      },
    );
    await inTransaction(tx, async () => {
      const chunks = tx.objectStore('addressChunks');
      const buckets = tx.objectStore('addressBuckets');
      await Promise.all([
        tx.objectStore('deliveries').add(record),
        tx.objectStore('audiences').put(audience.record),
        ...audience.chunks.map((addresses, chunk) => chunks.put({ addresses }, [id, chunk])),
        ...audience.buckets.map((bucket, index) => buckets.put(bucket, [id, index])),
      ]);
    });
    this.changes.emit([id], ['created']);
    return toDelivery(record);
  }

  async prepare(user: User, id: string): Promise<Delivery> {
    checkPermission('prepare', user);
    const db = await this.connection.get();
    const tx = db.transaction(
      ['deliveries', 'audiences', 'addressBuckets', 'addressChunks', 'stateChunks', 'addressLists'],
      'readwrite',
    );
    const record = await inTransaction(tx, async () => {
      const found = await this.mustGet(tx.objectStore('deliveries').get(id), id);
      await prepareInTransaction(tx, found, user, this.clock.now());
      return found;
    });
    this.changes.emit([id], ['state', 'logs', 'indicators']);
    return toDelivery(record);
  }

  /** Confirm send: only `prepared`, only with Start deliveries (SPEC §1–3). */
  async confirm(user: User, id: string): Promise<Delivery> {
    const delivery = await this.update(user, id, 'confirm', (record, now) => {
      record.confirmedBy = user.name;
      if (isRecurringTemplate(record)) {
        record.nextOccurrenceAt = record.contactDate ?? now;
      } else if ((record.contactDate ?? now) <= now) {
        startDelivery(record, user, now);
      }
    });
    if (delivery.recurrence) await this.tick();
    return delivery;
  }

  pause(user: User, id: string): Promise<Delivery> {
    return this.update(user, id, 'pause');
  }

  resume(user: User, id: string): Promise<Delivery> {
    return this.update(user, id, 'resume');
  }

  stop(user: User, id: string): Promise<Delivery> {
    return this.update(user, id, 'stop', (record) => {
      record.nextOccurrenceAt = null;
    });
  }

  /**
   * Records a platform error (the MTA or the platform failed): the delivery ends in `failed`,
   * a final state. A system action, so it takes no user; the journal names the detail.
   */
  async reportPlatformError(id: string, detail: string): Promise<Delivery> {
    if (typeof detail !== 'string' || detail.trim() === '' || detail.length > 1_000) {
      throw new InputError('detail', 'a non-empty text of at most 1,000 characters');
    }
    return this.update(systemActor('system'), id, 'fail', undefined, detail.trim());
  }

  /** Changes the contact date: a prepared delivery goes back to editing (SPEC §2). */
  async reschedule(user: User, id: string, contactDate: number | null): Promise<Delivery> {
    if (contactDate !== null && !Number.isFinite(contactDate)) {
      throw new InputError('contactDate', 'a time in ms since the epoch, or null');
    }
    const db = await this.connection.get();
    const tx = db.transaction(['deliveries', 'stateChunks'], 'readwrite');
    const record = await inTransaction(tx, async () => {
      const found = await this.mustGet(tx.objectStore('deliveries').get(id), id);
      applyTransition(found, 'reschedule', user, this.clock.now());
      found.contactDate = contactDate;
      found.chunkCounts = null;
      found.tally = { classes: found.tally.classes.map(() => 0), opens: 0, clicks: 0 };
      await Promise.all([
        tx.objectStore('stateChunks').delete(chunksOf(id)),
        tx.objectStore('deliveries').put(found),
      ]);
      return found;
    });
    this.changes.emit([id], ['state', 'logs', 'indicators']);
    return toDelivery(record);
  }

  async deleteDelivery(user: User, id: string): Promise<void> {
    const db = await this.connection.get();
    const tx = db.transaction(
      ['deliveries', 'audiences', 'addressChunks', 'addressBuckets', 'stateChunks'],
      'readwrite',
    );
    await inTransaction(tx, async () => {
      const deliveries = tx.objectStore('deliveries');
      const record = await this.mustGet(deliveries.get(id), id);
      applyTransition(record, 'delete', user, this.clock.now());
      await Promise.all([
        deliveries.delete(id),
        tx.objectStore('stateChunks').delete(chunksOf(id)),
      ]);
      const stillUsed = (await deliveries.getAll()).some(
        (other) => other.audienceId === record.audienceId,
      );
      if (!stillUsed) {
        await Promise.all([
          tx.objectStore('audiences').delete(record.audienceId),
          tx.objectStore('addressChunks').delete(chunksOf(record.audienceId)),
          tx.objectStore('addressBuckets').delete(chunksOf(record.audienceId)),
        ]);
      }
    });
    this.changes.emit([id], ['deleted']);
  }

  async getDelivery(id: string): Promise<Delivery> {
    const db = await this.connection.get();
    return toDelivery(await this.mustGet(db.get('deliveries', id), id));
  }

  /** Every delivery, newest first. */
  async listDeliveries(): Promise<Delivery[]> {
    const db = await this.connection.get();
    const records = await db.getAll('deliveries');
    return records.sort((a, b) => b.createdAt - a.createdAt).map(toDelivery);
  }

  /**
   * Applies a batch of MTA feedback atomically. A malformed batch is refused whole with a
   * FeedbackError naming the first bad event, and leaves the store exactly as it was.
   */
  async applyFeedback(events: unknown): Promise<FeedbackResult> {
    const batch = validateFeedbackShape(events);
    if (batch.length === 0) return { applied: 0, duplicates: 0, superseded: 0 };
    const db = await this.connection.get();
    const tx = db.transaction(['deliveries', 'stateChunks'], 'readwrite', {
      durability: 'relaxed',
    });
    const { result, kinds } = await inTransaction(tx, () =>
      applyFeedbackInTransaction(tx, batch, this.clock.now()),
    );
    this.announce(kinds);
    return result;
  }

  /**
   * The Deployment KPIs. `mode` computes them as the other mode would show the same messages
   * (a message's status is a function of the events it received and the mode): the live
   * comparison of `efs-comparison`. Engagement rates are those published for the delivery.
   */
  async readIndicators(id: string, options: { mode?: DeliveryMode } = {}): Promise<Indicators> {
    const db = await this.connection.get();
    const record = await this.mustGet(db.get('deliveries', id), id);
    return computeIndicators(
      record.tally,
      options.mode ?? record.mode,
      record.channel,
      record.engagement,
    );
  }

  /** Compute stats: recomputes every indicator from the sending logs, opens and clicks too. */
  async computeStats(id: string): Promise<Indicators> {
    const db = await this.connection.get();
    const tx = db.transaction(['deliveries', 'stateChunks'], 'readwrite');
    const record = await inTransaction(tx, async () => {
      const found = await this.mustGet(tx.objectStore('deliveries').get(id), id);
      await recountInTransaction(tx, found);
      if (found.startedAt !== null)
        found.engagement = snapshotEngagement(found.tally, found.mode, this.clock.now());
      await tx.objectStore('deliveries').put(found);
      return found;
    });
    this.changes.emit([id], ['indicators']);
    return computeIndicators(record.tally, record.mode, record.channel, record.engagement);
  }

  /** A page of the sending logs, optionally of one status, at any offset. */
  async readLogs(id: string, query: LogQuery = {}): Promise<LogPage> {
    const { limit } = pageBounds(query);
    const offset = query.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new InputError('offset', 'a whole number from 0');
    return this.readLogPage(id, offset, limit, query.status);
  }

  /** Up to `limit` rows after a given recipient, optionally of one status. */
  async readLogsAfter(id: string, query: LogAfterQuery): Promise<LogRow[]> {
    const { limit } = pageBounds(query);
    if (!Number.isInteger(query.after) || query.after < -1) {
      throw new InputError('after', 'a recipient position, or -1');
    }
    const db = await this.connection.get();
    const tx = db.transaction(['deliveries', 'stateChunks', 'addressChunks']);
    const record = await this.mustGet(tx.objectStore('deliveries').get(id), id);
    return readAfter(tx, record, query.after, limit, query.status);
  }

  /** Exclusion logs: the recipients preparation excluded, with why. */
  readExclusionLogs(id: string, query: Omit<LogQuery, 'status'> = {}): Promise<LogPage> {
    return this.readLogs(id, { ...query, status: 'ignored' });
  }

  async readProfileHistory(address: string): Promise<ProfileHistoryEntry[]> {
    if (typeof address !== 'string') throw new InputError('address', 'a string');
    const db = await this.connection.get();
    const tx = db.transaction([
      'deliveries',
      'audiences',
      'addressBuckets',
      'addressChunks',
      'stateChunks',
    ]);
    return readHistoryInTransaction(tx, address);
  }

  /** Marks an address denylisted or quarantined; the next preparation excludes it. */
  async setAddressStatus(
    address: string,
    status: { denylisted: boolean; quarantined: boolean },
  ): Promise<void> {
    const normalized = normalizeAddress(address);
    if (normalized === '') throw new InputError('address', 'must not be empty');
    const db = await this.connection.get();
    if (status.denylisted || status.quarantined) {
      await db.put('addressLists', { address: normalized, ...status });
    } else {
      await db.delete('addressLists', normalized);
    }
    this.changes.emit([], ['address-lists']);
  }

  /** Runs what is due at the clock's time: starts, occurrences, validity ends, rate refreshes. */
  async tick(): Promise<void> {
    const db = await this.connection.get();
    const tx = db.transaction(ALL_STORES, 'readwrite');
    const changes = await inTransaction(tx, () => tickInTransaction(tx, this.clock.now()));
    this.announce(changes);
  }

  private async readLogPage(
    id: string,
    offset: number,
    limit: number,
    status: RecipientStatus | undefined,
  ): Promise<LogPage> {
    const db = await this.connection.get();
    const tx = db.transaction(['deliveries', 'stateChunks', 'addressChunks']);
    const record = await this.mustGet(tx.objectStore('deliveries').get(id), id);
    const rows = await readPage(tx, record, offset, limit, status);
    return { total: countMatching(record, status), offset, rows };
  }

  private async update(
    user: User,
    id: string,
    action: UserAction | 'fail',
    after?: (record: DeliveryRecord, now: number) => void,
    detail = '',
  ): Promise<Delivery> {
    checkPermission(action, user);
    const db = await this.connection.get();
    const tx = db.transaction('deliveries', 'readwrite');
    const record = await inTransaction(tx, async () => {
      const found = await this.mustGet(tx.store.get(id), id);
      const now = this.clock.now();
      applyTransition(found, action, user, now, detail);
      after?.(found, now);
      await tx.store.put(found);
      return found;
    });
    this.changes.emit([id], ['state', 'indicators']);
    return toDelivery(record);
  }

  private async mustGet(
    pending: Promise<DeliveryRecord | undefined>,
    id: string,
  ): Promise<DeliveryRecord> {
    const record = await pending;
    if (!record) throw new NotFoundError(id);
    return record;
  }

  private announce(changes: Changes): void {
    for (const [id, kinds] of changes) this.changes.emit([id], kinds as Set<ChangeKind>);
  }
}
