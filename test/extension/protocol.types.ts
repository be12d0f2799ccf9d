/**
 * Type-level tests of the extension's protocol (checked by `npm run typecheck`, never run): a
 * read carries exactly the store interface's parameters, and answers its result type.
 */
import type { Indicators, LogPage } from '../../src/index.js';
import type { ProtocolMap, ReadAnswer, ReadCall } from '../../extension/shared/protocol.js';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

export const reads: ReadCall[] = [
  { call: 'listDeliveries', args: [] },
  { call: 'readLogs', args: ['d1', { offset: 0, limit: 50, status: 'failed' }] },
  { call: 'readIndicators', args: ['d1', { mode: 'efs' }] },
  { call: 'readLogsAfter', args: ['d1', { after: 10, limit: 5 }] },
];

export const wrong: ReadCall[] = [
  // @ts-expect-error: not a read of the store
  { call: 'confirm', args: [{ name: 'a', roles: [] }, 'd1'] },
  // @ts-expect-error: readLogs takes a delivery id first
  { call: 'readLogs', args: [42] },
  // @ts-expect-error: readLogsAfter needs its query
  { call: 'readLogsAfter', args: ['d1'] },
];

export const answers = [
  assert<Equal<ReadAnswer<'readIndicators'>, Indicators>>(),
  assert<Equal<ReadAnswer<'readLogs'>, LogPage>>(),
  assert<Equal<Parameters<ProtocolMap['portal.read']>[0]['read'], ReadCall>>(),
];
