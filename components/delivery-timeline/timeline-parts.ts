/**
 * The timeline's parts: the marks on the chart, the times under it, the readout of one minute
 * (what the slider announces) and the table of the same figures.
 */
import { html, svg } from 'lit';
import type { Timeline, TimelineSeries } from '../../src/index.js';
import { formatCount } from '../shared/format.js';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  tableSpanOf,
  xOf,
  type ChartColumns,
} from './chart-geometry.js';
import type { TimelineLabels } from './delivery-timeline.labels.js';
import { formatSpan, formatTick } from './span-format.js';

/** Five times under the chart: its start, its quarters and its end. */
export function timelineAxis(timeline: Timeline, span: number, locale: string | undefined) {
  const at = (fraction: number) =>
    formatTick(timeline.startedAt! + fraction * span * timeline.intervalMs, locale);
  // Spread evenly, the first label starts at the chart's start, the middle one is centred on
  // its middle and the last one ends at its end; the quarters go first when it is narrow.
  return html`<div class="axis" aria-hidden="true">
    <span>${at(0)}</span><span class="quarter">${at(0.25)}</span><span>${at(0.5)}</span
    ><span class="quarter">${at(0.75)}</span><span>${at(1)}</span>
  </div>`;
}

/** One minute's figures, in words: what the readout shows and the slider announces. */
export function readoutOf(
  timeline: Timeline,
  shown: readonly TimelineSeries[],
  interval: number,
  text: TimelineLabels,
  locale: string | undefined,
): string {
  const from = timeline.startedAt! + interval * timeline.intervalMs;
  const figures = shown.map(
    (name) =>
      `${text.series[name]}${text.colon}${formatCount(timeline.series[name][interval] ?? 0, locale)}`,
  );
  return `${formatSpan(from, from + timeline.intervalMs, text.span, locale)} · ${figures.join(' · ')}`;
}

/** The same figures as a table, a row per span of tableSpanOf minutes. */
export function timelineTable(
  timeline: Timeline,
  shown: readonly TimelineSeries[],
  text: TimelineLabels,
  locale: string | undefined,
) {
  const minutes = tableSpanOf(timeline.length);
  const rows = Math.ceil(timeline.length / minutes);
  return html`<table part="table">
    <thead>
      <tr>
        <th scope="col">${text.time}</th>
        ${shown.map((name) => html`<th scope="col">${text.series[name]}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${Array.from({ length: rows }, (_, row) => {
        const from = timeline.startedAt! + row * minutes * timeline.intervalMs;
        return html`<tr>
          <th scope="row">
            ${formatSpan(from, from + minutes * timeline.intervalMs, text.span, locale)}
          </th>
          ${shown.map((name) => {
            let sum = 0;
            const values = timeline.series[name];
            for (let index = row * minutes; index < (row + 1) * minutes; index++)
              sum += values[index] ?? 0;
            return html`<td>${formatCount(sum, locale)}</td>`;
          })}
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** The validity's end, the expected end and the planned pace, drawn under the series. */
export function chartMarkers(
  timeline: Timeline,
  chart: ChartColumns,
  perMinute: number,
  expectedEnd: number | null,
) {
  const marks = [];
  const validityEnd =
    timeline.validityEndsAt === null
      ? null
      : (timeline.validityEndsAt - timeline.startedAt!) / timeline.intervalMs;
  if (validityEnd !== null && validityEnd <= chart.span) {
    const x = xOf(validityEnd, chart.span);
    marks.push(
      svg`<line class="marker" x1=${x} x2=${x} y1="0" y2=${CHART_HEIGHT} vector-effect="non-scaling-stroke"></line>`,
    );
  }
  if (expectedEnd !== null && expectedEnd < chart.span) {
    const x = xOf(expectedEnd + 1, chart.span);
    marks.push(
      svg`<line class="marker dashed" x1=${x} x2=${x} y1="0" y2=${CHART_HEIGHT} vector-effect="non-scaling-stroke"></line>`,
    );
  }
  if (perMinute > 0) {
    const y = CHART_HEIGHT - ((perMinute * chart.perColumn) / chart.top) * (CHART_HEIGHT - 4);
    marks.push(
      svg`<line class="pace" x1="0" x2=${CHART_WIDTH} y1=${y} y2=${y} vector-effect="non-scaling-stroke"></line>`,
    );
  }
  return marks;
}
