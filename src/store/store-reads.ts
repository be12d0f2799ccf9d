/**
 * The reads of a store over IndexedDB: what a page that only watches needs, and all that
 * openStoreReader ships. DeliveryStore (delivery-store.ts) extends it with the writes, so a
 * watching page tree-shakes creation, preparation and feedback away (`bundle_watch_gzip_kb`).
 */
import { systemClock, type Clock } from '../clock.js';
import { InputError } from '../errors.js';
import { readId } from '../rules/valid-input.js';
import type { DeliverySnapshot } from '../sendkit-store.js';
import {
  DELIVERY_MODES,
  type Delivery,
  type DeliveryMode,
  type Indicators,
  type LogAfterQuery,
  type LogPage,
  type LogQuery,
  type LogRow,
  type ProfileHistoryEntry,
  type Timeline,
  type Breakdown,
} from '../types.js';
import { breakdownOf, readTimelineOf } from './breakdown-reads.js';
import { indicatorsOf } from '../rules/indicators.js';
import { ChangeHub, type ChangeListener } from './changes.js';
import { Connection } from './connection.js';
import { readHistoryInTransaction } from './history.js';
import { countMatching, readAfter, readPage } from './log-reads.js';
import { checkAddress, checkMode, checkQuery } from './queries.js';
import { toDelivery } from './schema.js';
import { StoreAccess } from './store-access.js';
import { readStoreOptions, type StoreOptions } from './store-options.js';
import type { Stores } from './transactions.js';

export type StoreAccessMode = 'read-write' | 'read-only';

export class StoreReads {
  readonly name: string;
  readonly clock: Clock;
  /** False for a store opened by openStoreReader: every write is refused before it starts. */
  readonly writable: boolean;
  protected readonly connection: Connection;
  protected readonly changes: ChangeHub;
  protected readonly access: StoreAccess;

  constructor(options: StoreOptions = {}, access: StoreAccessMode = 'read-write') {
    const given = readStoreOptions(options);
    this.name = given.name ?? 'sendkit';
    this.clock = given.clock ?? systemClock;
    this.writable = access === 'read-write';
    this.connection = new Connection(this.name, {
      blockedTimeoutMs: given.blockedTimeoutMs,
      readOnly: !this.writable,
    });
    this.changes = new ChangeHub(this.name);
    this.access = new StoreAccess(this.connection, this.changes, () => this.now(), this.writable);
  }

  now(): number {
    return this.clock.now();
  }

  subscribe(listener: ChangeListener): () => void {
    if (typeof listener !== 'function') throw new InputError('listener', 'a function');
    return this.changes.subscribe(listener);
  }

  async close(): Promise<void> {
    this.changes.close();
    await this.connection.close();
  }

  async getDelivery(id: string): Promise<Delivery> {
    return this.access.readDelivery('read the delivery', id, [], toDelivery);
  }

  async listDeliveries(): Promise<Delivery[]> {
    return this.access.read('list the deliveries', async (db) => {
      const records = await db.getAll('deliveries');
      return records.sort((a, b) => b.createdAt - a.createdAt).map(toDelivery);
    });
  }

  /** The delivery and its indicators (in every mode) from one transaction: one commit's view. */
  async readSnapshot(id: string): Promise<DeliverySnapshot> {
    return this.access.readDelivery('read the delivery', id, [], (record) => {
      const byMode = Object.fromEntries(
        DELIVERY_MODES.map((mode) => [mode, indicatorsOf(record, mode)]),
      ) as Record<DeliveryMode, Indicators>;
      return { delivery: toDelivery(record), indicators: byMode[record.mode], byMode };
    });
  }

  /**
   * The Deployment KPIs. `mode` computes them as the other mode would show the same messages
   * (a message's status is a function of the events it received and the mode): the live
   * comparison of `efs-comparison`. Engagement rates are those published for the delivery.
   */
  async readIndicators(id: string, options: { mode?: DeliveryMode } = {}): Promise<Indicators> {
    const mode = checkMode(options);
    return this.access.readDelivery('read the indicators', id, [], (record) =>
      indicatorsOf(record, mode),
    );
  }

  /** A page of the sending logs, optionally of one status, at any offset. */
  async readLogs(id: string, query: LogQuery = {}): Promise<LogPage> {
    const { from: offset, limit, status } = checkQuery(query, 'offset');
    return this.access.readDelivery('read the logs', id, LOG_STORES, async (record, tx) => ({
      total: countMatching(record, status),
      offset,
      rows: await readPage(tx, record, offset, limit, status),
    }));
  }

  /** Up to `limit` rows after a given recipient, optionally of one status. */
  async readLogsAfter(id: string, query: LogAfterQuery): Promise<LogRow[]> {
    const { from: after, limit, status } = checkQuery(query, 'after');
    return this.access.readDelivery('read the logs', id, LOG_STORES, (record, tx) =>
      readAfter(tx, record, after, limit, status),
    );
  }

  /** Exclusion logs: the recipients preparation excluded, with why. */
  async readExclusionLogs(id: string, query: Omit<LogQuery, 'status'> = {}): Promise<LogPage> {
    const { from: offset, limit } = checkQuery(query, 'offset');
    return this.readLogs(id, { offset, limit, status: 'ignored' });
  }

  /** The send over model time, per minute (rules/timeline.ts), in its mode or in `mode`. */
  async readTimeline(id: string, options: { mode?: DeliveryMode } = {}): Promise<Timeline> {
    const mode = checkMode(options);
    const key = readId(id);
    return this.access.read('read the timeline', (db) => readTimelineOf(db, key, mode));
  }

  /** By mailbox provider and by failure reason (rules/breakdown.ts). */
  async readBreakdown(id: string, options: { mode?: DeliveryMode } = {}): Promise<Breakdown> {
    const mode = checkMode(options);
    return this.access.readDelivery('read the breakdown', id, [], (record) =>
      breakdownOf(record, mode ?? record.mode),
    );
  }

  async readProfileHistory(address: string): Promise<ProfileHistoryEntry[]> {
    const checked = checkAddress(address);
    return this.access.read('read the profile history', (db) =>
      readHistoryInTransaction(db.transaction(HISTORY_STORES), checked),
    );
  }
}

const LOG_STORES = [
  'audiences',
  'stateChunks',
  'addressChunks',
] as const satisfies readonly Stores[];
const HISTORY_STORES = [
  'deliveries',
  'audiences',
  'addressBuckets',
  'addressChunks',
  'stateChunks',
] as const satisfies readonly Stores[];
