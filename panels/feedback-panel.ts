/**
 * The "Import feedback" control of the showcase and the sidebar: pick or drop provider files
 * (JSON, NDJSON, .eml, several at once), see the progress, then the report; and the correlation
 * tags a sending script attaches so that feedback finds its way back to the selected delivery.
 */
import { html, nothing } from 'lit';
import { correlationTags, type ImportReport, type InputProblem } from '../src/feedback/index.js';
import { fillTemplate, type DeliveryStore } from '../src/index.js';
import { pluralOf, type PluralText } from '../components/shared/labels.js';
import type { ImportRequest } from './import-worker.js';

const DENYLISTED: PluralText = {
  one: '{count} address denylisted.',
  other: '{count} addresses denylisted.',
};

export interface ImportState {
  progress: number | null;
  report: ImportReport | null;
  error: string;
}

export const importState: ImportState = { progress: null, report: null, error: '' };

const SHOWN_PROBLEMS = 50;

/** Runs an import in a worker, updating `importState` and calling `changed` as it goes. */
export function runImport(
  files: readonly File[],
  request: Omit<ImportRequest, 'files'>,
  changed: () => void,
): void {
  if (files.length === 0) return;
  Object.assign(importState, { progress: 0, report: null, error: '' });
  changed();
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (
    message: MessageEvent<{
      ready?: true;
      progress?: number;
      report?: ImportReport;
      error?: string;
    }>,
  ) => {
    if (message.data.ready) return;
    const { progress, report, error } = message.data;
    if (progress !== undefined) importState.progress = progress;
    if (report) Object.assign(importState, { report, progress: null });
    if (error !== undefined) Object.assign(importState, { error, progress: null });
    if (report || error !== undefined) worker.terminate();
    changed();
  };
  worker.postMessage({ ...request, files });
}

function problems(title: string, list: readonly InputProblem[]) {
  if (list.length === 0) return nothing;
  return html`<details>
    <summary>${title}: ${list.length}</summary>
    <ul class="problems">
      ${list
        .slice(0, SHOWN_PROBLEMS)
        .map(
          (problem) =>
            html`<li>
              ${problem.file ?? 'input'}, position ${problem.position}: ${problem.reason}
            </li>`,
        )}
    </ul>
  </details>`;
}

export function feedbackPanel(
  deliveryId: string | undefined,
  onFiles: (files: readonly File[]) => void,
) {
  const { progress, report, error } = importState;
  const pick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    onFiles([...(input.files ?? [])]);
    input.value = '';
  };
  return html`<section class="card" aria-labelledby="import-title">
    <h2 id="import-title">Import feedback</h2>
    <p class="muted">
      Files from Amazon SES, SendGrid, Mailgun or Postmark (JSON, or NDJSON with one payload per
      line) and bounce mails (<code>.eml</code>). Tagged events go to their own delivery; untagged
      ones to the delivery shown.
    </p>
    <label
      class="dropzone"
      @dragover=${(event: DragEvent) => event.preventDefault()}
      @drop=${(event: DragEvent) => {
        event.preventDefault();
        onFiles([...(event.dataTransfer?.files ?? [])]);
      }}
      >Choose or drop files
      <input
        id="feedback-files"
        type="file"
        multiple
        accept=".json,.ndjson,.jsonl,.eml,application/json,message/rfc822"
        @change=${pick}
    /></label>
    ${
      progress === null
        ? nothing
        : html`<progress
            id="import-progress"
            max="1"
            .value=${progress}
            aria-label="Import progress"
          ></progress>`
    }
    ${error ? html`<p class="message" role="alert">${error}</p>` : nothing}
    ${
      report
        ? html`<div id="import-report" role="status">
            <p>
              ${report.provider ?? 'No known provider'}: ${report.applied.toLocaleString()} applied,
              ${report.duplicates.toLocaleString()} duplicates,
              ${report.superseded.toLocaleString()} superseded,
              ${fillTemplate(pluralOf(DENYLISTED, report.denylisted, undefined), {
                count: report.denylisted.toLocaleString(),
              })}
            </p>
            ${problems('Unmatched', report.unmatched)} ${problems('Rejected', report.rejected)}
          </div>`
        : nothing
    }
    ${
      deliveryId
        ? html`<details>
            <summary>Correlation tags for this delivery (recipient 0 shown)</summary>
            <p class="muted">
              Attach these to the message of each recipient, with its own position as
              <code>sk_r</code>, so that its feedback comes back to it.
            </p>
            <pre>${JSON.stringify(correlationTags(deliveryId, 0), null, 2)}</pre>
          </details>`
        : nothing
    }
  </section>`;
}

/**
 * The import control for `store`: files go to a worker that imports them into the same database
 * (untagged events to `deliveryId`), on the page's model time (running `scale` times real time).
 */
export function feedbackImport(
  store: DeliveryStore,
  deliveryId: string | undefined,
  scale: number,
  changed: () => void,
) {
  return feedbackPanel(deliveryId, (files) =>
    runImport(
      files,
      {
        ...(deliveryId ? { deliveryId } : {}),
        storeName: store.name,
        modelNow: store.now(),
        realNow: Date.now(),
        scale,
      },
      changed,
    ),
  );
}
