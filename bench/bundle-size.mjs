// The bundle budgets, minified and gzipped as the shipped bundle is (scripts/minify.mjs), without
// Lit (a page that embeds the kit usually has Lit already), built in memory:
// - the kit: the seven elements and the model (components/kit.ts);
// - a page that only watches: the elements and `openStoreReader`, tree-shaken from the package's
//   entry points (bench/watch-page.ts), so no creation and no feedback writing.
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { minifyPlugins, minifySettings } from '../scripts/minify.mjs';

async function gzipKb(entry) {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: minifyPlugins(),
    build: {
      write: false,
      target: 'es2022',
      ...minifySettings,
      lib: { entry, formats: ['es'], fileName: () => 'sendkit.js' },
      rollupOptions: {
        external: [
          /^lit(\/|$)/,
          /^@lit\//,
          /^lit-html(\/|$)/,
          /^lit-element(\/|$)/,
          /^@lit-labs\//,
        ],
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  let bytes = 0;
  for (const result of results) {
    for (const chunk of result.output) {
      if (chunk.type === 'chunk') bytes += gzipSync(chunk.code, { level: 9 }).length;
    }
  }
  return bytes / 1024;
}

export const bundleGzipKb = () => gzipKb('components/kit.ts');
export const bundleWatchGzipKb = () => gzipKb('bench/watch-page.ts');
