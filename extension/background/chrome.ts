/**
 * Chrome's background: the shared one, and the side panel opened by the toolbar button (Firefox
 * has a sidebar of its own, and no chrome.sidePanel).
 */
import './background.js';

chrome.runtime.onInstalled.addListener(() => {
  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
});
