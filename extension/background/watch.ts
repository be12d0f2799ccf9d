/**
 * Watching a site the user chose: the content script is registered for that origin (it then
 * runs in the site's pages as they load) and injected into the tabs already open on it. The
 * permission itself is asked for by the side panel, on the user's click.
 */
import type { Result } from '../shared/protocol.js';
import { resultOf } from '../shared/results.js';
import { InputError } from '../../src/index.js';

const SCRIPT_ID = 'sendkit-bridge';

function patternOf(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new InputError('origin', 'a site address such as https://portal.example.com');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
    throw new InputError('origin', 'a site address such as https://portal.example.com');
  }
  return `${url.protocol}//${url.hostname}/*`;
}

function originOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '').origin;
  } catch {
    return null;
  }
}

export function watchSite(origin: unknown): Promise<Result<{ tabIds: number[] }>> {
  return resultOf(async () => {
    const pattern = patternOf(String(origin));
    if (!(await chrome.permissions.contains({ origins: [pattern] }))) {
      throw new InputError('origin', `permission for ${pattern} (asked for in the side panel)`);
    }
    const [registered] = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    const matches = [...new Set([...(registered?.matches ?? []), pattern])];
    const script = {
      id: SCRIPT_ID,
      matches,
      js: ['bridge.js'],
      runAt: 'document_idle' as const,
      persistAcrossSessions: true,
    };
    if (registered) await chrome.scripting.updateContentScripts([script]);
    else await chrome.scripting.registerContentScripts([script]);
    // A match pattern has no port: keep the tabs of exactly this origin (scheme, host and port).
    const tabs = await chrome.tabs.query({ url: pattern });
    const tabIds = tabs.flatMap((tab) =>
      tab.id !== undefined && originOf(tab.url) === origin ? [tab.id] : [],
    );
    await Promise.all(
      tabIds.map((tabId) =>
        chrome.scripting
          .executeScript({ target: { tabId, frameIds: [0] }, files: ['bridge.js'] })
          .catch(() => undefined),
      ),
    );
    return { tabIds };
  });
}
