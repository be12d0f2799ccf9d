// The examples as a new user has them: each installs the packed tarball (`npm pack`), type-checks,
// builds, and runs in Chromium: the KPIs and the logs of a delivery render, Confirm send with the
// role confirms it, and the page receives sendkit-confirmed with its delivery.
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { check, confirmSend, serveDirectory, test } from './harness.mjs';

const PACK = 'build/pack';

// Vite's preview server (run.mjs) sets NODE_ENV=production in this process, which would make
// npm leave out the examples' devDependencies.
const env = { ...process.env };
delete env.NODE_ENV;

export function npm(args, cwd = '.') {
  const run = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  check(run.status === 0, `npm ${args.join(' ')} in ${cwd} failed:\n${output.slice(-3000)}`);
  return output;
}

let packed;
/** The package as a registry would get it, packed once for every example; its file list. */
export function pack() {
  packed ??= (() => {
    rmSync(PACK, { recursive: true, force: true });
    mkdirSync(PACK, { recursive: true });
    // Built already by `npm test` (prepack would build the library again).
    npm(['pack', '--ignore-scripts', '--pack-destination', PACK]);
    renameSync(`${PACK}/sendkit-0.1.0.tgz`, `${PACK}/sendkit.tgz`);
    const listing = spawnSync('tar', ['-tzf', `${PACK}/sendkit.tgz`], { encoding: 'utf8' });
    return new Set(
      listing.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(8)),
    );
  })();
  return packed;
}

/** A fresh install of an example, with the tarball and nothing left from an earlier run. */
function install(example) {
  pack();
  const dir = `examples/${example}`;
  rmSync(`${dir}/node_modules`, { recursive: true, force: true });
  rmSync(`${dir}/dist`, { recursive: true, force: true });
  const output = npm(['install', '--no-audit', '--no-fund'], dir);
  return { dir, output };
}

async function shadowText(page, tag) {
  return page.evaluate(
    (name) => document.querySelector(name)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
    tag,
  );
}

/** Opens a page of an example and confirms its delivery, as an operator would. */
async function confirmInExample(browser, root, path = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await serveDirectory(page, root);
  await page.goto(`http://sendkit.test${path}`);
  await page.waitForFunction(
    () => document.querySelector('sending-log-table')?.shadowRoot?.querySelector('[part~="row"]'),
    null,
    { timeout: 20_000 },
  );
  const kpis = await shadowText(page, 'deployment-kpis');
  check(kpis.includes('Send preparation completed'), `deployment-kpis shows: ${kpis}`);
  await confirmSend(page, 20_000);
  await page.waitForFunction(
    () =>
      /^Confirmed: Spring sale \(/.test(document.querySelector('#confirmed')?.textContent ?? ''),
    null,
    { timeout: 20_000 },
  );
  const confirmed = await page.locator('#confirmed').textContent();
  check(
    !confirmed.includes('(prepared)'),
    `the delivery given with sendkit-confirmed: ${confirmed}`,
  );
  check(errors.length === 0, `errors in ${root}${path}: ${errors.join('; ')}`);
  await context.close();
}

test('examples/plain: the packed bundle in a plain page, checked by tsc, installs with no warning', async ({
  browser,
}) => {
  const { dir, output } = install('plain');
  check(!/EBADENGINE|deprecated/i.test(output), `npm install warned:\n${output}`);
  npm(['run', 'typecheck'], dir);
  await confirmInExample(browser, dir);
});

test('examples/react: React 19 + TypeScript with no declaration of its own, and the sendkit/react wrappers', async ({
  browser,
}) => {
  const { dir } = install('react');
  npm(['run', 'typecheck'], dir);
  npm(['run', 'build'], dir);
  await confirmInExample(browser, `${dir}/dist`, '/');
  await confirmInExample(browser, `${dir}/dist`, '/wrappers.html');
});

test('examples/vue: Vue 3 + TypeScript (vue-tsc) with the generated GlobalComponents types', async ({
  browser,
}) => {
  const { dir } = install('vue');
  npm(['run', 'typecheck'], dir);
  npm(['run', 'build'], dir);
  await confirmInExample(browser, `${dir}/dist`);
});
