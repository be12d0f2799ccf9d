// Shared deliveries end to end, in real browsers with storage of their own and real relay
// processes: the built showcase in two browser contexts beside a relay (as `npm start` runs it)
// and the extension's side panel as a third, all showing one delivery as it moves; a page that
// calls the relay's endpoint itself with a credential lacking the role is refused; and two plain
// portal pages on two relays sharing one JetStream stream end with identical stores.
import { spawn } from 'node:child_process';
import { register } from 'tsx/esm/api';
import { launchWithExtension, testBuild } from './extension-support.mjs';
import { check, confirmSend, serveModelPage, test } from './harness.mjs';

register();
const support = await import('../relay/support.ts');

/** The state the Deployment block of a page shows, and its Sent tile's number. */
function deployment(page) {
  return page.evaluate(() => {
    const root = document.querySelector('deployment-kpis')?.shadowRoot;
    const sent = [...(root?.querySelectorAll('[part="tile"]') ?? [])].find(
      (tile) => tile.querySelector('dt')?.textContent.trim() === 'Sent',
    );
    return {
      state: root?.querySelector('[part~="state"]')?.textContent.trim() ?? '',
      sent: Number((sent?.querySelector('.value')?.textContent ?? '').replace(/[^\d]/g, '')),
    };
  });
}

async function waitFor(read, test, what, ms = 30_000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    last = await read();
    if (test(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('shared: two showcase windows and the side panel show one delivery moving together', async ({
  browser,
  showcaseUrl,
}) => {
  const origin = new URL(showcaseUrl).origin;
  const args = ['--port', '0', '--data', support.tempDir(), '--simulate', '--clock-scale', '3600'];
  const relay = await support.spawnRelay([...args, '--origins', origin]);
  // The showcase's stand-in backend reads these on each request, as `npm start` sets them.
  process.env.SENDKIT_SHOWCASE_RELAY = relay.url;
  process.env.SENDKIT_SHOWCASE_JWT_KEY = support.CREDENTIAL_KEY;
  const contexts = [await browser.newContext(), await browser.newContext()];
  let extension = null;
  const errors = [];
  try {
    const [one, two] = await Promise.all(contexts.map((context) => context.newPage()));
    for (const page of [one, two]) {
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(showcaseUrl);
      await page.waitForFunction(() =>
        /^\s*live/.test(document.querySelector('#relay-status')?.textContent ?? ''),
      );
    }
    await one.fill('input[name="label"]', 'Shared spring sale');
    await one.fill('input[name="count"]', '5000');
    await one.click('button:text-is("Create delivery")');
    await one.waitForFunction(() => document.querySelector('#delivery')?.value);
    const id = await one.inputValue('#delivery');
    await one.click('#prepare');
    await confirmSend(one);
    const confirmedAt = Date.now();
    // The other window, its own storage, sees the delivery arrive and selects it.
    await two.waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('#delivery option')].some((o) => o.value === wanted),
      id,
    );
    await two.selectOption('#delivery', id);
    await waitFor(
      () => deployment(two),
      (kpis) => /Sending/.test(kpis.state),
      'Sending in the other window',
    );
    console.log(`      (the other window showed Sending ${Date.now() - confirmedAt} ms after OK)`);
    await waitFor(
      () => deployment(two),
      (kpis) => kpis.sent > 0,
      'Sent moving in the other window',
    );

    // The side panel, connected with its own user's credential, shows it without a portal tab.
    extension = await launchWithExtension(testBuild());
    const panel = await extension.context.newPage();
    await panel.goto(`chrome-extension://${extension.id}/sidepanel.html`);
    await panel.click('#relay summary');
    await panel.fill('#relay-url', relay.url);
    await panel.fill('#relay-token', support.credentialFor('carl', ['start-deliveries']));
    await panel.click('#relay-connect');
    await panel.waitForSelector(`button[data-id="${id}"]`, { timeout: 30_000 });
    await panel.click(`button[data-id="${id}"]`);
    await waitFor(
      () => deployment(panel),
      (kpis) => kpis.sent > 0,
      'Sent in the side panel',
    );

    // A page that calls the relay itself with a credential lacking the role: refused there.
    await two.selectOption('#role', 'Prepare deliveries');
    const direct = await two.evaluate(
      async ([relayUrl, delivery]) => {
        const credential = await (await fetch('/dev/credential?role=Prepare%20deliveries')).text();
        const response = await fetch(`${relayUrl}/actions`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ action: 'stop', delivery }),
        });
        return { status: response.status, body: await response.json() };
      },
      [relay.url, id],
    );
    check(direct.status === 403, `a direct stop without the role answered ${direct.status}`);
    check(direct.body.error.code === 'permission', JSON.stringify(direct.body));

    // Stopped from the side panel: every screen ends on the same state and the same Sent.
    await panel.click('deployment-kpis button[part="action"]:text-is("Stop")');
    await panel.click('deployment-kpis [part="stop-confirm"]');
    const screens = [one, two, panel];
    for (const page of screens)
      await waitFor(
        () => deployment(page),
        (kpis) => /Stopped/.test(kpis.state),
        'Stopped',
      );
    const sent = await Promise.all(screens.map(async (page) => (await deployment(page)).sent));
    check(new Set(sent).size === 1, `the screens disagree on Sent: ${sent.join(', ')}`);
    check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    delete process.env.SENDKIT_SHOWCASE_RELAY;
    delete process.env.SENDKIT_SHOWCASE_JWT_KEY;
    await Promise.all(contexts.map((context) => context.close()));
    await extension?.context.close();
    await relay.kill();
  }
});

// A portal page of the model alone (its tsc output and idb), on loopback, for the JetStream test.
const PORTAL = `<!doctype html><html lang="en"><head><title>Shared portal</title>
<script type="importmap">{"imports":{"idb":"/node_modules/idb/build/index.js"}}</script>
<script type="module">
import { openStore } from '/dist/src/index.js';
import { connectRelay } from '/dist/src/replication/index.js';
const params = new URLSearchParams(location.search);
window.store = await openStore();
window.connection = connectRelay(window.store, params.get('relay'), { credential: params.get('credential') });
window.dump = async () => {
  const db = await new Promise((resolve) => { const r = indexedDB.open('sendkit'); r.onsuccess = () => resolve(r.result); });
  const names = [...db.objectStoreNames].filter((name) => name !== 'feedCursors').sort();
  const tx = db.transaction(names);
  const read = (name) => new Promise((resolve) => { const r = tx.objectStore(name).getAll(); r.onsuccess = () => resolve(r.result); });
  const all = {};
  for (const name of names) all[name] = await read(name);
  db.close();
  return JSON.stringify(all, (_, value) => (ArrayBuffer.isView(value) ? Array.from(value) : value));
};
window.ready = true;
</script></head><body></body></html>`;

test('shared: two portals and the side panel on two relays sharing one JetStream stream, in turn, end identical', async ({
  browser,
}) => {
  const nats = await support.startNats();
  const site = await serveModelPage('portal.html', PORTAL);
  const relays = [];
  const contexts = [];
  let extension = null;
  try {
    for (let index = 0; index < 2; index++)
      relays.push(
        await support.spawnRelay([
          '--port',
          '0',
          '--nats',
          nats.url,
          // One relay of a stream simulates (docs/relay.md): two would both send it.
          ...(index === 0 ? ['--simulate'] : []),
          '--clock-scale',
          '3600',
          '--origins',
          site.origin,
        ]),
      );
    const pages = [];
    for (const [index, name] of ['ana', 'bob'].entries()) {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      const credential = support.credentialFor(name, ['start-deliveries']);
      await page.goto(
        `${site.origin}/portal.html?relay=${encodeURIComponent(relays[index].url)}&credential=${credential}`,
      );
      await page.waitForFunction(() => window.ready === true);
      pages.push(page);
    }
    // The side panel follows the second relay with its own user's credential.
    extension = await launchWithExtension(testBuild());
    const panel = await extension.context.newPage();
    await panel.goto(`chrome-extension://${extension.id}/sidepanel.html`);
    await panel.click('#relay summary');
    await panel.fill('#relay-url', relays[1].url);
    await panel.fill('#relay-token', support.credentialFor('carl', ['start-deliveries']));
    await panel.click('#relay-connect');
    await panel.waitForFunction(() =>
      /^\s*live/.test(document.querySelector('#relay-status')?.textContent ?? ''),
    );
    const ana = { name: 'ana', roles: ['start-deliveries'] };
    const id = await pages[0].evaluate(async (user) => {
      const created = await window.store.createDelivery(
        user,
        {
          label: 'Two relays',
          channel: 'email',
          recipients: { generated: 3000 },
          pace: { perHour: 30000 },
        },
        { simulation: { seed: 3 } },
      );
      await window.store.prepare(user, created.id);
      return created.id;
    }, ana);
    // Bob, through the other relay, confirms what Ana prepared; Ana pauses and resumes; Bob stops.
    const state = (page) =>
      page.evaluate(
        (delivery) =>
          window.store
            .getDelivery(delivery)
            .then((d) => d.state)
            .catch(() => ''),
        id,
      );
    await waitFor(
      () => state(pages[1]),
      (value) => value === 'prepared',
      'prepared on the other relay',
    );
    await pages[1].evaluate(([delivery, user]) => window.store.confirm(user, delivery), [id, ana]);
    await waitFor(
      () => state(pages[0]),
      (value) => value === 'in-progress',
      'Sending on the first relay',
    );
    await pages[0].evaluate(([delivery, user]) => window.store.pause(user, delivery), [id, ana]);
    await pages[0].evaluate(([delivery, user]) => window.store.resume(user, delivery), [id, ana]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await pages[1].evaluate(([delivery, user]) => window.store.stop(user, delivery), [id, ana]);
    await waitFor(
      () => state(pages[0]),
      (value) => value === 'stopped',
      'stopped everywhere',
    );
    const dumps = await waitFor(
      async () => Promise.all(pages.map((page) => page.evaluate(() => window.dump()))),
      ([first, second]) => first === second,
      'identical stores',
    );
    check(
      dumps[0].includes('"confirm"') && dumps[0].includes('"bob"'),
      'the journal names who confirmed',
    );
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await extension?.context.close();
    await Promise.all(relays.map((relay) => relay.kill()));
    await site.close();
    await nats.stop();
  }
});

test('npm start: the showcase and its relay start together, the page finds the relay, both stop on SIGINT', async () => {
  const port = String(await support.freePort());
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, SENDKIT_RELAY_PORT: port, SENDKIT_RELAY_DATA: support.tempDir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Vite colours its URLs on a terminal and wherever CI is set (picocolors reads the variable):
  // its colour codes are taken out before the output is read.
  const colours = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  try {
    const output = await new Promise((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no start: ${text}`)), 60_000);
      child.stdout.on('data', (chunk) => {
        text += String(chunk).replace(colours, '');
        if (/Relay:/.test(text) && /Local:/.test(text)) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      child.stderr.on('data', (chunk) => (text += chunk));
    });
    const page = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)[1];
    const { url } = await (await fetch(new URL('/dev/relay.json', page))).json();
    check(url === `http://127.0.0.1:${port}`, `the page's backend names ${url}`);
    const health = await (await fetch(`${url}/health`)).json();
    check(health.clock.scale === 3600 && health.simulates === true, JSON.stringify(health));
    const credential = await (await fetch(new URL('/dev/credential?role=Workflow', page))).text();
    const refused = await fetch(`${url}/actions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        action: 'create',
        input: { label: 'x', channel: 'sms', recipients: { generated: 1 } },
      }),
    });
    check(refused.status === 403, `the Workflow demo user created a delivery: ${refused.status}`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  // Stopped together: nothing listens on the relay's port any more.
  const after = await fetch(`http://127.0.0.1:${port}/health`).then(
    () => 'answered',
    () => 'closed',
  );
  check(after === 'closed', 'the relay outlived npm start');
});
