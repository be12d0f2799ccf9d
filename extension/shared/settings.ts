/**
 * The extension's settings in chrome.storage.local: the current user (name and roles), the
 * delivery shown, and each delivery's simulated-MTA rates. Read back through the kit's own user
 * check, so a damaged setting is no user rather than a wrong one.
 */
import type { User } from '../../src/index.js';
import { readUser } from '../../src/rules/index.js';
import type { StoryRates } from '../../src/simulator/index.js';

const USER = 'user';
const SHOWN = 'shownDelivery';
const RATES = 'rates';

export const DEFAULT_USER: User = { name: 'operator', roles: ['start-deliveries'] };

export async function loadUser(): Promise<User | null> {
  const stored = (await chrome.storage.local.get(USER))[USER] as unknown;
  if (stored === undefined) return DEFAULT_USER;
  try {
    return readUser(stored);
  } catch {
    return null;
  }
}

export function saveUser(user: User): Promise<void> {
  return chrome.storage.local.set({ [USER]: { name: user.name, roles: [...user.roles] } });
}

export async function loadShownDelivery(): Promise<string | null> {
  const id = (await chrome.storage.local.get(SHOWN))[SHOWN] as unknown;
  return typeof id === 'string' ? id : null;
}

export function saveShownDelivery(id: string | null): Promise<void> {
  return id === null
    ? chrome.storage.local.remove(SHOWN)
    : chrome.storage.local.set({ [SHOWN]: id });
}

export async function loadRates(): Promise<Record<string, Partial<StoryRates>>> {
  const rates = (await chrome.storage.local.get(RATES))[RATES] as unknown;
  return typeof rates === 'object' && rates !== null
    ? (rates as Record<string, Partial<StoryRates>>)
    : {};
}

export async function saveRates(deliveryId: string, rates: Partial<StoryRates>): Promise<void> {
  await chrome.storage.local.set({ [RATES]: { ...(await loadRates()), [deliveryId]: rates } });
}
