import { STATE_LABELS, RETRYING_LABEL, type DeliveryState } from '../../src/index.js';

/** Every text of deployment-kpis; pass a part of it as `labels` to localise. */
export interface DeploymentLabels {
  title: string;
  toDeliver: string;
  sent: string;
  delivered: string;
  bounces: string;
  openRate: string;
  clickRate: string;
  computeStats: string;
  pause: string;
  resume: string;
  stop: string;
  progress: string;
  /** `{time}` is replaced with the time of the last refresh. */
  refreshedAt: string;
  notRefreshed: string;
  retrying: string;
  states: Record<DeliveryState, string>;
}

export const DEPLOYMENT_LABELS: DeploymentLabels = {
  title: 'Deployment',
  toDeliver: 'To deliver',
  sent: 'Sent',
  delivered: 'Delivered',
  bounces: 'Bounces + errors',
  openRate: 'Open rate',
  clickRate: 'Click-through rate',
  computeStats: 'Compute stats',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  progress: 'Sending progress',
  refreshedAt: 'Opens and clicks refreshed at {time}',
  notRefreshed: 'Opens and clicks are refreshed every hour',
  retrying: RETRYING_LABEL,
  states: { ...STATE_LABELS },
};
