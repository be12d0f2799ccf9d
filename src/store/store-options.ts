/** The options a store is opened with, read once and checked (they come from the page). */
import type { Clock } from '../clock.js';
import { InputError } from '../errors.js';
import { readMethods, readNumberOption, readOptions } from '../rules/valid-input.js';

export interface StoreOptions {
  /** IndexedDB database name; pages sharing it share deliveries. Default `sendkit`. */
  readonly name?: string;
  /** Source of model time. Default: the system clock. */
  readonly clock?: Clock;
  /** How long a schema upgrade waits for other pages to close the database. Default 10 s. */
  readonly blockedTimeoutMs?: number;
  /**
   * Ask the browser to keep the data under storage pressure (`navigator.storage.persist()`).
   * Without it, the browser may evict the whole origin's data when the disk fills up.
   */
  readonly persist?: boolean;
}

export function readStoreOptions(options: unknown): StoreOptions {
  const { name, clock, blockedTimeoutMs, persist } = readOptions('options', options, [
    'name',
    'clock',
    'blockedTimeoutMs',
    'persist',
  ]);
  if (name !== undefined && (typeof name !== 'string' || name === '' || name.length > 256)) {
    throw new InputError('name', 'a database name (a non-empty text)');
  }
  if (persist !== undefined && typeof persist !== 'boolean') {
    throw new InputError('options.persist', 'true or false');
  }
  return {
    ...(name === undefined ? {} : { name }),
    ...(clock === undefined
      ? {}
      : { clock: readMethods<Clock>('options.clock', clock, ['now'], 'an object with now()') }),
    ...(blockedTimeoutMs === undefined
      ? {}
      : {
          blockedTimeoutMs: readNumberOption(
            'options.blockedTimeoutMs',
            blockedTimeoutMs,
            0,
            600_000,
          ),
        }),
    ...(persist === undefined ? {} : { persist }),
  };
}
