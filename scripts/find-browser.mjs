// Finds a Chrome or Chromium for the tests and benchmarks: CHROME_PATH first, then the usual
// locations; as root with apt-get, installs Debian's chromium and says so; otherwise explains.
import { existsSync } from 'node:fs';
import { aptInstall, canInstall } from './apt.mjs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags for a headless Chromium that never reaches for the network. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function findBrowser() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  if (canInstall()) {
    aptInstall('chromium', 'no Chrome or Chromium found');
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'sendkit needs Chrome or Chromium for its tests: install one (Debian/Ubuntu: apt-get install chromium) ' +
      'or point CHROME_PATH at it.',
  );
}
