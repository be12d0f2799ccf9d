// The self-contained bundle (`dist/sendkit.bundle.js`) in plain pages: the README's recipe run
// verbatim, elements that were in the page before the provider, and two copies of the kit.
import { readFileSync } from 'node:fs';
import { check, confirmEnabled, serveOnFakeOrigin, test } from './harness.mjs';
import { TAGS } from './elements.mjs';

const BUNDLE = { path: 'dist/sendkit.bundle.js' };

/** The html block that follows `<!-- recipe: NAME` in the README. */
export function readmeRecipe(name) {
  const readme = readFileSync('README.md', 'utf8');
  const marker = readme.indexOf(`<!-- recipe: ${name}`);
  check(marker >= 0, `the README has no "${name}" recipe`);
  const block = /```html\n([\s\S]*?)```/.exec(readme.slice(marker));
  check(block, `the "${name}" recipe has no html block`);
  return block[1];
}

const page = (body) => `<!doctype html><html lang="en"><head><title>t</title></head><body>
${body}
</body></html>`;

/** Creates a prepared delivery in the origin's default store, from a page of its own. */
async function seedDelivery(browser, label) {
  const seeder = await browser.newPage();
  seeder.on('pageerror', (error) => console.error('seeding page error:', error.message));
  await serveOnFakeOrigin(seeder, {
    '/seed.html': {
      body: page(`<script type="module">
        import { openStore } from '/sendkit.bundle.js';
        const store = await openStore();
        const ana = { name: 'ana', roles: ['start-deliveries'] };
        const created = await store.createDelivery(ana, {
          label: ${JSON.stringify(label)}, channel: 'email', recipients: { generated: 25 },
        });
        await store.prepare(ana, created.id);
        await store.close();
        window.seeded = created.id;
      </script>`),
    },
    '/sendkit.bundle.js': BUNDLE,
  });
  await seeder.goto('http://sendkit.test/seed.html');
  const id = await seeder.waitForFunction(() => window.seeded).then((handle) => handle.jsonValue());
  await seeder.close();
  return id;
}

async function shadowText(page, tag) {
  return page.evaluate(
    (name) => document.querySelector(name)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
    tag,
  );
}

/** The README's plain-page recipe, verbatim, opened in a tab of `context`; its errors collected. */
async function openRecipe(context) {
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await serveOnFakeOrigin(tab, {
    '/': { body: page(readmeRecipe('plain-page')) },
    '/sendkit.bundle.js': BUNDLE,
  });
  await tab.goto('http://sendkit.test/');
  return { tab, errors };
}

test("the README's plain-page recipe, verbatim: elements already in the page get the data", async ({
  browser,
}) => {
  const context = await browser.newContext();
  await seedDelivery(context, 'Recipe delivery');
  const { tab, errors } = await openRecipe(context);
  await confirmEnabled(tab, 10_000);
  const kpis = await shadowText(tab, 'deployment-kpis');
  check(kpis.includes('Send preparation completed'), `deployment-kpis shows: ${kpis}`);
  check(kpis.includes('To deliver'), 'deployment-kpis shows no tiles');
  const button = await shadowText(tab, 'confirm-send-button');
  check(!button.includes('permissions'), `confirm-send-button says: ${button}`);
  const rows = await tab.locator('sending-log-table [part~="row"]').count();
  check(rows > 0, 'the sending logs show no row');
  // The recipe's sender: Confirm send, OK, and the simulated MTA relays the delivery.
  await tab.locator('confirm-send-button [part="button"]').click();
  await tab.locator('confirm-send-button [part="ok"]').click();
  await tab.waitForFunction(
    () => {
      const tiles = document
        .querySelector('deployment-kpis')
        ?.shadowRoot?.querySelectorAll('[part="tile"]');
      return Number(tiles?.[1]?.querySelector('.value')?.textContent.replace(/\D/g, '') ?? 0) > 0;
    },
    null,
    { timeout: 15_000 },
  );
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await context.close();
});

test("the README's plain-page recipe on an empty store: it makes the first delivery itself", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const { tab, errors } = await openRecipe(context);
  await confirmEnabled(tab, 15_000);
  const kpis = await shadowText(tab, 'deployment-kpis');
  check(kpis.includes('1,000'), `the first delivery's 1,000 recipients are not shown: ${kpis}`);
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await context.close();
});

test('two copies of the kit on one page: a provider of one reaches the elements of the other', async ({
  browser,
}) => {
  const context = await browser.newContext();
  await seedDelivery(context, 'Two copies');
  const tab = await context.newPage();
  const errors = [];
  const warnings = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await serveOnFakeOrigin(tab, {
    '/': {
      body: page(`${TAGS.map((tag) => `<${tag}></${tag}>`).join('\n')}
        <script type="module" src="/portal/sendkit.bundle.js"></script>
        <script type="module">
          // The portal's copy defined the elements; the embedded copy provides the data.
          await import('/portal/sendkit.bundle.js');
          const { openStore, provideSendkit } = await import('/embedded/sendkit.bundle.js');
          const store = await openStore();
          const [latest] = await store.listDeliveries();
          provideSendkit(document.body, {
            store, deliveryId: latest.id, user: { name: 'ana', roles: ['start-deliveries'] },
          });
        </script>`),
    },
    '/portal/sendkit.bundle.js': BUNDLE,
    '/embedded/sendkit.bundle.js': BUNDLE,
  });
  await tab.goto('http://sendkit.test/');
  await tab.waitForFunction(
    () =>
      document
        .querySelector('deployment-kpis')
        ?.shadowRoot?.textContent?.includes('Send preparation completed'),
    null,
    { timeout: 10_000 },
  );
  check(
    warnings.some((text) => text.includes('already defined')),
    'the second copy did not say it kept the first one',
  );
  const enabled = await tab.evaluate(
    () =>
      document
        .querySelector('confirm-send-button')
        .shadowRoot.querySelector('[part="button"]')
        .getAttribute('aria-disabled') === 'false',
  );
  check(enabled, 'Confirm send is not offered through the other copy');
  const rows = await tab.locator('efs-comparison [part="table"] tbody tr').count();
  check(rows === 6, `efs-comparison shows ${rows} rows`);
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await context.close();
});
