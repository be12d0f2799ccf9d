// The extension's pages and background: one multi-entry build (ES modules) of the side panel and
// the background, into dist/extension/build; scripts/build-extension.mjs adds the content script
// (an IIFE) and writes each browser's folder, manifest and zip.
import { defineConfig } from 'vite';
import { litInertTemplates } from './scripts/lit-inert-templates.mjs';
import { minifyPlugins, minifySettings } from './scripts/minify.mjs';

export default defineConfig({
  root: 'extension',
  base: './',
  publicDir: 'public',
  plugins: [...minifyPlugins(), litInertTemplates()],
  build: {
    target: 'es2022',
    outDir: '../dist/extension/build',
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: false,
    ...minifySettings,
    rollupOptions: {
      input: {
        sidepanel: 'extension/sidepanel.html',
        // One background per browser (Chrome's also sets up its side panel); each browser's
        // folder keeps its own as background.js.
        'background.chrome': 'extension/background/chrome.ts',
        'background.firefox': 'extension/background/firefox.ts',
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
