// The extension's content script, alone and self-contained: content scripts cannot be modules,
// so it is an IIFE with everything it uses inside.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist/extension/build',
    emptyOutDir: false,
    sourcemap: false,
    minify: 'terser',
    lib: {
      entry: 'extension/content/bridge.ts',
      formats: ['iife'],
      name: 'sendkitBridge',
      fileName: () => 'bridge.js',
    },
  },
});
