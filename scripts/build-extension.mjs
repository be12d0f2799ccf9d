// `npm run build:extension` (part of `npm run build`): the side panel and background (Vite,
// ES modules), the content script (Vite, IIFE), then one folder per browser with its own
// manifest (extension/manifest.ts), and a zip of each made by web-ext:
//   dist/extension/chrome/, dist/extension/firefox/, dist/extension/sendkit-<browser>.zip
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';
import { build } from 'vite';

// A shipped build whatever the caller's environment: a NODE_ENV of `development` inherited from
// a dev server (the benchmark builds the extension from one) would pick Lit's development build,
// which web-ext lint flags. Vite reads it when building, not when imported.
process.env.NODE_ENV = 'production';
register();
const { TARGETS, manifestFor } = await import('../extension/manifest.ts');

const OUT = 'dist/extension';
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

await build({ configFile: 'vite.extension.config.ts', logLevel: 'error' });
await build({ configFile: 'vite.bridge.config.ts', logLevel: 'error' });

for (const target of TARGETS) {
  const dir = `${OUT}/${target}`;
  rmSync(dir, { recursive: true, force: true });
  cpSync(`${OUT}/build`, dir, { recursive: true });
  for (const other of TARGETS) {
    if (other !== target) rmSync(`${dir}/background.${other}.js`);
  }
  renameSync(`${dir}/background.${target}.js`, `${dir}/background.js`);
  writeFileSync(
    `${dir}/manifest.json`,
    `${JSON.stringify(manifestFor(target, version), null, 2)}\n`,
  );
  execFileSync(
    'node_modules/.bin/web-ext',
    [
      'build',
      '--source-dir',
      dir,
      '--artifacts-dir',
      OUT,
      '--filename',
      `sendkit-${target}.zip`,
      '--overwrite-dest',
      '--no-config-discovery',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
rmSync(`${OUT}/build`, { recursive: true, force: true });
console.log(`extension: ${TARGETS.map((target) => `${OUT}/${target}`).join(', ')} and their zips`);
