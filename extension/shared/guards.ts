/**
 * Who may send what. The messaging library checks nothing about senders, so every handler calls
 * one of these with `message.sender` and refuses anything else with a SenderRefusedError. Pure
 * functions of the sender and of what this extension is, so they are tested with fabricated
 * senders. (`sender.tab` is not a test of "extension page": it is set when the side panel page is
 * opened as a tab.)
 */

/** The parts of chrome.runtime.MessageSender the guards read. */
export interface Sender {
  readonly id?: string;
  readonly url?: string;
  readonly origin?: string;
  readonly frameId?: number;
  readonly tab?: { readonly id?: number };
}

/** This extension: its id and its origin (`chrome-extension://<id>`, `moz-extension://<uuid>`). */
export interface Self {
  readonly id: string;
  readonly origin: string;
}

export const SIDEBAR_PATH = '/sidepanel.html';
/** Chrome's service worker, and the page Firefox generates for background scripts. */
export const BACKGROUND_PATHS = ['/background.js', '/_generated_background_page.html'] as const;

/** A message from a sender a handler does not accept. */
export class SenderRefusedError extends Error {
  override readonly name = 'SenderRefusedError';
  readonly code = 'sender-refused';
  constructor(what: string) {
    super(`Refused: ${what} is not accepted from this sender.`);
  }
}

function pathOf(url: string | undefined, origin: string): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.origin === origin ? parsed.pathname : null;
  } catch {
    return null;
  }
}

/**
 * This extension's id, and, where the browser gives one, its origin. (Chrome gives no `origin`
 * for messages from the service worker: the URL's origin is checked instead, by the callers.)
 */
function ours(sender: Sender, self: Self): boolean {
  return sender.id === self.id && (sender.origin === undefined || sender.origin === self.origin);
}

/** One of this extension's own pages, at one of `paths`. */
export function fromExtensionPage(
  sender: Sender,
  self: Self,
  paths: readonly string[] = [SIDEBAR_PATH],
): boolean {
  const path = pathOf(sender.url, self.origin);
  return ours(sender, self) && path !== null && paths.includes(path);
}

/** This extension's background (service worker or background page). */
export function fromBackground(sender: Sender, self: Self): boolean {
  return fromExtensionPage(sender, self, BACKGROUND_PATHS) && sender.tab === undefined;
}

// Whether an origin is covered by a host-permission match pattern (any HTTPS host, localhost, a
// domain and its subdomains: see WATCHABLE_SITES): same scheme, a matching host, any port.
export function originMatches(origin: string, pattern: string): boolean {
  const match = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(?::\d+)?\/.*$/.exec(pattern);
  if (!match) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const [, scheme, host] = match as unknown as [string, string, string];
  const schemeOk =
    scheme === '*'
      ? url.protocol === 'http:' || url.protocol === 'https:'
      : url.protocol === `${scheme}:`;
  if (!schemeOk || url.origin !== origin) return false;
  if (host === '*') return true;
  if (host.startsWith('*.'))
    return url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1));
  return url.hostname === host;
}

/**
 * This extension's content script, in the top frame of a tab, on a site the user chose to watch
 * (`granted`: the host permissions the extension holds, as match patterns).
 */
export function fromOwnContentScript(
  sender: Sender,
  self: Self,
  granted: readonly string[],
): boolean {
  const origin = sender.origin;
  return (
    sender.id === self.id &&
    typeof sender.tab?.id === 'number' &&
    sender.frameId === 0 &&
    typeof origin === 'string' &&
    origin !== self.origin &&
    pathOf(sender.url, origin) !== null &&
    granted.some((pattern) => originMatches(origin, pattern))
  );
}

/** Throws SenderRefusedError unless `accepted`. */
export function requireSender(accepted: boolean, what: string): void {
  if (!accepted) throw new SenderRefusedError(what);
}
