// `npm run bench`: serves the benchmark page with Vite, runs it in headless Chromium and prints
// one JSON line per figure: {"figure": …, "value": …, "unit": …, "target": …}.
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { bundleGzipKb } from './bundle-size.mjs';
import { benchFiles } from './files-plugin.mjs';

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
try {
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
  await page.exposeFunction('reportFigure', (figure) => console.log(JSON.stringify(figure)));
  // `npm run bench -- import` runs one group of figures only (model, elements, import).
  const only = process.argv[2] ? `?only=${encodeURIComponent(process.argv[2])}` : '';
  await page.goto(`http://127.0.0.1:${port}/bench/bench.html${only}`);
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
