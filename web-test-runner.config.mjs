import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { CHROME_ARGS, findBrowser } from './scripts/find-browser.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { testCommands } from './scripts/wtr-commands.mjs';
import { relayCommand } from './scripts/wtr-relay.mjs';

export default {
  // The relay's own tests run in Node (scripts/test.mjs).
  files: ['test/**/*.test.ts', '!test/relay/**'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    testCommands(),
    relayCommand(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findBrowser(), headless: true, args: CHROME_ARGS },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
