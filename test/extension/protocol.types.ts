/**
 * Type-level tests of the extension's protocol (checked by `npm run typecheck`, never run): one
 * message per read, carrying exactly the store interface's parameters and answering its result.
 */
import type { Delivery, Indicators, LogPage } from '../../src/index.js';
import type { ProtocolMap, ReadAnswer, Result } from '../../extension/shared/protocol.js';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

export const portal: Parameters<ProtocolMap['portal.readLogs']>[0][] = [
  { tabId: 1, store: 'sendkit', args: ['d1', { offset: 0, limit: 50, status: 'failed' }] },
  { tabId: 1, store: 'sendkit', args: ['d1'] },
];
export const bridge: Parameters<ProtocolMap['bridge.readLogsAfter']>[0][] = [
  { store: 'sendkit', args: ['d1', { after: 10, limit: 5 }] },
];

export const wrong = [
  // @ts-expect-error: not a read of the store
  null as unknown as ProtocolMap['portal.confirm'],
  // @ts-expect-error: readLogs takes a delivery id first
  { tabId: 1, store: 'sendkit', args: [42] } satisfies Parameters<
    ProtocolMap['portal.readLogs']
  >[0],
  // @ts-expect-error: readLogsAfter needs its query
  { store: 'sendkit', args: ['d1'] } satisfies Parameters<ProtocolMap['bridge.readLogsAfter']>[0],
  // @ts-expect-error: the side panel's leg names the tab
  { store: 'sendkit', args: ['d1'] } satisfies Parameters<ProtocolMap['portal.getDelivery']>[0],
];

export const answers = [
  assert<Equal<ReadAnswer<'readIndicators'>, Indicators>>(),
  assert<Equal<ReadAnswer<'readLogs'>, LogPage>>(),
  assert<Equal<ReturnType<ProtocolMap['portal.getDelivery']>, Result<Delivery>>>(),
  assert<Equal<ReturnType<ProtocolMap['bridge.listDeliveries']>, Result<Delivery[]>>>(),
];
