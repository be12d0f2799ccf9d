// The built showcase (`npm run build:showcase`), as a newcomer uses it.
import { check, confirmSend, test } from './harness.mjs';

const OUT = 'test-results';

async function tileValue(page, label) {
  const tiles = page.locator('deployment-kpis [part="tile"]');
  const count = await tiles.count();
  for (let index = 0; index < count; index++) {
    const tile = tiles.nth(index);
    if ((await tile.locator('dt').innerText()).trim() === label)
      return (await tile.locator('.value').innerText()).trim();
  }
  return null;
}

/** The built showcase in a new page of `width` × `height`, its page errors collected. */
async function openShowcase(browser, showcaseUrl, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(showcaseUrl);
  return { page, errors };
}

const number = (text) => Number(String(text).replace(/[^\d.]/g, ''));

test('showcase: create, prepare, confirm, and see Sent and Delivered move', async ({
  browser,
  showcaseUrl,
}) => {
  const { page, errors } = await openShowcase(browser, showcaseUrl, 1280, 1100);
  await page.fill('input[name="count"]', '5000');
  await page.check('input[name="efs"]');
  await page.click('button:text-is("Create delivery")');
  await page.waitForFunction(() => document.querySelector('#delivery')?.value);
  await page.click('#prepare');
  const button = page.locator('confirm-send-button [part="button"]');
  await page.waitForFunction(
    () =>
      document
        .querySelector('confirm-send-button')
        ?.shadowRoot?.querySelector('[part="button"]')
        ?.getAttribute('aria-disabled') === 'false',
  );
  await button.click();
  check(
    await page.locator('confirm-send-button dialog').isVisible(),
    'the Confirm send dialog did not open',
  );
  await page.locator('confirm-send-button [part="ok"]').click();
  await page.waitForFunction(
    () => {
      const kpis = document.querySelector('deployment-kpis')?.shadowRoot;
      const values = [...(kpis?.querySelectorAll('[part="tile"]') ?? [])].map(
        (tile) => tile.querySelector('.value')?.textContent ?? '',
      );
      return (
        values.length > 3 &&
        Number(values[1].replace(/\D/g, '')) > 0 &&
        Number(values[2].replace(/[^\d.]/g, '')) > 0
      );
    },
    null,
    { timeout: 30_000 },
  );
  const sent = number(await tileValue(page, 'Sent'));
  const delivered = number(await tileValue(page, 'Delivered'));
  check(sent > 0, `Sent is ${sent}`);
  check(delivered > 0, `Delivered is ${delivered} %`);
  await page.waitForTimeout(1500);
  check(number(await tileValue(page, 'Sent')) >= sent, 'Sent went backwards');
  const rows = await page.locator('sending-log-table [part~="row"]').count();
  check(rows > 0, 'the sending logs show no row');
  await page.screenshot({ path: `${OUT}/showcase.png`, fullPage: true });
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});

test("showcase: with the form's defaults a send moves for a while and the guard pauses it early", async ({
  browser,
  showcaseUrl,
}) => {
  const { page, errors } = await openShowcase(browser, showcaseUrl, 1280, 1100);
  // The defaults: 100,000 recipients at 2,000 an hour (a model hour a second), 12 % hard bounces.
  check((await page.inputValue('input[name="count"]')) === '100000', 'the default is not 100,000');
  await page.click('button:text-is("Create delivery")');
  await page.waitForFunction(() => document.querySelector('#delivery')?.value);
  await page.click('#prepare');
  await confirmSend(page);
  await page.waitForFunction(
    () => document.querySelector('deployment-kpis')?.shadowRoot?.querySelector('[part="pace"]'),
    null,
    { timeout: 15_000 },
  );
  const pace = await page.locator('deployment-kpis [part="pace"]').innerText();
  check(/2,000 \/ h/.test(pace), `the planned pace is not shown: ${pace}`);
  await page.waitForFunction(
    () => document.querySelector('deployment-kpis')?.shadowRoot?.querySelector('[part="guard"]'),
    null,
    { timeout: 30_000 },
  );
  const sent = number(await tileValue(page, 'Sent'));
  check(sent > 0 && sent < 10_000, `the guard paused after ${sent} of 100,000 (most should wait)`);
  const progress = Number(
    await page.locator('deployment-kpis [part="progress"]').getAttribute('aria-valuenow'),
  );
  check(progress > 0 && progress < 10, `the progress bar shows ${progress} %`);
  await page.waitForTimeout(1500);
  check(number(await tileValue(page, 'Sent')) === sent, 'a paused send kept relaying');
  await page.screenshot({ path: `${OUT}/showcase-paced.png`, fullPage: true });
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});

test('showcase: usable in a 360 px window, light and dark, with a first step to take', async ({
  browser,
  showcaseUrl,
}) => {
  const { page, errors } = await openShowcase(browser, showcaseUrl, 360, 800);
  await page.waitForSelector('#start-title');
  const next = await page.locator('.steps li.next').innerText();
  check(/create|prepare|confirm|watch/i.test(next), `no next step is shown: ${next}`);
  for (const scheme of ['light', 'dark']) {
    if (scheme === 'dark') await page.click('#theme');
    // The page itself follows the button, not only the elements (its light-dark() colours).
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector('.card')).backgroundColor,
    );
    const dark = scheme === 'dark';
    check(
      (background === 'rgb(255, 255, 255)') !== dark,
      `a card is ${background} in the ${scheme} theme`,
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 360, `the showcase is ${width}px wide in a 360px window (${scheme})`);
    await page.screenshot({ path: `${OUT}/showcase-360-${scheme}.png`, fullPage: true });
  }
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});

test('showcase: import a provider file and see the report and the indicators move', async ({
  browser,
  showcaseUrl,
}) => {
  const { page, errors } = await openShowcase(browser, showcaseUrl, 1280, 1100);
  await page.fill('input[name="label"]', 'Imported feedback');
  await page.fill('input[name="count"]', '40');
  await page.fill('input[name="hard"]', '0');
  await page.fill('input[name="soft"]', '0');
  await page.click('button:text-is("Create delivery")');
  await page.waitForFunction(() => document.querySelector('#delivery')?.value);
  const id = await page.evaluate(() => document.querySelector('#delivery').value);
  await page.click('#prepare');
  await confirmSend(page);
  // SendGrid events for the first ten recipients: hard bounces (stronger than any delivery).
  const now = Math.floor(Date.now() / 1000);
  const lines = Array.from({ length: 10 }, (_, recipient) =>
    JSON.stringify({
      email: `profile${recipient}@example.test`,
      timestamp: now,
      event: 'bounce',
      type: 'bounce',
      status: '5.1.1',
      sg_event_id: `e2e-${recipient}`,
      sk_d: id,
      sk_r: String(recipient),
    }),
  );
  lines.push('{"not": "a provider payload"}');
  await page.setInputFiles('#feedback-files', {
    name: 'sendgrid.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(lines.join('\n')),
  });
  await page.waitForSelector('#import-report', { timeout: 20_000 });
  const report = await page.locator('#import-report').innerText();
  check(/sendgrid: 10 applied/.test(report), `the report says: ${report}`);
  check(/Rejected: 1/.test(report), `the rejected line is not reported: ${report}`);
  await page.waitForFunction(() => {
    const tiles = document
      .querySelector('deployment-kpis')
      ?.shadowRoot?.querySelectorAll('[part="tile"]');
    const bounces = [...(tiles ?? [])].find(
      (tile) => tile.querySelector('dt')?.textContent === 'Bounces + errors',
    );
    return bounces?.querySelector('.count')?.textContent?.trim() === '10';
  });
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});
