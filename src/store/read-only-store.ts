/**
 * What every read-only stand-in for a store shares: `writable` false, the reads of STORE_READS
 * built by one forwarder (each stand-in says only how a read reaches its source: a local
 * store, messages to another context), and actions that reject with ReadOnlyError, so the
 * elements disable them and say why.
 */
import { ReadOnlyError } from '../errors.js';
import {
  STORE_READS,
  type ChangeListener,
  type SendkitStore,
  type StoreRead,
  type StoreReadCalls,
  type StoreReadResult,
} from '../sendkit-store.js';
import type { Delivery, Indicators, User } from '../types.js';

/** Serves one read of the store interface, with that read's own arguments and result. */
export type ReadForwarder = <K extends StoreRead>(
  read: K,
  args: Parameters<StoreReadCalls[K]>,
) => Promise<StoreReadResult<K>>;

// The reads are typed by the interface and defined by the constructor, one per STORE_READS
// entry, so the merge below declares nothing the constructor does not define.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ReadOnlyStore extends StoreReadCalls {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class ReadOnlyStore implements SendkitStore {
  readonly writable = false;

  constructor(forward: ReadForwarder) {
    for (const read of STORE_READS) {
      Object.defineProperty(this, read, {
        value: (...args: Parameters<StoreReadCalls[typeof read]>) => forward(read, args),
      });
    }
  }

  abstract now(): number;
  abstract subscribe(listener: ChangeListener): () => void;

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
