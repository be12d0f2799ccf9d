import { type FailureReason, type FailureType, type RecipientStatus } from '../../src/index.js';
import { FAILURE_REASONS, FAILURE_TYPE_LABELS, STATUS_LABELS } from '../../src/rules/index.js';
import { COMMON_LABELS, type CommonLabels, type PluralText } from '../shared/labels.js';

export type LogView = 'sending' | 'exclusions';

/** Every text of sending-log-table; pass a part of it as `labels` to localise. */
export interface LogTableLabels extends CommonLabels {
  sendingLogs: string;
  exclusionLogs: string;
  date: string;
  status: string;
  address: string;
  natureOfFailure: string;
  reason: string;
  filter: string;
  allStatuses: string;
  exportCsv: string;
  /** `{percent}` is replaced with the progress. */
  exporting: string;
  /** `{rows}` is replaced with the number of rows exported. */
  exported: PluralText;
  empty: string;
  noExclusions: string;
  /** `{address}` is replaced with the address. */
  historyOf: string;
  noHistory: string;
  close: string;
  statuses: Record<RecipientStatus, string>;
  failureTypes: Record<FailureType, string>;
  /** The failure reasons (SPEC §4), in the product's words by default. */
  reasons: Record<FailureReason, string>;
}

export const LOG_TABLE_LABELS: LogTableLabels = {
  ...COMMON_LABELS,
  sendingLogs: 'Sending logs',
  exclusionLogs: 'Exclusion logs',
  date: 'Date',
  status: 'Status',
  address: 'Address',
  natureOfFailure: 'Nature of failure',
  reason: 'Reason',
  filter: 'Status',
  allStatuses: 'All',
  exportCsv: 'Export CSV',
  exporting: 'Exporting… {percent}',
  exported: { one: '{rows} row exported.', other: '{rows} rows exported.' },
  empty: 'No messages.',
  noExclusions: 'No recipient was excluded at preparation.',
  historyOf: 'Messages received by {address}',
  noHistory: 'No message was sent to this address.',
  close: 'Close',
  statuses: { ...STATUS_LABELS },
  failureTypes: { ...FAILURE_TYPE_LABELS },
  reasons: Object.fromEntries(FAILURE_REASONS.map((reason) => [reason, reason])) as Record<
    FailureReason,
    string
  >,
};
