// `npm run bench`: serves the benchmark page with Vite, runs it in headless Chromium, then the
// relay's figures (bench/relay.mjs) and the extension's (bench/extension.mjs), and prints one
// JSON line per figure: {"figure", "value", "unit", "target", "runs", "range"}.
// `npm run bench -- <group>` runs one group (model, import, scale, dispatch, relay, shared,
// extension);
// `--runs N` (default 3) runs the page's groups N times and reports each figure's median with
// its range, since single samples of this machine jump between runs.
//
// Each page run has a browser of its own on a new persistent profile (a temporary user-data
// folder, IndexedDB on disk, as a user's store is), not an incognito context whose IndexedDB
// lives in memory, and not the profile of the run before: deleting that run's gigabyte of stores
// leaves the database compacting them in the background, which made the next run's writes up to
// 40 % slower (feedback 2.1 M events/s on a new profile, 1.3 M on the emptied one). It builds what it
// needs (the library bundle the extension's portal page loads), and everything it creates in the
// temporary folder is removed when it ends, also when it fails or is interrupted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { bundleGzipKb, bundleWatchGzipKb } from './bundle-size.mjs';
import { benchFiles } from './files-plugin.mjs';
import { extensionFigures } from './extension.mjs';
import { relayFigures } from './relay.mjs';
import { sharedFigures } from './shared.mjs';
import { summarise } from './summary.mjs';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { runs: { type: 'string', default: '3' } },
  allowPositionals: true,
});
const group = positionals[0];
const runs = Number(values.runs);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1`);

// Removed on every way out: `exit` runs for a normal end, process.exit and a thrown error; the
// signals are turned into an exit so that it runs for them too.
const profiles = new Set();
process.on('exit', () => {
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

const print = (figure) => console.log(JSON.stringify(figure));
const report = (figure, value, unit, target) =>
  print({ figure, value: Math.round(value * 1000) / 1000, unit, target, runs: 1 });

if (!group || group === 'extension') {
  // The extension's portal page loads the built bundle (dist/sendkit.bundle.js).
  execFileSync('npm', ['run', '-s', 'build:lib'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const server = await createServer({
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0 },
  // Only the benchmark's pages are scanned for dependencies (not the examples' own packages).
  optimizeDeps: { entries: ['bench/*.html'] },
  plugins: [benchFiles()],
});
await server.listen();
const { port } = server.httpServer.address();
let failed = false;

/** Runs `body` in a browser on a new profile, closed and removed afterwards. */
async function withProfile(body) {
  const profile = mkdtempSync(join(tmpdir(), 'sendkit-bench-profile-'));
  profiles.add(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser(),
    headless: true,
    args: [...CHROME_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  try {
    return await body(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    profiles.delete(profile);
  }
}

/** One run of a page group: the figures it reported, in order. */
async function pageRun(context, pageGroup) {
  const figures = [];
  const page = await context.newPage();
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
  await page.exposeFunction('reportFigure', (figure) => figures.push(figure));
  const only = pageGroup ? `?only=${encodeURIComponent(pageGroup)}` : '';
  await page.goto(`http://127.0.0.1:${port}/bench/bench.html${only}`);
  await finished;
  await page.close();
  return figures;
}

try {
  if (group !== 'relay' && group !== 'extension' && group !== 'shared') {
    // The 1M figures (with the import's), the 5M ones and the dispatch seam's, each run on a
    // new profile (takeDue's transactions are the ones a profile just filled slows most).
    const groups = group ? [group] : [undefined, 'scale', 'dispatch'];
    for (const pageGroup of groups.filter((name) => name !== 'shared')) {
      const samples = [];
      for (let run = 0; run < runs && !failed; run++)
        samples.push(await withProfile((context) => pageRun(context, pageGroup)));
      for (const figure of summarise(samples)) print(figure);
    }
  }
  if (!group || group === 'relay') {
    await withProfile((context) =>
      relayFigures({
        browser: context,
        pageUrl: `http://127.0.0.1:${port}/bench/relay.html`,
        report,
      }),
    );
  }
  if (!group || group === 'shared') {
    await sharedFigures({
      withProfile,
      pageUrl: `http://127.0.0.1:${port}/bench/shared.html`,
      report,
    });
  }
  if (!group || group === 'extension') await extensionFigures({ report });
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await server.close();
}
for (const [figure, measure, target] of [
  ['bundle_gzip_kb', bundleGzipKb, 34],
  ['bundle_watch_gzip_kb', bundleWatchGzipKb, 20],
]) {
  const value = Math.round((await measure()) * 100) / 100;
  print({ figure, value, unit: 'KB', target, runs: 1 });
}
process.exit(failed ? 1 : 0);
