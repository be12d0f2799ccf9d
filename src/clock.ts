/** Model time comes from a clock, so tests and the simulator control it. */
export interface Clock {
  /** Model time, ms since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
