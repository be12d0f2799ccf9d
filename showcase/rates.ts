/** The showcase remembers each delivery's simulated MTA rates across reloads. */
import type { SimulatedMta, StoryRates } from '../src/simulator/index.js';

const KEY = 'sendkit-showcase-rates';

function saved(): Record<string, Partial<StoryRates>> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, Partial<StoryRates>>;
  } catch {
    return {};
  }
}

export function saveRates(deliveryId: string, rates: Partial<StoryRates>): void {
  localStorage.setItem(KEY, JSON.stringify({ ...saved(), [deliveryId]: rates }));
}

export function restoreRates(mta: SimulatedMta): void {
  for (const [deliveryId, rates] of Object.entries(saved())) mta.setRates(deliveryId, rates);
}
