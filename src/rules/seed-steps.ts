/**
 * The seed's table ("Confirming the send", EFS section) derived from the rules, never typed in:
 * each step is a story of one message, and its cells are what the rules and KPI formulas give.
 */
import type { DeliveryMode, OutcomeEventType, RecipientStatus } from '../types.js';
import { outcomeBit } from './event-codes.js';
import { outcomeRule } from './feedback-rules.js';
import { computeIndicators, emptyTally, type Tally } from './indicators.js';
import { CLASS_OF_MASK, statusOfClass } from './message-classes.js';

export interface SeedStep {
  readonly id: string;
  /** The seed's wording of the step. */
  readonly label: string;
  /** Events the message received before this step. */
  readonly before: readonly OutcomeEventType[];
  readonly event: OutcomeEventType;
}

export const SEED_STEPS: readonly SeedStep[] = [
  {
    id: 'relayed',
    label: 'Message is successfully relayed from Campaign to the Enhanced MTA',
    before: [],
    event: 'relayed',
  },
  {
    id: 'delivered',
    label: 'Message is delivered and reported back by the Enhanced MTA',
    before: ['relayed'],
    event: 'delivered',
  },
  {
    id: 'hard-bounce',
    label: 'Hard-bouncing messages get reported back from the Enhanced MTA',
    before: ['relayed'],
    event: 'hard-bounce',
  },
  {
    id: 'soft-bounce',
    label: 'Soft-bouncing messages get reported back from the Enhanced MTA',
    before: ['relayed'],
    event: 'soft-bounce',
  },
  {
    id: 'retry-succeeded',
    label: 'Soft-bouncing messages retries successful',
    before: ['relayed', 'soft-bounce'],
    event: 'retry-succeeded',
  },
  {
    id: 'retries-failed',
    label: 'Soft-bouncing messages retries failed',
    before: ['relayed', 'soft-bounce'],
    event: 'retries-failed',
  },
];

export type Direction = 'up' | 'down' | 'none';

export interface IndicatorChange {
  readonly before: number;
  readonly after: number;
  readonly direction: Direction;
}

export interface StepOutcome {
  /** False where the mode does not report the event (EFS-only "delivered"). */
  readonly reported: boolean;
  /** `null` before the first relay: the message had no sending-log status yet. */
  readonly from: RecipientStatus | null;
  readonly to: RecipientStatus;
  readonly delivered: IndicatorChange;
  readonly bounces: IndicatorChange;
}

function tallyOfMask(mask: number): Tally {
  const tally = emptyTally();
  const classes = [...tally.classes];
  classes[CLASS_OF_MASK[mask]!]! += 1;
  return { ...tally, classes };
}

/** The mask bit the seed's MTA sets for the event in the mode; 0 where it does not report it. */
function reportedBit(type: OutcomeEventType, mode: DeliveryMode): number {
  return outcomeRule(type).reported[mode] ? outcomeBit(type) : 0;
}

function change(before: number, after: number): IndicatorChange {
  const direction: Direction = after > before ? 'up' : after < before ? 'down' : 'none';
  return { before, after, direction };
}

/** One message through the step, in one mode: statuses and D / B percentages before and after. */
export function stepOutcome(step: SeedStep, mode: DeliveryMode): StepOutcome {
  const maskBefore = step.before.reduce((mask, type) => mask | reportedBit(type, mode), 0);
  const bit = reportedBit(step.event, mode);
  const maskAfter = maskBefore | bit;
  const before = computeIndicators(tallyOfMask(maskBefore), mode, 'email', null);
  const after = computeIndicators(tallyOfMask(maskAfter), mode, 'email', null);
  return {
    reported: bit !== 0,
    from: maskBefore === 0 ? null : statusOfClass(mode, CLASS_OF_MASK[maskBefore]!),
    to: statusOfClass(mode, CLASS_OF_MASK[maskAfter]!),
    delivered: change(before.deliveredPercent, after.deliveredPercent),
    bounces: change(before.bouncesPercent, after.bouncesPercent),
  };
}

/** The recipient stories of the walk-through: one message, event by event. */
export interface Story {
  readonly id: string;
  readonly label: string;
  readonly events: readonly OutcomeEventType[];
}

export const STORIES: readonly Story[] = [
  { id: 'delivered', label: 'Delivered', events: ['relayed', 'delivered'] },
  { id: 'hard-bounce', label: 'Hard bounce', events: ['relayed', 'hard-bounce'] },
  {
    id: 'soft-then-success',
    label: 'Soft bounce, then retry success',
    events: ['relayed', 'soft-bounce', 'retry-succeeded'],
  },
  {
    id: 'soft-then-validity-ends',
    label: 'Soft bounce, then the validity period ends',
    events: ['relayed', 'soft-bounce', 'retries-failed'],
  },
];

export interface StoryPoint {
  readonly event: OutcomeEventType;
  readonly reported: boolean;
  readonly status: RecipientStatus;
  readonly deliveredPercent: number;
  readonly bouncesPercent: number;
}

/** The message's status and D / B after each event of the story, in one mode. */
export function traceStory(story: Story, mode: DeliveryMode): StoryPoint[] {
  let mask = 0;
  return story.events.map((event) => {
    const bit = reportedBit(event, mode);
    mask |= bit;
    const indicators = computeIndicators(tallyOfMask(mask), mode, 'email', null);
    return {
      event,
      reported: bit !== 0,
      status: statusOfClass(mode, CLASS_OF_MASK[mask]!),
      deliveredPercent: indicators.deliveredPercent,
      bouncesPercent: indicators.bouncesPercent,
    };
  });
}
