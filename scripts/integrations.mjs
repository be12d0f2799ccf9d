// Editor data and framework types, generated from custom-elements.json (run by `npm run
// manifest`, after the analyzer): JSX types for React 19 (and Preact, Solid…), Vue's
// GlobalComponents, VS Code custom data and JetBrains web-types, all in types/, shipped in the
// package.
import { readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const outdir = 'types';
// Everything the types name (the elements and their event classes) is exported here.
const entry = '../dist/components/index.js';
const quiet = { hideLogs: true };

const events = [
  ...new Set(
    manifest.modules.flatMap((module) =>
      (module.declarations ?? []).flatMap((declaration) =>
        (declaration.events ?? []).map((event) => event.type.text),
      ),
    ),
  ),
].sort();

/** Rewrites a generated file, failing loudly when the generator's output no longer matches. */
function amend(file, edit) {
  const path = `${outdir}/${file}`;
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before)
    throw new Error(`integrations: ${file} did not change; check the generator`);
  writeFileSync(path, after);
}

generateJsxTypes(manifest, {
  ...quiet,
  outdir,
  fileName: 'jsx.d.ts',
  componentTypePath: () => entry,
  stronglyTypedEvents: true,
});
// The generator imports an event's type only when it is `CustomEvent<Detail>`; sendkit's
// events are Event subclasses that carry their data as properties, so they are imported here.
amend('jsx.d.ts', (text) => `import type { ${events.join(', ')} } from "${entry}";\n${text}`);

/** `sendkit-confirm-request` → `onSendkitConfirmRequest`, the prop vue-tsc checks `@sendkit-confirm-request` against. */
const vueHandler = (name) =>
  `on${name.replace(/(^|-)([a-z])/g, (_m, _dash, letter) => letter.toUpperCase())}`;

generateVuejsTypes(manifest, {
  ...quiet,
  outdir,
  fileName: 'vue.d.ts',
  componentTypePath: () => entry,
});
// The generator writes one import per element (naming a shared event class once per element,
// a duplicate identifier), types every handler's argument as `CustomEvent<Type>`, and names the
// handlers `onsendkit-x`, which vue-tsc never matches with `@sendkit-x` (it looks for
// `onSendkitX`): one import of everything, the event classes as they are, Vue's handler names.
amend('vue.d.ts', (text) => {
  const elements = manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((d) => d.tagName).map((d) => d.name),
  );
  const imports = `import type { ${[...elements, ...events].join(', ')} } from "${entry}";`;
  return text
    .replace(/^import type \{[^}]*\} from "(?!vue")[^"]*";\n/gm, '')
    .replace('import type { DefineComponent } from "vue";', (line) => `${line}\n${imports}`)
    .replace(/CustomEvent<(\w+Event)>/g, '$1')
    .replace(/"on(sendkit-[a-z-]+)"\?:/g, (_match, name) => `${vueHandler(name)}?:`);
});

generateVsCodeCustomElementData(manifest, {
  ...quiet,
  outdir,
  htmlFileName: 'vscode.html-custom-data.json',
  cssFileName: 'vscode.css-custom-data.json',
});
generateJetBrainsWebTypes(manifest, { ...quiet, outdir, webTypesFileName: 'web-types.json' });
