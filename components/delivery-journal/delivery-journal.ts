import { html } from 'lit';
import type { Delivery, JournalEntry } from '../../src/index.js';
import { JOURNAL_DECISIONS, actedByUser, carriesDetail } from '../../src/rules/index.js';
import { csvFile, downloadFile } from '../shared/csv.js';
import { formatDate } from '../shared/format.js';
import type { LabelOverrides } from '../shared/labels.js';
import type { ReadSource } from '../shared/read-controller.js';
import { ScrollFocus } from '../shared/scroll-focus.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import { themeStyles } from '../shared/theme.styles.js';
import type { JournalLabels } from './delivery-journal.labels.js';
import { deliveryJournalStyles } from './delivery-journal.styles.js';

/**
 * A delivery's journal: who created, prepared, confirmed, paused, resumed and stopped it, the
 * reputation guard's pauses and their reasons, and the steps that followed, each with its time:
 * the audit trail. Newest first; "Decisions only" keeps the operators' and the guard's
 * decisions; the export has every entry, oldest first, as CSV.
 *
 * @tag delivery-journal
 * @summary Who did what to a delivery, when, and why.
 *
 * @fires sendkit-error - ActionErrorEvent: the delivery could not be read (`event.action` is `read`, `event.error`).
 *
 * @csspart base - The whole block.
 * @csspart table - The journal's table (`data-action` on each row).
 * @csspart filter - The "Decisions only" switch.
 * @csspart export - The Export CSV button.
 * @csspart notice - What shows instead of the journal (no delivery, loading, not found…).
 *
 * @cssprop [--delivery-journal-header-background=var(--sendkit-color-raised)] - Table header background.
 * @cssprop --delivery-journal-guard - The guard's entries' mark.
 */
export class DeliveryJournal extends SendkitElement<Delivery> {
  static override styles = [themeStyles, deliveryJournalStyles];

  static override properties = {
    labels: { attribute: false },
    decisionsOnly: { type: Boolean, attribute: 'decisions-only' },
  };

  /** Texts, to localise; missing ones keep the defaults. */
  labels: LabelOverrides<JournalLabels> = {};

  /** Show only the decisions (JOURNAL_DECISIONS), not the steps that follow them. */
  decisionsOnly = false;

  constructor() {
    super();
    // A table's region is a tab stop only while it scrolls.
    new ScrollFocus(this, '.scroll');
  }

  private get text(): JournalLabels {
    return this.texts('delivery-journal', this.labels);
  }

  protected override read({ store, deliveryId }: ReadSource): Promise<Delivery> {
    return store.getDelivery(deliveryId);
  }

  override render() {
    const text = this.text;
    const delivery = this.data;
    // Not a landmark itself: the journal's scrolling region is, named by the heading.
    return html`<div part="base" class="block">
      <div class="head">
        ${this.heading(text.title, 'title')}
        ${
          delivery
            ? html`<div class="tools">
                <label part="filter"
                  ><input
                    type="checkbox"
                    .checked=${this.decisionsOnly === true}
                    @change=${(event: Event) =>
                      (this.decisionsOnly = (event.target as HTMLInputElement).checked)}
                  />${text.decisionsOnly}</label
                >
                <button
                  part="export"
                  type="button"
                  @click=${() => this.exportCsv(delivery.journal, text)}
                >
                  ${text.exportCsv}
                </button>
              </div>`
            : ''
        }
      </div>
      ${delivery ? this.renderJournal(delivery.journal, text) : this.readState(text)}
    </div>`;
  }

  private renderJournal(journal: readonly JournalEntry[], text: JournalLabels) {
    const entries = journal
      .filter((entry) => this.decisionsOnly !== true || JOURNAL_DECISIONS.includes(entry.action))
      .reverse();
    if (entries.length === 0) return html`<p class="empty">${text.empty}</p>`;
    const locale = this.resolvedLocale;
    return html`<div class="scroll" role="region" aria-labelledby="title">
      <table part="table" aria-labelledby="title">
        <thead>
          <tr>
            <th scope="col">${text.when}</th>
            <th scope="col">${text.who}</th>
            <th scope="col">${text.action}</th>
            <th scope="col">${text.change}</th>
            <th scope="col">${text.details}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (entry) =>
              html`<tr data-action=${entry.action}>
                <td data-label=${text.when}>
                  <time datetime=${isoOf(entry.at)}>${formatDate(entry.at, locale)}</time>
                </td>
                <td data-label=${text.who}>${this.who(entry, text)}</td>
                <th scope="row">${text.actions[entry.action] ?? entry.action}</th>
                <td data-label=${text.change}>${this.change(entry, text)}</td>
                <td data-label=${text.details} class="details">${this.detail(entry)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private detail(entry: JournalEntry): string {
    return carriesDetail(entry.action) ? entry.message : '';
  }

  private who(entry: JournalEntry, text: JournalLabels): string {
    return actedByUser(entry.action) && entry.user !== '' ? entry.user : text.system;
  }

  private change(entry: JournalEntry, text: JournalLabels): string {
    const to = text.states[entry.to] ?? entry.to;
    if (entry.from === null || entry.from === entry.to) return to;
    return `${text.states[entry.from] ?? entry.from} → ${to}`;
  }

  private exportCsv(journal: readonly JournalEntry[], text: JournalLabels): void {
    const header = [text.when, text.who, text.action, text.change, text.details];
    const rows = journal.map((entry) => [
      isoOf(entry.at),
      this.who(entry, text),
      text.actions[entry.action] ?? entry.action,
      this.change(entry, text),
      entry.message,
    ]);
    downloadFile(csvFile(header, rows), `${this.activeDeliveryId ?? 'delivery'}-journal.csv`);
  }
}

/** A time as ISO 8601, '' for one no Date holds. */
function isoOf(time: number): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

declare global {
  interface HTMLElementTagNameMap {
    'delivery-journal': DeliveryJournal;
  }
}
