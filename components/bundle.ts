/**
 * Entry of the self-contained bundle for plain pages: the kit, the rules, the simulated MTA and
 * its clocks, what other contexts need (`sendkit/remote`) and connectRelay (a page that shares
 * deliveries through a relay), in one module.
 */
export * from './kit.js';
export * from '../src/rules/index.js';
export * from '../src/simulator/index.js';
export * from '../src/remote/index.js';
export {
  connectRelay,
  RelayConnection,
  type Credential,
  type RelayOptions,
} from '../src/replication/index.js';
