/**
 * The one feedback write of the file import and the relay feed: a resolved batch (its events per
 * delivery, the addresses its complaints and unsubscribes denylist, the feed position when there
 * is one) applied in one transaction, so a reload never keeps one part and loses another.
 *
 * One error policy for both: an event the model refuses when it is applied (its delivery was
 * stopped or deleted since the event was resolved) is reported as rejected with its position,
 * and the rest of the batch applies, the feed position with it. A feed is never stuck behind one
 * event, and an import never loses a whole delivery's events for one of them.
 */
import type { FeedbackResult } from '../types.js';
import type { EventSorter, FeedbackTarget, ResolvedColumns } from './resolve.js';

export interface AppliedBatch extends FeedbackResult {
  /** Addresses put on the denylist. */
  readonly denylisted: number;
}

export async function applyResolved(
  target: FeedbackTarget,
  sorter: EventSorter,
  parts: readonly ResolvedColumns[],
  cursor?: { readonly feed: string; readonly seq: number; readonly log?: string },
): Promise<AppliedBatch> {
  const denylist = [...sorter.denylist];
  const result = await target.applyFeedback(
    parts.map((part) => part.feedback),
    { denylist, refuse: 'event', ...(cursor ? { cursor } : {}) },
  );
  // Positions are of the parts' concatenation, in order: walk them once.
  let part = 0;
  let offset = 0;
  for (const { index, reason } of result.refused ?? []) {
    while (index >= offset + parts[part]!.columns.length) offset += parts[part++]!.columns.length;
    sorter.rejected.add({ ...parts[part]!.columns.where(index - offset), reason });
  }
  return {
    applied: result.applied,
    duplicates: result.duplicates,
    superseded: result.superseded,
    denylisted: denylist.length,
  };
}
