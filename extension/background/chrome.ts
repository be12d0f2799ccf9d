/** Chrome's background: a service worker, with a side panel opened by the toolbar button. */
import { startBackground } from './start.js';

startBackground({
  async openSidebar(windowId) {
    if (windowId === undefined) throw new Error('no window to open the side panel in');
    await chrome.sidePanel.open({ windowId });
  },
});

chrome.runtime.onInstalled.addListener(() => {
  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
});
