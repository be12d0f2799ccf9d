/** Entry of the self-contained bundle for plain pages: the kit plus the simulated MTA. */
export * from './kit.js';
export * from '../src/simulator/index.js';
