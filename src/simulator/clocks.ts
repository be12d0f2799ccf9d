/**
 * Simulated model time: a clock that moves only when told (tests), and one that runs faster than
 * real time (the showcase: one model hour per second). Portals use the system clock.
 */
import type { Clock } from '../clock.js';

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
