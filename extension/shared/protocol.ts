/**
 * The extension's one message protocol (`@webext-core/messaging`). The portal reads are derived
 * from the kit's store interface, not typed again: one message per read of SendkitStore, with
 * that read's own parameters and result. Kit errors cross as data (`sendkit/remote`) inside a
 * Result and are revived into their classes by `code`.
 */
import { defineExtensionMessaging, type ExtensionSendMessageArgs } from '@webext-core/messaging';
import {
  STORE_READS,
  type ErrorData,
  type StoreRead,
  type StoreReadCalls,
  type StoreReadResult,
} from '../../src/remote/index.js';
import type { Sender } from './guards.js';

export type { StoreRead } from '../../src/remote/index.js';

/** A read's arguments: exactly the store interface's parameters for it. */
export type ReadArgs<K extends StoreRead> = Parameters<StoreReadCalls[K]>;

/** What a read answers: the store's own result type for that read. */
export type ReadAnswer<K extends StoreRead> = StoreReadResult<K>;

/** Who a read is for, per leg: the side panel names the tab, the background only the store. */
interface LegTarget {
  portal: { tabId: number; store: string };
  bridge: { store: string };
}
export type Leg = keyof LegTarget;

/** The data of one read's message on one leg. */
export type ReadData<P extends Leg, K extends StoreRead> = LegTarget[P] & { args: ReadArgs<K> };

/** A value, or a kit error as data. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

/** Side panel → background: one message per read, `portal.<read>`, for a tab's store. */
export type PortalReads = {
  [K in StoreRead as `portal.${K}`]: (data: ReadData<'portal', K>) => Result<ReadAnswer<K>>;
};

/** Background → content script: the same read, `bridge.<read>`, for the page's store. */
export type BridgeReads = {
  [K in StoreRead as `bridge.${K}`]: (data: ReadData<'bridge', K>) => Result<ReadAnswer<K>>;
};

export interface PortalStores {
  /** The page's origin. */
  readonly origin: string;
  /** Names of the sendkit stores the page keeps (empty: the page has no sendkit). */
  readonly stores: readonly string[];
}

export interface PortalChange {
  readonly store: string;
  readonly deliveryIds: readonly string[];
}

export interface ProtocolMap extends PortalReads, BridgeReads {
  // Side panel → background.
  'portal.stores'(data: { tabId: number }): Result<PortalStores>;
  'watch.site'(data: { origin: string }): Result<{ tabIds: number[] }>;
  /** Keeps the background awake while the side panel is open, so sends move smoothly. */
  keepalive(): boolean;
  // Background → content script (tabs.sendMessage, top frame).
  'bridge.stores'(): Result<PortalStores>;
  // Content script → background.
  'portal.changed'(data: PortalChange): void;
  // Background → side panel.
  'sidebar.portal-changed'(data: PortalChange & { tabId: number }): void;
}

export const messaging = defineExtensionMessaging<ProtocolMap>();

/** A handler of every read on one leg, typed per read. */
export type ReadHandler<P extends Leg> = <K extends StoreRead>(
  read: K,
  data: ReadData<P, K>,
  sender: Sender,
) => Promise<Result<ReadAnswer<K>>>;

/*
 * TypeScript cannot pair a message name built from a read (`portal.${K}`) with that read's
 * data through webext-core's conditional types, so the two functions below are the one place
 * that widens the name: every caller and every handler stays typed per read.
 */

/** Listens for every read's message of one leg. */
export function onEveryRead<P extends Leg>(leg: P, handle: ReadHandler<P>): void {
  for (const read of STORE_READS) {
    messaging.onMessage(
      `${leg}.${read}` as 'portal.getDelivery',
      ({ data, sender }) => handle(read, data as never, sender) as never,
    );
  }
}

/** Sends one read's message on one leg and returns its typed answer. */
export function sendRead<P extends Leg, K extends StoreRead>(
  leg: P,
  read: K,
  data: ReadData<P, K>,
  ...args: ExtensionSendMessageArgs
): Promise<Result<ReadAnswer<K>>> {
  return messaging.sendMessage(
    `${leg}.${read}` as 'portal.getDelivery',
    data as never,
    ...args,
  ) as never;
}
