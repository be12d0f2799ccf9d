/**
 * The extension's model time: one model hour per real second, like the showcase, and the same in
 * every context. Its start is stored once (chrome.storage.local), so model time is a function of
 * real time: the background, restarted at any moment, and the side panel agree, and the clock
 * never runs backwards.
 */
import type { Clock } from '../../src/index.js';
import { ScaledClock } from '../../src/simulator/index.js';

export const MODEL_SECONDS_PER_SECOND = 3600;
const KEY = 'modelClock';

interface ClockStart {
  readonly real: number;
  readonly model: number;
}

function isStart(value: unknown): value is ClockStart {
  const start = value as ClockStart | undefined;
  return Number.isFinite(start?.real) && Number.isFinite(start?.model);
}

export async function modelClock(): Promise<Clock> {
  let start = (await chrome.storage.local.get(KEY))[KEY] as unknown;
  if (!isStart(start)) {
    start = { real: Date.now(), model: Date.now() };
    await chrome.storage.local.set({ [KEY]: start });
  }
  const { real, model } = start as ClockStart;
  return new ScaledClock(
    MODEL_SECONDS_PER_SECOND,
    model + (Date.now() - real) * MODEL_SECONDS_PER_SECOND,
  );
}
