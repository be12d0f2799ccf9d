import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  DELIVERY_MODES,
  SEED_STEPS,
  STORIES,
  fillTemplate,
  stepOutcome,
  traceStory,
  type DeliveryMode,
  type DeliverySnapshot,
  type IndicatorChange,
  type StepOutcome,
  type Story,
  type StoryPoint,
} from '../../src/index.js';
import { formatCount, formatPercent } from '../shared/format.js';
import { withDefaults, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReadSource } from '../shared/store-reader.js';
import { themeStyles } from '../shared/theme.styles.js';
import { ContainerWidth } from './container-width.js';
import { efsComparisonStyles } from './efs-comparison.styles.js';
import { COMPARISON_LABELS, type ComparisonLabels } from './efs-comparison.labels.js';

/** Below this width (rem) the tables are laid out one mode after the other. */
const NARROW_REM = 40;

/**
 * The seed's comparison of the Delivered indicator without and with the Email Feedback Service,
 * rendered from the model's own rules (never typed in): the table of steps, a walk-through of one
 * message's story in both modes, and, given an EFS email delivery, its live KPIs computed in both
 * modes from the same messages (a delivery without EFS has no delivery reports to compute from).
 * In a narrow container the two modes are stacked, each a table of its own.
 *
 * @tag efs-comparison
 * @summary Without EFS and with EFS, side by side, from the model's rules.
 *
 * @fires sendkit-error - ActionErrorEvent: the delivery could not be read (`event.action` is `read`, `event.error`).
 *
 * @csspart base - The whole block.
 * @csspart table - The seed's table (one per mode when narrow).
 * @csspart walkthrough - The story walk-through.
 * @csspart story - The story picker.
 * @csspart previous - The Previous step button.
 * @csspart next - The Next step button.
 * @csspart live - The live comparison of the delivery.
 * @csspart notice - What the live part shows instead of a delivery (loading, not found, read error).
 *
 * @cssprop [--efs-comparison-header-background=var(--sendkit-color-raised)] - Table header background.
 * @cssprop --efs-comparison-highlight - Background of the walk-through's current step.
 */
export class EfsComparison extends SendkitElement<DeliverySnapshot> {
  static override styles = [themeStyles, efsComparisonStyles];

  /** Texts, to localise; missing ones keep the seed's wording. */
  @property({ attribute: false }) labels: LabelOverrides<ComparisonLabels> = {};

  /** The walk-through's story (an id of STORIES). */
  @property() story = STORIES[0]!.id;

  /** Steps of the story shown so far (1 = its first event). */
  @property({ type: Number }) step = 1;

  private readonly width = new ContainerWidth(this, NARROW_REM);

  private get text(): ComparisonLabels {
    return withDefaults(COMPARISON_LABELS, this.labels);
  }

  protected override read({ store, deliveryId }: ReadSource): Promise<DeliverySnapshot> {
    return store.readSnapshot(deliveryId);
  }

  private modeName(mode: DeliveryMode, text: ComparisonLabels): string {
    return mode === 'efs' ? text.withEfs : text.withoutEfs;
  }

  override render() {
    const text = this.text;
    return html`<div part="base" class=${this.width.narrow ? 'narrow' : 'wide'}>
      ${this.renderTable(text)} ${this.renderWalkthrough(text)} ${this.renderLive(text)}
    </div>`;
  }

  private renderTable(text: ComparisonLabels) {
    const outcomes = SEED_STEPS.map((step) => ({
      step,
      standard: stepOutcome(step, 'standard'),
      efs: stepOutcome(step, 'efs'),
    }));
    const stepHeader = (step: (typeof SEED_STEPS)[number]) =>
      html`<th scope="row">${text.steps[step.id] ?? step.label}</th>`;
    const body = this.width.narrow
      ? DELIVERY_MODES.map(
          (mode) =>
            html`<table part="table" data-mode=${mode}>
              <caption>
                ${this.modeName(mode, text)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${text.step}</th>
                  <th scope="col">${text.kpiSummary}</th>
                  <th scope="col">${text.logStatus}</th>
                </tr>
              </thead>
              <tbody>
                ${outcomes.map(
                  (row) =>
                    html`<tr data-step=${row.step.id}>
                      ${stepHeader(row.step)} ${this.renderCells(row[mode], text)}
                    </tr>`,
                )}
              </tbody>
            </table>`,
        )
      : html`<table part="table">
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
            ${outcomes.map(
              (row) =>
                html`<tr data-step=${row.step.id}>
                  ${stepHeader(row.step)}
                  ${DELIVERY_MODES.map((mode) => this.renderCells(row[mode], text))}
                </tr>`,
            )}
          </tbody>
        </table>`;
    return html`<section aria-labelledby="table-title">
      ${this.heading(text.title, 'table-title')} ${body}
    </section>`;
  }

  private renderCells(outcome: StepOutcome, text: ComparisonLabels) {
    if (!outcome.reported) {
      return html`<td class="kpi">${text.notReported}</td>
        <td class="status">—</td>`;
    }
    // The first relay makes the indicators start (without EFS): the seed says "starts out at".
    const starts = outcome.from === null && outcome.delivered.direction !== 'none';
    return html`<td class="kpi">
        <ul>
          <li>
            ${this.phrase(outcome.delivered, starts, text.deliveredStarts, text.deliveredUp, text.deliveredDown, text.deliveredSame)}
          </li>
          <li>
            ${this.phrase(outcome.bounces, starts, text.bouncesStarts, text.bouncesUp, text.bouncesDown, text.bouncesSame)}
          </li>
        </ul>
      </td>
      <td class="status">${text.statuses[outcome.to]}</td>`;
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
    const step = Math.min(Math.max(1, Number(this.step) || 1), story.events.length);
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
      ${
        this.width.narrow
          ? DELIVERY_MODES.map((mode) => this.walkTable(story, step, [mode], traces, text))
          : this.walkTable(story, step, DELIVERY_MODES, traces, text)
      }
    </section>`;
  }

  private walkTable(
    story: Story,
    step: number,
    modes: readonly DeliveryMode[],
    traces: Readonly<Record<DeliveryMode, readonly StoryPoint[]>>,
    text: ComparisonLabels,
  ) {
    const locale = this.resolvedLocale;
    const single = modes.length === 1;
    return html`<table data-mode=${single ? modes[0]! : nothing}>
      ${
        single
          ? html`<caption>
              ${this.modeName(modes[0]!, text)}
            </caption>`
          : nothing
      }
      <thead>
        ${
          single
            ? nothing
            : html`<tr>
                <th scope="col" rowspan="2">${text.event}</th>
                ${modes.map(
                  (mode) =>
                    html`<th scope="colgroup" colspan="3">${this.modeName(mode, text)}</th>`,
                )}
              </tr>`
        }
        <tr>
          ${single ? html`<th scope="col">${text.event}</th>` : nothing}
          ${modes.map(
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
              ${modes.map((mode) => {
                const point = traces[mode][index]!;
                return html`<td class="status">
                    ${point.reported ? text.statuses[point.status] : text.notReported}
                  </td>
                  <td>${formatPercent(point.deliveredPercent, locale)}</td>
                  <td>${formatPercent(point.bouncesPercent, locale)}</td>`;
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
    return html`<section part="live" aria-labelledby="live-title">
      ${this.heading(`${text.live}: ${delivery.label}`, 'live-title', 1)}
      ${
        delivery.channel !== 'email'
          ? html`<p>${text.liveEmailOnly}</p>`
          : delivery.mode !== 'efs'
            ? html`<p>${text.liveNeedsEfs}</p>`
            : html`<dl>
                ${DELIVERY_MODES.map(
                  (mode) =>
                    html`<div data-mode=${mode}>
                      <dt><strong>${this.modeName(mode, text)}</strong></dt>
                      <dd>
                        ${text.delivered}:
                        <span class="delivered"
                          >${formatPercent(byMode[mode].deliveredPercent, locale)}</span
                        >
                      </dd>
                      <dd>
                        ${text.bounces}:
                        <span class="bounces"
                          >${formatPercent(byMode[mode].bouncesPercent, locale)}</span
                        >
                      </dd>
                      <dd>
                        ${text.sent}: ${formatCount(byMode[mode].delivered, locale)} ·
                        ${text.failed}: ${formatCount(byMode[mode].failed, locale)}
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
