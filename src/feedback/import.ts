/**
 * importFeedback: reads an input as it streams, sorts and resolves its events (resolve.ts), and
 * applies them with the denylist additions of its complaints and unsubscribes in one transaction
 * (apply-resolved.ts; typed columns: a million events cost a few dozen MB, not a few hundred).
 * Never throws for bad input: every event is applied, a duplicate, unmatched or rejected, with
 * its position.
 */
import { InputError } from '../errors.js';
import { FEEDBACK_CLOCK_SKEW_MS, readOptions } from '../rules/valid-input.js';
import { adaptEntries, type Adaptation } from './adapt.js';
import { applyResolved } from './apply-resolved.js';
import { EventSorter, readFeedbackTarget, type FeedbackTarget } from './resolve.js';
import { readEntries, sizeOf } from './sources.js';
import { PROVIDERS, type FeedbackInput, type ImportReport, type ProviderName } from './types.js';
import { Breather } from './yield.js';

export type { FeedbackTarget } from './resolve.js';

export interface ImportOptions {
  readonly provider?: ProviderName;
  /** The delivery untagged events belong to; tagged events for another one are unmatched. */
  readonly deliveryId?: string;
  /** Called as the input is read, with the share read so far (0–1). */
  readonly onProgress?: (fraction: number) => void;
}

export async function importFeedback(
  store: FeedbackTarget,
  input: FeedbackInput,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const {
    provider: given,
    deliveryId,
    onProgress,
  } = readOptions('options', options, ['provider', 'deliveryId', 'onProgress']);
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InputError('options.onProgress', 'a function');
  }
  const target = readFeedbackTarget(store);
  const chosen = typeof deliveryId === 'string' ? deliveryId : undefined;
  const sorter = new EventSorter(chosen, target.now() + FEEDBACK_CLOCK_SKEW_MS);
  const totals = { applied: 0, duplicates: 0, superseded: 0, denylisted: 0 };
  let provider: ProviderName | null = null;
  const report = (): ImportReport => ({
    provider,
    ...totals,
    unmatched: sorter.unmatched.result(),
    rejected: sorter.rejected.result(),
  });
  if (given !== undefined && !PROVIDERS.includes(given as ProviderName)) {
    sorter.rejected.add({ position: 0, reason: `unknown provider '${String(given)}'` });
    return report();
  }
  const total = sizeOf(input);
  let read = 0;
  const onRead = (bytes: number) => {
    read += bytes;
    if (total > 0) (onProgress as ImportOptions['onProgress'])?.(Math.min(1, read / total));
  };

  const breather = new Breather();
  try {
    for await (const entries of readEntries(input, onRead)) {
      const adaptation: Adaptation = { events: [], rejected: [], provider: null };
      await adaptEntries(entries, given as ProviderName | undefined, adaptation);
      provider ??= adaptation.provider;
      for (const problem of adaptation.rejected) sorter.rejected.add(problem);
      for (const event of adaptation.events) sorter.place(event);
      // A long file never holds the page for long.
      await breather.breathe();
    }
  } catch (error) {
    sorter.rejected.add({
      position: 0,
      reason: `the input could not be read (${(error as Error)?.name ?? 'error'})`,
    });
  }

  const result = await applyResolved(target, sorter, await sorter.resolve(target));
  totals.applied += result.applied;
  totals.duplicates += result.duplicates;
  totals.superseded += result.superseded;
  totals.denylisted += result.denylisted;
  (onProgress as ImportOptions['onProgress'])?.(1);
  return report();
}
