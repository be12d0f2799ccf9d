/**
 * `npm run relay -- sign <provider> --delivery <id> --recipient <n> [--event <kind>] [--to <url>]`:
 * posts one sample webhook, signed as the provider signs it, to a local relay, so a setup can be
 * tried end to end without the provider. Secrets come from the same variables the relay reads
 * (SENDKIT_MAILGUN_SIGNING_KEY, SENDKIT_POSTMARK_AUTH, SENDKIT_DSN_TOKEN); SendGrid signs with a
 * private key the relay never holds: `sign sendgrid-key <file>` makes a pair, writes the private
 * key to the file and prints the public one for SENDKIT_SENDGRID_PUBLIC_KEY. Amazon SES cannot be
 * signed here: the relay accepts only certificates fetched from Amazon's SNS hosts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  SIGN_EVENTS,
  SignError,
  dsn,
  mailgun,
  postmark,
  sendgrid,
  type Sample,
  type SignEvent,
  type SignedRequest,
} from './sign-samples.js';

export { SignError } from './sign-samples.js';

export const SIGN_PROVIDERS = ['sendgrid', 'mailgun', 'postmark', 'dsn'] as const;
type Provider = (typeof SIGN_PROVIDERS)[number];

export const SIGN_USAGE = `Usage:
  npm run relay -- sign <sendgrid|mailgun|postmark|dsn> --delivery <id> --recipient <n>
                        [--event <${SIGN_EVENTS.join('|')}>] [--address <email>]
                        [--to <relay url>] [--key <SendGrid private key file>]
  npm run relay -- sign sendgrid-key <file>   a SendGrid test key pair: the private key to <file>,
                                              the public one printed for SENDKIT_SENDGRID_PUBLIC_KEY
The secrets are the relay's own: SENDKIT_MAILGUN_SIGNING_KEY, SENDKIT_POSTMARK_AUTH,
SENDKIT_DSN_TOKEN. The relay url defaults to http://127.0.0.1:$SENDKIT_RELAY_PORT (8787).`;

function secret(env: NodeJS.ProcessEnv, name: string, provider: string): string {
  const value = env[name];
  if (!value) throw new SignError(`${provider} signs with ${name}: set it as the relay has it`);
  return value;
}

/** The signed request for `provider`, from the command's options and the relay's variables. */
export function signedRequest(
  provider: string,
  options: {
    delivery?: string;
    recipient?: string;
    event?: string;
    address?: string;
    key?: string;
  },
  env: NodeJS.ProcessEnv,
  now = Math.floor(Date.now() / 1000),
): SignedRequest {
  if (provider === 'ses') {
    throw new SignError(
      "Amazon SES cannot be signed here: the relay checks SNS signatures against Amazon's own certificates. Import an SES sample file instead.",
    );
  }
  if (!(SIGN_PROVIDERS as readonly string[]).includes(provider)) {
    throw new SignError(`unknown provider '${provider}' (one of ${SIGN_PROVIDERS.join(', ')})`);
  }
  const recipient = Number(options.recipient);
  if (!options.delivery || !/^[\w-]{1,256}$/.test(options.delivery)) {
    throw new SignError('--delivery <id> names the delivery (letters, digits, dashes)');
  }
  if (!Number.isInteger(recipient) || recipient < 0) {
    throw new SignError('--recipient <n> is the recipient position, a whole number from 0');
  }
  const event = (options.event ?? 'delivered') as SignEvent;
  if (!SIGN_EVENTS.includes(event)) {
    throw new SignError(`--event is one of ${SIGN_EVENTS.join(', ')}`);
  }
  const sample: Sample = {
    delivery: options.delivery,
    recipient,
    event,
    address: options.address ?? `profile${recipient}@example.test`,
    now,
  };
  switch (provider as Provider) {
    case 'sendgrid':
      return sendgrid(sample, options.key);
    case 'mailgun':
      return mailgun(sample, secret(env, 'SENDKIT_MAILGUN_SIGNING_KEY', 'mailgun'));
    case 'postmark':
      return postmark(sample, secret(env, 'SENDKIT_POSTMARK_AUTH', 'postmark'));
    case 'dsn':
      return dsn(sample, secret(env, 'SENDKIT_DSN_TOKEN', 'dsn'));
  }
}

/** A SendGrid test key pair: the private key (PEM) to `file`; returns the public key (base64). */
export function sendgridTestKey(file: string): string {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** The `sign` command: prints what it did; a refusal is a SignError with the reason. */
export async function runSign(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      delivery: { type: 'string' },
      recipient: { type: 'string' },
      event: { type: 'string' },
      address: { type: 'string' },
      key: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const [provider, file] = positionals;
  if (!provider) throw new SignError(SIGN_USAGE);
  if (provider === 'sendgrid-key') {
    if (!file) throw new SignError('sign sendgrid-key <file>: where to write the private key');
    return `SENDKIT_SENDGRID_PUBLIC_KEY=${sendgridTestKey(file)}\n(private key written to ${file}; use --key ${file})`;
  }
  const request = signedRequest(provider, values, env);
  const base = values.to ?? `http://127.0.0.1:${env['SENDKIT_RELAY_PORT'] ?? '8787'}`;
  const response = await fetch(new URL(request.path, base), {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  const answer = (await response.text()).slice(0, 500);
  if (!response.ok)
    throw new SignError(`${base}${request.path} answered ${response.status}: ${answer}`);
  return `${base}${request.path} answered ${response.status}: ${answer}`;
}
