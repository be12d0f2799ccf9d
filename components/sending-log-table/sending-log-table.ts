// The log table element: what it renders and when it reads. Its other concerns have their own
// modules: virtual scrolling (virtual-scroll.ts over virtual-window.ts), column widths
// (column-fit.ts), the columns as data (log-columns.ts), CSV (csv.ts) and the profile history
// dialog (profile-history.ts). Over 300 lines: 60 document the public API (parts, properties,
// events) that custom-elements.json is generated from, and the markup of the toolbar, tabs and
// table with its ARIA is one concern, kept together.
import { html, nothing, type PropertyValues } from 'lit';
import { InputError, fillTemplate, type LogRow, type RecipientStatus } from '../../src/index.js';
import { RECIPIENT_STATUSES } from '../../src/rules/index.js';
import { ActionErrorEvent, LogExportEvent, ProfileOpenEvent } from '../shared/events.js';
import { formatCount, formatDate, formatPercent } from '../shared/format.js';
import { pluralOf, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReadSource } from '../shared/read-controller.js';
import { styleProperties } from '../shared/style-properties.js';
import { themeStyles } from '../shared/theme.styles.js';
import { ColumnFit } from './column-fit.js';
import { downloadFile } from '../shared/csv.js';
import { exportLogCsv, type CsvExport } from './csv.js';
import { LOG_COLUMNS, shownColumns, type LogColumn } from './log-columns.js';
import { NarrowWidth } from './narrow-width.js';
import { ProfileHistory } from './profile-history.js';
import { sendingLogTableStyles } from './sending-log-table.styles.js';
import type { LogTableLabels, LogView } from './sending-log-table.labels.js';
import { VirtualScroll } from './virtual-scroll.js';

/** Reflects only text: a value of another type (set by script) removes the attribute. */
const TEXT_ATTRIBUTE = {
  fromAttribute: (value: string | null) => value,
  toAttribute: (value: unknown) => (typeof value === 'string' ? value : null),
};

/** Rows read beyond the visible ones, above and below, so small scrolls need no read. */
const OVERSCAN = 10;
const VIEWS: readonly LogView[] = ['sending', 'exclusions'];

/** One read of the log table: the rows around the visible window, and how many match. */
interface LogWindow {
  readonly total: number;
  /** Position (in the filtered view) of rows[0]. */
  readonly offset: number;
  readonly rows: readonly LogRow[];
}

const NO_ROWS: LogWindow = { total: 0, offset: 0, rows: [] };

/**
 * Sending logs (Date, Status, Address, Nature of failure, Reason) and Exclusion logs (Date,
 * Status, Nature of failure, Reason, Address) of one delivery, as two tabs, virtualised over any
 * number of rows with real table semantics (role table, row, cell, aria-rowcount,
 * aria-rowindex). The table scrolls in a focusable region (arrows, Page Up/Down, Home, End; left
 * and right at narrow widths; under 30rem wide the address comes first, in view); columns grow
 * to their widest value, never cutting one off. Filter
 * by status, export the current view as CSV (streamed, page by page), and activate an address to
 * see that profile's history.
 *
 * @tag sending-log-table
 * @summary The sending and exclusion logs of a delivery, for a million rows.
 *
 * @fires sendkit-profile-open - ProfileOpenEvent: an address was activated (`event.address`); cancelable (then no history dialog).
 * @fires sendkit-export - LogExportEvent: the CSV export of the current view is ready (`event.csv`, `event.rows`); cancelable (then no download).
 * @fires sendkit-error - ActionErrorEvent: an export failed, or the logs could not be read (`event.action`, `event.error`).
 *
 * @csspart base - The whole block.
 * @csspart toolbar - Tabs, filter and export.
 * @csspart tab - The Sending logs and Exclusion logs tabs.
 * @csspart tabpanel - The panel of the selected tab.
 * @csspart filter - The status filter.
 * @csspart export - The Export CSV button.
 * @csspart progress - Export progress and result.
 * @csspart notice - What the block shows instead of logs (no delivery, loading, not found, read error).
 * @csspart viewport - The scrolling region (focusable: arrows, Page Up/Down, Home, End).
 * @csspart table - The table (role table).
 * @csspart header-row - The header row.
 * @csspart row - A row of the logs.
 * @csspart address - An address, a button that opens the profile's history.
 * @csspart empty - Shown when the view has no rows.
 * @csspart history - The profile history dialog.
 *
 * @cssprop [--sending-log-table-height=22rem] - Height of the scrolling region.
 * @cssprop [--sending-log-table-header-background=var(--sendkit-color-raised)] - Header row background.
 * @cssprop --sending-log-table-stripe - Background of every other row.
 * @cssprop [--sending-log-table-failed-color=var(--sendkit-color-danger)] - Colour of the Failed status.
 * @cssprop [--sending-log-table-sent-color=var(--sendkit-color-success)] - Colour of the Sent status.
 */
export class SendingLogTable extends SendkitElement<LogWindow> {
  static override styles = [themeStyles, sendingLogTableStyles];

  static override properties = {
    view: { reflect: true, converter: TEXT_ATTRIBUTE },
    status: { reflect: true, converter: TEXT_ATTRIBUTE },
    rowHeight: { type: Number, attribute: 'row-height' },
    labels: { attribute: false },
    exportNote: { state: true },
    exporting: { state: true },
  };

  /** Which logs: `sending` or `exclusions`. */
  view: LogView = 'sending';

  /** Status filter of the sending logs; empty for all. */
  status: RecipientStatus | '' = '';

  /** Height of a row in px (rows are fixed-height so a million of them can be virtualised). */
  rowHeight = 34;

  /** Texts, to localise; missing ones keep the product's wording. */
  labels: LabelOverrides<LogTableLabels> = {};

  private exportNote = '';
  private exporting = false;

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector('[part="viewport"]');
  }

  private readonly scroller = new VirtualScroll(this, {
    rowHeight: () => this.shownRowHeight,
    total: () => this.window.total,
    viewport: () => this.viewport,
    header: () => this.renderRoot.querySelector<HTMLElement>('.head'),
    onMove: () => {
      if (!this.isLoaded()) this.reader.schedule();
    },
  });

  private readonly history = new ProfileHistory(this, () =>
    this.renderRoot.querySelector('dialog'),
  );

  private readonly fit = new ColumnFit(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('[part="table"]'),
    () => this.columns,
  );

  /** Narrow: the address first. The measured widths belong to the old order: start again. */
  private readonly width = new NarrowWidth(this, () => this.fit.reset());

  /** The row height used: `rowHeight` when it is a height (1–1,000 px), else the default. */
  private get shownRowHeight(): number {
    const height: unknown = this.rowHeight;
    return typeof height === 'number' && height >= 1 && height <= 1_000 ? height : 34;
  }

  private get text(): LogTableLabels {
    return this.texts('sending-log-table', this.labels);
  }

  private get shownView(): LogView {
    return VIEWS.includes(this.view) ? this.view : 'sending';
  }

  private get columns(): readonly LogColumn[] {
    return shownColumns(this.shownView, this.width.narrow);
  }

  /** The status the current view reads. */
  private get statusFilter(): RecipientStatus | undefined {
    if (this.shownView === 'exclusions') return 'ignored';
    return RECIPIENT_STATUSES.includes(this.status as RecipientStatus)
      ? (this.status as RecipientStatus)
      : undefined;
  }

  /**
   * Scrolls so that the row at `index` (in the current view) is the first one shown; an index
   * past either end shows that end. Not a number: an InputError.
   */
  scrollToRow(index: number): void {
    if (typeof index !== 'number' || Number.isNaN(index)) {
      throw new InputError('index', 'a row number (from 0)');
    }
    this.scroller.scrollToRow(Math.trunc(index));
  }

  /** The rows read last (none until the first read). */
  private get window(): LogWindow {
    return this.data ?? NO_ROWS;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('view') || changed.has('status')) {
      this.exportNote = '';
      this.scroller.reset();
      this.fit.reset();
      // Not on the first update: the reader reads as the element connects.
      if (this.hasUpdated) this.reader.restart();
    }
  }

  private isLoaded(): boolean {
    const { first, count } = this.scroller.window;
    const { offset, rows } = this.window;
    return first >= offset && first + count <= offset + rows.length;
  }

  protected override async read({ store, deliveryId }: ReadSource): Promise<LogWindow> {
    // Measured here, before the read, so it fetches as many rows as the viewport shows.
    this.scroller.measure();
    const { first, count } = this.scroller.window;
    const offset = Math.max(0, first - OVERSCAN);
    const page = await store.readLogs(deliveryId, {
      offset,
      limit: Math.max(1, count + 2 * OVERSCAN),
      status: this.statusFilter,
    });
    return { total: page.total, offset, rows: page.rows };
  }

  override render() {
    const text = this.text;
    const view = this.shownView;
    const tableLabel = view === 'exclusions' ? text.exclusionLogs : text.sendingLogs;
    return html`
      <div part="base">
        <div part="toolbar">
          <div role="tablist" aria-label=${text.sendingLogs} @keydown=${this.onTabKeydown}>
            ${VIEWS.map(
              (candidate) =>
                html`<button
                  part="tab"
                  role="tab"
                  id=${`tab-${candidate}`}
                  aria-selected=${view === candidate ? 'true' : 'false'}
                  aria-controls="panel"
                  tabindex=${view === candidate ? 0 : -1}
                  @click=${() => (this.view = candidate)}
                >
                  ${candidate === 'sending' ? text.sendingLogs : text.exclusionLogs}
                </button>`,
            )}
          </div>
          ${view === 'sending' ? this.renderFilter(text) : nothing}
          <button part="export" ?disabled=${this.exporting} @click=${this.downloadCsv}>
            ${text.exportCsv}
          </button>
          <span part="progress" role="status">${this.exportNote}</span>
        </div>
        <div part="tabpanel" role="tabpanel" id="panel" aria-labelledby=${`tab-${view}`}>
          ${this.reader.status === 'ready' ? this.renderTable(tableLabel, text) : this.readState(text)}
        </div>
        ${this.history.render(text, this.resolvedLocale, (title, id) => this.heading(title, id))}
      </div>
    `;
  }

  private renderFilter(text: LogTableLabels) {
    return html`<label
      >${text.filter}
      <select
        part="filter"
        @change=${(event: Event) =>
          (this.status = (event.target as HTMLSelectElement).value as RecipientStatus | '')}
      >
        <option value="" ?selected=${this.status === ''}>${text.allStatuses}</option>
        ${RECIPIENT_STATUSES.map(
          (status) =>
            html`<option value=${status} ?selected=${this.status === status}>
              ${text.statuses[status]}
            </option>`,
        )}
      </select></label
    >`;
  }

  private renderTable(tableLabel: string, text: LogTableLabels) {
    const { first, count, top, scrollHeight } = this.scroller.window;
    const { total, offset, rows } = this.window;
    const shown: { row: LogRow | undefined; index: number }[] = [];
    for (let index = first; index < first + count; index++)
      shown.push({ row: rows[index - offset], index });
    const rowStyle = styleProperties({ height: `${this.shownRowHeight}px` });
    return html`<div
      part="viewport"
      role="region"
      aria-label=${tableLabel}
      tabindex="0"
      @scroll=${this.scroller.onScroll}
      @keydown=${this.scroller.onKeydown}
    >
      <div part="table" role="table" aria-label=${tableLabel} aria-rowcount=${total + 1}>
        <div role="rowgroup" class="head">
          <div part="header-row" class="row" role="row" aria-rowindex="1">
            ${this.columns.map(
              (column, index) =>
                html`<span role="columnheader" data-column=${index}
                  ><span class="content">${text[column.key]}</span></span
                >`,
            )}
          </div>
        </div>
        ${
          total === 0
            ? html`<div role="rowgroup">
                <div part="empty" role="row">
                  <span role="cell"
                    >${this.shownView === 'exclusions' ? text.noExclusions : text.empty}</span
                  >
                </div>
              </div>`
            : html`<div
                role="rowgroup"
                class="spacer"
                ${styleProperties({ height: `${scrollHeight}px` })}
              >
                <div class="window" ${styleProperties({ transform: `translateY(${top}px)` })}>
                  ${shown.map(({ row, index }) => this.renderRow(row, index, rowStyle, text))}
                </div>
              </div>`
        }
      </div>
    </div>`;
  }

  private renderRow(
    row: LogRow | undefined,
    index: number,
    rowStyle: ReturnType<typeof styleProperties>,
    text: LogTableLabels,
  ) {
    return html`<div part="row" class="row" role="row" aria-rowindex=${index + 2} ${rowStyle}>
      ${this.columns.map(
        (column, position) =>
          html`<span role="cell" data-column=${position}
            >${row ? this.cell(column, row, text) : nothing}</span
          >`,
      )}
    </div>`;
  }

  private cell(column: LogColumn, row: LogRow, text: LogTableLabels) {
    switch (column.key) {
      case 'date':
        return html`<span class="content">${formatDate(row.at, this.resolvedLocale)}</span>`;
      case 'status':
        return html`<span class="content status-${row.status}">${text.statuses[row.status]}</span>`;
      case 'address':
        return row.address === ''
          ? nothing
          : html`<button
              part="address"
              class="content"
              @click=${() => this.openHistory(row.address)}
            >
              ${row.address}
            </button>`;
      default:
        return html`<span class="content">${column.csv(row, text)}</span>`;
    }
  }

  /** The WAI-ARIA tabs pattern: arrows, Home and End move between tabs and select them. */
  private onTabKeydown(event: KeyboardEvent): void {
    const index = VIEWS.indexOf(this.shownView);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: VIEWS.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = VIEWS[(moves[event.key]! + VIEWS.length) % VIEWS.length]!;
    this.view = next;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus(),
    );
  }

  private async openHistory(address: string): Promise<void> {
    const store = this.activeStore;
    if (!store || !this.dispatchEvent(new ProfileOpenEvent(address))) return;
    try {
      await this.history.open(store, address);
    } catch (error) {
      this.dispatchEvent(new ActionErrorEvent('read', error));
    }
  }

  /**
   * The current view (tab and filter) as CSV, read page by page so that a million rows never
   * freeze the page.
   */
  async exportCsv(): Promise<Blob> {
    return (await this.exportView()).csv;
  }

  private async exportView(): Promise<CsvExport> {
    const store = this.activeStore;
    const deliveryId = this.activeDeliveryId;
    if (!store || !deliveryId) return { csv: new Blob([], { type: 'text/csv' }), rows: 0 };
    const text = this.text;
    this.exporting = true;
    try {
      return await exportLogCsv(
        store,
        deliveryId,
        this.statusFilter,
        LOG_COLUMNS[this.shownView],
        text,
        (done) => {
          this.exportNote = fillTemplate(text.exporting, {
            percent: formatPercent(done * 100, this.resolvedLocale),
          });
        },
      );
    } finally {
      this.exporting = false;
    }
  }

  private async downloadCsv(): Promise<void> {
    try {
      const { csv, rows } = await this.exportView();
      this.exportNote = fillTemplate(pluralOf(this.text.exported, rows, this.resolvedLocale), {
        rows: formatCount(rows, this.resolvedLocale),
      });
      if (this.dispatchEvent(new LogExportEvent(csv, rows))) {
        downloadFile(csv, `${this.shownView === 'exclusions' ? 'exclusion' : 'sending'}-logs.csv`);
      }
    } catch (error) {
      this.exportNote = '';
      this.dispatchEvent(new ActionErrorEvent('export', error));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sending-log-table': SendingLogTable;
  }
}
