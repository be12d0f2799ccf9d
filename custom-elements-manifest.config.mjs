// The manifest is generated from each element's JSDoc header (`npm run manifest`), then made to
// describe what the package ships: the built modules, the public API, the events' classes and
// the global tokens. The editor and framework integrations are generated from it
// (scripts/integrations.mjs).
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** What each global token themes; their defaults are read from the theme itself. */
const TOKENS = {
  'color-text': 'Text colour of every element.',
  'color-muted': 'Secondary text: notes, counts, captions.',
  'color-surface': 'Background of dialogs and inputs.',
  'color-raised': 'Background of buttons, headers and tiles.',
  'color-border': 'Borders and separators.',
  'color-accent': 'Primary actions, focus rings, progress.',
  'color-on-accent': 'Text on the accent colour.',
  'color-success': 'Delivered and Sent values.',
  'color-danger': 'Failures, errors, Stop.',
  'color-on-danger': 'Text on the danger colour.',
  radius: 'Corner radius of controls and tiles.',
  space: 'Base spacing unit.',
  font: 'Font family of every element.',
};

/** `--sendkit-*` tokens with the defaults the theme gives them (light and dark). */
function globalTokens() {
  const theme = readFileSync('components/shared/theme.styles.ts', 'utf8');
  return [...theme.matchAll(/var\(--sendkit-([a-z-]+), (.*)\);$/gm)].map(([, name, fallback]) => {
    if (!TOKENS[name]) throw new Error(`custom-elements manifest: describe --sendkit-${name}`);
    return { name: `--sendkit-${name}`, default: fallback, description: TOKENS[name] };
  });
}

/**
 * A module as the package ships it: `components/x/y.ts`, `./y.js` (relative to the module that
 * names it) or `/src/z.js` all become the built `dist/.../*.js`.
 */
function built(path, from) {
  const source = path.startsWith('.') ? posix.join(posix.dirname(from), path) : path;
  return `dist/${posix.normalize(source).replace(/^\/+/, '').replace(/\.ts$/, '.js')}`;
}

function rewriteModules(value, from) {
  if (Array.isArray(value)) return value.forEach((inner) => rewriteModules(inner, from));
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'module' && typeof inner === 'string') value[key] = built(inner, from);
    else rewriteModules(inner, from);
  }
}

const isPublic = (member) =>
  !member.static && (member.privacy === undefined || member.privacy === 'public');

/** `@fires name - ClassName: what it means` gives the event's class as its type. */
function typedEvent(event) {
  const match = /^(\w+Event): (.*)$/s.exec(event.description ?? '');
  if (!match) throw new Error(`custom-elements manifest: ${event.name} names no event class`);
  return { ...event, type: { text: match[1] }, description: match[2] };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/react.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'sendkit-package-manifest',
      packageLinkPhase({ customElementsManifest }) {
        const tokens = globalTokens();
        const definitions = new Map();
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.customElement) continue;
            // The public contract: what @fires documents (the analyzer also guesses events from
            // dispatchEvent calls), public instance members, attributes of public fields.
            declaration.events = (declaration.events ?? [])
              .filter((event) => event.name?.startsWith('sendkit-') && event.description)
              .map(typedEvent);
            declaration.members = (declaration.members ?? []).filter(isPublic);
            const fields = new Set(declaration.members.map((member) => member.name));
            declaration.attributes = (declaration.attributes ?? []).filter(
              (attribute) => !attribute.fieldName || fields.has(attribute.fieldName),
            );
            if (declaration.tagName) {
              declaration.cssProperties = [...(declaration.cssProperties ?? []), ...tokens];
              definitions.set(module.path.replace(/[^/]+$/, 'register.ts'), declaration);
            }
          }
        }
        // The elements are defined in their register modules, through defineElement, which the
        // analyzer does not follow (it takes defineElement's own define call for a definition).
        for (const module of customElementsManifest.modules) {
          module.exports = (module.exports ?? []).filter(
            (entry) => entry.kind !== 'custom-element-definition',
          );
          const declaration = definitions.get(module.path);
          if (!declaration) continue;
          module.exports.push({
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: {
              name: declaration.name,
              module: module.path.replace(/register\.ts$/, `${declaration.tagName}.ts`),
            },
          });
        }
        for (const module of customElementsManifest.modules) {
          rewriteModules(module.declarations, module.path);
          rewriteModules(module.exports, module.path);
          module.path = built(module.path, module.path);
        }
      },
    },
  ],
};
