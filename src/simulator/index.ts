/**
 * The embedded, simulated Enhanced MTA: a separate entry point (`sendkit/simulator`), so that a
 * portal that reports real feedback never ships it.
 */
export { createSimulatedMta, type MtaOptions, type SimulatedMta, type StepReport } from './mta.js';
export type { StoryRates } from './stories.js';
export { ManualClock, ScaledClock } from './clocks.js';
