/**
 * The showcase's model time: one model hour per real second, continued across reloads (saved in
 * localStorage), so that stored deliveries never find the clock running backwards.
 */
import type { Clock } from '../src/index.js';
import { ScaledClock } from '../src/simulator/index.js';

const KEY = 'sendkit-showcase-model-time';
export const MODEL_SECONDS_PER_SECOND = 3600;

export function showcaseClock(): Clock {
  const saved = Number(localStorage.getItem(KEY));
  const clock = new ScaledClock(
    MODEL_SECONDS_PER_SECOND,
    Number.isFinite(saved) && saved > Date.now() ? saved : Date.now(),
  );
  setInterval(() => localStorage.setItem(KEY, String(clock.now())), 1000);
  return clock;
}
