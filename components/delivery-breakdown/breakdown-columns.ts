/**
 * The breakdown's columns as data: each with its label key, its value for sorting and CSV, and
 * whether the delivery's channel has it (SPEC §6: complaints and clicks are email's, opens
 * email's and push's). Rendering and sorting both read this one list.
 */
import type { Channel, ProviderRow, ReasonRow } from '../../src/index.js';
import { CHANNEL_RATES } from '../../src/rules/index.js';
import type { BreakdownLabels } from './delivery-breakdown.labels.js';

export type Format = 'text' | 'count' | 'percent';

export interface Column<Row> {
  readonly key: string;
  readonly label: keyof BreakdownLabels;
  readonly format: Format;
  readonly value: (row: Row, text: BreakdownLabels) => string | number;
  /** The health band a cell shows beside its rate. */
  readonly band?: (row: Row) => string | null;
  readonly channels?: (channel: Channel) => boolean;
}

export function groupName(row: ProviderRow, text: BreakdownLabels): string {
  const { group } = row;
  return group.kind === 'provider'
    ? group.label
    : group.kind === 'domain'
      ? group.domain
      : text.other;
}

export const PROVIDER_COLUMNS: readonly Column<ProviderRow>[] = [
  { key: 'provider', label: 'provider', format: 'text', value: groupName },
  { key: 'relayed', label: 'relayed', format: 'count', value: (row) => row.relayed },
  { key: 'delivered', label: 'delivered', format: 'count', value: (row) => row.delivered },
  {
    key: 'deliveredRate',
    label: 'deliveredRate',
    format: 'percent',
    value: (row) => row.deliveredRate,
  },
  { key: 'hardBounces', label: 'hardBounces', format: 'count', value: (row) => row.hardBounces },
  {
    key: 'hardBounceRate',
    label: 'hardBounceRate',
    format: 'percent',
    value: (row) => row.hardBounceRate,
    band: (row) => row.hardBounceBand,
  },
  {
    key: 'complaints',
    label: 'complaints',
    format: 'count',
    value: (row) => row.complaints,
    channels: (channel) => channel === 'email',
  },
  {
    key: 'complaintRate',
    label: 'complaintRate',
    format: 'percent',
    value: (row) => row.complaintRate ?? 0,
    band: (row) => row.complaintBand,
    channels: (channel) => channel === 'email',
  },
  {
    key: 'openRate',
    label: 'openRate',
    format: 'percent',
    value: (row) => row.openRate,
    channels: (channel) => CHANNEL_RATES[channel].open,
  },
  {
    key: 'clickRate',
    label: 'clickRate',
    format: 'percent',
    value: (row) => row.clickRate,
    channels: (channel) => CHANNEL_RATES[channel].click,
  },
];

export const REASON_COLUMNS: readonly Column<ReasonRow>[] = [
  {
    key: 'failureType',
    label: 'failureType',
    format: 'text',
    value: (row, text) => text.failureTypes[row.failureType],
  },
  {
    key: 'reason',
    label: 'reason',
    format: 'text',
    value: (row, text) => (row.cause ? text.causes[row.cause] : text.reasons[row.reason]),
  },
  { key: 'count', label: 'count', format: 'count', value: (row) => row.count },
  { key: 'rate', label: 'shareOfTargeted', format: 'percent', value: (row) => row.rate },
];

export function columnsFor<Row>(columns: readonly Column<Row>[], channel: Channel): Column<Row>[] {
  return columns.filter((column) => column.channels?.(channel) ?? true);
}

export interface Sort {
  readonly key: string;
  readonly descending: boolean;
}

/** Rows sorted by a column (numbers by value, texts by the locale's collation), stable. */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  sort: Sort | null,
  text: BreakdownLabels,
  locale: string | undefined,
): Row[] {
  const column = sort && columns.find((candidate) => candidate.key === sort.key);
  if (!sort || !column) return [...rows];
  const collator = new Intl.Collator(locale);
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, value: column.value(row, text) }))
    .sort((a, b) => {
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      return order * sign || a.index - b.index;
    })
    .map(({ row }) => row);
}
