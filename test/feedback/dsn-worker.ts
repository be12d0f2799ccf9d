/**
 * A worker that parses bounce mails side by side, as the showcase's import worker does, and
 * reports whether `Blob` was ever anything but the worker's own while it did.
 */
import { parseFeedback } from '../../src/feedback/index.js';
import { dsnMail } from './fixtures.js';

const blob = globalThis.Blob;
const seen = new Set<unknown>();
const watch = setInterval(() => seen.add(globalThis.Blob), 0);
const mails = Array.from({ length: 40 }, (_, index) =>
  dsnMail('failed', '5.1.1', { recipient: `r${index}@example.org` }),
);
const parsed = await Promise.all(
  mails.map(async (mail) => {
    seen.add(globalThis.Blob);
    const result = await parseFeedback(mail);
    seen.add(globalThis.Blob);
    return result.events[0]?.address ?? null;
  }),
);
clearInterval(watch);
postMessage({
  addresses: parsed,
  blobChanged: globalThis.Blob !== blob || [...seen].some((value) => value !== blob),
});
