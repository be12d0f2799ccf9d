import { html, nothing, svg } from 'lit';
import {
  fillTemplate,
  type DeliverySnapshot,
  type Timeline,
  type TimelineSeries,
} from '../../src/index.js';
import { paceProgress } from '../../src/rules/index.js';
import { formatCount } from '../shared/format.js';
import type { LabelOverrides } from '../shared/labels.js';
import type { ReadSource } from '../shared/read-controller.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import { themeStyles } from '../shared/theme.styles.js';
import { CHART_HEIGHT, CHART_WIDTH, chartColumns, pathOf, xOf } from './chart-geometry.js';
import { formatTick } from './span-format.js';
import { chartMarkers, readoutOf, timelineAxis, timelineTable } from './timeline-parts.js';
import type { TimelineLabels } from './delivery-timeline.labels.js';
import { deliveryTimelineStyles } from './delivery-timeline.styles.js';

export interface TimelineData {
  readonly snapshot: DeliverySnapshot;
  readonly timeline: Timeline;
}

const OUTCOMES: readonly TimelineSeries[] = ['relayed', 'delivered', 'hardBounces', 'softBounces'];
const ENGAGEMENT: readonly TimelineSeries[] = ['opens', 'clicks', 'complaints'];
const HOUR_INTERVALS = 60;

/**
 * A delivery over model time: messages sent, delivered and bounced per minute (opens, clicks
 * and complaints on demand), its planned pace and expected end when it is paced, the end of its
 * validity marked, a readout of any minute (arrow keys or the pointer), and the same figures as a
 * table. Drawn in SVG by Lit templates, attributes only: it renders under `style-src 'self'`.
 *
 * @tag delivery-timeline
 * @summary The send over time, with a readout and a table of the same figures.
 *
 * @fires sendkit-error - ActionErrorEvent: the delivery could not be read (`event.action` is `read`, `event.error`).
 *
 * @csspart base - The whole block.
 * @csspart legend - The series' names (and the engagement toggle).
 * @csspart chart - The chart: a slider over the minutes (arrow keys, Page Up/Down, Home, End).
 * @csspart readout - The figures of the minute the readout is on.
 * @csspart table - The table of the same figures (shown on demand).
 * @csspart notice - What shows instead of the chart (no delivery, loading, not started…).
 *
 * @cssprop [--delivery-timeline-relayed=var(--sendkit-color-accent)] - Sent's line.
 * @cssprop --delivery-timeline-delivered - Delivered's line.
 * @cssprop --delivery-timeline-hard - Hard bounces' line.
 * @cssprop --delivery-timeline-soft - Soft bounces' line.
 * @cssprop --delivery-timeline-engagement - Opens', clicks' and complaints' lines.
 * @cssprop --delivery-timeline-marker - The validity end's and the expected end's lines.
 */
export class DeliveryTimeline extends SendkitElement<TimelineData> {
  static override styles = [themeStyles, deliveryTimelineStyles];

  static override properties = {
    labels: { attribute: false },
    showEngagement: { type: Boolean, attribute: 'show-engagement' },
    wholeValidity: { type: Boolean, attribute: 'whole-validity' },
    selected: { state: true },
    tableOpen: { state: true },
  };

  /** Texts, to localise; missing ones keep the defaults. */
  labels: LabelOverrides<TimelineLabels> = {};

  /** Also draw opens, clicks and complaints. */
  showEngagement = false;

  /**
   * Span the whole validity period (3.5 days by default). Default: the send so far, up to its
   * expected end when it is paced (at least an hour), so a short send is not a sliver.
   */
  wholeValidity = false;

  /** The minute the readout is on; null: the latest with activity. */
  private selected: number | null = null;
  private tableOpen = false;

  private get text(): TimelineLabels {
    return this.texts('delivery-timeline', this.labels);
  }

  protected override async read({ store, deliveryId }: ReadSource): Promise<TimelineData> {
    const [snapshot, timeline] = await Promise.all([
      store.readSnapshot(deliveryId),
      store.readTimeline(deliveryId),
    ]);
    return { snapshot, timeline };
  }

  private get shown(): readonly TimelineSeries[] {
    return this.showEngagement === true ? [...OUTCOMES, ...ENGAGEMENT] : OUTCOMES;
  }

  override render() {
    const text = this.text;
    const data = this.data;
    return html`<section part="base" class="block" aria-labelledby="title">
      ${this.heading(text.title, 'title')}
      ${data ? this.renderData(data, text) : this.readState(text)}
    </section>`;
  }

  private renderData({ snapshot, timeline }: TimelineData, text: TimelineLabels) {
    if (timeline.startedAt === null || timeline.length === 0)
      return html`<p part="notice" class="notice">${text.notStarted}</p>`;
    const progress = paceProgress(snapshot.delivery, snapshot.indicators, this.activeStore!.now());
    const expectedEnd =
      progress?.expectedEndAt == null
        ? null
        : Math.floor((progress.expectedEndAt - timeline.startedAt) / timeline.intervalMs);
    const full = Math.max(timeline.length, (expectedEnd ?? -1) + 1);
    const now = Math.floor((this.activeStore!.now() - timeline.startedAt) / timeline.intervalMs);
    // The send so far (an hour at least), with a tenth more room; the whole validity on demand.
    const sendSoFar = Math.ceil(
      Math.max(HOUR_INTERVALS, now + 1, lastActive(timeline, this.shown) + 1) * 1.1,
    );
    const span = this.wholeValidity === true ? full : Math.min(full, sendSoFar);
    const perMinute = progress ? progress.plannedPerHour / HOUR_INTERVALS : 0;
    const chart = chartColumns(timeline, this.shown, span, perMinute);
    const selected = Math.min(span - 1, this.selected ?? lastActive(timeline, this.shown));
    const readout = readoutOf(timeline, this.shown, selected, text, this.resolvedLocale);
    return html`${this.renderLegend(
        text,
        progress?.plannedPerHour ?? null,
        progress?.expectedEndAt ?? null,
        timeline.validityEndsAt,
      )}
      <div class="scale">
        <span
          >${fillTemplate(text.peak, {
            count: formatCount(chart.top, this.resolvedLocale),
            minutes: formatCount(chart.perColumn, this.resolvedLocale),
          })}</span
        >
        <button
          part="range"
          type="button"
          aria-pressed=${this.wholeValidity === true ? 'true' : 'false'}
          @click=${() => (this.wholeValidity = this.wholeValidity !== true)}
        >
          ${text.wholeValidity}
        </button>
      </div>
      <div
        part="chart"
        class="chart"
        role="slider"
        tabindex="0"
        aria-label=${text.chart}
        aria-describedby="hint"
        aria-valuemin="0"
        aria-valuemax=${span - 1}
        aria-valuenow=${selected}
        aria-valuetext=${readout}
        @keydown=${(event: KeyboardEvent) => this.onKey(event, selected, span)}
        @pointerdown=${(event: PointerEvent) => this.onPointer(event, span)}
        @pointermove=${(event: PointerEvent) => {
          if (event.buttons !== 0 || event.pointerType === 'mouse') this.onPointer(event, span);
        }}
      >
        <svg
          viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          ${chartMarkers(timeline, chart, perMinute, expectedEnd)}
          ${this.shown.map(
            (name) =>
              svg`<path class="line s-${name}" d=${pathOf(chart.sums[name]!, chart)} vector-effect="non-scaling-stroke"></path>`,
          )}
          <line
            class="cursor"
            x1=${xOf(selected + 0.5, span)}
            x2=${xOf(selected + 0.5, span)}
            y1="0"
            y2=${CHART_HEIGHT}
            vector-effect="non-scaling-stroke"
          ></line>
        </svg>
      </div>
      ${timelineAxis(timeline, span, this.resolvedLocale)}
      <p part="readout" class="readout">${readout}</p>
      <p id="hint" class="hint">${text.readoutHint}</p>
      <details
        @toggle=${(event: Event) => (this.tableOpen = (event.target as HTMLDetailsElement).open)}
      >
        <summary>${text.showTable}</summary>
        ${this.tableOpen ? timelineTable(timeline, this.shown, text, this.resolvedLocale) : nothing}
      </details>`;
  }

  private renderLegend(
    text: TimelineLabels,
    plannedPerHour: number | null,
    expectedEndAt: number | null,
    validityEndsAt: number | null,
  ) {
    const locale = this.resolvedLocale;
    return html`<div part="legend" class="legend">
      <ul>
        ${this.shown.map(
          (name) => html`<li><span class="swatch s-${name}"></span>${text.series[name]}</li>`,
        )}
        ${
          validityEndsAt === null
            ? nothing
            : html`<li>
                <span class="swatch marker"></span>${text.validityEnd}${text.colon}${formatTick(
                  validityEndsAt,
                  locale,
                )}
              </li>`
        }
        ${
          expectedEndAt === null
            ? nothing
            : html`<li>
                <span class="swatch marker dashed"></span
                >${text.expectedEnd}${text.colon}${formatTick(expectedEndAt, locale)}
              </li>`
        }
        ${
          plannedPerHour === null
            ? nothing
            : html`<li>
                <span class="swatch pace"></span>${text.plannedPace}${text.colon}${fillTemplate(
                  text.perHour,
                  { rate: formatCount(plannedPerHour, locale) },
                )}
              </li>`
        }
      </ul>
      <label
        ><input
          type="checkbox"
          .checked=${this.showEngagement === true}
          @change=${(event: Event) =>
            (this.showEngagement = (event.target as HTMLInputElement).checked)}
        />${text.showEngagement}</label
      >
    </div>`;
  }

  private onKey(event: KeyboardEvent, selected: number, span: number): void {
    const moves: Record<string, number> = {
      ArrowLeft: selected - 1,
      ArrowDown: selected - 1,
      ArrowRight: selected + 1,
      ArrowUp: selected + 1,
      PageDown: selected - HOUR_INTERVALS,
      PageUp: selected + HOUR_INTERVALS,
      Home: 0,
      End: span - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.selected = Math.max(0, Math.min(span - 1, next));
  }

  private onPointer(event: PointerEvent, span: number): void {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    if (box.width === 0) return;
    const at = Math.floor(((event.clientX - box.left) / box.width) * span);
    this.selected = Math.max(0, Math.min(span - 1, at));
  }
}

/** The last minute anything happened in (the readout's start), 0 when nothing has. */
function lastActive(timeline: Timeline, shown: readonly TimelineSeries[]): number {
  for (let interval = timeline.length - 1; interval > 0; interval--) {
    if (shown.some((name) => (timeline.series[name][interval] ?? 0) > 0)) return interval;
  }
  return 0;
}

declare global {
  interface HTMLElementTagNameMap {
    'delivery-timeline': DeliveryTimeline;
  }
}
