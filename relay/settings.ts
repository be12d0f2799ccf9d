/**
 * The relay's settings, from the command line and the environment (the command line wins).
 * Secrets come only from the environment: a command line is visible to every user of the machine.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

export interface RelaySettings {
  readonly host: string;
  readonly port: number;
  /** Folder of the embedded file log. */
  readonly dataDir: string;
  /** The bearer token readers must present: it reads, it never writes. */
  readonly token: string;
  /** Whether the token was generated because none was set. */
  readonly tokenGenerated: boolean;
  /** The bearer token of `POST /webhooks/dsn`; null: that route is off. */
  readonly dsnToken: string | null;
  /** Start even with a damaged log: keep every readable event, move damaged bytes aside. */
  readonly repair: boolean;
  /** Portal origins allowed to read the stream from a page (CORS), exactly as browsers send them. */
  readonly origins: readonly string[];
  readonly sendgridPublicKey: string | null;
  readonly mailgunSigningKey: string | null;
  /** `user:password` of Postmark's webhook basic auth. */
  readonly postmarkAuth: string | null;
  /** SNS topics whose messages are accepted and whose subscriptions are confirmed. */
  readonly sesTopics: readonly string[];
  /** NATS server URL: the log goes to JetStream instead of files. */
  readonly natsUrl: string | null;
  readonly maxBodyBytes: number;
  /** Requests per second per client address (bursts of twice that). */
  readonly ratePerSecond: number;
  /** Provider timestamps further than this from now are refused. */
  readonly timestampWindowMs: number;
  /** A comment line on idle streams this often, so proxies keep them open. */
  readonly keepAliveMs: number;
  /**
   * The HMAC key of users' credentials (JWT, HS256) that the portal's backend signs; null: no
   * shared deliveries (actions are off).
   */
  readonly credentialKey: string | null;
  /** When set, a credential's `aud` must name it. */
  readonly credentialAudience: string | null;
  /** Run the simulated MTA for shared deliveries created with simulation rates. */
  readonly simulate: boolean;
  /** Model time runs this many times faster than real time (the showcase: 3,600). Default 1. */
  readonly clockScale: number;
  /** Largest address list uploaded for a shared delivery (413 beyond). */
  readonly maxListBytes: number;
}

export const USAGE = `Usage: npm run relay -- [options]

  --host <address>     listen address (default 127.0.0.1; SENDKIT_RELAY_HOST)
  --port <n>           port, 0 for any free one (default 8787; SENDKIT_RELAY_PORT)
  --data <folder>      file log folder (default ./relay-data; SENDKIT_RELAY_DATA)
  --nats <url>         log to NATS JetStream instead (SENDKIT_NATS_URL)
  --origins <a,b>      portal origins allowed to read (SENDKIT_RELAY_ORIGINS)
  --max-body <bytes>   largest webhook body (default 10485760; SENDKIT_RELAY_MAX_BODY)
  --rate <n>           requests per second per client (default 100; SENDKIT_RELAY_RATE)
  --keep-alive <ms>    a comment on idle streams this often (default 15000)
  --simulate           run the simulated MTA for shared deliveries created with its rates
                       (a demo; on one relay of a JetStream stream only)
  --clock-scale <n>    model time runs n times faster than real time (default 1)
  --max-list <bytes>   largest address list uploaded (default 268435456; SENDKIT_RELAY_MAX_LIST)
  --repair             start on a damaged file log: keep every readable event and move the
                       damaged bytes to <segment>.damaged-<offset> (refused without it)

Secrets, from the environment only:
  SENDKIT_RELAY_TOKEN            bearer token of readers (generated if unset); reads only
  SENDKIT_DSN_TOKEN              bearer token of POST /webhooks/dsn (the route is off if unset)
  SENDKIT_SENDGRID_PUBLIC_KEY    SendGrid's signed event webhook verification key (base64)
  SENDKIT_MAILGUN_SIGNING_KEY    Mailgun's HTTP webhook signing key
  SENDKIT_POSTMARK_AUTH          user:password of the Postmark webhook's basic auth
  SENDKIT_SES_TOPIC_ARN          SNS topic(s) of SES events, comma-separated
  SENDKIT_RELAY_JWT_KEY          HMAC key of users' credentials (HS256 JWT with sub, roles, exp)
                                 that the portal's backend signs; unset, shared deliveries are off
  SENDKIT_RELAY_JWT_AUDIENCE     when set, a credential's aud must name it`;

/** A setting that is not valid: the relay does not start. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

function whole(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new SettingsError(`${name} must be a whole number of at least ${min}, not '${value}'`);
  }
  return Number(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function origins(value: string | undefined): string[] {
  return list(value).map((entry) => {
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = 'null';
    }
    if (origin === 'null' || origin !== entry.replace(/\/$/, '')) {
      throw new SettingsError(`'${entry}' is not an origin (scheme://host[:port])`);
    }
    return origin;
  });
}

export function readSettings(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): RelaySettings {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        nats: { type: 'string' },
        origins: { type: 'string' },
        'max-body': { type: 'string' },
        rate: { type: 'string' },
        'keep-alive': { type: 'string' },
        repair: { type: 'boolean' },
        simulate: { type: 'boolean' },
        'clock-scale': { type: 'string' },
        'max-list': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new SettingsError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) throw new SettingsError(USAGE);
  const given = env['SENDKIT_RELAY_TOKEN'];
  if (given !== undefined && given.length < 16) {
    throw new SettingsError('SENDKIT_RELAY_TOKEN must be at least 16 characters');
  }
  const dsnToken = env['SENDKIT_DSN_TOKEN'] || null;
  if (dsnToken !== null && dsnToken.length < 16) {
    throw new SettingsError('SENDKIT_DSN_TOKEN must be at least 16 characters');
  }
  if (dsnToken !== null && dsnToken === given) {
    throw new SettingsError(
      'SENDKIT_DSN_TOKEN must differ from SENDKIT_RELAY_TOKEN: every reader holds that one',
    );
  }
  const credentialKey = env['SENDKIT_RELAY_JWT_KEY'] || null;
  if (credentialKey !== null && credentialKey.length < 32) {
    throw new SettingsError('SENDKIT_RELAY_JWT_KEY must be at least 32 characters');
  }
  if (credentialKey !== null && (credentialKey === given || credentialKey === dsnToken)) {
    throw new SettingsError('SENDKIT_RELAY_JWT_KEY must differ from the relay’s tokens');
  }
  const postmarkAuth = env['SENDKIT_POSTMARK_AUTH'] || null;
  if (postmarkAuth !== null && !postmarkAuth.includes(':')) {
    throw new SettingsError('SENDKIT_POSTMARK_AUTH must be user:password');
  }
  return {
    host: values.host ?? env['SENDKIT_RELAY_HOST'] ?? '127.0.0.1',
    port: whole('--port', values.port ?? env['SENDKIT_RELAY_PORT'], 8787, 0),
    dataDir: values.data ?? env['SENDKIT_RELAY_DATA'] ?? './relay-data',
    token: given ?? randomBytes(24).toString('base64url'),
    tokenGenerated: given === undefined,
    dsnToken,
    repair: values.repair ?? false,
    origins: origins(values.origins ?? env['SENDKIT_RELAY_ORIGINS']),
    sendgridPublicKey: env['SENDKIT_SENDGRID_PUBLIC_KEY'] || null,
    mailgunSigningKey: env['SENDKIT_MAILGUN_SIGNING_KEY'] || null,
    postmarkAuth,
    sesTopics: list(env['SENDKIT_SES_TOPIC_ARN']),
    natsUrl: values.nats ?? (env['SENDKIT_NATS_URL'] || null),
    maxBodyBytes: whole(
      '--max-body',
      values['max-body'] ?? env['SENDKIT_RELAY_MAX_BODY'],
      10 * 1024 * 1024,
      1,
    ),
    ratePerSecond: whole('--rate', values.rate ?? env['SENDKIT_RELAY_RATE'], 100, 1),
    timestampWindowMs: 5 * 60_000,
    keepAliveMs: whole('--keep-alive', values['keep-alive'], 15_000, 100),
    credentialKey,
    credentialAudience: env['SENDKIT_RELAY_JWT_AUDIENCE'] || null,
    simulate: values.simulate ?? false,
    clockScale: whole('--clock-scale', values['clock-scale'], 1, 1),
    maxListBytes: whole(
      '--max-list',
      values['max-list'] ?? env['SENDKIT_RELAY_MAX_LIST'],
      256 * 1024 * 1024,
      1,
    ),
  };
}
