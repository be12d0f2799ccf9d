// The extension's figures, with the built Chrome extension loaded in headless Chromium:
// - sidebar_open_to_kpi_ms: the side panel page opened to the KPIs of a 1,000,000-recipient
//   delivery shown (time from the navigation's start, in the page);
// - portal_change_to_sidebar_ms: a feedback batch committed in a watched portal page to the side
//   panel's KPIs showing it (median of 20, and the 95th percentile beside it).
import { execFileSync } from 'node:child_process';
import { launchWithExtension, servePortal, testBuild } from '../test/e2e/extension-support.mjs';
import { confirmSend } from '../test/e2e/harness.mjs';

/** Installed before the page's scripts: notes when the KPIs first show, and each Sent change. */
function watchKpis() {
  window.kpiTimes = { first: null, sent: [] };
  let last = null;
  const look = () => {
    const root = document.querySelector('deployment-kpis')?.shadowRoot;
    const tiles = [...(root?.querySelectorAll('[part="tile"]') ?? [])];
    const sent = tiles.find((tile) => tile.querySelector('dt')?.textContent.trim() === 'Sent');
    const text = sent?.querySelector('.value')?.textContent ?? '';
    if (/\d/.test(text)) {
      window.kpiTimes.first ??= performance.now();
      if (text !== last)
        window.kpiTimes.sent.push({ at: Date.now(), value: Number(text.replace(/\D/g, '')) });
      last = text;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

function percentile(values, share) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

export async function extensionFigures({ report }) {
  execFileSync('node', ['scripts/build-extension.mjs'], { stdio: 'ignore' });
  const portal = await servePortal();
  const { context, id } = await launchWithExtension(testBuild());
  try {
    // A sending delivery of a million recipients in the extension's store, shown by default.
    const setup = await context.newPage();
    await setup.goto(`chrome-extension://${id}/sidepanel.html`);
    await setup.click('#new-delivery summary');
    await setup.fill('#new-delivery input[name="count"]', '1000000');
    await setup.click('#new-delivery button:text-is("Create delivery")');
    await setup.click('#prepare', { timeout: 60_000 });
    await confirmSend(setup, 60_000);
    await setup.waitForTimeout(1_000);
    await setup.close();

    const times = [];
    for (let run = 0; run < 5; run++) {
      const page = await context.newPage();
      await page.addInitScript(watchKpis);
      await page.goto(`chrome-extension://${id}/sidepanel.html`);
      await page.waitForFunction(() => window.kpiTimes.first !== null, null, { timeout: 30_000 });
      times.push(await page.evaluate(() => window.kpiTimes.first));
      await page.close();
    }
    report('sidebar_open_to_kpi_ms', percentile(times, 0.5), 'ms', 300);

    // A watched portal page commits feedback; the side panel shows it.
    const tab = await context.newPage();
    await tab.goto(`${portal.origin}/portal.html`);
    await tab.waitForFunction(() => window.ready === true);
    const panel = await context.newPage();
    await panel.addInitScript(watchKpis);
    await panel.goto(`chrome-extension://${id}/sidepanel.html`);
    await panel.click('#watch summary');
    await panel.fill('#watch-site', portal.origin);
    await panel.click('#watch-start');
    await panel.waitForFunction(() =>
      document.querySelector('deployment-kpis')?.shadowRoot?.textContent.includes('Portal send'),
    );
    await panel.waitForTimeout(500);
    const delays = [];
    for (let batch = 0; batch < 20; batch++) {
      const seen = await panel.evaluate(() => window.kpiTimes.sent.length);
      const committed = await tab.evaluate(() => window.deliver(50));
      await panel.waitForFunction((count) => window.kpiTimes.sent.length > count, seen, {
        timeout: 10_000,
      });
      const shown = await panel.evaluate(() => window.kpiTimes.sent.at(-1).at);
      delays.push(shown - committed);
      await panel.waitForTimeout(100);
    }
    report('portal_change_to_sidebar_ms', percentile(delays, 0.5), 'ms', 250);
    report('portal_change_to_sidebar_p95_ms', percentile(delays, 0.95), 'ms', null);
  } finally {
    await context.close();
    await portal.close();
  }
}
