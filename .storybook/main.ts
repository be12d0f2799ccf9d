// Storybook 10 for the seven elements (versions pinned for Node 20: see the README). The
// controls and docs come from custom-elements.json, which `npm run storybook` and
// `npm run build-storybook` generate first.
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal(vite) {
    // One copy of lit-html in the dev server (else Lit warns that it is loaded twice).
    vite.optimizeDeps = {
      ...vite.optimizeDeps,
      include: [...(vite.optimizeDeps?.include ?? []), 'lit', 'lit/directive-helpers.js'],
    };
    return vite;
  },
};
export default config;
