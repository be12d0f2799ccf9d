import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { showcaseBackend } from './showcase/backend.js';

/** The showcase's API tables read custom-elements.json: ship it with the built showcase. */
function manifestAsset(): Plugin {
  return {
    name: 'sendkit-manifest-asset',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'custom-elements.json',
        source: readFileSync('custom-elements.json', 'utf8'),
      });
    },
  };
}

export default defineConfig({
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  // light-dark() kept as written: transpiled for older browsers, it would follow the system's
  // preference only, and the showcase's Dark theme button (color-scheme) would change nothing.
  build: {
    target: 'es2022',
    cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
    outDir: 'build/showcase',
  },
  plugins: [manifestAsset(), showcaseBackend()],
});
