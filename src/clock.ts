/** Model time comes from a clock, so tests and the simulator control it. */
export interface Clock {
  /** Model time, ms since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told: for tests. */
export class ManualClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time;
  }
  set(time: number): void {
    this.time = time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Model time running `scale` times faster than real time, from `origin`. */
export class ScaledClock implements Clock {
  private readonly realStart = Date.now();
  constructor(
    readonly scale: number,
    private readonly origin = Date.now(),
  ) {}
  now(): number {
    return this.origin + (Date.now() - this.realStart) * this.scale;
  }
}

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
