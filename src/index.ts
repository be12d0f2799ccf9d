/**
 * `sendkit`: the delivery model. No Lit, no extension APIs: components and the sidebar build on
 * it. The rules it follows are at `sendkit/rules`; the simulated MTA and clocks at
 * `sendkit/simulator`; what other contexts need to stand in for a store at `sendkit/remote`.
 */
export type * from './types.js';
export * from './errors.js';
export { systemClock, HOUR_MS, DAY_MS, type Clock } from './clock.js';
export type { SendkitStore, DeliverySnapshot, ChangeListener } from './sendkit-store.js';
export { isSendkitStore } from './sendkit-store.js';
export type { UserAction, LifecycleAction } from './rules/lifecycle.js';
export type { ProviderRow, ReasonRow, HealthBand } from './rules/breakdown.js';
export type { ProviderGroup } from './rules/providers.js';
export type { TimelineSeries } from './rules/timeline.js';
export { openStore, DeliveryStore, type StoreOptions } from './store/delivery-store.js';
export { SCHEMA_VERSION } from './store/connection.js';
export { WORKFLOW_USER } from './store/scheduler.js';
export { fillTemplate } from './text.js';
