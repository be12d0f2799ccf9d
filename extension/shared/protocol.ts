/**
 * The extension's one message protocol (`@webext-core/messaging`). The portal reads are derived
 * from the kit's store interface, not typed again: a `ReadCall` is any read of SendkitStore with
 * its own parameters, and its answer is that read's own result. Kit errors cross as data
 * (`sendkit/remote`) inside a Result and are revived into their classes by `code`.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { SendkitStore } from '../../src/index.js';
import type { ErrorData, STORE_READS } from '../../src/remote/index.js';

export type StoreRead = (typeof STORE_READS)[number];
type Reads = Pick<SendkitStore, StoreRead>;

/** One read of the store interface, with its arguments. */
export type ReadCall = {
  [K in StoreRead]: { readonly call: K; readonly args: Parameters<Reads[K]> };
}[StoreRead];

/** What a read answers: the store's own result type for that read. */
export type ReadAnswer<K extends StoreRead> = Awaited<ReturnType<Reads[K]>>;

/** A value, or a kit error as data. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

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

export interface ProtocolMap {
  // Side panel → background.
  'portal.stores'(data: { tabId: number }): Result<PortalStores>;
  'portal.read'(data: { tabId: number; store: string; read: ReadCall }): Result<unknown>;
  'watch.site'(data: { origin: string }): Result<{ tabIds: number[] }>;
  /** Keeps the background awake while the side panel is open, so sends move smoothly. */
  keepalive(): boolean;
  // Background → content script (tabs.sendMessage, top frame).
  'bridge.stores'(): Result<PortalStores>;
  'bridge.read'(data: { store: string; read: ReadCall }): Result<unknown>;
  // Content script → background.
  'portal.changed'(data: PortalChange): void;
  // Background → side panel.
  'sidebar.portal-changed'(data: PortalChange & { tabId: number }): void;
}

export const messaging = defineExtensionMessaging<ProtocolMap>();
