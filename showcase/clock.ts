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

/**
 * The model time of the relay `npm start` runs beside the showcase (its `/health` says it): every
 * window shows the same time the relay stamps its facts with. The showcase's own if it is not
 * answering.
 */
export async function relayClock(relay: string): Promise<Clock> {
  try {
    const { clock } = (await (await fetch(`${relay}/health`)).json()) as {
      clock?: { now?: unknown; scale?: unknown };
    };
    if (typeof clock?.now === 'number' && typeof clock.scale === 'number')
      return new ScaledClock(clock.scale, clock.now);
  } catch {
    // The relay is not answering: the showcase's own clock.
  }
  return showcaseClock();
}
