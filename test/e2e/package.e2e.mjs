// The packed package as a registry and its users get it: publint and are-the-types-wrong clean,
// a manifest that names only shipped modules and describes the public API, source maps that
// carry their sources, and the editor data package.json announces.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { npm, pack } from './examples.e2e.mjs';
import { check, test } from './harness.mjs';
import { TAGS } from './elements.mjs';

function elements(manifest) {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((d) => d.tagName).map((d) => ({ module, d })),
  );
}

test('package: publint and attw are clean; every path the package names is in it', async () => {
  const files = pack();
  npm(['exec', '--', 'publint', '--strict']);
  npm(['exec', '--', 'attw', '--pack', '.', '--profile', 'esm-only']);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  check(files.has(pkg['web-types'].replace('./', '')), 'web-types is not in the package');
  check(files.has('types/vscode.html-custom-data.json'), 'no VS Code custom data');
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const named = [];
  JSON.stringify(manifest, (key, value) => {
    if ((key === 'path' || key === 'module') && typeof value === 'string') named.push(value);
    return value;
  });
  const missing = named.filter((path) => !files.has(path));
  check(missing.length === 0, `the manifest names files the package lacks: ${missing.join(', ')}`);
  check(
    named.every((path) => path.endsWith('.js')),
    'the manifest names a non-JavaScript module',
  );
  // Source maps carry their sources: none points at a file left out of the package.
  for (const file of [...files].filter((name) => name.endsWith('.map'))) {
    const map = JSON.parse(
      execFileSync('tar', ['-xzOf', 'build/pack/sendkit.tgz', `package/${file}`]),
    );
    check(
      map.sourcesContent?.length === map.sources.length && map.sourcesContent.every(Boolean),
      `${file} points at sources it does not carry`,
    );
  }
});

test('package: custom-elements.json describes each element: tag, events with their classes, public API, tokens', async () => {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const found = elements(manifest);
  check(
    TAGS.every((tag) => found.some(({ d }) => d.tagName === tag)),
    `elements in the manifest: ${found.map(({ d }) => d.tagName).join(', ')}`,
  );
  const events = await import('../../dist/components/shared/events.js');
  for (const { module, d } of found) {
    const defined = manifest.modules.some((m) =>
      m.exports?.some((e) => e.kind === 'custom-element-definition' && e.name === d.tagName),
    );
    check(defined, `${d.tagName}: no custom-element-definition`);
    check(module.path.startsWith('dist/components/'), `${d.tagName}: module ${module.path}`);
    for (const event of d.events) {
      const type = events[event.type.text];
      check(
        type?.eventName === event.name,
        `${d.tagName}: ${event.name} is typed ${event.type.text}`,
      );
    }
    check(
      d.events.some((e) => e.name === 'sendkit-error'),
      `${d.tagName}: no sendkit-error`,
    );
    const hidden = d.members.filter((m) => m.privacy === 'private' || m.privacy === 'protected');
    check(hidden.length === 0, `${d.tagName}: non-public members ${hidden.map((m) => m.name)}`);
    check(
      !d.attributes.some((a) => a.name === 'busy'),
      `${d.tagName}: internal state as attribute`,
    );
    const level = d.attributes.find((a) => a.name === 'heading-level');
    check(level?.type?.text === 'number' && level.default === '2', `${d.tagName}: heading-level`);
    const token = d.cssProperties.find((p) => p.name === '--sendkit-color-accent');
    check(token?.default?.startsWith('light-dark('), `${d.tagName}: the global tokens`);
    check(d.cssParts.length > 0, `${d.tagName}: no parts`);
  }
  const log = found.find(({ d }) => d.tagName === 'sending-log-table').d;
  const view = log.attributes.find((a) => a.name === 'view');
  check(view?.default === "'sending'" && view.type.text === 'LogView', 'sending-log-table view');
});
