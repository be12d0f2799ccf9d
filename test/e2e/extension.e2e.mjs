// The built Chrome extension, loaded unpacked in headless Chromium: the side panel page opened as
// a tab, the background's MTA sending, a user without the role refused, progress while the panel
// is closed and across a stopped service worker, a portal page watched live and read-only, a tab
// without sendkit, and a sender the background must refuse.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { kpis, launchWithExtension, servePortal, testBuild } from './extension-support.mjs';
import { check, confirmSend, test } from './harness.mjs';

async function waitFor(page, test, arg, timeout = 30_000) {
  await page.waitForFunction(test, arg, { timeout });
}

/** Waits until the KPI tile `label` shows more than `above`. */
function waitForKpi(page, label, above, timeout = 30_000) {
  return waitFor(
    page,
    ([name, was]) => {
      const root = document.querySelector('deployment-kpis')?.shadowRoot;
      const tile = [...(root?.querySelectorAll('[part="tile"]') ?? [])].find(
        (entry) => entry.querySelector('dt').textContent.trim() === name,
      );
      return tile && Number(tile.querySelector('.value').textContent.replace(/[^\d.]/g, '')) > was;
    },
    [label, above],
    timeout,
  );
}

async function openPanel(context, id) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`      side panel error: ${error.message}`));
  await page.goto(`chrome-extension://${id}/sidepanel.html`);
  await waitFor(page, () => document.querySelector('#app')?.textContent.includes('sendkit'));
  return page;
}

const confirmState = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('confirm-send-button')?.shadowRoot;
    return {
      disabled: root?.querySelector('[part="button"]')?.getAttribute('aria-disabled'),
      message: root?.querySelector('[part="message"]')?.textContent.trim() ?? '',
    };
  });

test('extension: create, confirm with the role, see KPIs move from the background; refused without it', async () => {
  const { context, id } = await launchWithExtension(testBuild());
  try {
    let page = await openPanel(context, id);
    // A user without Start deliveries prepares; the button says why it cannot confirm.
    await page.click('#user-settings summary');
    await page.uncheck('#user-settings input[name="start-deliveries"]');
    await page.check('#user-settings input[name="prepare-deliveries"]');
    await page.click('#new-delivery summary');
    await page.fill('#new-delivery input[name="label"]', 'Extension send');
    await page.fill('#new-delivery input[name="count"]', '3000');
    await page.fill('#new-delivery input[name="validity"]', '12');
    await page.fill('#new-delivery input[name="soft"]', '30');
    await page.check('#new-delivery input[name="efs"]');
    // Many soft bounces, to keep it sending for a while: the reputation guard would pause it.
    await page.uncheck('#new-delivery input[name="guard"]');
    await page.click('#new-delivery button:text-is("Create delivery")');
    await page.click('#prepare');
    await waitFor(page, () =>
      document.querySelector('.deliveries')?.textContent.includes('Confirm to start'),
    );
    const refused = await confirmState(page);
    check(
      refused.disabled === 'true',
      `confirm enabled without the role: ${JSON.stringify(refused)}`,
    );
    check(/permissions/i.test(refused.message), `no reason given: ${refused.message}`);

    // With the role: Confirm send, OK, and the background's MTA sends.
    await page.check('#user-settings input[name="start-deliveries"]');
    await confirmSend(page);
    await waitForKpi(page, 'Sent', 0);
    const first = await kpis(page);
    check(first.Sent > 0, `nothing sent: ${JSON.stringify(first)}`);

    // Closed panel: the background goes on; reopened, the send has moved.
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    page = await openPanel(context, id);
    await waitFor(page, () =>
      document.querySelector('deployment-kpis')?.shadowRoot?.querySelector('.value'),
    );
    await page.waitForTimeout(500);
    const later = await kpis(page);
    check(
      later.Sent > first.Sent || later.Delivered > first.Delivered || later.state !== first.state,
      `no progress while closed: ${JSON.stringify(first)} → ${JSON.stringify(later)}`,
    );

    // Stop the service worker mid-send: it restarts on the panel's next message and loses nothing.
    check(await stopWorker(context, page, id), 'no running service worker');
    await page.waitForTimeout(500);
    await page.reload();
    await waitFor(page, () =>
      /processed|Sending/.test(document.querySelector('.deliveries')?.textContent ?? ''),
    );
    await waitFor(
      page,
      () =>
        document
          .querySelector('.deliveries')
          ?.textContent.includes('All messages have been processed'),
      undefined,
      60_000,
    );
    await page.waitForTimeout(300);
    const live = await kpis(page);
    await page.locator('deployment-kpis [part="compute-stats"]').click();
    await page.waitForTimeout(500);
    const recounted = await kpis(page);
    check(
      live['To deliver'] === 3000 && live.Sent === 3000,
      `not everything sent: ${JSON.stringify(live)}`,
    );
    for (const label of ['Sent', 'Delivered', 'Bounces + errors']) {
      check(
        live[label] === recounted[label],
        `${label} ${live[label]} live, ${recounted[label]} recounted`,
      );
    }
  } finally {
    await context.close();
  }
});

test('extension: a portal page watched live and read-only; a tab without sendkit; senders checked', async () => {
  const portal = await servePortal();
  const { context, id } = await launchWithExtension(testBuild());
  try {
    const tab = await context.newPage();
    await tab.goto(`${portal.origin}/portal.html`);
    await waitFor(tab, () => window.ready === true);
    await tab.evaluate(() => window.deliver(100));
    const page = await openPanel(context, id);
    await page.click('#watch summary');
    await page.fill('#watch-site', portal.origin);
    await page.click('#watch-start');
    await waitFor(page, () =>
      document.querySelector('#watch-status')?.textContent.includes('Watching'),
    );
    await waitFor(page, () =>
      document.querySelector('.deliveries')?.textContent.includes('Portal send'),
    );
    await waitFor(page, () =>
      document.querySelector('deployment-kpis')?.shadowRoot?.textContent.includes('Portal send'),
    );
    const readOnly = await confirmState(page);
    check(/read-only/.test(readOnly.message), `actions not read-only: ${JSON.stringify(readOnly)}`);
    const before = (await kpis(page)).Sent;
    await tab.evaluate(() => window.deliver(900));
    await waitForKpi(page, 'Sent', before, 10_000);
    // The send over time, broken down and its journal, read from the page's store by messages.
    await waitFor(page, () => {
      const timeline = document.querySelector('delivery-timeline')?.shadowRoot;
      const breakdown = document.querySelector('delivery-breakdown')?.shadowRoot;
      const journal = document.querySelector('delivery-journal')?.shadowRoot;
      return (
        /Sent: [1-9]/.test(timeline?.querySelector('[part="readout"]')?.textContent ?? '') &&
        (breakdown?.querySelectorAll('[part="providers"] tbody tr').length ?? 0) > 0 &&
        journal?.querySelector('[part="table"] tr[data-action="confirm"]')
      );
    });

    // The page cannot reach the extension; the background refuses a message from the wrong sender.
    check(
      (await tab.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage)) === 'undefined',
      'the page can message the extension',
    );
    const forged = await page.evaluate(() =>
      globalThis.chrome.runtime.sendMessage({
        id: 1,
        type: 'portal.changed',
        data: { store: 'sendkit', deliveryIds: [] },
        timestamp: Date.now(),
      }),
    );
    check(
      /Refused/.test(forged?.err?.message ?? ''),
      `forged portal.changed accepted: ${JSON.stringify(forged)}`,
    );

    // The tab goes to a site without sendkit (another origin: storage is per origin), said plainly.
    const other = await servePortal();
    await tab.goto(`${other.origin}/plain.html`);
    await other.close();
    await waitFor(page, () =>
      /no sendkit store/.test(document.querySelector('#watch-status')?.textContent ?? ''),
    );
    await tab.close();
    await waitFor(page, () =>
      /tab was closed/.test(document.querySelector('#watch-status')?.textContent ?? ''),
    );
  } finally {
    await context.close();
    await portal.close();
  }
});

test('extension: a portal store of junk records renders safely; Watch names an origin with no open tab', async () => {
  const portal = await servePortal();
  const elsewhere = await servePortal();
  const { context, id } = await launchWithExtension(testBuild());
  try {
    const tab = await context.newPage();
    await tab.goto(`${portal.origin}/portal.html`);
    await waitFor(tab, () => window.ready === true);
    await tab.evaluate(() => window.deliver(10));
    // The page writes what it likes under sendkit's names: wrong types, markup, NaN times, junk.
    await tab.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open('sendkit');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const tx = db.transaction('deliveries', 'readwrite');
            const deliveries = tx.objectStore('deliveries');
            const junk = {
              label: { not: 'a text' },
              state: '<img src=x id=injected>',
              channel: '<b>sms</b>',
              mode: 42,
              recipientCount: 'many',
              createdAt: NaN,
              startedAt: NaN,
              endsAt: Infinity,
              journal: [null, 7, { action: '<script>', at: 'now' }, 'text'],
              guardPause: { measure: 'everything' },
              recurrence: 'daily',
            };
            deliveries.put({ ...junk, id: 'junk-1' });
            deliveries.put({
              ...junk,
              id: 'junk-2',
              label: '<img src=x id=injected2>',
              journal: 'x',
            });
            tx.oncomplete = () => {
              db.close();
              resolve(undefined);
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    const page = await openPanel(context, id);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.click('#watch summary');

    // Same host, another port, no tab open there: said plainly, not "Watching".
    await page.fill('#watch-site', elsewhere.origin);
    await page.click('#watch-start');
    await waitFor(page, () =>
      /No tab is open on/.test(document.querySelector('#watch-status')?.textContent ?? ''),
    );
    const status = await page.textContent('#watch-status');
    check(status.includes(elsewhere.origin), `status names no origin: ${status}`);

    await page.fill('#watch-site', portal.origin);
    await page.click('#watch-start');
    await waitFor(page, () =>
      document.querySelector('#watch-status')?.textContent.includes('Watching'),
    );
    await waitFor(page, () => document.querySelectorAll('.deliveries li').length === 3);
    const listed = await page.textContent('.deliveries');
    check(listed.includes('(no label)'), `junk label shown as: ${listed}`);
    check(listed.includes('<img src=x id=injected2>'), `markup label not shown as text: ${listed}`);
    for (const junkId of ['junk-1', 'junk-2']) {
      await page.click(`.deliveries button[data-id="${junkId}"]`);
      await waitFor(
        page,
        () => (document.querySelector('deployment-kpis')?.shadowRoot?.textContent ?? '').length > 0,
      );
      await page.waitForTimeout(300);
    }
    const injected = await page.evaluate(() => {
      const roots = [
        document,
        ...[...document.querySelectorAll('*')].flatMap((element) =>
          element.shadowRoot ? [element.shadowRoot] : [],
        ),
      ];
      return roots.some((root) => root.querySelector('#injected, #injected2'));
    });
    check(!injected, 'markup from the page became elements in the side panel');
    check(errors.length === 0, `side panel errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
    await portal.close();
    await elsewhere.close();
  }
});

test('extension: the Firefox build passes web-ext lint with no error, warning or notice; both zips exist', async () => {
  const result = spawnSync(
    'node_modules/.bin/web-ext',
    [
      'lint',
      '--source-dir',
      'dist/extension/firefox',
      '--warnings-as-errors',
      '--output',
      'json',
      '--no-config-discovery',
    ],
    { encoding: 'utf8' },
  );
  const report = JSON.parse(result.stdout);
  const found = [...report.errors, ...report.warnings, ...report.notices].map(
    (entry) => `${entry.code}: ${entry.message}`,
  );
  check(
    found.length === 0 && result.status === 0,
    `web-ext lint: ${found.join('; ') || result.stderr}`,
  );
  for (const target of ['chrome', 'firefox']) {
    check(existsSync(`dist/extension/sendkit-${target}.zip`), `no zip of the ${target} build`);
  }
});

/**
 * Stops the extension's service worker through the DevTools protocol, as Chrome does when idle;
 * false if none was running.
 */
async function stopWorker(context, page, id) {
  const cdp = await context.newCDPSession(page);
  let versions = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => (versions = event.versions));
  await cdp.send('ServiceWorker.enable');
  await page.waitForTimeout(300);
  const running = versions.find(
    (version) =>
      version.scriptURL.startsWith(`chrome-extension://${id}/`) &&
      version.runningStatus === 'running',
  );
  if (running) await cdp.send('ServiceWorker.stopWorker', { versionId: running.versionId });
  await cdp.detach();
  return Boolean(running);
}

const guardNotices = (page) =>
  page.evaluate(async () => {
    const { chrome } = globalThis;
    const shown = (await chrome.storage.local.get('notified')).notified ?? {};
    return {
      stored: Object.keys(shown).filter((key) => key.endsWith(':guard-paused')),
      displayed: Object.keys(await chrome.notifications.getAll()).filter((key) =>
        key.endsWith(':guard-paused'),
      ),
      badge: await chrome.action.getBadgeText({}),
    };
  });

test('extension: a guarded pause notifies exactly once, across service worker restarts; the badge counts it', async () => {
  const { context, id } = await launchWithExtension(testBuild());
  try {
    let page = await openPanel(context, id);
    await page.click('#new-delivery summary');
    await page.fill('#new-delivery input[name="label"]', 'Bad list');
    await page.fill('#new-delivery input[name="count"]', '20000');
    await page.fill('#new-delivery input[name="hard"]', '20');
    await page.click('#new-delivery button:text-is("Create delivery")');
    await page.click('#prepare');
    await confirmSend(page);
    // The worker is stopped around the moment the guard pauses the delivery.
    await stopWorker(context, page, id);
    await page.reload();
    await waitFor(page, () =>
      /reputation guard/.test(
        document.querySelector('deployment-kpis')?.shadowRoot?.textContent ?? '',
      ),
    );
    // The background may hear of the pause only once it has restarted: wait for its notice, then
    // long enough for a second one to show if the alert were handled twice.
    for (let waited = 0; (await guardNotices(page)).stored.length === 0 && waited < 10_000;) {
      await page.waitForTimeout(100);
      waited += 100;
    }
    await page.waitForTimeout(1_000);
    const first = await guardNotices(page);
    check(first.stored.length === 1, `notified ${JSON.stringify(first)}`);
    check(first.displayed.length === 1, `displayed ${JSON.stringify(first)}`);
    check(first.badge === '1', `badge ${JSON.stringify(first.badge)}`);
    await stopWorker(context, page, id);
    await page.close();
    page = await openPanel(context, id);
    await page.waitForTimeout(1_500);
    const again = await guardNotices(page);
    check(
      JSON.stringify(again.stored) === JSON.stringify(first.stored) && again.displayed.length === 1,
      `notified again: ${JSON.stringify(again)}`,
    );
    // Resume: the delivery no longer needs the operator.
    await page.locator('deployment-kpis [part="action"]', { hasText: 'Resume' }).click();
    await waitFor(
      page,
      () =>
        !/reputation guard/.test(
          document.querySelector('deployment-kpis')?.shadowRoot?.querySelector('[part="guard"]')
            ?.textContent ?? '',
        ),
    );
    await page.waitForFunction(
      async () => (await globalThis.chrome.action.getBadgeText({})) === '',
      null,
      {
        timeout: 10_000,
      },
    );
  } finally {
    await context.close();
  }
});

test("extension: the side panel's own controls are drawn like the elements', light and dark", async () => {
  const { context, id } = await launchWithExtension(testBuild());
  try {
    const page = await openPanel(context, id);
    await waitFor(page, () =>
      document.querySelector('sending-log-table')?.shadowRoot?.querySelector('[part="export"]'),
    );
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const looks = await page.evaluate(() => {
        const look = (element) => {
          const style = getComputedStyle(element);
          return [style.backgroundColor, style.color, style.borderRadius, style.borderTopColor];
        };
        const table = document.querySelector('sending-log-table').shadowRoot;
        return {
          panelButton: look(document.querySelector('#watch-start')),
          elementButton: look(table.querySelector('[part="export"]')),
          panelPressed: look(document.querySelector('#source-own[aria-pressed="true"]')),
          elementSelected: look(table.querySelector('[role="tab"][aria-selected="true"]')),
        };
      });
      check(
        JSON.stringify(looks.panelButton) === JSON.stringify(looks.elementButton),
        `${scheme}: the panel's button ${looks.panelButton} is not the elements' ${looks.elementButton}`,
      );
      check(
        JSON.stringify(looks.panelPressed.slice(0, 2)) ===
          JSON.stringify(looks.elementSelected.slice(0, 2)),
        `${scheme}: the chosen source ${looks.panelPressed} is not drawn like a chosen tab ${looks.elementSelected}`,
      );
    }
  } finally {
    await context.close();
  }
});
