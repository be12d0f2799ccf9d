/**
 * The log table's profile history: activating an address reads every delivery that profile was
 * targeted by, newest first, and shows the list in a native modal dialog (focus moves into it,
 * Escape closes it and focus returns to the address).
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { fillTemplate, type ProfileHistoryEntry, type SendkitStore } from '../../src/index.js';
import { formatDate } from '../shared/format.js';
import type { LogTableLabels } from './sending-log-table.labels.js';

interface Shown {
  readonly address: string;
  readonly entries: readonly ProfileHistoryEntry[];
}

/** The dialog's state; the host renders it and asks it to open. */
export class ProfileHistory {
  private shown: Shown | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly dialog: () => HTMLDialogElement | null,
  ) {}

  /** Reads the history of `address`, then opens the dialog; a read error is thrown, nothing shown. */
  async open(store: SendkitStore, address: string): Promise<void> {
    this.shown = { address, entries: await store.readProfileHistory(address) };
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.dialog();
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** The dialog; `heading` is the element's heading (its level follows the host page). */
  render(
    text: LogTableLabels,
    locale: string | undefined,
    heading: (text: string, id: string) => TemplateResult,
  ): TemplateResult {
    return html`<dialog part="history" aria-labelledby="history-title" @close=${this.onClose}>
      ${this.shown ? this.renderList(this.shown, text, locale, heading) : nothing}
    </dialog>`;
  }

  private readonly onClose = (): void => {
    this.shown = null;
    this.host.requestUpdate();
  };

  private renderList(
    { address, entries }: Shown,
    text: LogTableLabels,
    locale: string | undefined,
    heading: (text: string, id: string) => TemplateResult,
  ): TemplateResult {
    return html`${heading(fillTemplate(text.historyOf, { address }), 'history-title')}
      ${
        entries.length === 0
          ? html`<p>${text.noHistory}</p>`
          : html`<ul>
              ${entries.map(
                (entry) =>
                  html`<li>
                    ${entry.label}${text.colon}${text.statuses[entry.status]}
                    ${entry.at === null ? '' : `(${formatDate(entry.at, locale)})`}
                  </li>`,
              )}
            </ul>`
      }
      <div class="actions">
        <button @click=${() => this.dialog()?.close()}>${text.close}</button>
      </div>`;
  }
}
