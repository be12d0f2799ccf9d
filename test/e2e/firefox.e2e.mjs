// The Firefox build of the extension in Debian's firefox-esr (153 ESR), driven over Marionette
// (marionette.mjs): installed as a temporary add-on, its sidebar page opened in a tab, the host
// permission granted as a user would, then the sidebar creates, confirms and watches a delivery
// sent by its event page, and watches the showcase in another tab live and read-only (a Firefox
// content script reading the page's IndexedDB). The showcase itself renders in Firefox.
import { resolve } from 'node:path';
import { check, test } from './harness.mjs';
import { launchFirefox } from './marionette.mjs';
import { TAGS } from './elements.mjs';

const GECKO_ID = 'sendkit@example.org';
const UUID = '5e0d6c3a-2f41-4b8e-9a7d-3c1b2a4f6e80';
const SIDEBAR = `moz-extension://${UUID}/sidepanel.html`;
const MARIONETTE_PORT = 2900 + (process.pid % 90);

/** Polls `body` (a function body returning truthy when done) in the current content tab. */
async function waitFor(ff, body, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await ff.run(body).catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Firefox: timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Opens `url` in a new tab (from the chrome context, as extension pages need) and drives it. */
async function openTab(ff, url) {
  const before = new Set(await handles(ff));
  await ff.context('chrome');
  await ff.run(
    `gBrowser.selectedTab = gBrowser.addTab(arguments[0], {
       triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
     });`,
    [url],
  );
  await ff.context('content');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const added = (await handles(ff)).find((handle) => !before.has(handle));
    if (added) return ff.send('WebDriver:SwitchToWindow', { handle: added });
    if (Date.now() > deadline) throw new Error(`Firefox: no tab opened for ${url}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

const handles = async (ff) => {
  const answer = await ff.send('WebDriver:GetWindowHandles');
  return answer.value ?? answer;
};

/** Drives the open tab whose address starts with `prefix`. */
async function selectTab(ff, prefix) {
  for (const handle of await handles(ff)) {
    await ff.send('WebDriver:SwitchToWindow', { handle });
    if ((await ff.run('return location.href;')).startsWith(prefix)) return;
  }
  throw new Error(`Firefox: no tab at ${prefix}`);
}

/** A trusted click (a permission request needs one), on an element of the light DOM. */
async function click(ff, selector) {
  const found = await ff.send('WebDriver:FindElement', { using: 'css selector', value: selector });
  await ff.send('WebDriver:ElementClick', { id: Object.values(found.value ?? found)[0] });
}

/** The KPI tiles of the first deployment-kpis of the tab, by label; `state` its state text. */
const KPIS = `const root = document.querySelector('deployment-kpis')?.shadowRoot;
  const values = { state: root?.querySelector('[part="state"]')?.textContent.trim() ?? '' };
  for (const tile of root?.querySelectorAll('[part="tile"]') ?? [])
    values[tile.querySelector('dt').textContent.trim()] =
      Number(tile.querySelector('.value').textContent.replace(/[^\\d.]/g, ''));
  return values;`;

/** Sets the form fields of `form` (name → value or boolean for a checkbox) and submits it. */
const FILL_AND_SUBMIT = `const [selector, fields] = arguments;
  const form = document.querySelector(selector);
  for (const details of document.querySelectorAll('details')) details.open = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = form.querySelector('[name="' + name + '"]');
    if (typeof value === 'boolean') input.checked = value;
    else input.value = String(value);
  }
  form.requestSubmit();
  return true;`;

const CONFIRM = `const root = document.querySelector('confirm-send-button')?.shadowRoot;
  const button = root?.querySelector('[part="button"]');
  if (button?.getAttribute('aria-disabled') !== 'false') return false;
  button.click();
  root.querySelector('[part="ok"]').click();
  return true;`;

async function withFirefox(run) {
  const ff = await launchFirefox({
    port: MARIONETTE_PORT,
    prefs: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      // A test profile answers the storage prompt; the kit never waits for it anyway.
      'permissions.default.persistent-storage': 1,
    },
  });
  try {
    const installed = await ff.send('Addon:Install', {
      path: resolve('dist/extension/firefox'),
      temporary: true,
    });
    check(
      installed.value === GECKO_ID,
      `the add-on was not installed: ${JSON.stringify(installed)}`,
    );
    await run(ff);
  } finally {
    await ff.quit();
  }
}

test('firefox: the sidebar creates, confirms and watches a delivery its event page sends', async () =>
  withFirefox(async (ff) => {
    await openTab(ff, SIDEBAR);
    await waitFor(
      ff,
      `return document.querySelector('#app')?.textContent.includes('sendkit');`,
      'the sidebar',
    );
    await ff.run(FILL_AND_SUBMIT, [
      '#new-delivery form',
      // At a pace (one model hour a second): 2,000 a second, so the KPIs move for ten seconds.
      { label: 'Firefox send', count: 20000, paced: true, perHour: 2000, guard: false, hard: 2 },
    ]);
    await waitFor(
      ff,
      `return document.querySelector('.deliveries')?.textContent.includes('Firefox send');`,
      'the new delivery in the list',
    );
    await ff.run(`document.querySelector('#prepare').click(); return true;`);
    await waitFor(ff, CONFIRM, 'Confirm send to be offered');
    const sending = await waitFor(
      ff,
      `const kpis = (() => { ${KPIS} })(); return kpis.Sent > 0 && kpis;`,
      'the event page to send',
    );
    check(sending['To deliver'] === 20000, `To deliver: ${JSON.stringify(sending)}`);
    const later = await waitFor(
      ff,
      `const kpis = (() => { ${KPIS} })(); return kpis.Sent > arguments[0] && kpis;`.replace(
        'arguments[0]',
        String(sending.Sent),
      ),
      'the KPIs to move',
    );
    check(later.Sent > sending.Sent, `Sent did not move: ${sending.Sent} → ${later.Sent}`);
  }));

test('firefox: the showcase renders, and the sidebar watches it live and read-only', async ({
  showcaseUrl,
}) =>
  withFirefox(async (ff) => {
    const origin = new URL(showcaseUrl).origin;
    await openTab(ff, showcaseUrl);
    await waitFor(
      ff,
      `return customElements.get('deployment-kpis') && document.querySelector('#new-title');`,
      'the showcase',
    );
    await ff.run(`window.sendkitErrors = [];
      addEventListener('error', (event) => window.sendkitErrors.push(String(event.message)));
      addEventListener('unhandledrejection', (event) => window.sendkitErrors.push(String(event.reason)));
      return true;`);
    await ff.run(FILL_AND_SUBMIT, [
      '.builder',
      {
        label: 'Showcase in Firefox',
        count: 60000,
        paced: true,
        perHour: 1000,
        guard: false,
        hard: 2,
      },
    ]);
    await waitFor(ff, `return document.querySelector('#delivery')?.value;`, 'the new delivery');
    await ff.run(`document.querySelector('#prepare').click(); return true;`);
    await waitFor(ff, CONFIRM, 'Confirm send in the showcase');
    const shown = await waitFor(
      ff,
      `const kpis = (() => { ${KPIS} })(); return kpis.Sent > 0 && kpis;`,
      'the showcase to send',
    );
    const rendered = await ff.run(`return ${JSON.stringify(TAGS)}
      .map((tag) => [tag, document.querySelector(tag)?.shadowRoot?.textContent.trim().length ?? 0]);`);
    for (const [tag, length] of rendered) check(length > 0, `<${tag}> rendered nothing in Firefox`);
    check(shown.state.length > 0, 'no state text');
    const pace = await ff.run(
      `return document.querySelector('deployment-kpis').shadowRoot.querySelector('[part="pace"]')?.textContent ?? '';`,
    );
    check(/1,000/.test(pace), `the pace is not shown in Firefox: ${pace}`);

    // The sidebar, granted the host permission, watches the showcase's tab.
    await ff.context('chrome');
    await ff.runAsync(
      `const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
       const policy = WebExtensionPolicy.getByID(arguments[0]);
       await ExtensionPermissions.add(arguments[0], { permissions: [], origins: ['http://127.0.0.1/*'] }, policy.extension);
       return true;`,
      [GECKO_ID],
    );
    await ff.context('content');
    await openTab(ff, SIDEBAR);
    await waitFor(ff, `return document.querySelector('#watch-site');`, 'the sidebar');
    await ff.run(
      `document.querySelector('#watch').open = true; document.querySelector('#watch-site').value = arguments[0]; return true;`,
      [origin],
    );
    await click(ff, '#watch-start');
    await waitFor(
      ff,
      `return document.querySelector('#watch-status')?.textContent.includes('Watching');`,
      'the sidebar to watch the showcase',
    );
    await waitFor(
      ff,
      `return document.querySelector('deployment-kpis')?.shadowRoot?.textContent.includes('Showcase in Firefox');`,
      "the showcase's delivery in the sidebar",
      45_000,
    );
    const readOnly = await ff.run(
      `return document.querySelector('confirm-send-button')?.shadowRoot?.querySelector('[part="message"]')?.textContent ?? '';`,
    );
    check(/read-only/.test(readOnly), `the watched delivery is not read-only: ${readOnly}`);
    const watched = await ff.run(`${KPIS}`);
    const moved = await waitFor(
      ff,
      `const kpis = (() => { ${KPIS} })(); return kpis.Sent > ${watched.Sent} && kpis;`,
      'the watched KPIs to move live',
    );
    check(moved.Sent > watched.Sent, 'the watched delivery did not move');

    await selectTab(ff, showcaseUrl);
    const errors = await ff.run(`return window.sendkitErrors;`);
    check(errors.length === 0, `errors in the showcase under Firefox: ${errors.join('; ')}`);
  }));
