import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  SEED_STEPS,
  STORIES,
  stepOutcome,
  traceStory,
  type Delivery,
  type DeliveryMode,
  type IndicatorChange,
  type Indicators,
  type StepOutcome,
} from '../../src/index.js';
import { formatCount, formatPercent } from '../shared/format.js';
import { withDefaults, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReaderSource } from '../shared/store-reader.js';
import { themeStyles } from '../shared/theme.styles.js';
import { efsComparisonStyles } from './efs-comparison.styles.js';
import { COMPARISON_LABELS, type ComparisonLabels } from './efs-comparison.types.js';

const MODES: readonly DeliveryMode[] = ['standard', 'efs'];

/**
 * The seed's comparison of the Delivered indicator without and with the Email Feedback Service,
 * rendered from the model's own rules (never typed in): the table of steps, a walk-through of one
 * message's story in both modes, and, given an EFS email delivery, its live KPIs computed in both
 * modes from the same messages (a delivery without EFS has no delivery reports to compute from).
 *
 * @tag efs-comparison
 * @summary Without EFS and with EFS, side by side, from the model's rules.
 *
 * @csspart base - The whole block.
 * @csspart table - The seed's table.
 * @csspart walkthrough - The story walk-through.
 * @csspart story - The story picker.
 * @csspart previous - The Previous step button.
 * @csspart next - The Next step button.
 * @csspart live - The live comparison of the delivery.
 *
 * @cssprop --efs-comparison-header-background - Table header background.
 * @cssprop --efs-comparison-highlight - Background of the walk-through's current step.
 */
export class EfsComparison extends SendkitElement {
  static override styles = [themeStyles, efsComparisonStyles];

  /** Texts, to localise; missing ones keep the seed's wording. */
  @property({ attribute: false }) labels: LabelOverrides<ComparisonLabels> = {};

  /** Locale for numbers; default: the page's. */
  @property() locale: string | undefined;

  /** The walk-through's story (an id of STORIES). */
  @property() story = STORIES[0]!.id;

  /** Steps of the story shown so far (1 = its first event). */
  @property({ type: Number }) step = 1;

  @state() private delivery: Delivery | null = null;
  @state() private live: Record<DeliveryMode, Indicators> | null = null;

  private get text(): ComparisonLabels {
    return withDefaults(COMPARISON_LABELS, this.labels);
  }

  protected override async load({ store, deliveryId }: ReaderSource): Promise<void> {
    if (!store || !deliveryId) {
      this.delivery = null;
      this.live = null;
      return;
    }
    try {
      const [delivery, standard, efs] = await Promise.all([
        store.getDelivery(deliveryId),
        store.readIndicators(deliveryId, { mode: 'standard' }),
        store.readIndicators(deliveryId, { mode: 'efs' }),
      ]);
      this.delivery = delivery;
      this.live = { standard, efs };
    } catch {
      this.delivery = null;
      this.live = null;
    }
  }

  override render() {
    const text = this.text;
    return html`<div part="base">
      ${this.renderTable(text)} ${this.renderWalkthrough(text)} ${this.renderLive(text)}
    </div>`;
  }

  private renderTable(text: ComparisonLabels) {
    return html`<section aria-labelledby="table-title">
      <h2 id="table-title">${text.title}</h2>
      <table part="table">
        <thead>
          <tr>
            <th scope="col" rowspan="2">${text.step}</th>
            <th scope="colgroup" colspan="2">${text.withoutEfs}</th>
            <th scope="colgroup" colspan="2">${text.withEfs}</th>
          </tr>
          <tr>
            <th scope="col">${text.kpiSummary}</th>
            <th scope="col">${text.logStatus}</th>
            <th scope="col">${text.kpiSummary}</th>
            <th scope="col">${text.logStatus}</th>
          </tr>
        </thead>
        <tbody>
          ${SEED_STEPS.map(
            (step) =>
              html`<tr data-step=${step.id}>
                <th scope="row">${text.steps[step.id] ?? step.label}</th>
                ${MODES.map((mode) => this.renderCells(stepOutcome(step, mode), text))}
              </tr>`,
          )}
        </tbody>
      </table>
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
    if (starts) return startsText.replace('{value}', formatPercent(change.after, this.locale));
    return change.direction === 'up' ? up : change.direction === 'down' ? down : same;
  }

  private renderWalkthrough(text: ComparisonLabels) {
    const story = STORIES.find((candidate) => candidate.id === this.story) ?? STORIES[0]!;
    const step = Math.min(Math.max(1, this.step), story.events.length);
    const traces = { standard: traceStory(story, 'standard'), efs: traceStory(story, 'efs') };
    return html`<section part="walkthrough" aria-labelledby="walk-title">
      <h3 id="walk-title">${text.walkthrough}</h3>
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
      <table>
        <thead>
          <tr>
            <th scope="col" rowspan="2">${text.event}</th>
            <th scope="colgroup" colspan="3">${text.withoutEfs}</th>
            <th scope="colgroup" colspan="3">${text.withEfs}</th>
          </tr>
          <tr>
            ${MODES.map(
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
                ${MODES.map((mode) => {
                  const point = traces[mode][index]!;
                  return html`<td class="status">
                      ${point.reported ? text.statuses[point.status] : text.notReported}
                    </td>
                    <td>${formatPercent(point.deliveredPercent, this.locale)}</td>
                    <td>${formatPercent(point.bouncesPercent, this.locale)}</td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private renderLive(text: ComparisonLabels) {
    const { delivery, live } = this;
    if (!delivery || !live) return nothing;
    return html`<section part="live" aria-labelledby="live-title">
      <h3 id="live-title">${text.live}: ${delivery.label}</h3>
      ${
        delivery.channel !== 'email'
          ? html`<p>${text.liveEmailOnly}</p>`
          : delivery.mode !== 'efs'
            ? html`<p>${text.liveNeedsEfs}</p>`
            : html`<dl>
                ${MODES.map(
                  (mode) =>
                    html`<div data-mode=${mode}>
                      <dt><strong>${mode === 'efs' ? text.withEfs : text.withoutEfs}</strong></dt>
                      <dd>
                        ${text.delivered}:
                        <span class="delivered"
                          >${formatPercent(live[mode].deliveredPercent, this.locale)}</span
                        >
                      </dd>
                      <dd>
                        ${text.bounces}:
                        <span class="bounces"
                          >${formatPercent(live[mode].bouncesPercent, this.locale)}</span
                        >
                      </dd>
                      <dd>
                        ${text.sent}: ${formatCount(live[mode].delivered, this.locale)} ·
                        ${text.failed}: ${formatCount(live[mode].failed, this.locale)}
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
