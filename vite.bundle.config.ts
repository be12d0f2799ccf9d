// The self-contained bundle: every element and the model, Lit and idb included, one ES module
// usable from a plain page with <script type="module"> and no build.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: {
      entry: { 'sendkit.bundle': 'components/bundle.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
