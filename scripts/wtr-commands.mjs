// Server commands for the browser tests (executeServerCommand from @web/test-runner-commands):
// - `cdp` { method, params }: one DevTools-protocol call for the test's own page. The session
//   stays attached for the page's life, since some overrides (Storage.overrideQuotaForOrigin)
//   last only as long as it.
// - `viewport` { width, height }: resizes the test's page (a 320 px window, say).
// - `screenshot` { name }: saves the page as test-results/screenshots/<name>.png.
import { mkdirSync } from 'node:fs';

const SCREENSHOTS = 'test-results/screenshots';

export function testCommands() {
  const clients = new Map();
  return {
    name: 'sendkit-test-commands',
    async executeCommand({ command, payload, session }) {
      if (!['cdp', 'viewport', 'screenshot'].includes(command)) return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'viewport') {
        await page.setViewport({ width: payload.width, height: payload.height });
        return true;
      }
      if (command === 'screenshot') {
        if (!/^[\w-]+$/.test(payload.name)) throw new Error(`bad screenshot name ${payload.name}`);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: `${SCREENSHOTS}/${payload.name}.png`, fullPage: true });
        return true;
      }
      let client = clients.get(page);
      if (!client) {
        client = await page.createCDPSession();
        clients.set(page, client);
        page.once('close', () => clients.delete(page));
      }
      return (await client.send(payload.method, payload.params ?? {})) ?? {};
    },
  };
}
