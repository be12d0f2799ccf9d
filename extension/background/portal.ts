/** The background's side of watching a portal tab: what is granted, and calls into the tab. */
import type { ErrorData } from '../../src/remote/index.js';
import type { Result } from '../shared/protocol.js';

/** Host permissions the extension holds (the manifest's and those the user granted). */
export async function grantedSites(): Promise<string[]> {
  return (await chrome.permissions.getAll()).origins ?? [];
}

/** A tab without the content script, or without sendkit: said plainly, as a kit-like error. */
function notAttached(tabId: number): { ok: false; error: ErrorData } {
  return {
    ok: false,
    error: {
      code: 'unknown',
      name: 'NotAttachedError',
      message: 'This tab has no sendkit store, or is not on a site you chose to watch.',
      fields: { tabId },
    },
  };
}

/** Calls the content script of a tab; a tab that does not answer is "not attached". */
export async function portalCall<T>(
  tabId: number,
  call: () => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return (await call()) ?? notAttached(tabId);
  } catch {
    return notAttached(tabId);
  }
}
