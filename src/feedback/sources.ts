/**
 * Reading what was given to import: strings, ArrayBuffers, Blobs and Files (one or several),
 * parsed JSON. A JSON file holds one payload or an array of them; an NDJSON file one payload per
 * line, read as a stream (`Blob.stream()`, never one giant string); an `.eml` file one message.
 * Everything comes out as entries with their position, in batches.
 */
import type { FeedbackInput } from './types.js';
import { looksLikeMail } from './detect.js';

/** Lines longer than this are refused unread (a payload is a few KB). */
export const MAX_LINE_CHARS = 1_000_000;

export type Entry =
  | { readonly file?: string; readonly position: number; readonly payload: unknown }
  /** Consecutive NDJSON lines: payloads[i] is at position + i. */
  | { readonly file?: string; readonly position: number; readonly payloads: readonly unknown[] }
  | { readonly file?: string; readonly position: number; readonly mail: string | ArrayBuffer }
  | { readonly file?: string; readonly position: number; readonly error: string };

type Kind = 'json' | 'ndjson' | 'eml' | 'sniff';

function kindOfName(name: string | undefined): Kind {
  const extension = /\.([a-z]+)$/i.exec(name ?? '')?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  if (extension === 'eml') return 'eml';
  return 'sniff';
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/** Entries of a parsed JSON value: an array is several payloads (positions from 0). */
function* jsonEntries(value: unknown, file: string | undefined): Generator<Entry> {
  if (Array.isArray(value)) {
    for (let position = 0; position < value.length; position++)
      yield { file, position, payload: value[position] };
  } else {
    yield { file, position: 0, payload: value };
  }
}

function parseJson(text: string, file: string | undefined): Entry[] {
  try {
    return [...jsonEntries(JSON.parse(text), file)];
  } catch (error) {
    return [{ file, position: 0, error: `not JSON: ${(error as Error).message.slice(0, 200)}` }];
  }
}

function parseLine(line: string, position: number, file: string | undefined): Entry {
  try {
    return { file, position, payload: JSON.parse(line) };
  } catch {
    return { file, position, error: 'not a JSON line' };
  }
}

/** How many lines a text of complete lines holds. */
function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * NDJSON lines of a Blob, streamed: never more than one chunk (and one line) in memory. Each
 * line is parsed on its own: a line is one JSON value or it is rejected whole. (Parsing a chunk
 * as one array joined at its newlines was no faster, measured, and took `{…},{…}` for two lines
 * and `[0` + `0]` for one.)
 */
async function* blobLines(
  blob: Blob,
  file: string | undefined,
  onRead: (bytes: number) => void,
): AsyncGenerator<Entry[]> {
  const reader = blob.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  let line = 0;
  let skipping = false;
  for (;;) {
    const { done, value } = await reader.read();
    const text = done ? `${rest}\n` : rest + value;
    if (!done) onRead(value.length);
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      rest = text;
      if (rest.length > MAX_LINE_CHARS) {
        if (!skipping)
          yield [
            { file, position: line + 1, error: `line of more than ${MAX_LINE_CHARS} characters` },
          ];
        skipping = true;
        rest = '';
      }
      continue;
    }
    rest = text.slice(last + 1);
    const body = text.slice(0, last);
    if (skipping) {
      // The rest of an over-long line ends here; its remaining lines are read one by one.
      skipping = false;
      const cut = body.indexOf('\n');
      line++;
      if (cut >= 0) yield chunkLines(body.slice(cut + 1), line, file);
      line += cut >= 0 ? lineCount(body.slice(cut + 1)) : 0;
    } else {
      yield chunkLines(body, line + 1, file);
      line += lineCount(body);
    }
    if (done) break;
  }
}

/**
 * NDJSON lines of a text or a chunk, from line `first`: runs of good lines as one entry each, a
 * bad line as its own entry, blank lines skipped.
 */
function chunkLines(body: string, first: number, file: string | undefined): Entry[] {
  const entries: Entry[] = [];
  let run: unknown[] = [];
  let runStart = first;
  const endRun = () => {
    if (run.length > 0) entries.push({ file, position: runStart, payloads: run });
    run = [];
  };
  let position = first;
  for (let start = 0; start <= body.length; position++) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const line = body.slice(start, end).trim();
    start = end + 1;
    if (line === '') {
      endRun();
      continue;
    }
    const entry =
      line.length > MAX_LINE_CHARS
        ? { file, position, error: `line of ${line.length} characters (at most ${MAX_LINE_CHARS})` }
        : parseLine(line, position, file);
    if ('payload' in entry) {
      if (run.length === 0) runStart = position;
      run.push(entry.payload);
    } else {
      endRun();
      entries.push(entry);
    }
  }
  endRun();
  return entries;
}

function sniff(start: string): Kind {
  const first = start.trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  return looksLikeMail(start) ? 'eml' : 'json';
}

async function* fromText(
  text: string,
  kind: Kind,
  file: string | undefined,
): AsyncGenerator<Entry[]> {
  const chosen = kind === 'sniff' ? sniff(text.slice(0, 2000)) : kind;
  if (chosen === 'eml') {
    yield [{ file, position: 0, mail: text }];
  } else if (chosen === 'ndjson') {
    yield chunkLines(text, 1, file);
  } else {
    const whole = parseJson(text, file);
    // A file of several JSON lines, not named .ndjson: read it line by line.
    const lines = 'error' in whole[0]! && kind === 'sniff' && text.trim().includes('\n');
    yield lines ? chunkLines(text, 1, file) : whole;
  }
}

async function* fromBlob(blob: Blob, onRead: (bytes: number) => void): AsyncGenerator<Entry[]> {
  const file = typeof File !== 'undefined' && blob instanceof File ? blob.name : undefined;
  let kind = kindOfName(file);
  try {
    if (kind === 'sniff') kind = sniff(await blob.slice(0, 2000).text());
    if (kind === 'ndjson') {
      yield* blobLines(blob, file, onRead);
      return;
    }
    if (kind === 'eml') {
      onRead(blob.size);
      yield [{ file, position: 0, mail: await blob.arrayBuffer() }];
      return;
    }
    const text = await blob.text();
    onRead(blob.size);
    yield* fromText(text, 'sniff', file);
  } catch (error) {
    yield [{ file, position: 0, error: `the file could not be read (${(error as Error).name})` }];
  }
}

/** Mail files read at once: reading a file waits on the browser, so several wait together. */
const MAIL_READS = 32;

async function* fromBlobs(
  blobs: readonly Blob[],
  onRead: (bytes: number) => void,
): AsyncGenerator<Entry[]> {
  const isMail = (blob: Blob) => kindOfName(blob instanceof File ? blob.name : undefined) === 'eml';
  for (let start = 0; start < blobs.length;) {
    if (!isMail(blobs[start]!)) {
      yield* fromBlob(blobs[start++]!, onRead);
      continue;
    }
    let end = start;
    while (end < blobs.length && end - start < MAIL_READS && isMail(blobs[end]!)) end++;
    const group = blobs.slice(start, end) as File[];
    const read = await Promise.all(
      group.map((file) =>
        file.arrayBuffer().then(
          (mail): Entry => {
            onRead(file.size);
            return { file: file.name, position: 0, mail };
          },
          (error: unknown): Entry => ({
            file: file.name,
            position: 0,
            error: `the file could not be read (${(error as Error).name})`,
          }),
        ),
      ),
    );
    yield read;
    start = end;
  }
}

/** The total size of what will be read, for progress; 0 when unknown. */
export function sizeOf(input: FeedbackInput): number {
  try {
    if (isBlob(input)) return input.size;
    if (Array.isArray(input) && input.every(isBlob))
      return input.reduce((sum, blob: Blob) => sum + blob.size, 0);
  } catch {
    // An input that cannot be looked at has no size; reading it reports why.
  }
  return 0;
}

/** Every entry of the input, in batches, as it is read. */
export async function* readEntries(
  input: FeedbackInput,
  onRead: (bytes: number) => void = () => undefined,
): AsyncGenerator<Entry[]> {
  if (isBlob(input)) {
    yield* fromBlob(input, onRead);
  } else if (Array.isArray(input) && input.length > 0 && input.every(isBlob)) {
    yield* fromBlobs(input as readonly Blob[], onRead);
  } else if (typeof input === 'string') {
    yield* fromText(input, 'sniff', undefined);
  } else if (input instanceof ArrayBuffer) {
    const text = new TextDecoder().decode(input);
    yield sniff(text.slice(0, 2000)) === 'eml'
      ? [{ position: 0, mail: input }]
      : [...(await collect(fromText(text, 'sniff', undefined)))];
  } else {
    yield [...jsonEntries(input, undefined)];
  }
}

async function collect(batches: AsyncGenerator<Entry[]>): Promise<Entry[]> {
  const all: Entry[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}
