/**
 * A page that only watches, for the `bundle_watch_gzip_kb` budget: the seven elements and the
 * read-only opener, imported as a portal would from the package's entry points
 * (`sendkit/components`, `sendkit/remote`), so tree-shaking leaves out creation and feedback.
 */
export * from '../components/index.js';
export { openStoreReader } from '../src/remote/index.js';
