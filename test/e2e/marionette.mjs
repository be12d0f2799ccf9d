// Firefox driven over Marionette, its own remote protocol (Debian ships no geckodriver): a
// headless firefox-esr on a fresh profile, one TCP connection on loopback, each message
// `<byte length>:<JSON>`, a command `[0, id, name, params]` answered by `[1, id, error, result]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFirefox } from '../../scripts/find-firefox.mjs';

class Connection {
  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.waiting = new Map();
    this.next = 1;
    this.hello = new Promise((resolve) => (this.onHello = resolve));
    socket.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString());
      this.buffer = this.buffer.subarray(colon + 1 + length);
      if (!Array.isArray(message)) this.onHello(message);
      else {
        const [, id, error, result] = message;
        const pending = this.waiting.get(id);
        this.waiting.delete(id);
        if (error) pending?.reject(new Error(`${error.error}: ${error.message}`));
        else pending?.resolve(result);
      }
    }
  }

  send(name, params = {}) {
    const id = this.next++;
    const body = Buffer.from(JSON.stringify([0, id, name, params]));
    this.socket.write(`${body.length}:`);
    this.socket.write(body);
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }
}

async function connectTo(port, deadline) {
  for (;;) {
    try {
      return await new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * A headless Firefox with Marionette on `port`, on a fresh profile with `prefs` in its user.js.
 * Everything it creates is removed by `quit()`.
 */
export async function launchFirefox({ port, prefs = {} }) {
  const profile = mkdtempSync(join(tmpdir(), 'sendkit-firefox-'));
  const lines = Object.entries({ 'marionette.port': port, ...prefs }).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  writeFileSync(join(profile, 'user.js'), `${lines.join('\n')}\n`);
  const child = spawn(
    findFirefox(),
    [
      '--headless',
      '--marionette',
      '--no-remote',
      '--profile',
      profile,
      '-remote-allow-system-access',
    ],
    { stdio: 'ignore', env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const cleanup = () => rmSync(profile, { recursive: true, force: true });
  try {
    const socket = await connectTo(port, Date.now() + 60_000);
    const connection = new Connection(socket);
    await connection.hello;
    await connection.send('WebDriver:NewSession', { capabilities: {} });
    return {
      send: (name, params) => connection.send(name, params),
      /** Runs `script` (a function body; `arguments` holds `args`) in the current context. */
      run: async (script, args = []) =>
        (await connection.send('WebDriver:ExecuteScript', { script, args })).value,
      /** As run, awaiting the promise the body returns. */
      runAsync: async (script, args = []) =>
        (
          await connection.send('WebDriver:ExecuteAsyncScript', {
            script: `const done = arguments[arguments.length - 1];
              (async () => { ${script} })().then(done, (error) => done({ error: String(error) }));`,
            args,
            scriptTimeout: 60_000,
          })
        ).value,
      context: (value) => connection.send('Marionette:SetContext', { value }),
      async quit() {
        await connection.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {});
        socket.destroy();
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        child.kill('SIGKILL');
        cleanup();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    cleanup();
    throw error;
  }
}
