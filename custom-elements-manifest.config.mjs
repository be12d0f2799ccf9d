// The manifest is generated from each element's JSDoc header (`npm run manifest`).
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'sendkit-documented-events-only',
      // The analyzer also guesses events from `dispatchEvent(new X(...))` calls and their
      // arguments; the public contract is what @fires documents.
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) {
              declaration.events = declaration.events.filter(
                (event) => event.name?.startsWith('sendkit-') && event.description,
              );
            }
          }
        }
      },
    },
  ],
};
