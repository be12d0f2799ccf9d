// What the extension's end-to-end tests and benchmarks share: the built extension with a test
// manifest, Chromium with it loaded, a portal page that embeds the kit, the side panel's KPIs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findBrowser } from '../../scripts/find-browser.mjs';

const BUILT = 'dist/extension/chrome';

/**
 * The built extension with one addition for the test: the content script declared for
 * 127.0.0.1 with its host permission, since a headless browser cannot click a permission prompt.
 */
export function testBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'sendkit-extension-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(BUILT, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  manifest.content_scripts = [
    { matches: ['http://127.0.0.1/*'], js: ['bridge.js'], run_at: 'document_idle' },
  ];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

export async function launchWithExtension(dir) {
  const context = await chromium.launchPersistentContext('', {
    executablePath: findBrowser(),
    headless: true,
    args: [...CHROME_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, id: new URL(worker.url()).host };
}

/** A portal page that embeds the kit (the built bundle), on loopback. */
const PORTAL = `<!doctype html><html lang="en"><head><title>Portal</title>
<script type="module">
import { openStore } from '/sendkit.bundle.js';
const ana = { name: 'ana', roles: ['start-deliveries'] };
const store = await openStore();
let delivery = (await store.listDeliveries())[0];
if (!delivery) {
  const created = await store.createDelivery(ana, { label: 'Portal send', channel: 'email', efs: true, recipients: { generated: 5000 } });
  await store.prepare(ana, created.id);
  delivery = await store.confirm(ana, created.id);
}
let next = 0;
window.deliver = async (count) => {
  const events = [];
  for (let index = 0; index < count; index++) events.push({ deliveryId: delivery.id, recipient: next++, type: 'delivered', at: store.now() });
  await store.applyFeedback(events);
  return Date.now();
};
window.ready = true;
</script></head><body><h1>Portal</h1></body></html>`;

export async function servePortal() {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://portal').pathname;
    if (path === '/portal.html') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      return response.end(PORTAL);
    }
    if (path === '/plain.html') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      return response.end('<!doctype html><title>Plain</title><p>No sendkit here.</p>');
    }
    if (path === '/sendkit.bundle.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      return response.end(readFileSync('dist/sendkit.bundle.js'));
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The KPI tiles of the side panel, by label: numbers. */
export function kpis(page) {
  return page.evaluate(() => {
    const root = document.querySelector('deployment-kpis')?.shadowRoot;
    const values = {};
    for (const tile of root?.querySelectorAll('[part="tile"]') ?? []) {
      values[tile.querySelector('dt').textContent.trim()] = Number(
        tile.querySelector('.value').textContent.replace(/[^\d.]/g, ''),
      );
    }
    values.state = root?.querySelector('[part~="state"]')?.textContent.trim() ?? '';
    return values;
  });
}
