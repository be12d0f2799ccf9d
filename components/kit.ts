/** The kit a portal embeds: the model and the seven elements (the budgeted bundle). */
export * from '../src/index.js';
export * from './index.js';
