import type { GuardMeasure, RecipientStatus } from '../../src/index.js';
import { SEED_STEPS, STATUS_LABELS, STORIES } from '../../src/rules/index.js';
import { COMMON_LABELS, type CommonLabels } from '../shared/labels.js';

/** Every text of efs-comparison; pass a part of it as `labels` to localise. */
export interface ComparisonLabels extends CommonLabels {
  title: string;
  step: string;
  withoutEfs: string;
  withEfs: string;
  kpiSummary: string;
  logStatus: string;
  /** `{value}` is replaced with the percentage. */
  deliveredStarts: string;
  deliveredUp: string;
  deliveredDown: string;
  deliveredSame: string;
  bouncesStarts: string;
  bouncesUp: string;
  bouncesDown: string;
  bouncesSame: string;
  notReported: string;
  walkthrough: string;
  story: string;
  previous: string;
  next: string;
  event: string;
  delivered: string;
  bounces: string;
  live: string;
  liveEmailOnly: string;
  liveNeedsEfs: string;
  /** The guard's pause: `{mode}` (the delivery's mode's name), `{measure}` and `{rate}`. */
  guardTripped: string;
  guardMeasures: Record<GuardMeasure, string>;
  sent: string;
  failed: string;
  /** The seed table's rows, by SEED_STEPS id. */
  steps: Record<string, string>;
  /** The walk-through's stories, by STORIES id. */
  stories: Record<string, string>;
  events: Record<string, string>;
  statuses: Record<RecipientStatus, string>;
}

export const COMPARISON_LABELS: ComparisonLabels = {
  ...COMMON_LABELS,
  title: 'Delivered indicator: without and with the Email Feedback Service',
  step: 'Step',
  withoutEfs: 'Without EFS',
  withEfs: 'With EFS',
  kpiSummary: 'KPI summary',
  logStatus: 'Sending logs status',
  deliveredStarts: 'Delivered percentage starts out at {value}',
  deliveredUp: 'Delivered percentage is increased accordingly',
  deliveredDown: 'Delivered percentage is decreased accordingly',
  deliveredSame: 'No change in Delivered percentage',
  bouncesStarts: 'Bounces + errors percentage starts out at {value}',
  bouncesUp: 'Bounces + errors percentage is increased accordingly',
  bouncesDown: 'Bounces + errors percentage is decreased accordingly',
  bouncesSame: 'No change in Bounces + errors percentage',
  notReported: 'Not reported without EFS',
  walkthrough: 'Walk through one message',
  story: 'Story',
  previous: 'Previous',
  next: 'Next',
  event: 'Event',
  delivered: 'Delivered',
  bounces: 'Bounces + errors',
  live: 'This delivery in both modes',
  liveEmailOnly: 'The Email Feedback Service applies to email deliveries only.',
  liveNeedsEfs:
    'This delivery does not use EFS, so deliveries are not reported: send with EFS to see both modes computed from the same messages.',
  guardTripped:
    'The reputation guard paused this delivery on its {mode} rate of {measure}: {rate}.',
  guardMeasures: {
    'hard-bounces': 'hard bounces',
    bounces: 'bounces + errors',
    complaints: 'complaints',
  },
  sent: 'Sent',
  failed: 'Failed',
  steps: Object.fromEntries(SEED_STEPS.map((step) => [step.id, step.label])),
  stories: Object.fromEntries(STORIES.map((story) => [story.id, story.label])),
  events: {
    relayed: 'Relayed to the MTA',
    delivered: 'Delivered (reported by EFS)',
    'soft-bounce': 'Soft bounce',
    'retry-succeeded': 'Retry succeeded',
    'retries-failed': 'Retries failed (validity period ended)',
    'hard-bounce': 'Hard bounce',
  },
  statuses: { ...STATUS_LABELS },
};
