import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  RECIPIENT_STATUSES,
  type DeliveryStore,
  type LogRow,
  type ProfileHistoryEntry,
  type RecipientStatus,
} from '../../src/index.js';
import { ActionErrorEvent, LogExportEvent, ProfileOpenEvent } from '../shared/events.js';
import { formatDate } from '../shared/format.js';
import { withDefaults, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReaderSource } from '../shared/store-reader.js';
import { themeStyles } from '../shared/theme.styles.js';
import { csvLine } from './csv.js';
import { sendingLogTableStyles } from './sending-log-table.styles.js';
import { LOG_TABLE_LABELS, type LogTableLabels, type LogView } from './sending-log-table.types.js';
import { scrollTopFor, visibleWindow, type VisibleWindow } from './virtual-window.js';

/** Rows read beyond the visible ones, above and below, so small scrolls need no read. */
const OVERSCAN = 10;
const EXPORT_PAGE = 5_000;

/**
 * Sending logs (Date, Status, Address, Nature of failure, Reason) and Exclusion logs of one
 * delivery, virtualised over any number of rows with real table semantics (role table, row,
 * cell, aria-rowcount, aria-rowindex). Scroll with the keyboard (arrows, Page Up/Down, Home,
 * End), filter by status, export the current view as CSV (streamed, page by page), and activate
 * an address to see that profile's history.
 *
 * @tag sending-log-table
 * @summary The sending and exclusion logs of a delivery, for a million rows.
 *
 * @fires sendkit-profile-open - An address was activated; cancelable (then no history dialog).
 * @fires sendkit-export - The CSV export of the current view is ready (detail: `csv`, `rows`).
 * @fires sendkit-error - An export failed.
 *
 * @csspart base - The whole block.
 * @csspart toolbar - Tabs, filter and export.
 * @csspart tab - The Sending logs and Exclusion logs tabs.
 * @csspart filter - The status filter.
 * @csspart export - The Export CSV button.
 * @csspart progress - Export progress.
 * @csspart table - The table (role table).
 * @csspart header-row - The header row.
 * @csspart viewport - The scrolling area (focusable: arrows, Page Up/Down, Home, End).
 * @csspart row - A row of the logs.
 * @csspart address - An address, a button that opens the profile's history.
 * @csspart empty - Shown when the view has no rows.
 * @csspart history - The profile history dialog.
 *
 * @cssprop --sending-log-table-height - Height of the scrolling area.
 * @cssprop --sending-log-table-columns - grid-template-columns of the five columns.
 * @cssprop --sending-log-table-header-background - Header row background.
 * @cssprop --sending-log-table-stripe - Background of every other row.
 * @cssprop --sending-log-table-failed-color - Colour of the Failed status.
 * @cssprop --sending-log-table-sent-color - Colour of the Sent status.
 */
export class SendingLogTable extends SendkitElement {
  static override styles = [themeStyles, sendingLogTableStyles];

  /** Which logs: `sending` or `exclusions`. */
  @property({ reflect: true }) view: LogView = 'sending';

  /** Status filter of the sending logs; empty for all. */
  @property({ reflect: true }) status: RecipientStatus | '' = '';

  /** Height of a row in px (rows are fixed-height so a million of them can be virtualised). */
  @property({ type: Number, attribute: 'row-height' }) rowHeight = 34;

  /** Texts, to localise; missing ones keep the product's wording. */
  @property({ attribute: false }) labels: LabelOverrides<LogTableLabels> = {};

  /** Locale for dates; default: the page's. */
  @property() locale: string | undefined;

  @state() private total = 0;
  @state() private rows: readonly LogRow[] = [];
  /** Position (in the filtered view) of rows[0]. */
  @state() private rowsOffset = 0;
  @state() private scrolledTo = 0;
  @state() private viewportHeight = 400;
  @state() private exportProgress: number | null = null;
  @state() private history: { address: string; entries: readonly ProfileHistoryEntry[] } | null =
    null;

  @query('[part="viewport"]') private viewport!: HTMLElement;
  @query('dialog') private historyDialog!: HTMLDialogElement;

  private resizeObserver: ResizeObserver | null = null;

  private get text(): LogTableLabels {
    return withDefaults(LOG_TABLE_LABELS, this.labels);
  }

  /** The status the current view reads. */
  private get statusFilter(): RecipientStatus | undefined {
    return this.view === 'exclusions' ? 'ignored' : this.status || undefined;
  }

  private get visible(): VisibleWindow {
    return visibleWindow(
      { total: this.total, rowHeight: this.rowHeight, viewportHeight: this.viewportHeight },
      this.scrolledTo,
    );
  }

  /** Scrolls so that the row at `index` (in the current view) is the first one shown. */
  scrollToRow(index: number): void {
    const geometry = {
      total: this.total,
      rowHeight: this.rowHeight,
      viewportHeight: this.viewportHeight,
    };
    this.viewport.scrollTop = scrollTopFor(geometry, Math.max(0, Math.min(index, this.total - 1)));
    this.onScroll();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height ?? 0;
      if (height > 0 && height !== this.viewportHeight) {
        this.viewportHeight = height;
        this.reader.schedule();
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
  }

  protected override firstUpdated(): void {
    this.resizeObserver?.observe(this.viewport);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('view') || changed.has('status')) {
      this.rows = [];
      this.scrolledTo = 0;
      if (this.viewport) this.viewport.scrollTop = 0;
      this.reader.schedule();
    }
  }

  protected override async load({ store, deliveryId }: ReaderSource): Promise<void> {
    if (!store || !deliveryId) {
      this.total = 0;
      this.rows = [];
      return;
    }
    // Measured here, before the first read, so it fetches as many rows as the viewport shows.
    const height = this.viewport?.clientHeight ?? 0;
    if (height > 0) this.viewportHeight = height;
    const { first, count } = this.visible;
    const offset = Math.max(0, first - OVERSCAN);
    try {
      const page = await store.readLogs(deliveryId, {
        offset,
        limit: count + 2 * OVERSCAN,
        status: this.statusFilter,
      });
      this.total = page.total;
      this.rows = page.rows;
      this.rowsOffset = offset;
    } catch {
      this.total = 0;
      this.rows = [];
    }
  }

  override render() {
    const text = this.text;
    const { first, count, top, scrollHeight } = this.visible;
    const shown: { row: LogRow | undefined; index: number }[] = [];
    for (let index = first; index < first + count; index++)
      shown.push({ row: this.rows[index - this.rowsOffset], index });
    const tableLabel = this.view === 'exclusions' ? text.exclusionLogs : text.sendingLogs;
    return html`
      <div part="base">
        <div part="toolbar">
          <div role="tablist" aria-label=${tableLabel}>
            ${(['sending', 'exclusions'] as const).map(
              (view) =>
                html`<button
                  part="tab"
                  role="tab"
                  aria-selected=${this.view === view ? 'true' : 'false'}
                  @click=${() => (this.view = view)}
                >
                  ${view === 'sending' ? text.sendingLogs : text.exclusionLogs}
                </button>`,
            )}
          </div>
          ${
            this.view === 'sending'
              ? html`<label
                  >${text.filter}
                  <select
                    part="filter"
                    @change=${(event: Event) => (this.status = (event.target as HTMLSelectElement).value as RecipientStatus | '')}
                  >
                    <option value="" ?selected=${this.status === ''}>${text.allStatuses}</option>
                    ${RECIPIENT_STATUSES.map(
                      (status) =>
                        html`<option value=${status} ?selected=${this.status === status}>
                          ${text.statuses[status]}
                        </option>`,
                    )}
                  </select></label
                >`
              : nothing
          }
          <button
            part="export"
            ?disabled=${this.exportProgress !== null}
            @click=${this.downloadCsv}
          >
            ${text.exportCsv}
          </button>
          <span part="progress" role="status"
            >${this.exportProgress === null ? '' : text.exporting.replace('{percent}', `${Math.round(this.exportProgress * 100)} %`)}</span
          >
        </div>
        <div part="table" role="table" aria-label=${tableLabel} aria-rowcount=${this.total + 1}>
          <div role="rowgroup">
            <div part="header-row" class="row" role="row" aria-rowindex="1">
              <span role="columnheader">${text.date}</span>
              <span role="columnheader">${text.status}</span>
              <span role="columnheader">${text.address}</span>
              <span role="columnheader">${text.natureOfFailure}</span>
              <span role="columnheader">${text.reason}</span>
            </div>
          </div>
          <div
            part="viewport"
            role="rowgroup"
            tabindex="0"
            aria-label=${tableLabel}
            @scroll=${this.onScroll}
            @keydown=${this.onKeydown}
          >
            ${
              this.total === 0
                ? html`<div part="empty" role="row"><span role="cell">${text.empty}</span></div>`
                : html`<div class="spacer" style="height: ${scrollHeight}px">
                    <div class="window" style="transform: translateY(${top}px)">
                      ${shown.map(({ row, index }) => this.renderRow(row, index, text))}
                    </div>
                  </div>`
            }
          </div>
        </div>
        <dialog
          part="history"
          aria-labelledby="history-title"
          @close=${() => (this.history = null)}
        >
          ${this.history ? this.renderHistory(this.history.address, this.history.entries, text) : nothing}
        </dialog>
      </div>
    `;
  }

  private renderRow(row: LogRow | undefined, index: number, text: LogTableLabels) {
    const style = `height: ${this.rowHeight}px`;
    if (!row) {
      return html`<div part="row" class="row" role="row" aria-rowindex=${index + 2} style=${style}>
        ${[0, 1, 2, 3, 4].map(() => html`<span role="cell"></span>`)}
      </div>`;
    }
    return html`<div part="row" class="row" role="row" aria-rowindex=${index + 2} style=${style}>
      <span role="cell">${formatDate(row.at, this.locale)}</span>
      <span role="cell" class="status-${row.status}">${text.statuses[row.status]}</span>
      <span role="cell"
        >${
          row.address === ''
            ? nothing
            : html`<button part="address" @click=${() => this.openHistory(row.address)}>
                ${row.address}
              </button>`
        }</span
      >
      <span role="cell">${row.failureType ? text.failureTypes[row.failureType] : ''}</span>
      <span role="cell">${row.reason ?? ''}</span>
    </div>`;
  }

  private renderHistory(
    address: string,
    entries: readonly ProfileHistoryEntry[],
    text: LogTableLabels,
  ) {
    return html`<h2 id="history-title">${text.historyOf.replace('{address}', address)}</h2>
      ${
        entries.length === 0
          ? html`<p>${text.noHistory}</p>`
          : html`<ul>
              ${entries.map(
                (entry) =>
                  html`<li>
                    ${entry.label}: ${text.statuses[entry.status]}
                    ${entry.at === null ? '' : `(${formatDate(entry.at, this.locale)})`}
                  </li>`,
              )}
            </ul>`
      }
      <button @click=${() => this.historyDialog.close()}>${text.close}</button>`;
  }

  private onScroll(): void {
    this.scrolledTo = this.viewport.scrollTop;
    const { first, count } = this.visible;
    const loaded = first >= this.rowsOffset && first + count <= this.rowsOffset + this.rows.length;
    if (!loaded) this.reader.schedule();
  }

  private onKeydown(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewportHeight / this.rowHeight) - 1);
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
    };
    const { first } = this.visible;
    let target: number | null = null;
    if (event.key in steps) target = first + steps[event.key]!;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = this.total - 1;
    if (target === null || event.target !== this.viewport) return;
    event.preventDefault();
    this.scrollToRow(target);
  }

  private async openHistory(address: string): Promise<void> {
    const store = this.activeStore;
    if (!store || !this.dispatchEvent(new ProfileOpenEvent(address))) return;
    this.history = { address, entries: await store.readProfileHistory(address) };
    await this.updateComplete;
    if (!this.historyDialog.open) this.historyDialog.showModal();
  }

  /**
   * The current view (tab and filter) as CSV, read page by page so that a million rows never
   * freeze the page: the work yields to the browser between pages.
   */
  async exportCsv(): Promise<Blob> {
    const store = this.activeStore;
    const deliveryId = this.activeDeliveryId;
    if (!store || !deliveryId) return new Blob([], { type: 'text/csv' });
    return exportRows(store, deliveryId, this.statusFilter, this.text, (progress) => {
      this.exportProgress = progress;
    }).finally(() => {
      this.exportProgress = null;
    });
  }

  private async downloadCsv(): Promise<void> {
    try {
      const csv = await this.exportCsv();
      const rows = Math.max(0, (await csv.text()).split('\r\n').length - 2);
      if (this.dispatchEvent(new LogExportEvent(csv, rows))) {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(csv);
        link.download = `${this.view === 'exclusions' ? 'exclusion' : 'sending'}-logs.csv`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      }
    } catch (error) {
      this.dispatchEvent(new ActionErrorEvent('export', error));
    }
  }
}

async function exportRows(
  store: DeliveryStore,
  deliveryId: string,
  status: RecipientStatus | undefined,
  text: LogTableLabels,
  onProgress: (progress: number) => void,
): Promise<Blob> {
  // Each page becomes a Blob as it is read, so the text is encoded a page at a time and the
  // final Blob only joins them: encoding a million rows at once blocks the page for 300 ms.
  const parts: Blob[] = [
    new Blob([csvLine([text.date, text.status, text.address, text.natureOfFailure, text.reason])]),
  ];
  let after = -1;
  let done = 0;
  const { total } = await store.readLogs(deliveryId, { limit: 1, status });
  for (;;) {
    const rows = await store.readLogsAfter(deliveryId, { after, limit: EXPORT_PAGE, status });
    if (rows.length === 0) break;
    let chunk = '';
    for (const row of rows) {
      chunk += csvLine([
        row.at === null ? '' : new Date(row.at).toISOString(),
        text.statuses[row.status],
        row.address,
        row.failureType ? text.failureTypes[row.failureType] : '',
        row.reason ?? '',
      ]);
    }
    parts.push(new Blob([chunk]));
    done += rows.length;
    after = rows[rows.length - 1]!.recipient;
    onProgress(total === 0 ? 1 : done / total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

declare global {
  interface HTMLElementTagNameMap {
    'sending-log-table': SendingLogTable;
  }
}
