/**
 * `sendkit/remote`: what another context needs to stand in for a store (the extension's sidebar,
 * a worker): errors as data and back, the reads and actions of the store interface, the change
 * channel, the sendkit stores of an origin and a read-only opener for a store another page owns.
 * Kept out of the main entry, which portals ship.
 */
export { ERROR_CODES, errorFromData, errorToData, type ErrorData } from './error-data.js';
export { STORE_READS, STORE_ACTIONS, callRead } from '../sendkit-store.js';
export type { StoreRead, StoreReadCalls, StoreReadResult } from '../sendkit-store.js';
export type { ReadForwarder } from '../store/read-only-store.js';
export { changeChannelName } from '../store/changes.js';
export { listSendkitStores } from '../store/connection.js';
export { openStoreReader, StoreReader, type ReaderOptions } from '../store/store-reader.js';
export { ReadOnlyStore } from '../store/read-only-store.js';
export { deliveryFromData, indicatorsFromData, snapshotFromData } from './untrusted-records.js';
export { timelineFromData, breakdownFromData } from './untrusted-charts.js';
