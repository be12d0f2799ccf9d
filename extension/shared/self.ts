/** This extension, as the guards need it. */
import type { Self } from './guards.js';

export function self(): Self {
  return { id: chrome.runtime.id, origin: new URL(chrome.runtime.getURL('/')).origin };
}
