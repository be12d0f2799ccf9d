/** Checks the arguments of the store's reads: typed InputErrors, never a silent empty page. */
import { InputError } from '../errors.js';
import { oneOf, readOptions, wholeNumber } from '../rules/valid-input.js';
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

export function checkAddressStatus(status: unknown): { denylisted: boolean; quarantined: boolean } {
  const { denylisted, quarantined } = readOptions('status', status, ['denylisted', 'quarantined']);
  if (typeof denylisted !== 'boolean' || typeof quarantined !== 'boolean') {
    throw new InputError('status', '{ denylisted: boolean, quarantined: boolean }');
  }
  return { denylisted, quarantined };
}
