/**
 * What every read-only stand-in for a store shares: `writable` false, and actions that reject
 * with ReadOnlyError, so the elements disable them and say why. Subclasses give the reads.
 */
import { ReadOnlyError } from '../errors.js';
import type { ChangeListener, DeliverySnapshot, SendkitStore } from '../sendkit-store.js';
import type {
  Delivery,
  DeliveryMode,
  Indicators,
  LogAfterQuery,
  LogPage,
  LogQuery,
  LogRow,
  ProfileHistoryEntry,
  User,
} from '../types.js';

export abstract class ReadOnlyStore implements SendkitStore {
  readonly writable = false;

  abstract now(): number;
  abstract subscribe(listener: ChangeListener): () => void;
  abstract getDelivery(id: string): Promise<Delivery>;
  abstract listDeliveries(): Promise<Delivery[]>;
  abstract readSnapshot(id: string): Promise<DeliverySnapshot>;
  abstract readIndicators(id: string, options?: { mode?: DeliveryMode }): Promise<Indicators>;
  abstract readLogs(id: string, query?: LogQuery): Promise<LogPage>;
  abstract readLogsAfter(id: string, query: LogAfterQuery): Promise<LogRow[]>;
  abstract readExclusionLogs(id: string, query?: Omit<LogQuery, 'status'>): Promise<LogPage>;
  abstract readProfileHistory(address: string): Promise<ProfileHistoryEntry[]>;

  async confirm(_user: User, _id: string): Promise<Delivery> {
    throw new ReadOnlyError('confirm');
  }

  async pause(_user: User, _id: string): Promise<Delivery> {
    throw new ReadOnlyError('pause');
  }

  async resume(_user: User, _id: string): Promise<Delivery> {
    throw new ReadOnlyError('resume');
  }

  async stop(_user: User, _id: string): Promise<Delivery> {
    throw new ReadOnlyError('stop');
  }

  async computeStats(_id: string): Promise<Indicators> {
    throw new ReadOnlyError('computeStats');
  }
}
