// The self-contained bundle: every element and the model, Lit and idb included, one ES module
// usable from a plain page with <script type="module"> and no build, minified like the budget.
import { defineConfig } from 'vite';
import { minifyPlugins, minifySettings } from './scripts/minify.mjs';

export default defineConfig({
  plugins: minifyPlugins(),
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: false,
    copyPublicDir: false,
    ...minifySettings,
    lib: {
      entry: { 'sendkit.bundle': 'components/bundle.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
