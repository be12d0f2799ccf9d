import { html, nothing } from 'lit';
import {
  fillTemplate,
  type Breakdown,
  type Channel,
  type DeliverySnapshot,
} from '../../src/index.js';
import { BOUNCE_BANDS, COMPLAINT_BANDS } from '../../src/rules/index.js';
import { csvFile, downloadFile } from '../shared/csv.js';
import { formatCount, formatPercent } from '../shared/format.js';
import type { LabelOverrides } from '../shared/labels.js';
import type { ReadSource } from '../shared/read-controller.js';
import { ScrollFocus } from '../shared/scroll-focus.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import { themeStyles } from '../shared/theme.styles.js';
import {
  PROVIDER_COLUMNS,
  REASON_COLUMNS,
  columnsFor,
  sortRows,
  type Column,
  type Sort,
} from './breakdown-columns.js';
import type { BreakdownLabels } from './delivery-breakdown.labels.js';
import { deliveryBreakdownStyles } from './delivery-breakdown.styles.js';

export interface BreakdownData {
  readonly snapshot: DeliverySnapshot;
  readonly breakdown: Breakdown;
}

type Table = 'providers' | 'reasons';

/**
 * A delivery broken down by mailbox provider (Gmail, Microsoft, Yahoo, Apple, the largest other
 * domains, Other) and by failure reason and type: counts, rates, and the health band of each
 * hard-bounce and complaint rate (thresholds as data with their sources, rules/breakdown.ts and
 * rules/complaints.ts). Both tables sort by any column and export as CSV.
 *
 * @tag delivery-breakdown
 * @summary By mailbox provider and by failure reason, with health bands.
 *
 * @fires sendkit-error - ActionErrorEvent: the delivery could not be read (`event.action` is `read`, `event.error`).
 *
 * @csspart base - The whole block.
 * @csspart providers - The table by mailbox provider.
 * @csspart reasons - The table by failure reason and type.
 * @csspart sort - A column's sort button (in its header).
 * @csspart band - A rate's health band (`data-band`: healthy, at-risk, harmful).
 * @csspart export - An Export CSV button.
 * @csspart legend - The health bands' thresholds and sources.
 * @csspart notice - What shows instead of the tables (no delivery, loading, not prepared…).
 *
 * @cssprop [--delivery-breakdown-header-background=var(--sendkit-color-raised)] - Table header background.
 * @cssprop --delivery-breakdown-healthy - A healthy band's color.
 * @cssprop --delivery-breakdown-at-risk - An at-risk band's color.
 * @cssprop --delivery-breakdown-harmful - A harmful band's color.
 */
export class DeliveryBreakdown extends SendkitElement<BreakdownData> {
  static override styles = [themeStyles, deliveryBreakdownStyles];

  static override properties = {
    labels: { attribute: false },
    sorts: { state: true },
  };

  /** Texts, to localise; missing ones keep the defaults. */
  labels: LabelOverrides<BreakdownLabels> = {};

  private sorts: Readonly<Record<Table, Sort | null>> = { providers: null, reasons: null };

  constructor() {
    super();
    // A table's region is a tab stop only while it scrolls.
    new ScrollFocus(this, '.scroll');
  }

  private get text(): BreakdownLabels {
    return this.texts('delivery-breakdown', this.labels);
  }

  protected override async read({ store, deliveryId }: ReadSource): Promise<BreakdownData> {
    const [snapshot, breakdown] = await Promise.all([
      store.readSnapshot(deliveryId),
      store.readBreakdown(deliveryId),
    ]);
    return { snapshot, breakdown };
  }

  override render() {
    const text = this.text;
    const data = this.data;
    return html`<section part="base" class="block" aria-labelledby="title">
      ${this.heading(text.title, 'title')}
      ${data ? this.renderData(data, text) : this.readState(text)}
    </section>`;
  }

  private renderData({ snapshot, breakdown }: BreakdownData, text: BreakdownLabels) {
    if (breakdown.providers.length === 0) {
      // Prepared by a release before the breakdown: Compute stats fills it in.
      const words = snapshot.delivery.startedAt === null ? text.notPrepared : text.beforeBreakdown;
      return html`<p part="notice" class="notice">${words}</p>`;
    }
    const channel = snapshot.delivery.channel;
    return html`${this.renderTable('providers', breakdown.providers, columnsFor(PROVIDER_COLUMNS, channel), text, text.byProvider)}
    ${
      breakdown.reasons.length === 0
        ? html`${this.heading(text.byReason, 'reasons-title', 1)}
            <p class="empty">${text.noFailures}</p>`
        : this.renderTable('reasons', breakdown.reasons, REASON_COLUMNS, text, text.byReason)
    }
    ${this.renderLegend(text, channel)}`;
  }

  private renderTable<Row>(
    table: Table,
    rows: readonly Row[],
    columns: readonly Column<Row>[],
    text: BreakdownLabels,
    title: string,
  ) {
    const locale = this.resolvedLocale;
    const sort = this.sorts[table];
    const sorted = sortRows(rows, columns, sort, text, locale);
    return html`<div class="table-head">
        ${this.heading(title, `${table}-title`, 1)}
        <button
          part="export"
          type="button"
          @click=${() => this.exportCsv(table, sorted, columns, text)}
        >
          ${text.exportCsv}
        </button>
      </div>
      <div class="scroll" role="region" aria-labelledby=${`${table}-title`}>
        <table part=${table} aria-labelledby=${`${table}-title`}>
          <thead>
            <tr>
              ${columns.map((column) => {
                const label = text[column.label] as string;
                const current = sort?.key === column.key;
                return html`<th
                  scope="col"
                  class=${column.format}
                  aria-sort=${current ? (sort!.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    part="sort"
                    type="button"
                    aria-label=${fillTemplate(text.sortBy, { column: label })}
                    @click=${() => this.sortBy(table, column.key, current ? !sort!.descending : column.format !== 'text')}
                  >
                    ${label}<span class="arrow" aria-hidden="true"
                      >${current ? (sort!.descending ? '▼' : '▲') : ''}</span
                    >
                  </button>
                </th>`;
              })}
            </tr>
          </thead>
          <tbody>
            ${sorted.map(
              (row) =>
                html`<tr>
                  ${columns.map((column, index) => this.renderCell(row, column, index, text))}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderCell<Row>(row: Row, column: Column<Row>, index: number, text: BreakdownLabels) {
    const locale = this.resolvedLocale;
    const value = column.value(row, text);
    const shown =
      column.format === 'count'
        ? formatCount(Number(value), locale)
        : column.format === 'percent'
          ? formatPercent(Number(value), locale, 2)
          : String(value);
    const band = column.band?.(row) ?? null;
    const content = html`${shown}${
      band === null
        ? nothing
        : html` <span part="band" class="band" data-band=${band}
            >${text.bands[band as keyof BreakdownLabels['bands']]}</span
          >`
    }`;
    return index === 0
      ? html`<th scope="row">${content}</th>`
      : html`<td class=${column.format} data-label=${text[column.label] as string}>${content}</td>`;
  }

  private renderLegend(text: BreakdownLabels, channel: Channel) {
    const locale = this.resolvedLocale;
    const legend = (
      measure: string,
      bands: readonly { readonly below: number }[],
      source: string,
    ) =>
      html`<li>
        ${fillTemplate(text.bandLegend, {
          measure,
          healthy: formatPercent(bands[0]!.below, locale, 2),
          atRisk: formatPercent(bands[1]!.below, locale, 2),
          source,
        })}
      </li>`;
    return html`<div part="legend" class="legend">
      ${this.heading(text.bandsTitle, 'bands-title', 1)}
      <ul>
        ${legend(text.hardBounceRate, BOUNCE_BANDS, text.bounceSource)}
        ${
          channel === 'email'
            ? legend(text.complaintRate, COMPLAINT_BANDS, text.complaintSource)
            : nothing
        }
      </ul>
    </div>`;
  }

  private sortBy(table: Table, key: string, descending: boolean): void {
    this.sorts = { ...this.sorts, [table]: { key, descending } };
  }

  private exportCsv<Row>(
    table: Table,
    rows: readonly Row[],
    columns: readonly Column<Row>[],
    text: BreakdownLabels,
  ): void {
    const header = columns.flatMap((column) => {
      const label = text[column.label] as string;
      return column.band ? [label, `${label} (${text.bandsTitle})`] : [label];
    });
    const lines = rows.map((row) =>
      columns.flatMap((column) => {
        const value = column.value(row, text);
        const cell =
          typeof value === 'number' && column.format === 'percent'
            ? value.toFixed(4)
            : String(value);
        if (!column.band) return [cell];
        const band = column.band(row);
        return [cell, band === null ? '' : text.bands[band as keyof BreakdownLabels['bands']]];
      }),
    );
    const id = this.activeDeliveryId ?? 'delivery';
    downloadFile(csvFile(header, lines), `${id}-${table}.csv`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'delivery-breakdown': DeliveryBreakdown;
  }
}
