/**
 * The columns of the two logs, described once: the header, the cell, the placeholder row, the
 * CSV header and the CSV row all come from here (SPEC §6).
 */
import type { LogRow } from '../../src/index.js';
import { isoDate } from '../shared/format.js';
import type { LogTableLabels, LogView } from './sending-log-table.labels.js';

export type ColumnKey = 'date' | 'status' | 'address' | 'natureOfFailure' | 'reason';

export interface LogColumn {
  readonly key: ColumnKey;
  /** The column's narrowest width, and its share of extra width. */
  readonly minRem: number;
  readonly grow: number;
  /** The cell's text in exports (the element renders dates and addresses its own way). */
  readonly csv: (row: LogRow, text: LogTableLabels) => string;
}

const COLUMN: Readonly<Record<ColumnKey, LogColumn>> = {
  date: { key: 'date', minRem: 11, grow: 1.2, csv: (row) => isoDate(row.at) },
  status: { key: 'status', minRem: 5.5, grow: 0.7, csv: (row, text) => text.statuses[row.status] },
  address: { key: 'address', minRem: 12, grow: 2, csv: (row) => row.address },
  natureOfFailure: {
    key: 'natureOfFailure',
    minRem: 7,
    grow: 0.8,
    csv: (row, text) => (row.failureType ? text.failureTypes[row.failureType] : ''),
  },
  reason: {
    key: 'reason',
    minRem: 9,
    grow: 1.2,
    csv: (row, text) => (row.reason ? text.reasons[row.reason] : ''),
  },
};

/** Sending logs: Date, Status, Address, Nature of failure, Reason; Exclusion logs: the
 * product's own order (Date, Status, Nature of failure, Reason), then the Address. */
export const LOG_COLUMNS: Readonly<Record<LogView, readonly LogColumn[]>> = {
  sending: [COLUMN.date, COLUMN.status, COLUMN.address, COLUMN.natureOfFailure, COLUMN.reason],
  exclusions: [COLUMN.date, COLUMN.status, COLUMN.natureOfFailure, COLUMN.reason, COLUMN.address],
};

/**
 * The columns as shown: in a narrow element the address comes first, so it is in view without
 * scrolling sideways; exports keep the product's order (LOG_COLUMNS).
 */
export function shownColumns(view: LogView, narrow: boolean): readonly LogColumn[] {
  const columns = LOG_COLUMNS[view];
  if (!narrow) return columns;
  return [COLUMN.address, ...columns.filter((column) => column !== COLUMN.address)];
}

/**
 * grid-template-columns for the columns: each at least its own minimum and the widest content
 * seen in it (`fit`, px), sharing any extra width by `grow`.
 */
export function columnTemplate(columns: readonly LogColumn[], fit: readonly number[]): string {
  return columns
    .map(
      (column, index) => `minmax(max(${column.minRem}rem, ${fit[index] ?? 0}px), ${column.grow}fr)`,
    )
    .join(' ');
}

/** The narrowest a row can be: every column at its minimum (gaps and padding added in CSS). */
export function columnsMinWidth(columns: readonly LogColumn[], fit: readonly number[]): string {
  return columns
    .map((column, index) => `max(${column.minRem}rem, ${fit[index] ?? 0}px)`)
    .join(' + ');
}
