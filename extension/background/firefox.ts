/** Firefox's background: an event page, with its own sidebar (and no chrome.sidePanel). */
import { startBackground } from './start.js';

interface FirefoxBrowser {
  readonly sidebarAction: { open(): Promise<void> };
}

startBackground({
  async openSidebar() {
    await (globalThis as unknown as { browser: FirefoxBrowser }).browser.sidebarAction.open();
  },
});
