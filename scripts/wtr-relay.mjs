// The `relay` server command of the browser tests: real relay processes on loopback, and posts
// signed as SendGrid signs them, so a page's connectFeedback is tested against the real thing.
//   { action: 'start', origin, args? }       → { id, url, token } (args: more of the relay's)
//   { action: 'credential', name, roles }    → a user's signed credential, as a portal's backend
//   { action: 'post', id, events }           → { status, body } (events: SendGrid event objects)
//   { action: 'kill', id }                   SIGKILL, as a crash
//   { action: 'restart', id }                the same port and data folder
//   { action: 'restart-empty', id }          the same port, a new data folder (a new log)
//   { action: 'stop', id }
// The helpers are the relay tests' own (TypeScript, loaded through tsx).
import { register } from 'tsx/esm/api';

register();
const support = await import('../test/relay/support.ts');

export function relayCommand() {
  const relays = new Map();
  let next = 0;
  const stopAll = () =>
    Promise.all([...relays.values()].map(({ process }) => process.kill('SIGKILL')));
  return {
    name: 'sendkit-relay-command',
    serverStop: stopAll,
    async executeCommand({ command, payload }) {
      if (command !== 'relay') return undefined;
      const entry = relays.get(payload.id);
      switch (payload.action) {
        case 'start': {
          const port = await support.freePort();
          const args = [
            '--port',
            String(port),
            '--data',
            support.tempDir(),
            '--origins',
            payload.origin,
            '--keep-alive',
            '1000',
            ...(payload.args ?? []),
          ];
          const id = String(++next);
          relays.set(id, { args, process: await support.spawnRelay(args) });
          return { id, url: relays.get(id).process.url, token: support.TOKEN };
        }
        case 'credential':
          return support.credentialFor(payload.name, payload.roles);
        case 'post': {
          try {
            const response = await support.postSendgrid(entry.process.url, payload.events);
            return { status: response.status, body: await response.text() };
          } catch (error) {
            return { status: 0, body: String(error) };
          }
        }
        case 'kill':
          await entry.process.kill('SIGKILL');
          return true;
        case 'restart':
          entry.process = await support.spawnRelay(entry.args);
          return true;
        case 'restart-empty': {
          await entry.process.kill('SIGKILL');
          entry.args[entry.args.indexOf('--data') + 1] = support.tempDir();
          entry.process = await support.spawnRelay(entry.args);
          return true;
        }
        case 'stop':
          await entry.process.kill();
          relays.delete(payload.id);
          return true;
        default:
          throw new Error(`unknown relay action ${payload.action}`);
      }
    },
  };
}
