import type { FailureType, RecipientStatus } from '../../src/index.js';

export type LogView = 'sending' | 'exclusions';

/** Every text of sending-log-table; pass a part of it as `labels` to localise. */
export interface LogTableLabels {
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
  empty: string;
  history: string;
  /** `{address}` is replaced with the address. */
  historyOf: string;
  noHistory: string;
  close: string;
  delivery: string;
  statuses: Record<RecipientStatus, string>;
  failureTypes: Record<FailureType, string>;
}

export const LOG_TABLE_LABELS: LogTableLabels = {
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
  empty: 'No messages.',
  history: 'Profile history',
  historyOf: 'Messages received by {address}',
  noHistory: 'No message was sent to this address.',
  close: 'Close',
  delivery: 'Delivery',
  statuses: { pending: 'Pending', sent: 'Sent', failed: 'Failed', ignored: 'Ignored' },
  failureTypes: { hard: 'Hard', soft: 'Soft', ignored: 'Ignored' },
};
