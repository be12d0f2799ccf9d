import type { DeliveryState, LifecycleAction } from '../../src/index.js';
import { COMMON_LABELS, type CommonLabels } from '../shared/labels.js';

/** Every text of delivery-journal; pass a part of it as `labels` to localise. */
export interface JournalLabels extends CommonLabels {
  title: string;
  when: string;
  who: string;
  action: string;
  change: string;
  details: string;
  exportCsv: string;
  empty: string;
  /** Who the system's own steps are by (the start, the guard, the end of the validity). */
  system: string;
  /** Only the operators' actions and the guard's pauses, not every step. */
  decisionsOnly: string;
  actions: Record<LifecycleAction, string>;
  states: Record<DeliveryState, string>;
}

export const JOURNAL_LABELS: JournalLabels = {
  ...COMMON_LABELS,
  title: 'Journal',
  when: 'When',
  who: 'Who',
  action: 'Action',
  change: 'State',
  details: 'Details',
  exportCsv: 'Export CSV',
  empty: 'Nothing has been recorded for this delivery yet.',
  system: 'System',
  decisionsOnly: 'Decisions only',
  actions: {
    create: 'Created',
    prepare: 'Preparation started',
    'preparation-succeeded': 'Preparation completed',
    'preparation-failed': 'Preparation failed',
    confirm: 'Confirmed',
    start: 'Started',
    'start-unconfirmed': 'Started without confirmation',
    pause: 'Paused',
    resume: 'Resumed',
    stop: 'Stopped',
    reschedule: 'Rescheduled',
    delete: 'Deleted',
    'guard-pause': 'Paused by the reputation guard',
    'guard-acknowledge': 'Guard pause acknowledged',
    finish: 'Finished',
    fail: 'Failed',
    group: 'Grouped',
  },
  states: {
    editing: 'Editing',
    preparing: 'Preparing',
    prepared: 'Prepared',
    'preparation-error': 'Preparation error',
    'start-pending': 'Pending start',
    'in-progress': 'Sending',
    paused: 'Paused',
    stopped: 'Stopped',
    finished: 'Finished',
    failed: 'Failed',
  },
};
