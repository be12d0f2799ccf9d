/**
 * The timeline chart's geometry, pure: intervals gathered into at most one column per unit of
 * the chart's width (a 3.5-day validity is 5,041 minutes: 9 to a column), each series one path.
 * Drawn as SVG attributes only, so it renders under `style-src 'self'`.
 */
import type { Timeline, TimelineSeries } from '../../src/index.js';

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 160;

export interface ChartColumns {
  /** Intervals the chart spans (the timeline's, or up to an expected end beyond it). */
  readonly span: number;
  /** Intervals per column. */
  readonly perColumn: number;
  readonly columns: number;
  readonly sums: Readonly<Partial<Record<TimelineSeries, Float64Array>>>;
  /** The largest column of the series drawn (at least 1). */
  readonly top: number;
}

export function chartColumns(
  timeline: Timeline,
  shown: readonly TimelineSeries[],
  span: number,
  reference = 0,
): ChartColumns {
  const perColumn = Math.max(1, Math.ceil(span / CHART_WIDTH));
  const columns = Math.max(1, Math.ceil(span / perColumn));
  const sums: Partial<Record<TimelineSeries, Float64Array>> = {};
  let top = Math.max(1, reference * perColumn);
  for (const name of shown) {
    const values = timeline.series[name];
    const column = new Float64Array(columns);
    for (let interval = 0; interval < values.length && interval < span; interval++)
      column[(interval / perColumn) | 0]! += values[interval]!;
    for (const value of column) if (value > top) top = value;
    sums[name] = column;
  }
  // A whole number: the top is read as a count of messages.
  return { span, perColumn, columns, sums, top: Math.ceil(top) };
}

/** The x of an interval's start (a fraction of an interval for a point inside it). */
export function xOf(interval: number, span: number): number {
  return (interval / Math.max(1, span)) * CHART_WIDTH;
}

export function yOf(value: number, top: number): number {
  return CHART_HEIGHT - (value / top) * (CHART_HEIGHT - 4);
}

/** One series as an SVG path, a point per column at its middle. */
export function pathOf(values: Float64Array, chart: ChartColumns): string {
  let d = '';
  const width = CHART_WIDTH / chart.columns;
  for (let column = 0; column < values.length; column++) {
    const x = ((column + 0.5) * width).toFixed(1);
    const y = yOf(values[column]!, chart.top).toFixed(1);
    d += `${column === 0 ? 'M' : 'L'}${x} ${y}`;
  }
  return d;
}

/** Table rows: the smallest of these spans (minutes) that keeps the table under TABLE_ROWS. */
const TABLE_SPANS = [1, 5, 15, 60, 240, 1440];
const TABLE_ROWS = 200;

export function tableSpanOf(span: number): number {
  return TABLE_SPANS.find((minutes) => span / minutes <= TABLE_ROWS) ?? 1440;
}
