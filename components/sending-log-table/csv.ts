/**
 * CSV exports of the logs (fields made safe by shared/csv.ts). The export reads page by page and
 * yields between pages, so a million rows never freeze the page.
 */
import type { RecipientStatus, SendkitStore } from '../../src/index.js';
import { csvLine } from '../shared/csv.js';
import type { LogColumn } from './log-columns.js';
import type { LogTableLabels } from './sending-log-table.labels.js';

const EXPORT_PAGE = 5_000;

export interface CsvExport {
  readonly csv: Blob;
  /** Data rows, the header not counted. */
  readonly rows: number;
}

export async function exportLogCsv(
  store: SendkitStore,
  deliveryId: string,
  status: RecipientStatus | undefined,
  columns: readonly LogColumn[],
  text: LogTableLabels,
  onProgress: (progress: number) => void,
): Promise<CsvExport> {
  // Each page becomes a Blob as it is read, so the text is encoded a page at a time and the
  // final Blob only joins them: encoding a million rows at once blocks the page for 300 ms.
  const parts: Blob[] = [new Blob([csvLine(columns.map((column) => text[column.key]))])];
  let after = -1;
  let done = 0;
  const { total } = await store.readLogs(deliveryId, { limit: 1, status });
  for (;;) {
    const rows = await store.readLogsAfter(deliveryId, { after, limit: EXPORT_PAGE, status });
    if (rows.length === 0) break;
    let chunk = '';
    for (const row of rows) chunk += csvLine(columns.map((column) => column.csv(row, text)));
    parts.push(new Blob([chunk]));
    done += rows.length;
    after = rows[rows.length - 1]!.recipient;
    onProgress(total === 0 ? 1 : Math.min(1, done / total));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { csv: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows: done };
}
