// Finds Debian's nats-server for the relay's JetStream tests and benchmark: NATS_SERVER first,
// then the usual locations; as root with apt-get, installs it and says so; otherwise explains.
import { existsSync } from 'node:fs';
import { aptInstall, canInstall } from './apt.mjs';

const CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

export function findNatsServer() {
  const fromEnv = process.env.NATS_SERVER;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`NATS_SERVER is set to ${fromEnv}, which does not exist.`);
  }
  let found = CANDIDATES.find((path) => existsSync(path));
  if (!found && canInstall()) {
    aptInstall('nats-server', 'no nats-server found');
    found = CANDIDATES.find((path) => existsSync(path));
  }
  if (found) return found;
  throw new Error(
    'sendkit needs nats-server for the relay tests: install it (Debian/Ubuntu: apt-get install nats-server) ' +
      'or point NATS_SERVER at it.',
  );
}
