import { html, nothing } from 'lit';
import {
  fillTemplate,
  type DeliveryAlert,
  type DeliverySnapshot,
  type UserAction,
} from '../../src/index.js';
import { allowedActions, complaintBand, stateLabel } from '../../src/rules/index.js';
import { DeliveryActionEvent, DeliveryAlertEvent, StatsComputedEvent } from '../shared/events.js';
import { formatCount, formatDate, formatPercent } from '../shared/format.js';
import { pluralOf, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReadSource } from '../shared/read-controller.js';
import { styleProperties } from '../shared/style-properties.js';
import { themeStyles } from '../shared/theme.styles.js';
import { deploymentKpisStyles } from './deployment-kpis.styles.js';
import { paceSummary } from './pace-summary.js';
import type { DeploymentLabels } from './deployment-kpis.labels.js';

type SendingAction = Extract<UserAction, 'pause' | 'resume' | 'stop'>;
const SENDING_ACTIONS: readonly SendingAction[] = ['pause', 'resume', 'stop'];

/**
 * The Deployment block: the delivery's state, a progress bar, the KPI tiles (To deliver, Sent,
 * Delivered, Bounces + errors, and for email Open rate and Click-through rate), when opens and
 * clicks were last refreshed, Compute stats, and Pause / Resume / Stop for users allowed to
 * (Stop asks first, in a modal dialog). The state and the KPIs come from one read.
 *
 * @tag deployment-kpis
 * @summary The Deployment KPIs of one delivery, live.
 *
 * @fires sendkit-stats-computed - StatsComputedEvent: Compute stats finished (`event.indicators`).
 * @fires sendkit-delivery-action - DeliveryActionEvent: Pause, Resume or Stop was applied (`event.action`, `event.delivery`).
 * @fires sendkit-error - ActionErrorEvent: an action was refused, or the delivery could not be read (`event.action`, `event.error`); the message is shown too.
 * @fires sendkit-alert - DeliveryAlertEvent: a moment the operator should hear of, for this delivery (`event.alert`: finished, failed, paused by the reputation guard, an occurrence waiting for confirmation, validity ending with messages still retried). Show your own toast.
 *
 * @csspart base - The block.
 * @csspart state - The state text ("Sending", "All messages have been processed.", …).
 * @csspart guard - Why the reputation guard paused the delivery, and what Resume and Stop mean.
 * @csspart notice - What the block shows instead of a delivery (none chosen, loading, not found, read error).
 * @csspart progress - The progress bar's track (role progressbar).
 * @csspart progress-bar - The bar's filled part.
 * @csspart pace - A paced send's planned and actual rates and expected end.
 * @csspart pace-notice - The send waits for its sending window, or ends after its validity.
 * @csspart tiles - The list of KPIs.
 * @csspart tile - One KPI.
 * (The complaint-rate tile is a `tile` with `data-band`: healthy, at-risk or harmful.)
 * @csspart refreshed - When opens and clicks were last refreshed.
 * @csspart compute-stats - The Compute stats button.
 * @csspart action - Pause, Resume and Stop buttons.
 * @csspart message - Why the actions are disabled (no user, read-only store).
 * @csspart stop-dialog - The dialog that confirms Stop.
 * @csspart stop-confirm - Its destructive confirm button.
 * @csspart error - An action's error.
 *
 * @cssprop [--deployment-kpis-background=var(--sendkit-color-surface)] - Block background.
 * @cssprop [--deployment-kpis-tile-background=var(--sendkit-color-raised)] - Tile background.
 * @cssprop [--deployment-kpis-bar-color=var(--sendkit-color-accent)] - Progress bar colour.
 * @cssprop [--deployment-kpis-bar-track=var(--sendkit-color-border)] - Progress bar track colour.
 */
export class DeploymentKpis extends SendkitElement<DeliverySnapshot> {
  static override styles = [themeStyles, deploymentKpisStyles];

  static override properties = { labels: { attribute: false } };

  /** Texts, to localise; missing ones keep the product's wording. */
  labels: LabelOverrides<DeploymentLabels> = {};

  private get stopDialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('[part="stop-dialog"]')!;
  }

  /** Renders so far: the benchmark counts them per frame. @internal */
  renderCount = 0;

  private get text(): DeploymentLabels {
    return this.texts('deployment-kpis', this.labels);
  }

  protected override read({ store, deliveryId }: ReadSource): Promise<DeliverySnapshot> {
    return store.readSnapshot(deliveryId);
  }

  override render() {
    this.renderCount++;
    const text = this.text;
    const snapshot = this.data;
    return html`<section part="base" aria-labelledby="title">
      ${this.heading(text.title, 'title')}
      ${snapshot ? this.renderDelivery(snapshot, text) : this.readState(text)}
    </section>`;
  }

  private renderDelivery({ delivery, indicators }: DeliverySnapshot, text: DeploymentLabels) {
    const locale = this.resolvedLocale;
    const progress = Math.round(indicators.relayedPercent * 10) / 10;
    const percent = (value: number | null) => formatPercent(value, locale);
    const count = (value: number) => formatCount(value, locale);
    return html`
      <p part="state" role="status">${stateLabel(delivery.state, indicators.retrying, text)}</p>
      ${this.renderGuard(delivery, text)}
      <div
        part="progress"
        role="progressbar"
        aria-label=${text.progress}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${progress}
        aria-valuetext=${fillTemplate(text.progressValue, { percent: percent(progress) })}
      >
        <div part="progress-bar" ${styleProperties({ width: `${progress}%` })}></div>
      </div>
      ${this.renderPace(delivery, indicators, text)}
      <dl part="tiles">
        ${this.tile(text.toDeliver, count(indicators.toDeliver))}
        ${this.tile(text.sent, count(indicators.relayed), percent(indicators.relayedPercent))}
        ${this.tile(text.delivered, percent(indicators.deliveredPercent), count(indicators.delivered))}
        ${this.tile(text.bounces, percent(indicators.bouncesPercent), count(indicators.bounces))}
        ${indicators.openRate === null ? nothing : this.tile(text.openRate, percent(indicators.openRate))}
        ${indicators.clickRate === null ? nothing : this.tile(text.clickRate, percent(indicators.clickRate))}
        ${indicators.complaintRate === null ? nothing : this.complaintTile(indicators.complaintRate, text)}
      </dl>
      <footer>
        <span part="refreshed">
          ${
            indicators.openRate === null
              ? nothing
              : indicators.engagementRefreshedAt === null
                ? text.notRefreshed
                : fillTemplate(text.refreshedAt, {
                    time: formatDate(indicators.engagementRefreshedAt, locale),
                  })
          }
        </span>
        ${this.renderActions(delivery.state, text)}
      </footer>
      <p part="error" class="error" role="alert">${this.actionError}</p>
      ${this.renderStopDialog(delivery.label, text)}
    `;
  }

  /** Why the guard paused the delivery, plainly: the rate, the threshold, what to do. */
  private renderGuard(delivery: DeliverySnapshot['delivery'], text: DeploymentLabels) {
    const trip = delivery.guardPause;
    if (!trip || delivery.state !== 'paused') return nothing;
    const locale = this.resolvedLocale;
    return html`<div part="guard" class="guard" role="alert">
      <p>
        ${fillTemplate(pluralOf(text.guardPaused, trip.relayed, locale), {
          rate: formatPercent(trip.rate, locale),
          measure: text.guardMeasures[trip.measure],
          threshold: formatPercent(trip.threshold, locale),
          relayed: formatCount(trip.relayed, locale),
        })}
      </p>
      <p>${text.guardResume}</p>
    </div>`;
  }

  private renderPace(
    delivery: DeliverySnapshot['delivery'],
    indicators: DeliverySnapshot['indicators'],
    text: DeploymentLabels,
  ) {
    const store = this.activeStore;
    if (!store || !delivery.pace) return nothing;
    return paceSummary(delivery, indicators, store.now(), text, this.resolvedLocale);
  }

  protected override alerted(alert: DeliveryAlert): void {
    this.dispatchEvent(new DeliveryAlertEvent(alert));
  }

  private renderActions(state: DeliverySnapshot['delivery']['state'], text: DeploymentLabels) {
    const actor = this.actor(text);
    const readOnly = this.activeStore?.writable === false;
    const allowed = 'user' in actor ? allowedActions(state, actor.user.roles) : [];
    const reason = readOnly ? text.readOnly : 'problem' in actor ? actor.problem : '';
    const disabled = this.busy || readOnly;
    return html`<div class="buttons">
        <button
          part="compute-stats"
          ?disabled=${disabled}
          aria-describedby=${readOnly ? 'why' : nothing}
          @click=${this.computeStats}
        >
          ${text.computeStats}
        </button>
        ${SENDING_ACTIONS.filter((action) => allowed.includes(action)).map(
          (action) =>
            html`<button
              part="action"
              class=${action === 'stop' ? 'danger' : ''}
              ?disabled=${disabled}
              aria-describedby=${readOnly ? 'why' : nothing}
              @click=${() => (action === 'stop' ? this.stopDialog.showModal() : this.act(action))}
            >
              ${text[action]}
            </button>`,
        )}
      </div>
      ${reason ? html`<p part="message" id="why" class="notice">${reason}</p>` : nothing}`;
  }

  private renderStopDialog(label: string, text: DeploymentLabels) {
    return html`<dialog
      part="stop-dialog"
      aria-labelledby="stop-title"
      aria-describedby="stop-body"
    >
      ${this.heading(text.stopTitle, 'stop-title', 1)}
      <p id="stop-body">${fillTemplate(text.stopBody, { label })}</p>
      <div class="actions">
        <button @click=${() => this.stopDialog.close()}>${text.cancel}</button>
        <button
          part="stop-confirm"
          class="danger"
          @click=${() => {
            this.stopDialog.close();
            void this.act('stop');
          }}
        >
          ${text.stopConfirm}
        </button>
      </div>
    </dialog>`;
  }

  /** The complaint rate with its health band (two decimals: its limits are 0.1 % and 0.3 %). */
  private complaintTile(rate: number, text: DeploymentLabels) {
    const band = complaintBand(rate);
    return html`<div part="tile" class="complaints" data-band=${band}>
      <dt>${text.complaintRate}</dt>
      <dd>
        <span class="value">${formatPercent(rate, this.resolvedLocale, 2)}</span
        ><span class="count band">${text.complaintBands[band]}</span>
      </dd>
    </div>`;
  }

  private tile(label: string, value: string, detail?: string) {
    return html`<div part="tile">
      <dt>${label}</dt>
      <dd>
        <span class="value">${value}</span
        >${detail === undefined ? nothing : html`<span class="count">${detail}</span>`}
      </dd>
    </div>`;
  }

  private async computeStats(): Promise<void> {
    const store = this.activeStore;
    const id = this.activeDeliveryId;
    if (!store || !id) return;
    await this.runAction('compute-stats', async () => {
      this.dispatchEvent(new StatsComputedEvent(await store.computeStats(id)));
    });
  }

  private async act(action: SendingAction): Promise<void> {
    const store = this.activeStore;
    const id = this.activeDeliveryId;
    const actor = this.actor(this.text);
    if (!store || !id || !('user' in actor)) return;
    await this.runAction(action, async () => {
      this.dispatchEvent(new DeliveryActionEvent(action, await store[action](actor.user, id)));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'deployment-kpis': DeploymentKpis;
  }
}
