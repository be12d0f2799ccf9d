/**
 * "Watch a site": the user names the portal's site (prefilled from the active tab when its
 * address is readable), the side panel asks for that one site's permission on the click, and the
 * background attaches the content script to the site's tabs. The panel then follows the watched
 * tab: it says plainly when the tab has no sendkit, and detaches when the tab closes.
 */
import { html, nothing } from 'lit';
import { messaging, type PortalStores } from '../shared/protocol.js';
import { valueOf } from '../shared/results.js';

export interface Watched {
  readonly tabId: number;
  readonly portal: PortalStores;
}

/** The active tab's site, when the extension may read its address. */
export async function activeSite(): Promise<string> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  try {
    const url = new URL(tab?.url ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
  } catch {
    return '';
  }
}

/**
 * Asks for the permission to reach a site (must run in the user's click): the panel reads a
 * watched portal's tab there, or a relay's stream and actions.
 */
export async function mayReach(origin: string): Promise<boolean> {
  let pattern: string;
  try {
    const url = new URL(origin);
    pattern = `${url.protocol}//${url.hostname}/*`;
  } catch {
    throw new Error('Give the site’s address, such as https://portal.example.com.');
  }
  return chrome.permissions.request({ origins: [pattern] });
}

/** Asks for the site's permission (must run in the click), attaches, and finds its tab. */
export async function watch(origin: string): Promise<Watched> {
  if (!(await mayReach(origin))) {
    throw new Error('The permission to read this site was not given.');
  }
  const site = new URL(origin).origin;
  const { tabIds } = valueOf(await messaging.sendMessage('watch.site', { origin: site }));
  if (tabIds.length === 0)
    throw new Error(
      `No tab is open on ${site} (the same scheme, host and port): open the portal there, then watch it.`,
    );
  const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
  const tabId = tabIds.find((id) => id === active?.id) ?? tabIds[0]!;
  return { tabId, portal: await portalOf(tabId) };
}

export async function portalOf(tabId: number): Promise<PortalStores> {
  return valueOf(await messaging.sendMessage('portal.stores', { tabId }));
}

export function watchPanel(
  site: string,
  watched: Watched | null,
  problem: string,
  onWatch: (origin: string) => void,
  onStop: () => void,
) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onWatch(String(new FormData(event.target as HTMLFormElement).get('site') ?? '').trim());
  };
  return html`<details class="card" id="watch" ?open=${watched !== null || problem !== ''}>
    <summary>Watch a portal page</summary>
    <p class="muted">
      Shows the deliveries a page that embeds sendkit keeps, live and read-only. The extension asks
      for permission to read that one site.
    </p>
    <form class="row" @submit=${submit}>
      <label
        >Site
        <input
          id="watch-site"
          name="site"
          type="url"
          required
          placeholder="https://portal.example.com"
          .value=${site}
      /></label>
      <button id="watch-start" type="submit">Watch</button>
      ${watched ? html`<button id="watch-stop" type="button" @click=${onStop}>Stop watching</button>` : nothing}
    </form>
    <p id="watch-status" role="status">
      ${
        problem ||
        (watched
          ? watched.portal.stores.length === 0
            ? `${watched.portal.origin}: this page has no sendkit store.`
            : `Watching ${watched.portal.origin} (${watched.portal.stores.join(', ')}).`
          : '')
      }
    </p>
  </details>`;
}
