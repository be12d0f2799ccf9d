/**
 * `npm run relay -- --port 8787 --data ./relay-data`: the relay as a process. Prints one line
 * with its address once it listens; stops cleanly on SIGINT and SIGTERM. `npm run relay -- sign
 * …` instead posts one signed sample webhook to a running relay (sign.ts).
 */
import { LogCorruptError } from './log/file-log.js';
import { LogIdError } from './log/log-id.js';
import { startRelay } from './relay.js';
import { readSettings, SettingsError } from './settings.js';
import { runSign, SignError } from './sign.js';

if (process.argv[2] === 'sign') {
  try {
    console.log(await runSign(process.argv.slice(3), process.env));
    process.exit(0);
  } catch (error) {
    console.error(error instanceof SignError ? error.message : error);
    process.exit(2);
  }
}

try {
  const settings = readSettings(process.argv.slice(2), process.env);
  const relay = await startRelay(settings);
  const where = settings.natsUrl
    ? `JetStream at ${settings.natsUrl}`
    : `files in ${settings.dataDir}`;
  console.log(`sendkit relay listening on ${relay.url} (log: ${where})`);
  if (settings.tokenGenerated) {
    console.log(`readers' token (set SENDKIT_RELAY_TOKEN to choose one): ${settings.token}`);
  }
  const stop = () => {
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof SettingsError) console.error(error.message);
  else if (error instanceof LogCorruptError || error instanceof LogIdError)
    console.error(`sendkit relay: ${error.message}`);
  else console.error(error);
  process.exit(2);
}
