// A web-test-runner server command that sends one DevTools-protocol call for the test's own page:
// tests call executeServerCommand('cdp', { method, params }). The session stays attached for the
// page's life, since some overrides (Storage.overrideQuotaForOrigin) last only as long as it.
export function cdpCommand() {
  const clients = new Map();
  return {
    name: 'sendkit-cdp',
    async executeCommand({ command, payload, session }) {
      if (command !== 'cdp') return undefined;
      const page = session.browser.getPage(session.id);
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
