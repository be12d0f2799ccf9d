/** Which kinds of alerts become browser notifications: a setting, all of them by default. */
import type { AlertKind } from '../../src/index.js';
import { ALERT_KINDS } from '../../src/rules/index.js';

const KEY = 'notifyKinds';

export async function loadNotifyKinds(): Promise<AlertKind[]> {
  const stored = (await chrome.storage.local.get(KEY))[KEY] as unknown;
  if (!Array.isArray(stored)) return [...ALERT_KINDS];
  return ALERT_KINDS.filter((kind) => stored.includes(kind));
}

export function saveNotifyKinds(kinds: readonly AlertKind[]): Promise<void> {
  return chrome.storage.local.set({ [KEY]: ALERT_KINDS.filter((kind) => kinds.includes(kind)) });
}
