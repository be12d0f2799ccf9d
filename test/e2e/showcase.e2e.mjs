// End-to-end: the built showcase and the built bundle, driven in Chromium by playwright-core.
// Run by `npm test` after the browser tests; prints one line per test and writes its counts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROME_ARGS, findBrowser } from '../../scripts/find-browser.mjs';

const OUT = 'test-results';
mkdirSync(OUT, { recursive: true });

const tests = [];
const test = (name, run) => tests.push({ name, run });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function tileValue(page, label) {
  const tiles = page.locator('deployment-kpis [part="tile"]');
  const count = await tiles.count();
  for (let index = 0; index < count; index++) {
    const tile = tiles.nth(index);
    if ((await tile.locator('dt').innerText()).trim() === label)
      return (await tile.locator('.value').innerText()).trim();
  }
  return null;
}

const number = (text) => Number(String(text).replace(/[^\d.]/g, ''));

test('showcase: create, prepare, confirm, and see Sent and Delivered move', async ({
  browser,
  url,
}) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.fill('input[name="count"]', '5000');
  await page.check('input[name="efs"]');
  await page.click('button:text-is("Create delivery")');
  await page.waitForFunction(() => document.querySelector('#delivery')?.value);
  await page.click('#prepare');
  const button = page.locator('confirm-send-button [part="button"]');
  await page.waitForFunction(
    () =>
      document
        .querySelector('confirm-send-button')
        ?.shadowRoot?.querySelector('[part="button"]')
        ?.getAttribute('aria-disabled') === 'false',
  );
  await button.click();
  check(
    await page.locator('confirm-send-button dialog').isVisible(),
    'the Confirm send dialog did not open',
  );
  await page.locator('confirm-send-button [part="ok"]').click();
  await page.waitForFunction(
    () => {
      const kpis = document.querySelector('deployment-kpis')?.shadowRoot;
      const values = [...(kpis?.querySelectorAll('[part="tile"]') ?? [])].map(
        (tile) => tile.querySelector('.value')?.textContent ?? '',
      );
      return (
        values.length > 3 &&
        Number(values[1].replace(/\D/g, '')) > 0 &&
        Number(values[2].replace(/[^\d.]/g, '')) > 0
      );
    },
    null,
    { timeout: 30_000 },
  );
  const sent = number(await tileValue(page, 'Sent'));
  const delivered = number(await tileValue(page, 'Delivered'));
  check(sent > 0, `Sent is ${sent}`);
  check(delivered > 0, `Delivered is ${delivered} %`);
  await page.waitForTimeout(1500);
  check(number(await tileValue(page, 'Sent')) >= sent, 'Sent went backwards');
  const rows = await page.locator('sending-log-table [part~="row"]').count();
  check(rows > 0, 'the sending logs show no row');
  await page.screenshot({ path: `${OUT}/showcase.png`, fullPage: true });
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});

test('the self-contained bundle works from a plain page, and loading it twice does not throw', async ({
  browser,
}) => {
  const page = await browser.newPage();
  const errors = [];
  const warnings = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.route('http://sendkit.test/**', (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ path: 'dist/sendkit.bundle.js', contentType: 'text/javascript' })
      : route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html><body>
            <confirm-send-button></confirm-send-button><deployment-kpis></deployment-kpis>
            <sending-log-table></sending-log-table><efs-comparison></efs-comparison>
            <script type="module" src="/a/sendkit.bundle.js"></script>
            <script type="module" src="/b/sendkit.bundle.js"></script>
            <script type="module">
              import { openStore } from '/a/sendkit.bundle.js';
              window.ready = openStore({ name: 'plain-page' }).then(() => true);
            </script></body></html>`,
        }),
  );
  await page.goto('http://sendkit.test/');
  await page.waitForFunction(() => window.ready);
  const defined = await page.evaluate(() =>
    ['confirm-send-button', 'deployment-kpis', 'sending-log-table', 'efs-comparison'].every((tag) =>
      customElements.get(tag),
    ),
  );
  check(defined, 'not every element is defined');
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  check(
    warnings.some((text) => text.includes('already defined')),
    'the second copy did not say it kept the first one',
  );
  const rows = await page.locator('efs-comparison [part="table"] tbody tr').count();
  check(rows === 6, `efs-comparison shows ${rows} rows`);
  await page.close();
});

const server = await preview({
  logLevel: 'error',
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
});
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: findBrowser(),
  headless: true,
  args: CHROME_ARGS,
});
let passed = 0;
let failed = 0;
try {
  for (const { name, run } of tests) {
    try {
      await run({ browser, url });
      passed++;
      console.log(`  ✓ e2e: ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✗ e2e: ${name}\n      ${error instanceof Error ? error.stack : error}`);
    }
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
writeFileSync(`${OUT}/e2e-summary.json`, JSON.stringify({ passed, failed, skipped: 0 }));
