// `npm run bench`: serves the benchmark page with Vite, runs it in headless Chromium, then the
// relay's figures (bench/relay.mjs), and prints one JSON line per figure:
// {"figure": …, "value": …, "unit": …, "target": …}. `npm run bench -- <group>` runs one group
// (model, import, relay, extension).
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { bundleGzipKb, bundleWatchGzipKb } from './bundle-size.mjs';
import { benchFiles } from './files-plugin.mjs';
import { extensionFigures } from './extension.mjs';
import { relayFigures } from './relay.mjs';

const server = await createServer({
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0 },
  plugins: [benchFiles()],
});
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({
  executablePath: findBrowser(),
  headless: true,
  args: [...CHROME_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
let failed = false;
const group = process.argv[2];
const reportFigure = (figure) => console.log(JSON.stringify(figure));
try {
  if (group !== 'relay' && group !== 'extension') {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    // BENCH_CONSOLE=1 shows what the page (and its workers) log: for finding where time goes.
    if (process.env.BENCH_CONSOLE) page.on('console', (message) => console.error(message.text()));
    const finished = new Promise((resolve) => {
      void page.exposeFunction('benchFinished', (error) => {
        if (error) {
          console.error(`benchmark failed: ${error}`);
          failed = true;
        }
        resolve();
      });
    });
    await page.exposeFunction('reportFigure', reportFigure);
    const only = group ? `?only=${encodeURIComponent(group)}` : '';
    await page.goto(`http://127.0.0.1:${port}/bench/bench.html${only}`);
    await finished;
    await page.close();
  }
  const report = (figure, value, unit, target) =>
    reportFigure({ figure, value: Math.round(value * 1000) / 1000, unit, target });
  if (!group || group === 'relay') {
    await relayFigures({ browser, pageUrl: `http://127.0.0.1:${port}/bench/relay.html`, report });
  }
  if (!group || group === 'extension') await extensionFigures({ report });
} finally {
  await browser.close();
  await server.close();
}
for (const [figure, measure, target] of [
  ['bundle_gzip_kb', bundleGzipKb, 34],
  ['bundle_watch_gzip_kb', bundleWatchGzipKb, 20],
]) {
  const value = Math.round((await measure()) * 100) / 100;
  console.log(JSON.stringify({ figure, value, unit: 'KB', target }));
}
process.exit(failed ? 1 : 0);
