// Finds Firefox 142 or later (the add-on's minimum) for the Firefox end-to-end test: FIREFOX_PATH
// first, then Debian's firefox-esr; as root with apt-get, installs (or upgrades) it and says so:
// Debian's security archive has 153 ESR, its plain archive only 140. Otherwise explains.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { aptInstall, canInstall } from './apt.mjs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
const MINIMUM = 142;

function majorOf(path) {
  try {
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' });
    return Number(/(\d+)\./.exec(version)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const usable = () => CANDIDATES.find((path) => existsSync(path) && majorOf(path) >= MINIMUM);

export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, which does not exist.`);
  }
  let found = usable();
  if (!found && canInstall()) {
    aptInstall('firefox-esr', `no Firefox ${MINIMUM} or later found`);
    found = usable();
  }
  if (found) return found;
  throw new Error(
    `sendkit's Firefox test needs Firefox ${MINIMUM} or later: install firefox-esr from Debian's ` +
      'security archive (153 ESR) or point FIREFOX_PATH at one.',
  );
}
