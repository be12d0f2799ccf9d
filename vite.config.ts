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
  build: { target: 'es2022', outDir: 'build/showcase' },
  plugins: [manifestAsset(), showcaseBackend()],
});
