/** What a feedback connection reports of itself: its state and totals (a property, an event). */

export const FEED_STATES = ['connecting', 'live', 'behind', 'error', 'closed'] as const;
export type FeedState = (typeof FEED_STATES)[number];

export interface FeedStatus {
  readonly state: FeedState;
  /** The last stream position applied to the store. */
  readonly seq: number;
  /** Events the relay holds that are not applied yet (0 when live). */
  readonly behind: number;
  /** Totals of this connection. */
  readonly applied: number;
  readonly duplicates: number;
  readonly unmatched: number;
  readonly rejected: number;
  /** What went wrong, in words, when the state is `error`. */
  readonly error: string | null;
}

/** Fired by a FeedbackConnection whenever its status changes. */
export class FeedStatusEvent extends Event {
  static readonly type = 'feed-status';
  constructor(readonly status: FeedStatus) {
    super(FeedStatusEvent.type);
  }
}
