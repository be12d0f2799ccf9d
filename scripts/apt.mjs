// Installing a Debian package the tests need, when that is possible without asking: as root, on
// Linux, with apt-get. Says what it does.
import { execFileSync } from 'node:child_process';

export function canInstall() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function aptInstall(name, why) {
  console.log(`sendkit: ${why}; installing Debian's ${name} with apt-get…`);
  execFileSync(
    'sh',
    ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${name}`],
    { stdio: 'inherit' },
  );
}
