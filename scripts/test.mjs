// `npm test`: finds a browser, then runs every test in it (web-test-runner).
import { spawnSync } from 'node:child_process';
import { findBrowser } from './find-browser.mjs';

let browser;
try {
  browser = findBrowser();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const result = spawnSync('npx', ['web-test-runner', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: browser },
});
process.exit(result.status ?? 1);
