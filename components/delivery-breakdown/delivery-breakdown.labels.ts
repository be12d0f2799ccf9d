import type { ExclusionCause, FailureReason, FailureType, HealthBand } from '../../src/index.js';
import { FAILURE_REASONS, FAILURE_TYPE_LABELS } from '../../src/rules/index.js';
import { COMMON_LABELS, type CommonLabels } from '../shared/labels.js';

/** Every text of delivery-breakdown; pass a part of it as `labels` to localise. */
export interface BreakdownLabels extends CommonLabels {
  title: string;
  byProvider: string;
  byReason: string;
  provider: string;
  other: string;
  targeted: string;
  relayed: string;
  delivered: string;
  deliveredRate: string;
  hardBounces: string;
  hardBounceRate: string;
  complaints: string;
  complaintRate: string;
  openRate: string;
  clickRate: string;
  failureType: string;
  reason: string;
  count: string;
  shareOfTargeted: string;
  /** The button that sorts a column: `{column}`. */
  sortBy: string;
  exportCsv: string;
  noFailures: string;
  notPrepared: string;
  beforeBreakdown: string;
  bands: Record<HealthBand, string>;
  bandsTitle: string;
  /** One measure's bands: `{measure}`, `{healthy}`, `{atRisk}` (the thresholds), `{source}`. */
  bandLegend: string;
  bounceSource: string;
  complaintSource: string;
  failureTypes: Record<FailureType, string>;
  reasons: Record<FailureReason, string>;
  causes: Record<ExclusionCause, string>;
}

export const BREAKDOWN_LABELS: BreakdownLabels = {
  ...COMMON_LABELS,
  title: 'Breakdown',
  byProvider: 'By mailbox provider',
  byReason: 'By failure reason',
  provider: 'Mailbox provider',
  other: 'Other',
  targeted: 'Targeted',
  relayed: 'Sent',
  delivered: 'Delivered',
  deliveredRate: 'Delivered %',
  hardBounces: 'Hard bounces',
  hardBounceRate: 'Hard bounce rate',
  complaints: 'Complaints',
  complaintRate: 'Complaint rate',
  openRate: 'Open rate',
  clickRate: 'Click-through rate',
  failureType: 'Nature of failure',
  reason: 'Reason',
  count: 'Messages',
  shareOfTargeted: 'Share of targeted',
  sortBy: 'Sort by {column}',
  exportCsv: 'Export CSV',
  noFailures: 'No failure and no exclusion so far.',
  notPrepared: 'The delivery is not prepared yet: there is nothing to break down.',
  beforeBreakdown:
    'This delivery was prepared before sendkit kept a breakdown: Compute stats makes one from its logs.',
  bands: { healthy: 'Healthy', 'at-risk': 'At risk', harmful: 'Harmful' },
  bandsTitle: 'Health bands',
  bandLegend:
    '{measure}: healthy under {healthy}, at risk under {atRisk}, harmful beyond ({source}).',
  bounceSource: 'Amazon SES reviews an account at 5% and asks for under 2%',
  complaintSource: 'Gmail and Yahoo sender requirements, 2024',
  failureTypes: { ...FAILURE_TYPE_LABELS },
  reasons: Object.fromEntries(FAILURE_REASONS.map((reason) => [reason, reason])) as Record<
    FailureReason,
    string
  >,
  causes: {
    'no-address': 'No address',
    duplicate: 'Duplicate',
    denylisted: 'Address on denylist',
    quarantined: 'Quarantined address',
  },
};
