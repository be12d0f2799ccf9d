/** Checks the arguments of the store's reads: typed InputErrors, never a silent empty page. */
import { InputError } from '../errors.js';
import { oneOf, readOptions, readSafely, wholeNumber } from '../rules/valid-input.js';
import {
  DELIVERY_MODES,
  RECIPIENT_STATUSES,
  type DeliveryMode,
  type RecipientStatus,
} from '../types.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './log-reads.js';

export interface CheckedQuery {
  readonly limit: number;
  readonly status: RecipientStatus | undefined;
  /** Rows to skip (readLogs), or the recipient to read after (readLogsAfter). */
  readonly from: number;
}

/** A log query: `offset` from 0 (readLogs) or `after` from -1 (readLogsAfter). */
export function checkQuery(query: unknown, start: 'offset' | 'after'): CheckedQuery {
  const fields = readOptions('query', query, [start, 'limit', 'status']);
  const { status } = fields;
  return {
    from: wholeNumber(
      start,
      fields[start] ?? (start === 'offset' ? 0 : undefined),
      start === 'offset' ? 0 : -1,
    ),
    limit: wholeNumber('limit', fields.limit ?? DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    status: status === undefined ? undefined : oneOf('status', RECIPIENT_STATUSES, status),
  };
}

export function checkMode(options: unknown): DeliveryMode | undefined {
  const { mode } = readOptions('options', options, ['mode']);
  return mode === undefined ? undefined : oneOf('mode', DELIVERY_MODES, mode);
}

export function checkAddress(address: unknown): string {
  if (typeof address !== 'string' || address.length > 320) {
    throw new InputError('address', 'a text of at most 320 characters');
  }
  return address;
}

/** A list of addresses, copied (changing the list after the call changes nothing). */
export function checkAddresses(name: string, addresses: unknown): string[] {
  const list = readSafely(name, () =>
    Array.isArray(addresses) ? Array.from(addresses as unknown[]) : null,
  );
  if (!list || list.some((address) => typeof address !== 'string' || address.length > 320)) {
    throw new InputError(name, 'a list of addresses');
  }
  return list as string[];
}

/** The lists to change: `denylisted` and/or `quarantined`, booleans; at least one of them. */
export function checkAddressStatus(status: unknown): {
  denylisted?: boolean;
  quarantined?: boolean;
} {
  const fields = readOptions('status', status, ['denylisted', 'quarantined']);
  const given = Object.values(fields);
  if (given.length === 0 || given.some((value) => typeof value !== 'boolean')) {
    throw new InputError('status', '{ denylisted?: boolean, quarantined?: boolean }, one at least');
  }
  return fields as { denylisted?: boolean; quarantined?: boolean };
}

/** A feed position to record with a batch: a feed name and a whole sequence number. */
export function checkCursor(
  cursor: unknown,
): { feed: string; seq: number; log?: string } | undefined {
  if (cursor === undefined) return undefined;
  const { feed, seq, log } = readOptions('cursor', cursor, ['feed', 'seq', 'log']);
  if (typeof feed !== 'string' || feed === '' || feed.length > 256) {
    throw new InputError('cursor.feed', 'a non-empty text of at most 256 characters');
  }
  if (log !== undefined && (typeof log !== 'string' || !/^[\w-]{1,64}$/.test(log))) {
    throw new InputError('cursor.log', "a relay's log id (letters, digits, - and _)");
  }
  const position = { feed, seq: wholeNumber('cursor.seq', seq, 0, Number.MAX_SAFE_INTEGER) };
  return log === undefined ? position : { ...position, log };
}
