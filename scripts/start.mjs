// `npm start`: the showcase, with a relay beside it on the file log (./.sendkit/relay-data), so
// deliveries are shared: open the page in two windows and watch one delivery move in both. The
// relay runs the simulated MTA on a model clock of an hour a second; the showcase's dev server
// stands in for a portal's backend (showcase/backend.ts) and signs each demo user's credential
// with a key made for this run. Nothing to install: Node runs both. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'vite';

const RELAY_PORT = process.env.SENDKIT_RELAY_PORT ?? '8787';
const RELAY_DATA = process.env.SENDKIT_RELAY_DATA ?? '.sendkit/relay-data';
const key = randomBytes(32).toString('base64url');
const server = await createServer({ server: { host: '127.0.0.1' } });
await server.listen();
const origin = new URL(server.resolvedUrls.local[0]).origin;

const relay = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'relay/main.ts',
    '--port',
    RELAY_PORT,
    '--data',
    RELAY_DATA,
    '--simulate',
    '--clock-scale',
    '3600',
    '--origins',
    origin,
  ],
  {
    env: {
      ...process.env,
      SENDKIT_RELAY_JWT_KEY: key,
      SENDKIT_RELAY_TOKEN: randomBytes(24).toString('base64url'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const relayUrl = await new Promise((resolve, reject) => {
  let output = '';
  relay.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]);
  });
  relay.once('exit', (code) =>
    reject(
      new Error(
        `the relay stopped (${code}); is port ${RELAY_PORT} taken? Set SENDKIT_RELAY_PORT.`,
      ),
    ),
  );
}).catch(async (error) => {
  console.error(error.message);
  await server.close();
  process.exit(1);
});
// Read by the showcase's stand-in backend on each request.
process.env.SENDKIT_SHOWCASE_RELAY = relayUrl;
process.env.SENDKIT_SHOWCASE_JWT_KEY = key;

server.printUrls();
console.log(`  ➜  Relay:   ${relayUrl} (its log in ${RELAY_DATA})`);
console.log('  Open the showcase in two windows: a delivery created in one moves in both.');

let stopping = false;
const stop = async () => {
  stopping = true;
  const exited = new Promise((resolve) => relay.once('exit', resolve));
  relay.kill('SIGTERM');
  await Promise.all([exited, server.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
relay.once('exit', (code) => {
  if (stopping) return;
  console.error(`sendkit relay stopped (${code})`);
  void server.close().then(() => process.exit(1));
});
