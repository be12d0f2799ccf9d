import type { TimelineSeries } from '../../src/index.js';
import { COMMON_LABELS, type CommonLabels } from '../shared/labels.js';

/** Every text of delivery-timeline; pass a part of it as `labels` to localise. */
export interface TimelineLabels extends CommonLabels {
  title: string;
  /** The chart's accessible name. */
  chart: string;
  series: Record<TimelineSeries, string>;
  showEngagement: string;
  wholeValidity: string;
  /** The top of the chart: `{count}` messages in `{minutes}` (a column's span). */
  peak: string;
  validityEnd: string;
  expectedEnd: string;
  plannedPace: string;
  /** `{rate}`: a count of messages. */
  perHour: string;
  /** An interval or a table row's time span: `{from}`, `{to}`. */
  span: string;
  /** How to move the readout. */
  readoutHint: string;
  notStarted: string;
  showTable: string;
  time: string;
}

export const TIMELINE_LABELS: TimelineLabels = {
  ...COMMON_LABELS,
  title: 'Over time',
  chart: 'Messages per minute of model time',
  series: {
    relayed: 'Sent',
    delivered: 'Delivered',
    hardBounces: 'Hard bounces',
    softBounces: 'Soft bounces',
    opens: 'Opens',
    clicks: 'Clicks',
    complaints: 'Complaints',
  },
  showEngagement: 'Show opens and clicks',
  wholeValidity: 'Whole validity',
  peak: 'Top: {count} messages in {minutes} min',
  validityEnd: 'Validity ends',
  expectedEnd: 'Expected end',
  plannedPace: 'Planned pace',
  perHour: '{rate} an hour',
  span: '{from} – {to}',
  readoutHint: 'Arrow keys move a minute, Page Up and Page Down an hour, Home and End to the ends.',
  notStarted: 'The send has not started: nothing to show over time yet.',
  showTable: 'Show as a table',
  time: 'Time',
};
