// The tree as docs/architecture.md describes it: the module tables of "Where the code is" list exactly the
// files of each folder of the model and the elements (a file added, moved or deleted without
// its line fails here), and a source file over 300 lines says why in its header.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { TAGS } from './elements.mjs';
import { check, test } from './harness.mjs';

const ROOTS = ['src', 'components'];
const ELEMENTS = TAGS;
const MAX_LINES = 300;

function folders(root) {
  return [
    root,
    ...readdirSync(root)
      .filter((name) => statSync(join(root, name)).isDirectory())
      .flatMap((name) => folders(join(root, name))),
  ];
}

const sourceFiles = (folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.ts') && statSync(join(folder, name)).isFile())
    .sort();

/** The architecture doc's part about one folder: from its bold marker to the next bold marker. */
function partOf(section, marker) {
  const start = section.indexOf(marker);
  check(start >= 0, `docs/architecture.md has no part ${marker}`);
  const next = section.indexOf('\n**', start + marker.length);
  return section.slice(start, next < 0 ? undefined : next);
}

const namesIn = (text) => [...text.matchAll(/`([\w.<>/-]+\.ts)`/g)].map((match) => match[1]);

test('docs/architecture.md: the module tables list exactly the files of src/ and components/', async () => {
  const readme = readFileSync('docs/architecture.md', 'utf8');
  const start = readme.indexOf('# Where the code is');
  check(start >= 0, 'docs/architecture.md has no "Where the code is" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const elementPart = partOf(section, "**Each element's folder**");
  const problems = [];
  for (const folder of ROOTS.flatMap(folders)) {
    const tag = ELEMENTS.find((name) => folder === join('components', name));
    const listed = tag
      ? namesIn(elementPart).map((name) => name.replaceAll('<tag>', tag))
      : namesIn(partOf(section, `**\`${folder}/\`**`));
    const actual = sourceFiles(folder);
    // An element's own extras are named with its folder (`deployment-kpis/pace-summary.ts`);
    // the log table's many are listed bare in a table of their own.
    const expected = tag
      ? listed.flatMap((name) => {
          if (name.includes('/'))
            return name.startsWith(`${tag}/`) ? [name.slice(tag.length + 1)] : [];
          const own = name.startsWith(tag) || name === 'register.ts' || tag === 'sending-log-table';
          return own ? [name] : [];
        })
      : listed.filter((name) => !name.includes('/'));
    const missing = actual.filter((name) => !expected.includes(name));
    const stale = expected.filter((name) => !actual.includes(name));
    if (missing.length)
      problems.push(`${folder}: not in docs/architecture.md: ${missing.join(', ')}`);
    if (stale.length)
      problems.push(`${folder}: in docs/architecture.md, not in the tree: ${stale.join(', ')}`);
  }
  check(problems.length === 0, problems.join('\n'));
});

test('layout: a source file over 300 lines says why in its header', async () => {
  const long = [];
  for (const folder of [...ROOTS, 'extension', 'relay'].flatMap(folders)) {
    for (const name of sourceFiles(folder)) {
      const text = readFileSync(join(folder, name), 'utf8');
      const lines = text.split('\n').length;
      const header = text.slice(0, text.search(/^import |^export /m));
      if (lines > MAX_LINES && !/over 300 lines/i.test(header))
        long.push(`${folder}/${name} (${lines})`);
    }
  }
  check(
    long.length === 0,
    `over ${MAX_LINES} lines without a reason in the header: ${long.join(', ')}`,
  );
});

test('install: every locked package admits this Node (npm ci prints no engine warning)', async () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const refused = Object.entries(lock.packages)
    .filter(([, entry]) => entry.engines?.node && !entry.optional)
    .filter(([, entry]) => !semver.satisfies(process.version, entry.engines.node))
    .map(
      ([path, entry]) => `${path.replace(/^node_modules\//, '')} wants node ${entry.engines.node}`,
    );
  check(refused.length === 0, `engine warnings on ${process.version}:\n${refused.join('\n')}`);
});
