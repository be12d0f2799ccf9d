/**
 * What happens to one message after it is relayed, drawn from the MTA's rates. The retry
 * schedule is SPEC §5's: up to 5 retries an hour apart in the first day, then one a day, until
 * the validity period ends.
 */
import { DAY_MS, HOUR_MS } from '../clock.js';
import { CHANNEL_RATES } from '../rules/indicators.js';
import { FEEDBACK_EVENT_INDEX, REASON_CODES } from '../rules/event-codes.js';
import {
  type Channel,
  type DeliveryMode,
  type FailureReason,
  type FeedbackEventType,
} from '../types.js';
import type { ScheduledEvent } from './event-heap.js';
import { RandomStream } from './random.js';

export interface StoryRates {
  readonly seed: number;
  readonly hardBounceRate: number;
  readonly softBounceRate: number;
  /** Chance that one retry of a soft-bounced message succeeds. */
  readonly retrySuccessRate: number;
  /** Share of delivered messages opened. */
  readonly openRate: number;
  /** Share of delivered messages clicked (a click implies an open). */
  readonly clickRate: number;
  /** Longest delay between relay and the MTA's first report. */
  readonly reportDelayMs: number;
}

const HARD_REASONS: readonly FailureReason[] = [
  'User unknown',
  'Invalid domain',
  'Account disabled',
];
const SOFT_REASONS: readonly FailureReason[] = ['Mailbox full', 'Unreachable', 'Refused'];

/** Retry times after a soft bounce at `bouncedAt`, before `endsAt`. */
export function retryTimes(bouncedAt: number, endsAt: number): number[] {
  const times: number[] = [];
  for (let retry = 1; retry <= 5; retry++) times.push(bouncedAt + retry * HOUR_MS);
  for (let day = 1; bouncedAt + day * DAY_MS < endsAt; day++) times.push(bouncedAt + day * DAY_MS);
  return times.filter((time) => time < endsAt);
}

export interface StoryContext {
  readonly channel: Channel;
  readonly mode: DeliveryMode;
  readonly relayedAt: number;
  readonly endsAt: number;
}

/** The feedback one recipient's message produces after its relay, in time order. */
export function storyOf(
  rates: StoryRates,
  recipient: number,
  context: StoryContext,
): ScheduledEvent[] {
  const random = new RandomStream(rates.seed, recipient);
  const events: ScheduledEvent[] = [];
  const add = (
    type: FeedbackEventType,
    time: number,
    reason: FailureReason | null = null,
  ): void => {
    // Feedback times are whole milliseconds (SPEC §7).
    const at = Math.floor(time);
    if (at < context.endsAt || type === 'retries-failed') {
      events.push({
        at,
        recipient,
        type: FEEDBACK_EVENT_INDEX.get(type)!,
        reason: reason ? REASON_CODES[reason] : 0,
      });
    }
  };
  const outcome = random.next();
  const reportedAt = context.relayedAt + 1000 + random.next() * rates.reportDelayMs;
  let deliveredAt: number | null = null;
  if (outcome < rates.hardBounceRate) {
    add('hard-bounce', reportedAt, random.pick(HARD_REASONS));
  } else if (outcome < rates.hardBounceRate + rates.softBounceRate) {
    const reason = random.pick(SOFT_REASONS);
    add('soft-bounce', reportedAt, reason);
    deliveredAt =
      retryTimes(reportedAt, context.endsAt).find(() => random.next() < rates.retrySuccessRate) ??
      null;
    if (deliveredAt === null) add('retries-failed', context.endsAt, reason);
    else add('retry-succeeded', deliveredAt);
  } else {
    deliveredAt = reportedAt;
    if (context.mode === 'efs') add('delivered', deliveredAt);
  }
  const channelRates = CHANNEL_RATES[context.channel];
  if (deliveredAt !== null && channelRates.open) {
    const engagement = random.next();
    const openedAt = deliveredAt + random.next() * DAY_MS;
    if (channelRates.click && engagement < rates.clickRate) {
      add('open', openedAt);
      add('click', openedAt + random.next() * HOUR_MS);
    } else if (engagement < rates.openRate) {
      add('open', openedAt);
    }
  }
  return events;
}
