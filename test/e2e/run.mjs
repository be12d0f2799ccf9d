// End-to-end: the built showcase, the built bundle (and, where built, the extension and the
// examples), driven in Chromium by playwright-core. Run by `npm test` after the browser tests;
// prints one line per test and writes its counts for the closing line.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROME_ARGS, findBrowser } from '../../scripts/find-browser.mjs';
import { tests } from './harness.mjs';

const OUT = 'test-results';
mkdirSync(OUT, { recursive: true });

const only = process.argv[2];
for (const file of readdirSync(new URL('.', import.meta.url)).sort()) {
  if (file.endsWith('.e2e.mjs') && (!only || file.includes(only))) await import(`./${file}`);
}

const server = await preview({
  logLevel: 'error',
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
});
const showcaseUrl = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: findBrowser(),
  headless: true,
  args: CHROME_ARGS,
});
let passed = 0;
let failed = 0;
try {
  for (const { name, run } of tests()) {
    try {
      await run({ browser, showcaseUrl });
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
