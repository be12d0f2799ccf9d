/** Checks the arguments of the store's reads: typed InputErrors, never a silent empty page. */
import { InputError } from '../errors.js';
import { isOneOf, readOptions } from '../rules/valid-input.js';
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
}

function checkCommon(fields: { limit?: unknown; status?: unknown }): CheckedQuery {
  const limit = fields.limit ?? DEFAULT_PAGE_SIZE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InputError('limit', `a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const { status } = fields;
  if (status !== undefined && !isOneOf(RECIPIENT_STATUSES, status)) {
    throw new InputError('status', `one of ${RECIPIENT_STATUSES.join(', ')}, or absent for all`);
  }
  return { limit, status };
}

export function checkPageQuery(query: unknown): CheckedQuery & { readonly offset: number } {
  const fields = readOptions('query', query, ['offset', 'limit', 'status']);
  const offset = fields.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new InputError('offset', 'a whole number from 0');
  }
  return { ...checkCommon(fields), offset };
}

export function checkAfterQuery(query: unknown): CheckedQuery & { readonly after: number } {
  const fields = readOptions('query', query, ['after', 'limit', 'status']);
  const { after } = fields;
  if (typeof after !== 'number' || !Number.isInteger(after) || after < -1) {
    throw new InputError('after', 'a recipient position, or -1');
  }
  return { ...checkCommon(fields), after };
}

export function checkMode(options: unknown): DeliveryMode | undefined {
  const { mode } = readOptions('options', options, ['mode']);
  if (mode !== undefined && !isOneOf(DELIVERY_MODES, mode)) {
    throw new InputError('mode', `one of ${DELIVERY_MODES.join(', ')}`);
  }
  return mode;
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
