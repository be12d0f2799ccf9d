/**
 * Columns as wide as their widest value seen so far, so no value is ever cut off: after each
 * render, the text of every shown cell is measured, and a column that holds a wider one grows
 * (never shrinks, so columns do not jump while scrolling). The widths go straight to the table's
 * style as custom properties (CSSOM, allowed by a strict CSP), without another render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { columnTemplate, columnsMinWidth, type LogColumn } from './log-columns.js';

export class ColumnFit implements ReactiveController {
  private widths: number[] = [];
  private appliedTo: HTMLElement | null = null;
  private applied = '';

  constructor(
    host: ReactiveControllerHost,
    private readonly table: () => HTMLElement | null,
    private readonly columns: () => readonly LogColumn[],
  ) {
    host.addController(this);
  }

  /** A new view: start from the columns' own minimums again. */
  reset(): void {
    this.widths = [];
  }

  hostUpdated(): void {
    const table = this.table();
    if (!table) return;
    for (const content of table.querySelectorAll<HTMLElement>('[data-column] > .content')) {
      const column = Number(content.parentElement!.dataset['column']);
      const width = Math.ceil(content.getBoundingClientRect().width) + 1;
      if (width > (this.widths[column] ?? 0)) this.widths[column] = width;
    }
    const columns = this.columns();
    const template = columnTemplate(columns, this.widths);
    if (table === this.appliedTo && template === this.applied) return;
    table.style.setProperty('--_columns', template);
    table.style.setProperty('--_columns-min', columnsMinWidth(columns, this.widths));
    this.appliedTo = table;
    this.applied = template;
  }
}
