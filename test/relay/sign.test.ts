/**
 * `npm run relay -- sign …`: for each provider the relay verifies, a sample signed as that
 * provider signs is accepted by a real relay process and stored as the event it stands for;
 * a wrong secret is refused; SES, which only Amazon can sign, is refused with the reason.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DSN_TOKEN,
  MAILGUN_KEY,
  POSTMARK_AUTH,
  readAll,
  spawnRelay,
  tempDir,
  type RelayProcess,
} from './support.js';

const SECRETS = {
  SENDKIT_MAILGUN_SIGNING_KEY: MAILGUN_KEY,
  SENDKIT_POSTMARK_AUTH: POSTMARK_AUTH,
  SENDKIT_DSN_TOKEN: DSN_TOKEN,
};
const keyFile = join(tempDir(), 'sendgrid.pem');
let publicKey = '';
let relay: RelayProcess;

function sign(args: readonly string[], env: Record<string, string> = SECRETS) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'relay/main.ts', 'sign', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

before(async () => {
  const made = sign(['sendgrid-key', keyFile]);
  assert.equal(made.status, 0, made.out);
  publicKey = /SENDKIT_SENDGRID_PUBLIC_KEY=(\S+)/.exec(made.out)![1]!;
  relay = await spawnRelay(['--port', '0', '--data', tempDir()], {
    ...SECRETS,
    SENDKIT_SENDGRID_PUBLIC_KEY: publicKey,
  });
});
after(() => relay.kill());

const CASES: [string, string][] = [
  ['sendgrid', 'delivered'],
  ['sendgrid', 'hard-bounce'],
  ['sendgrid', 'open'],
  ['mailgun', 'delivered'],
  ['mailgun', 'soft-bounce'],
  ['mailgun', 'click'],
  ['postmark', 'delivered'],
  ['postmark', 'hard-bounce'],
  ['postmark', 'complaint'],
  ['dsn', 'hard-bounce'],
  ['dsn', 'delivered'],
];

describe('npm run relay -- sign', () => {
  test('each provider’s signed sample is accepted and stored', async () => {
    let recipient = 0;
    for (const [provider, event] of CASES) {
      const before = (await readAll(relay.url)).length;
      const args = [
        provider,
        '--delivery',
        'd-sign',
        '--recipient',
        String(recipient++),
        '--event',
        event,
        '--to',
        relay.url,
      ];
      const run = sign(provider === 'sendgrid' ? [...args, '--key', keyFile] : args);
      assert.equal(run.status, 0, `${provider} ${event}: ${run.out}`);
      const stored = await readAll(relay.url);
      assert.equal(stored.length, before + 1, `${provider} ${event} was not stored`);
      const text = JSON.stringify(stored.at(-1));
      assert.match(text, /d-sign/, `${provider} ${event}: the tag is not in ${text}`);
    }
  });

  test('a wrong secret is refused by the relay; SES and bad options by the command', async () => {
    const wrong = sign(['mailgun', '--delivery', 'd', '--recipient', '1', '--to', relay.url], {
      SENDKIT_MAILGUN_SIGNING_KEY: 'not-the-key',
    });
    assert.equal(wrong.status, 2);
    assert.match(wrong.out, /401/);
    const ses = sign(['ses', '--delivery', 'd', '--recipient', '1']);
    assert.equal(ses.status, 2);
    assert.match(ses.out, /Amazon/);
    const bad = sign(['postmark', '--delivery', 'd', '--recipient', '-3']);
    assert.equal(bad.status, 2);
    assert.match(bad.out, /recipient/);
    const noKey = sign(['sendgrid', '--delivery', 'd', '--recipient', '1']);
    assert.match(noKey.out, /--key/);
  });
});
