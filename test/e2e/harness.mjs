// The end-to-end harness: each *.e2e.mjs file registers tests with `test(name, run)`; run.mjs
// starts what they share (Chromium, the built showcase) and runs them in order.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, resolve } from 'node:path';

const registered = [];

/** Registers an end-to-end test; `run` gets { browser, showcaseUrl }. */
export function test(name, run) {
  registered.push({ name, run });
}

export function tests() {
  return registered;
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Serves `files` (path → { path } or { body, type }) at http://sendkit.test/ for one page. */
export async function serveOnFakeOrigin(page, files, headers = {}) {
  await page.route('http://sendkit.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = files[path];
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      headers,
      ...(file.path ? { path: file.path } : { body: file.body }),
      contentType: file.type ?? (path.endsWith('.js') ? 'text/javascript' : 'text/html'),
    });
  });
}

/** Waits until a page's <confirm-send-button> may be pressed. */
export function confirmEnabled(page, timeout = 30_000) {
  return page.waitForFunction(
    () =>
      document
        .querySelector('confirm-send-button')
        ?.shadowRoot?.querySelector('[part="button"]')
        ?.getAttribute('aria-disabled') === 'false',
    null,
    { timeout },
  );
}

/** Confirm send, then OK in its dialog, once the button may be pressed. */
export async function confirmSend(page, timeout) {
  await confirmEnabled(page, timeout);
  await page.locator('confirm-send-button [part="button"]').click();
  await page.locator('confirm-send-button [part="ok"]').click();
}

const TYPES = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Serves the files under `root` (a directory, / → index.html) at http://sendkit.test/ for one page. */
export async function serveDirectory(page, root) {
  await page.route('http://sendkit.test/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(resolve(root)) || !existsSync(file)) {
      return route.fulfill({ status: 404, body: 'not found' });
    }
    return route.fulfill({
      path: file,
      contentType: TYPES[extname(file)] ?? 'application/octet-stream',
    });
  });
}

/**
 * A page of the model alone (its tsc output and idb, mapped by the page's import map), served
 * with the files it loads from a real server on loopback: Chromium lets a page reach a loopback
 * relay only from a local address (a page fulfilled by the test would count as public).
 */
export async function serveModelPage(file, html) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://page').pathname.slice(1);
    if (path === file) {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      return response.end(html);
    }
    if (!/^(dist\/src|node_modules\/idb\/build)\/[\w/.-]+\.js$/.test(path)) {
      response.writeHead(404);
      return response.end();
    }
    response.writeHead(200, { 'Content-Type': 'text/javascript' });
    response.end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
