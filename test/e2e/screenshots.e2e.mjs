// Screenshot tests: every Storybook story, light, dark and 360 px wide, rendered in Debian's
// Chromium and compared with the committed baselines in test/screenshots/ (pixelmatch: its
// threshold ignores anti-aliased pixels), failing on a visible change with the diff image in
// test-results/screenshots/. `npm run screenshots:update` rewrites the baselines on purpose.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { check, serveDirectory, test } from './harness.mjs';

const ROOT = 'build/storybook';
const BASELINES = 'test/screenshots';
const DIFFS = 'test-results/screenshots';
const UPDATE = process.env.SCREENSHOTS_UPDATE === '1';
/** Pixels that may differ before a change counts as visible (sub-pixel text rendering noise). */
const TOLERATED_PIXELS = 24;

const MODES = [
  { name: 'light', width: 1024, scheme: 'light' },
  { name: 'dark', width: 1024, scheme: 'dark' },
  { name: '360', width: 360, scheme: 'light' },
];

/** The changed pixels between a baseline and a shot; the diff image when they differ. */
function compare(baseline, shot) {
  const expected = PNG.sync.read(baseline);
  const actual = PNG.sync.read(shot);
  if (expected.width !== actual.width || expected.height !== actual.height) {
    return {
      changed: Infinity,
      size: `${expected.width}×${expected.height} → ${actual.width}×${actual.height}`,
    };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const changed = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: 0.1,
  });
  return { changed, diff: PNG.sync.write(diff) };
}

test('screenshots: every story, light, dark and 360 px, looks as its committed baseline', async ({
  browser,
}) => {
  check(existsSync(`${ROOT}/index.json`), `${ROOT} is not built (npm run build-storybook)`);
  const index = JSON.parse(readFileSync(`${ROOT}/index.json`, 'utf8'));
  const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
  mkdirSync(BASELINES, { recursive: true });
  mkdirSync(DIFFS, { recursive: true });
  const problems = [];
  for (const mode of MODES) {
    const context = await browser.newContext({
      viewport: { width: mode.width, height: 800 },
      colorScheme: mode.scheme,
      reducedMotion: 'reduce',
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.route('http://sendkit.test/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await serveDirectory(page, ROOT);
    for (const story of stories) {
      const tag = story.title.replace('Elements/', '');
      await page.goto(`http://sendkit.test/iframe.html?id=${story.id}&viewMode=story`);
      const element = page.locator(`#storybook-root ${tag}`);
      await element.waitFor({ timeout: 60_000 });
      await element.evaluate(async (node, scheme) => {
        // The page's own color-scheme, as a portal in dark mode declares it.
        document.documentElement.style.colorScheme = scheme;
        await node.settled();
        await document.fonts.ready;
      }, mode.scheme);
      const shot = await page.locator('#storybook-root').screenshot({ animations: 'disabled' });
      const name = `${story.id}--${mode.name}.png`;
      const baseline = `${BASELINES}/${name}`;
      if (UPDATE || !existsSync(baseline)) {
        writeFileSync(baseline, shot);
        if (!UPDATE) problems.push(`${name}: no baseline (written; review and commit it)`);
        continue;
      }
      const { changed, diff, size } = compare(readFileSync(baseline), shot);
      if (changed > TOLERATED_PIXELS) {
        writeFileSync(`${DIFFS}/${name}`, shot);
        if (diff) writeFileSync(`${DIFFS}/${name.replace('.png', '.diff.png')}`, diff);
        problems.push(`${name}: ${size ?? `${changed} pixels changed`} (see ${DIFFS}/)`);
      }
    }
    await context.close();
  }
  check(problems.length === 0, `visible changes:\n${problems.join('\n')}`);
});
