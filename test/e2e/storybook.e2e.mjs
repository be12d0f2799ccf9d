// The built Storybook (`npm run build-storybook`): every story opens in Chromium, its element
// renders from a real store, axe finds no violation, and nothing is logged as an error.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { check, serveDirectory, test } from './harness.mjs';

const ROOT = 'build/storybook';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** What deployment-kpis says in each story's state: the stories show the state they name. */
const SAYS = {
  prepared: 'Send preparation completed',
  sending: 'Sending',
  paced: 'Planned pace',
  finished: 'All messages have been processed',
  failed: 'Failed',
};

test('storybook: every story renders its element with no axe violation and no console error', async ({
  browser,
}) => {
  check(existsSync(`${ROOT}/index.json`), `${ROOT} is not built (npm run build-storybook)`);
  const index = JSON.parse(readFileSync(`${ROOT}/index.json`, 'utf8'));
  const entries = Object.values(index.entries);
  const stories = entries.filter((entry) => entry.type === 'story');
  check(stories.length >= 30, `only ${stories.length} stories`);
  check(entries.filter((entry) => entry.type === 'docs').length === 7, 'a docs page per element');
  const context = await browser.newContext();
  const page = await context.newPage();
  // Chromium asks for a favicon that Storybook does not ship.
  await page.route('http://sendkit.test/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await serveDirectory(page, ROOT);
  const problems = [];
  let current = '';
  page.on('pageerror', (error) => problems.push(`${current}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${current}: ${message.text()}`);
  });
  for (const story of stories) {
    current = story.id;
    const tag = story.title.replace('Elements/', '');
    await page.goto(`http://sendkit.test/iframe.html?id=${story.id}&viewMode=story`);
    const element = page.locator(`#storybook-root ${tag}`);
    await element.waitFor({ timeout: 60_000 });
    await element.evaluate((node) => node.settled());
    const text = await element.evaluate((node) => node.shadowRoot.textContent);
    check(text.trim().length > 0, `${story.id}: <${tag}> rendered nothing`);
    const state = /^elements-deployment-kpis--(\w+)$/.exec(story.id)?.[1];
    if (SAYS[state]) check(text.includes(SAYS[state]), `${story.id} shows: ${text.slice(0, 200)}`);
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run('#storybook-root');
      return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}`);
    });
    check(violations.length === 0, `${story.id}: axe: ${violations.join('; ')}`);
  }
  check(problems.length === 0, `console errors:\n${problems.join('\n')}`);
  await context.close();
});
