/**
 * `sendkit/replication`: shared deliveries, in Node and in the browser alike. The facts a relay's
 * log records of them, the fold every replica applies in log order, the relay's in-memory replica
 * (Ledger), and what a relay decides from it (who may act, what time and counts call for).
 */
export {
  LIST_HASH,
  MAX_FACT_EVENTS,
  SHARED_ACTIONS,
  SYSTEM_FACTS,
  USER_FACTS,
  factKey,
  type Fact,
  type FactType,
  type FeedbackFact,
  type LifecycleFact,
  type SharedAction,
  type SharedAudience,
  type SharedDefinition,
  type SystemFactType,
  type UserFactType,
} from './facts.js';
export {
  readContactDate,
  readDefinition,
  readFact,
  readFacts,
  type FactReading,
} from './fact-reader.js';
export { foldFacts, type FoldResult, type ReplicaSpace } from './fold.js';
export { applyFacts, type ApplyFactsOptions } from './apply-facts.js';
export { Ledger } from './ledger.js';
export { ChangeSet } from '../store/changes.js';
export { DELIVERY_INPUT_FIELDS } from '../store/delivery-input.js';
export { connectRelay, RelayConnection, type RelayOptions } from './connect-relay.js';
export {
  RelayClient,
  type Credential,
  type ActionBody,
  type ActionReceipt,
} from './relay-client.js';
export { placeShared, type Placed } from './placing.js';
export { SimulationRun, type SimulatedEvents } from './simulation.js';
export { authorize, dueFact, type DueFact } from './decisions.js';
