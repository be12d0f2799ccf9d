// `npm run bench`: serves the benchmark page with Vite, runs it in headless Chromium and prints
// one JSON line per figure: {"figure": …, "value": …, "unit": …, "target": …}.
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { bundleGzipKb } from './bundle-size.mjs';

const server = await createServer({ logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({
  executablePath: findBrowser(),
  headless: true,
  args: [...CHROME_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  const finished = new Promise((resolve) => {
    void page.exposeFunction('benchFinished', (error) => {
      if (error) {
        console.error(`benchmark failed: ${error}`);
        failed = true;
      }
      resolve();
    });
  });
  await page.exposeFunction('reportFigure', (figure) => console.log(JSON.stringify(figure)));
  await page.goto(`http://127.0.0.1:${port}/bench/bench.html`);
  await finished;
} finally {
  await browser.close();
  await server.close();
}
console.log(
  JSON.stringify({
    figure: 'bundle_gzip_kb',
    value: Math.round((await bundleGzipKb()) * 100) / 100,
    unit: 'KB',
    target: 25,
  }),
);
process.exit(failed ? 1 : 0);
