// A portal page following a real relay process while providers post, reloaded in the middle of
// the stream: after the reload it resumes from the position stored with the last batch, and at
// the end every event counts once (the live counters equal a recount by computeStats).
import { register } from 'tsx/esm/api';
import { check, serveModelPage, test } from './harness.mjs';

register();
const support = await import('../relay/support.ts');

const RECIPIENTS = 3_000;
const PER_POST = 250;

// The model (tsc output) and idb, mapped for the browser.
const PAGE = `<!doctype html><html lang="en"><head><title>Relay feed</title>
<script type="importmap">{"imports":{"idb":"/node_modules/idb/build/index.js"}}</script>
<script type="module">
import { openStore } from '/dist/src/index.js';
import { connectFeedback } from '/dist/src/feedback/index.js';
const params = new URLSearchParams(location.search);
window.store = await openStore({ name: 'relay-e2e' });
window.connect = () => {
  window.feed = connectFeedback(window.store, params.get('relay'), { token: params.get('token') });
};
if (sessionStorage.getItem('following')) window.connect();
window.ready = true;
</script></head><body></body></html>`;

/** A relay process on loopback, with a fresh log, that lets pages of `origin` read. */
const relayFor = (origin) =>
  support.spawnRelay(['--port', '0', '--data', support.tempDir(), '--origins', origin]);

test('a page reloaded mid-stream resumes from its stored position: every event once', async ({
  browser,
}) => {
  const site = await serveModelPage('page.html', PAGE);
  const origin = site.origin;
  const relay = await relayFor(origin);
  const context = await browser.newContext();
  const page = await context.newPage();
  const logs = [];
  page.on('console', (message) => logs.push(message.text()));
  page.on('pageerror', (error) => logs.push(String(error)));
  try {
    const url = `${origin}/page.html?relay=${encodeURIComponent(relay.url)}&token=${support.TOKEN}`;
    await page.goto(url);
    await page.waitForFunction(() => window.ready === true);
    const deliveryId = await page.evaluate(async (count) => {
      const ana = { name: 'ana', roles: ['start-deliveries'] };
      const addresses = Array.from({ length: count }, (_, index) => `user${index}@example.com`);
      const created = await window.store.createDelivery(ana, {
        label: 'Relay',
        channel: 'email',
        recipients: { addresses },
      });
      await window.store.prepare(ana, created.id);
      await window.store.confirm(ana, created.id);
      sessionStorage.setItem('following', '1');
      window.connect();
      return created.id;
    }, RECIPIENTS);

    const post = (from) =>
      support
        .postSendgrid(relay.url, support.sendgridEvents(deliveryId, from, PER_POST))
        .then((response) => {
          check(response.ok, `post answered ${response.status}`);
        });
    // Providers keep posting while the page reloads.
    const sending = (async () => {
      for (let from = 0; from < RECIPIENTS; from += PER_POST) await post(from);
    })();
    await page.waitForFunction(() => (window.feed?.status.seq ?? 0) > 0);
    const before = await page.evaluate(() => window.feed.status.seq);
    await page.reload();
    await page.waitForFunction(() => window.ready === true);
    await sending;
    check(before < RECIPIENTS, `the reload came after the stream (${before})`);
    // A provider's retry of posts whose answers it lost.
    await post(0);
    await post(RECIPIENTS - PER_POST);

    await page
      .waitForFunction(
        (count) => window.feed?.status.seq === count && window.feed.status.state === 'live',
        RECIPIENTS,
        { timeout: 30_000 },
      )
      .catch(async (error) => {
        const status = await page.evaluate(() => JSON.stringify(window.feed?.status));
        throw new Error(`${error.message}; the feed: ${status}`);
      });
    const result = await page.evaluate(async (id) => {
      const live = await window.store.readIndicators(id);
      const recount = await window.store.computeStats(id);
      const cursor = await window.store.readFeedCursor(
        `relay:${new URLSearchParams(location.search).get('relay')}`,
      );
      return { live: live.delivered, recount: recount.delivered, cursor };
    }, deliveryId);
    check(result.live === RECIPIENTS, `live delivered ${result.live}`);
    check(result.recount === RECIPIENTS, `recounted delivered ${result.recount}`);
    check(result.cursor === RECIPIENTS, `cursor ${result.cursor}`);
  } catch (error) {
    const status = await page.evaluate(() => JSON.stringify(window.feed?.status)).catch(() => '?');
    throw new Error(`${error.message}\nfeed: ${status}\nconsole: ${logs.join('\n')}`);
  } finally {
    await context.close();
    await relay.kill();
    await site.close();
  }
});

test('showcase: connect to a relay with its address and token, and see the feed live', async ({
  browser,
  showcaseUrl,
}) => {
  const origin = new URL(showcaseUrl).origin;
  const relay = await relayFor(origin);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(showcaseUrl);
    await page.fill('#relay-url', relay.url);
    await page.fill('#relay-token', 'not-the-token-000000');
    await page.click('#relay-connect');
    await page.waitForFunction(() =>
      /refused the token/.test(document.querySelector('#relay-status').textContent),
    );
    await page.fill('#relay-token', support.TOKEN);
    await page.click('#relay-connect');
    await support.postSendgrid(relay.url, support.sendgridEvents('not-in-this-store', 0, 3));
    await page.waitForFunction(() =>
      /^\s*live/.test(document.querySelector('#relay-status').textContent),
    );
    await page.waitForFunction(() =>
      /position 3\b/.test(document.querySelector('#relay-status').textContent),
    );
    const text = await page.textContent('#relay-status');
    check(/3 unmatched/.test(text), `status: ${text}`);
    // Kept for the tab: after a reload the feed is on again, from where it stopped.
    await page.reload();
    await page.waitForFunction(() =>
      /position 3\b/.test(document.querySelector('#relay-status')?.textContent ?? ''),
    );
    await page.click('#relay-disconnect');
    await page.waitForFunction(() =>
      /Not connected/.test(document.querySelector('#relay-status').textContent),
    );
  } finally {
    await context.close();
    await relay.kill();
  }
});
