import type { DeliveryState, GuardMeasure } from '../../src/index.js';
import { RETRYING_LABEL, STATE_LABELS, type ComplaintBand } from '../../src/rules/index.js';
import { COMMON_LABELS, type CommonLabels, type PluralText } from '../shared/labels.js';

/** Every text of deployment-kpis; pass a part of it as `labels` to localise. */
export interface DeploymentLabels extends CommonLabels {
  title: string;
  toDeliver: string;
  sent: string;
  delivered: string;
  bounces: string;
  openRate: string;
  clickRate: string;
  /** Complaints / delivered; its band's words below the value (rules/complaints.ts). */
  complaintRate: string;
  complaintBands: Record<ComplaintBand, string>;
  computeStats: string;
  pause: string;
  resume: string;
  stop: string;
  progress: string;
  /** `{percent}` is replaced with the Sent percentage. */
  progressValue: string;
  /** `{time}` is replaced with the time of the last refresh. */
  refreshedAt: string;
  notRefreshed: string;
  stopTitle: string;
  /** `{label}` is replaced with the delivery's label. */
  stopBody: string;
  stopConfirm: string;
  cancel: string;
  retrying: string;
  /**
   * A pause by the reputation guard: `{rate}`, `{measure}` (one of `guardMeasures`),
   * `{threshold}` and `{relayed}` are filled in.
   */
  guardPaused: PluralText;
  guardMeasures: Record<GuardMeasure, string>;
  /** What Resume means after a guarded pause. */
  guardResume: string;
  states: Record<DeliveryState, string>;
  /** The pace of a paced send: its rate, the rate so far, the expected end. */
  pacePlanned: string;
  paceActual: string;
  /** `{rate}`: messages per hour. */
  perHour: string;
  /** While a warm-up holds the rate lower: `{rate}` is the rate now. */
  paceWarmingUp: string;
  expectedEnd: string;
  /** `{time}`: when the window opens next, as a weekday and a time in the window's zone. */
  paceWaiting: string;
  /** `{time}`: when the validity period ends. */
  paceAfterValidity: string;
}

export const DEPLOYMENT_LABELS: DeploymentLabels = {
  ...COMMON_LABELS,
  title: 'Deployment',
  toDeliver: 'To deliver',
  sent: 'Sent',
  delivered: 'Delivered',
  bounces: 'Bounces + errors',
  openRate: 'Open rate',
  clickRate: 'Click-through rate',
  complaintRate: 'Complaint rate',
  complaintBands: {
    healthy: 'Healthy: under 0.1\u00a0%',
    'at-risk': 'At risk: keep it under 0.1\u00a0%',
    harmful: 'Over 0.3\u00a0%: providers filter or refuse',
  },
  computeStats: 'Compute stats',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  progress: 'Sending progress',
  progressValue: '{percent} sent',
  refreshedAt: 'Opens and clicks refreshed at {time}',
  notRefreshed: 'Opens and clicks are refreshed every hour',
  stopTitle: 'Stop the delivery?',
  stopBody:
    '{label}: messages not sent yet will not be sent. A stopped delivery cannot be resumed.',
  stopConfirm: 'Stop the delivery',
  cancel: 'Cancel',
  retrying: RETRYING_LABEL,
  guardPaused: {
    one: 'Paused by the reputation guard: {rate} {measure} after {relayed} message (threshold {threshold}).',
    other:
      'Paused by the reputation guard: {rate} {measure} after {relayed} messages (threshold {threshold}).',
  },
  guardMeasures: {
    'hard-bounces': 'hard bounces',
    bounces: 'bounces + errors',
    complaints: 'complaints',
  },
  guardResume:
    'Check the list, then Resume to accept this rate (it pauses again if the rate keeps rising) or Stop.',
  states: { ...STATE_LABELS },
  pacePlanned: 'Planned pace',
  paceActual: 'Actual pace',
  perHour: '{rate} / h',
  paceWarmingUp: 'warming up: {rate} / h now',
  expectedEnd: 'Expected end',
  paceWaiting: 'Waiting for the sending window: opens {time}',
  paceAfterValidity:
    'At this pace the send ends after its validity period ({time}): messages not handed to the MTA by then are not sent.',
};
