// Portals with a strict Content-Security-Policy: the built bundle and the built showcase, served
// with the policy as an HTTP header, must cause no violation while every element works.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { check, confirmSend, serveOnFakeOrigin, test } from './harness.mjs';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

const HEADERS = { 'content-security-policy': STRICT_CSP };

/** Collects every CSP violation of the page, from before its first script runs. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`),
    );
  });
}

const violations = (page) => page.evaluate(() => window.violations);

const APP = `
import { openStore, provideSendkit } from '/sendkit.bundle.js';
const ana = { name: 'ana', roles: ['start-deliveries'] };
const store = await openStore({ name: 'csp-' + Date.now() });
const big = await store.createDelivery(ana, {
  label: 'A hundred thousand', channel: 'email', recipients: { generated: 100000 },
});
await store.prepare(ana, big.id);
await store.confirm(ana, big.id);
const now = store.now();
const relayed = [];
for (let recipient = 0; recipient < 40000; recipient++)
  relayed.push({ deliveryId: big.id, recipient, type: 'relayed', at: now });
await store.applyFeedback(relayed);
const prepared = await store.createDelivery(ana, {
  label: 'Waiting', channel: 'email', recipients: { generated: 10 },
});
await store.prepare(ana, prepared.id);
provideSendkit(document.querySelector('#sending'), { store, deliveryId: big.id, user: ana });
provideSendkit(document.querySelector('#prepared'), { store, deliveryId: prepared.id, user: ana });
window.ready = true;
`;

const PAGE = `<!doctype html><html lang="en"><head><title>CSP</title>
<script type="module" src="/sendkit.bundle.js"></script>
<script type="module" src="/app.js"></script></head><body>
<div id="sending"><deployment-kpis></deployment-kpis><sending-log-table></sending-log-table>
<efs-comparison></efs-comparison><delivery-timeline></delivery-timeline>
<delivery-breakdown></delivery-breakdown><delivery-journal></delivery-journal></div>
<div id="prepared"><confirm-send-button></confirm-send-button></div>
</body></html>`;

test('a strict CSP: the bundle works with no violation (progress, 100,000 rows, dialog, CSV)', async ({
  browser,
}) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await watchViolations(page);
  await serveOnFakeOrigin(
    page,
    {
      '/': { body: PAGE },
      '/app.js': { body: APP, type: 'text/javascript' },
      '/sendkit.bundle.js': { path: 'dist/sendkit.bundle.js' },
    },
    HEADERS,
  );
  await page.goto('http://sendkit.test/');
  await page.waitForFunction(() => window.ready, null, { timeout: 30_000 });
  await page.waitForFunction(() =>
    document.querySelector('deployment-kpis')?.shadowRoot?.querySelector('[part="progress-bar"]'),
  );
  // The progress bar's width is the Sent percentage (40 %), set through the CSS object model.
  const ratio = await page.evaluate(() => {
    const root = document.querySelector('deployment-kpis').shadowRoot;
    const bar = root.querySelector('[part="progress-bar"]').getBoundingClientRect().width;
    const track = root.querySelector('[part="progress"]').getBoundingClientRect().width;
    return bar / track;
  });
  check(Math.abs(ratio - 0.4) < 0.01, `the progress bar is at ${ratio}, not 0.4`);
  // The log table scrolls to its last row and shows it.
  const viewport = page.locator('sending-log-table [part="viewport"]');
  await viewport.focus();
  await page.keyboard.press('End');
  await page.waitForFunction(() => {
    const root = document.querySelector('sending-log-table').shadowRoot;
    const rows = [...root.querySelectorAll('[part~="row"]')];
    const last = rows.at(-1);
    if (last?.getAttribute('aria-rowindex') !== '100001') return false;
    const box = last.getBoundingClientRect();
    const view = root.querySelector('[part="viewport"]').getBoundingClientRect();
    return (
      box.bottom <= view.bottom + 1 &&
      box.top >= view.top &&
      last.textContent.includes('profile99999@')
    );
  });
  // The timeline draws its lines (SVG attributes, no style attribute) and reads out a minute;
  // the breakdown and the journal render their tables.
  await page.waitForFunction(() => {
    const root = document.querySelector('delivery-timeline').shadowRoot;
    return (
      root.querySelectorAll('svg path.line').length === 4 && root.querySelector('[part="readout"]')
    );
  });
  const readout = await page.locator('delivery-timeline [part="readout"]').textContent();
  check(readout.includes('Sent: 40,000'), `the timeline reads out ${readout}`);
  check(
    (await page.locator('delivery-breakdown [part="providers"] tbody tr').count()) >= 1,
    'the breakdown shows no provider',
  );
  check(
    (await page.locator('delivery-journal [part="table"] tbody tr').count()) >= 4,
    'the journal shows too few entries',
  );
  // The confirm dialog opens.
  await page.locator('confirm-send-button [part="button"]').click();
  check(await page.locator('confirm-send-button dialog').isVisible(), 'the dialog did not open');
  await page.keyboard.press('Escape');
  // The CSV export downloads.
  const download = page.waitForEvent('download');
  await page.locator('sending-log-table [part="export"]').click();
  check((await download).suggestedFilename() === 'sending-logs.csv', 'no CSV was downloaded');
  const seen = await violations(page);
  check(seen.length === 0, `CSP violations: ${seen.join(' | ')}`);
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await context.close();
});

function filesOf(directory, prefix = '') {
  const files = {};
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesOf(path, `${prefix}/${name}`));
    else
      files[`${prefix}/${name}`] = {
        path,
        type: name.endsWith('.css')
          ? 'text/css'
          : name.endsWith('.json')
            ? 'application/json'
            : name.endsWith('.html')
              ? 'text/html'
              : 'text/javascript',
      };
  }
  return files;
}

test('a strict CSP: the built showcase works with no violation', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await watchViolations(page);
  const files = filesOf('build/showcase');
  files['/'] = files['/index.html'];
  await serveOnFakeOrigin(page, files, HEADERS);
  await page.goto('http://sendkit.test/');
  await page.fill('input[name="count"]', '500');
  await page.click('button:text-is("Create delivery")');
  await page.waitForFunction(() => document.querySelector('#delivery')?.value);
  await page.click('#prepare');
  await confirmSend(page);
  await page.click('#theme');
  await page.waitForTimeout(1500);
  const seen = await violations(page);
  check(seen.length === 0, `CSP violations: ${seen.join(' | ')}`);
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});
