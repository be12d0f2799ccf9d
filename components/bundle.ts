/**
 * Entry of the self-contained bundle for plain pages: the kit, the rules, the simulated MTA and
 * its clocks, and what other contexts need (`sendkit/remote`), in one module.
 */
export * from './kit.js';
export * from '../src/rules/index.js';
export * from '../src/simulator/index.js';
export * from '../src/remote/index.js';
