// `npm test`: finds a browser, runs every browser test (web-test-runner), the relay's tests
// (node:test, real processes and nats-server on loopback), builds the library, the extension, the
// showcase and Storybook, runs the end-to-end tests (the examples among them install the packed
// tarball), and ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { findBrowser } from './find-browser.mjs';
import { findFirefox } from './find-firefox.mjs';
import { findNatsServer } from './find-nats.mjs';

const SUMMARIES = [
  'test-results/browser-summary.json',
  'test-results/relay-summary.json',
  'test-results/e2e-summary.json',
];

function run(command, args, env = {}) {
  return (
    spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
  );
}

let browser;
let natsServer;
try {
  browser = findBrowser();
  natsServer = findNatsServer();
  // Installed before anything runs, as the others: the end-to-end Firefox test needs it.
  findFirefox();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
for (const file of SUMMARIES) rmSync(file, { force: true });

const filesGiven = process.argv.slice(2).length > 0;
let status = run('npx', ['web-test-runner', ...process.argv.slice(2)], { CHROME_PATH: browser });
if (!filesGiven) {
  const relay = run(
    'node',
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-test-summary.mjs',
      '--test-reporter-destination=test-results/relay-summary.json',
      ...readdirSync('test/relay')
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => `test/relay/${name}`),
    ],
    { NATS_SERVER: natsServer },
  );
  status = relay || status;
  const built =
    run('npm', ['run', '--silent', 'build']) === 0 &&
    run('npm', ['run', '--silent', 'build:showcase']) === 0 &&
    run('npm', ['run', '--silent', 'build-storybook']) === 0;
  if (built) status = run('node', ['test/e2e/run.mjs'], { CHROME_PATH: browser }) || status;
  else status = 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of SUMMARIES) {
  if (!existsSync(file)) continue;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
// A run that broke before counting (a build, a crash) counts as a failure.
if (status !== 0 && totals.failed === 0) totals.failed = 1;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status === 0 && totals.failed === 0 ? 0 : 1);
