import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  allowedActions,
  stateLabel,
  type Delivery,
  type Indicators,
  type UserAction,
} from '../../src/index.js';
import { DeliveryActionEvent, StatsComputedEvent } from '../shared/events.js';
import { formatCount, formatDate, formatPercent } from '../shared/format.js';
import { withDefaults, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReaderSource } from '../shared/store-reader.js';
import { themeStyles } from '../shared/theme.styles.js';
import { deploymentKpisStyles } from './deployment-kpis.styles.js';
import { DEPLOYMENT_LABELS, type DeploymentLabels } from './deployment-kpis.types.js';

type SendingAction = Extract<UserAction, 'pause' | 'resume' | 'stop'>;
const SENDING_ACTIONS: readonly SendingAction[] = ['pause', 'resume', 'stop'];

/**
 * The Deployment block: the delivery's state, a progress bar, the KPI tiles (To deliver, Sent,
 * Delivered, Bounces + errors, and for email Open rate and Click-through rate), when opens and
 * clicks were last refreshed, Compute stats, and Pause / Resume / Stop for users allowed to.
 *
 * @tag deployment-kpis
 * @summary The Deployment KPIs of one delivery, live.
 *
 * @fires sendkit-stats-computed - Compute stats finished (detail: `indicators`).
 * @fires sendkit-delivery-action - Pause, Resume or Stop was applied.
 * @fires sendkit-error - An action was refused; the message is shown too.
 *
 * @csspart base - The block.
 * @csspart state - The state text ("Sending", "All messages have been processed.", …).
 * @csspart progress - The progress bar's track (role progressbar).
 * @csspart progress-bar - The bar's filled part.
 * @csspart tiles - The list of KPIs.
 * @csspart tile - One KPI.
 * @csspart refreshed - When opens and clicks were last refreshed.
 * @csspart compute-stats - The Compute stats button.
 * @csspart action - Pause, Resume and Stop buttons.
 * @csspart error - An action's error.
 *
 * @cssprop --deployment-kpis-background - Block background.
 * @cssprop --deployment-kpis-tile-background - Tile background.
 * @cssprop --deployment-kpis-bar-color - Progress bar colour (default: --sendkit-color-accent).
 * @cssprop --deployment-kpis-bar-track - Progress bar track colour.
 */
export class DeploymentKpis extends SendkitElement {
  static override styles = [themeStyles, deploymentKpisStyles];

  /** Texts, to localise; missing ones keep the product's wording. */
  @property({ attribute: false }) labels: LabelOverrides<DeploymentLabels> = {};

  /** Locale for numbers and times; default: the page's. */
  @property() locale: string | undefined;

  @state() private delivery: Delivery | null = null;
  @state() private indicators: Indicators | null = null;

  /** Renders so far: the benchmark counts them per frame. @internal */
  renderCount = 0;

  private get text(): DeploymentLabels {
    return withDefaults(DEPLOYMENT_LABELS, this.labels);
  }

  protected override async load({ store, deliveryId }: ReaderSource): Promise<void> {
    if (!store || !deliveryId) {
      this.delivery = null;
      this.indicators = null;
      return;
    }
    try {
      const [delivery, indicators] = await Promise.all([
        store.getDelivery(deliveryId),
        store.readIndicators(deliveryId),
      ]);
      this.delivery = delivery;
      this.indicators = indicators;
    } catch {
      this.delivery = null;
      this.indicators = null;
    }
  }

  override render() {
    this.renderCount++;
    const { delivery, indicators } = this;
    const text = this.text;
    if (!delivery || !indicators) {
      return html`<section part="base" aria-label=${text.title}><h2>${text.title}</h2></section>`;
    }
    const stateText = stateLabel(delivery.state, indicators.retrying, text);
    const progress = Math.round(indicators.relayedPercent * 10) / 10;
    const allowed = this.activeUser ? allowedActions(delivery.state, this.activeUser.roles) : [];
    return html`
      <section part="base" aria-labelledby="title">
        <header><h2 id="title">${text.title}</h2></header>
        <p part="state" role="status">${stateText}</p>
        <div
          part="progress"
          role="progressbar"
          aria-label=${text.progress}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${progress}
          aria-valuetext=${`${formatPercent(progress, this.locale)} ${text.sent.toLowerCase()}`}
        >
          <div part="progress-bar" style="width: ${progress}%"></div>
        </div>
        <dl part="tiles">
          ${this.tile(text.toDeliver, formatCount(indicators.toDeliver, this.locale))}
          ${this.tile(text.sent, formatCount(indicators.relayed, this.locale), formatPercent(indicators.relayedPercent, this.locale))}
          ${this.tile(text.delivered, formatPercent(indicators.deliveredPercent, this.locale), formatCount(indicators.delivered, this.locale))}
          ${this.tile(text.bounces, formatPercent(indicators.bouncesPercent, this.locale), formatCount(indicators.bounces, this.locale))}
          ${indicators.openRate === null ? nothing : this.tile(text.openRate, formatPercent(indicators.openRate, this.locale))}
          ${indicators.clickRate === null ? nothing : this.tile(text.clickRate, formatPercent(indicators.clickRate, this.locale))}
        </dl>
        <footer>
          <span part="refreshed">
            ${
              indicators.openRate === null
                ? nothing
                : indicators.engagementRefreshedAt === null
                  ? text.notRefreshed
                  : text.refreshedAt.replace(
                      '{time}',
                      formatDate(indicators.engagementRefreshedAt, this.locale),
                    )
            }
          </span>
          <button part="compute-stats" ?disabled=${this.busy} @click=${this.computeStats}>
            ${text.computeStats}
          </button>
          ${SENDING_ACTIONS.filter((action) => allowed.includes(action)).map(
            (action) =>
              html`<button part="action" ?disabled=${this.busy} @click=${() => this.act(action)}>
                ${text[action]}
              </button>`,
          )}
        </footer>
        <p part="error" role="alert">${this.actionError}</p>
      </section>
    `;
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
      this.indicators = await store.computeStats(id);
      this.dispatchEvent(new StatsComputedEvent(this.indicators));
    });
  }

  private async act(action: SendingAction): Promise<void> {
    const store = this.activeStore;
    const id = this.activeDeliveryId;
    const user = this.activeUser;
    if (!store || !id || !user) return;
    await this.runAction(action, async () => {
      this.delivery = await store[action](user, id);
      this.dispatchEvent(new DeliveryActionEvent(action, this.delivery));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'deployment-kpis': DeploymentKpis;
  }
}
