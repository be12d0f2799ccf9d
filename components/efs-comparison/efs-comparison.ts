// The comparison element: the seed's table, its walk-through and the live comparison, all
// rendered from the rules (rules/seed-steps.ts, stepOutcome), never from texts of its own.
// Slightly over 300 lines: three views of one table share their cell rendering.
import { html, nothing } from 'lit';
import { fillTemplate, type DeliveryMode, type DeliverySnapshot } from '../../src/index.js';
import {
  DELIVERY_MODES,
  SEED_STEPS,
  STORIES,
  stepOutcome,
  traceStory,
  type IndicatorChange,
  type StepOutcome,
  type Story,
  type StoryPoint,
} from '../../src/rules/index.js';
import { formatCount, formatPercent } from '../shared/format.js';
import type { LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReadSource } from '../shared/read-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { efsComparisonStyles } from './efs-comparison.styles.js';
import type { ComparisonLabels } from './efs-comparison.labels.js';

/**
 * The seed's comparison of the Delivered indicator without and with the Email Feedback Service,
 * rendered from the model's own rules (never typed in): the table of steps, a walk-through of one
 * message's story in both modes, and, given an EFS email delivery, its live KPIs computed in both
 * modes from the same messages (a delivery without EFS has no delivery reports to compute from).
 * In a narrow container (a sidebar) each row is stacked, cell by cell, each cell labelled
 * with its mode and column; it stays one table.
 *
 * @tag efs-comparison
 * @summary Without EFS and with EFS, side by side, from the model's rules.
 *
 * @fires sendkit-error - ActionErrorEvent: the delivery could not be read (`event.action` is `read`, `event.error`).
 *
 * @csspart base - The whole block.
 * @csspart table - The seed's table.
 * @csspart walkthrough - The story walk-through.
 * @csspart story - The story picker.
 * @csspart previous - The Previous step button.
 * @csspart next - The Next step button.
 * @csspart live - The live comparison of the delivery.
 * @csspart guard - Which mode's rate the reputation guard paused the delivery on (that mode's figures carry `data-guard`).
 * @csspart notice - What the live part shows instead of a delivery (loading, not found, read error).
 *
 * @cssprop [--efs-comparison-header-background=var(--sendkit-color-raised)] - Table header background.
 * @cssprop --efs-comparison-highlight - Background of the walk-through's current step.
 */
export class EfsComparison extends SendkitElement<DeliverySnapshot> {
  static override styles = [themeStyles, efsComparisonStyles];

  static override properties = {
    labels: { attribute: false },
    story: {},
    step: { type: Number },
  };

  /** Texts, to localise; missing ones keep the seed's wording. */
  labels: LabelOverrides<ComparisonLabels> = {};

  /** The walk-through's story (an id of STORIES). */
  story: string = STORIES[0]!.id;

  /** Steps of the story shown so far (1 = its first event). */
  step = 1;

  private get text(): ComparisonLabels {
    return this.texts('efs-comparison', this.labels);
  }

  protected override read({ store, deliveryId }: ReadSource): Promise<DeliverySnapshot> {
    return store.readSnapshot(deliveryId);
  }

  private modeName(mode: DeliveryMode, text: ComparisonLabels): string {
    return mode === 'efs' ? text.withEfs : text.withoutEfs;
  }

  override render() {
    const text = this.text;
    return html`<div part="base">
      ${this.renderTable(text)} ${this.renderWalkthrough(text)} ${this.renderLive(text)}
    </div>`;
  }

  private renderTable(text: ComparisonLabels) {
    return html`<section aria-labelledby="table-title">
      ${this.heading(text.title, 'table-title')}
      <table part="table" class="seed">
        <thead>
          <tr>
            <th scope="col" rowspan="2">${text.step}</th>
            ${DELIVERY_MODES.map(
              (mode) => html`<th scope="colgroup" colspan="2">${this.modeName(mode, text)}</th>`,
            )}
          </tr>
          <tr>
            ${DELIVERY_MODES.map(
              () =>
                html`<th scope="col">${text.kpiSummary}</th>
                  <th scope="col">${text.logStatus}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${SEED_STEPS.map(
            (step) =>
              html`<tr data-step=${step.id}>
                <th scope="row">${text.steps[step.id] ?? step.label}</th>
                ${DELIVERY_MODES.map((mode) => this.renderCells(stepOutcome(step, mode), mode, text))}
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  /** A cell, labelled with its mode and column for the stacked layout of narrow containers. */
  private cell(mode: DeliveryMode, column: string, text: ComparisonLabels, className: string) {
    return (content: unknown) =>
      html`<td class=${className} data-label=${`${this.modeName(mode, text)} · ${column}`}>
        ${content}
      </td>`;
  }

  private renderCells(outcome: StepOutcome, mode: DeliveryMode, text: ComparisonLabels) {
    const kpi = this.cell(mode, text.kpiSummary, text, 'kpi');
    const status = this.cell(mode, text.logStatus, text, 'status');
    if (!outcome.reported) return html`${kpi(text.notReported)}${status('—')}`;
    // The first relay makes the indicators start (without EFS): the seed says "starts out at".
    const starts = outcome.from === null && outcome.delivered.direction !== 'none';
    return html`${kpi(
      html`<ul>
        <li>
          ${this.phrase(outcome.delivered, starts, text.deliveredStarts, text.deliveredUp, text.deliveredDown, text.deliveredSame)}
        </li>
        <li>
          ${this.phrase(outcome.bounces, starts, text.bouncesStarts, text.bouncesUp, text.bouncesDown, text.bouncesSame)}
        </li>
      </ul>`,
    )}${status(text.statuses[outcome.to])}`;
  }

  private phrase(
    change: IndicatorChange,
    starts: boolean,
    startsText: string,
    up: string,
    down: string,
    same: string,
  ): string {
    if (starts)
      return fillTemplate(startsText, { value: formatPercent(change.after, this.resolvedLocale) });
    return change.direction === 'up' ? up : change.direction === 'down' ? down : same;
  }

  private renderWalkthrough(text: ComparisonLabels) {
    const story = STORIES.find((candidate) => candidate.id === this.story) ?? STORIES[0]!;
    const given = typeof this.step === 'number' && Number.isInteger(this.step) ? this.step : 1;
    const step = Math.min(Math.max(1, given), story.events.length);
    const traces = { standard: traceStory(story, 'standard'), efs: traceStory(story, 'efs') };
    return html`<section part="walkthrough" aria-labelledby="walk-title">
      ${this.heading(text.walkthrough, 'walk-title', 1)}
      <div class="controls">
        <label
          >${text.story}
          <select
            part="story"
            @change=${(event: Event) => {
              this.story = (event.target as HTMLSelectElement).value;
              this.step = 1;
            }}
          >
            ${STORIES.map(
              (candidate) =>
                html`<option value=${candidate.id} ?selected=${candidate.id === story.id}>
                  ${text.stories[candidate.id] ?? candidate.label}
                </option>`,
            )}
          </select></label
        >
        <button part="previous" ?disabled=${step <= 1} @click=${() => (this.step = step - 1)}>
          ${text.previous}
        </button>
        <button
          part="next"
          ?disabled=${step >= story.events.length}
          @click=${() => (this.step = step + 1)}
        >
          ${text.next}
        </button>
      </div>
      ${this.walkTable(story, step, traces, text)}
    </section>`;
  }

  private walkTable(
    story: Story,
    step: number,
    traces: Readonly<Record<DeliveryMode, readonly StoryPoint[]>>,
    text: ComparisonLabels,
  ) {
    const locale = this.resolvedLocale;
    return html`<table class="walk">
      <thead>
        <tr>
          <th scope="col" rowspan="2">${text.event}</th>
          ${DELIVERY_MODES.map(
            (mode) => html`<th scope="colgroup" colspan="3">${this.modeName(mode, text)}</th>`,
          )}
        </tr>
        <tr>
          ${DELIVERY_MODES.map(
            () =>
              html`<th scope="col">${text.logStatus}</th>
                <th scope="col">${text.delivered}</th>
                <th scope="col">${text.bounces}</th>`,
          )}
        </tr>
      </thead>
      <tbody aria-live="polite">
        ${story.events.slice(0, step).map(
          (event, index) =>
            html`<tr class=${index === step - 1 ? 'current' : ''}>
              <th scope="row">${text.events[event] ?? event}</th>
              ${DELIVERY_MODES.map((mode) => {
                const point = traces[mode][index]!;
                return html`${this.cell(
                  mode,
                  text.logStatus,
                  text,
                  'status',
                )(point.reported ? text.statuses[point.status] : text.notReported)}${this.cell(
                  mode,
                  text.delivered,
                  text,
                  '',
                )(formatPercent(point.deliveredPercent, locale))}${this.cell(
                  mode,
                  text.bounces,
                  text,
                  '',
                )(formatPercent(point.bouncesPercent, locale))}`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderLive(text: ComparisonLabels) {
    if (!this.activeStore || !this.activeDeliveryId) return nothing;
    const snapshot = this.data;
    if (!snapshot) {
      return html`<section part="live" aria-labelledby="live-title">
        ${this.heading(text.live, 'live-title', 1)} ${this.readState(text)}
      </section>`;
    }
    const { delivery, byMode } = snapshot;
    const locale = this.resolvedLocale;
    const trip = delivery.state === 'paused' ? delivery.guardPause : null;
    return html`<section part="live" aria-labelledby="live-title">
      ${this.heading(`${text.live}${text.colon}${delivery.label}`, 'live-title', 1)}
      ${
        trip
          ? html`<p part="guard" data-mode=${delivery.mode}>
              ${fillTemplate(text.guardTripped, {
                mode: this.modeName(delivery.mode, text),
                measure: text.guardMeasures[trip.measure],
                rate: formatPercent(trip.rate, locale),
              })}
            </p>`
          : nothing
      }
      ${
        delivery.channel !== 'email'
          ? html`<p>${text.liveEmailOnly}</p>`
          : delivery.mode !== 'efs'
            ? html`<p>${text.liveNeedsEfs}</p>`
            : html`<dl>
                ${DELIVERY_MODES.map(
                  (mode) =>
                    html`<div
                      data-mode=${mode}
                      ?data-guard=${trip !== null && mode === delivery.mode}
                    >
                      <dt><strong>${this.modeName(mode, text)}</strong></dt>
                      <dd>
                        ${text.delivered}${text.colon}<span class="delivered"
                          >${formatPercent(byMode[mode].deliveredPercent, locale)}</span
                        >
                      </dd>
                      <dd>
                        ${text.bounces}${text.colon}<span class="bounces"
                          >${formatPercent(byMode[mode].bouncesPercent, locale)}</span
                        >
                      </dd>
                      <dd>
                        ${text.sent}${text.colon}${formatCount(byMode[mode].delivered, locale)} ·
                        ${text.failed}${text.colon}${formatCount(byMode[mode].failed, locale)}
                      </dd>
                    </div>`,
                )}
              </dl>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'efs-comparison': EfsComparison;
  }
}
