// The bundle budget: the four elements and the model (components/kit.ts), minified and
// gzipped as the shipped bundle is (scripts/minify.mjs), without Lit (a page that embeds the kit
// usually has Lit already). Built in memory.
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { minifyPlugins, minifySettings } from '../scripts/minify.mjs';

export async function bundleGzipKb() {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: minifyPlugins(),
    build: {
      write: false,
      target: 'es2022',
      ...minifySettings,
      lib: { entry: 'components/kit.ts', formats: ['es'], fileName: () => 'sendkit.js' },
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
