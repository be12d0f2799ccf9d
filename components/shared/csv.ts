/**
 * CSV, as every element exports it. Addresses, reasons and names come from outside: every field
 * is quoted when needed, and a leading =, +, - or @ is neutralised so a spreadsheet never runs it
 * as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole table: its header and rows, as a CSV file. */
export function csvFile(header: readonly string[], rows: readonly (readonly string[])[]): Blob {
  return new Blob([csvLine(header), ...rows.map(csvLine)], { type: 'text/csv;charset=utf-8' });
}

/** Saves `file` under `name` through the browser's download (an object URL, revoked later). */
export function downloadFile(file: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = name;
  link.click();
  // Not at once: the download may not have read the object URL yet.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
