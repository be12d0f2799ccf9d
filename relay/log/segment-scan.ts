/**
 * Reading a segment file back at start, as pure data: which lines hold the events in sequence,
 * which bytes are damaged (a line that is not one, a sequence seen before or going back), where
 * sequences jump (events lost), and an incomplete last record (a write cut off by a crash before
 * its fsync, so never acknowledged). What to do about each is the file log's decision.
 */
import type { ProviderEvent } from '../../src/feedback/index.js';

const NEWLINE = 0x0a;

export interface ScannedLine {
  readonly start: number;
  readonly end: number;
  readonly seq: number;
  readonly event: ProviderEvent;
}

/** Bytes that are not the log's: a damaged line, or several in a row. */
export interface Damage {
  readonly start: number;
  readonly end: number;
  readonly reason: string;
  /** Lines in it that could have held an event (not a repeat of one kept). */
  readonly unreadable: number;
}

/** Sequences skipped: `after` is followed by `next`. */
export interface Gap {
  readonly after: number;
  readonly next: number;
  /** Byte offset of the line after the gap. */
  readonly offset: number;
}

export interface Scan {
  readonly lines: ScannedLine[];
  readonly damage: Damage[];
  readonly gaps: Gap[];
  /** Offset of an incomplete last record, or null. */
  readonly torn: number | null;
  /** The sequence after the last line kept. */
  readonly next: number;
}

function readLine(text: string): { seq: number; event: ProviderEvent } | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const { seq, ...event } = value as { seq: unknown } & ProviderEvent;
    return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? { seq, event } : null;
  } catch {
    return null;
  }
}

/**
 * Scans `bytes`, whose first line should hold `next`. A line holding a later sequence is kept
 * (after a gap) and the gap reported; a torn record is only possible at the end of the last file.
 */
export function scanSegment(bytes: Buffer, next: number, isLast: boolean): Scan {
  const lines: ScannedLine[] = [];
  const damage: Damage[] = [];
  const gaps: Gap[] = [];
  let torn: number | null = null;
  const damaged = (start: number, end: number, reason: string, unreadable: number) => {
    const previous = damage.at(-1);
    // Damaged lines next to each other are one region, named by its first problem.
    if (previous && previous.end === start) {
      damage[damage.length - 1] = {
        ...previous,
        end,
        unreadable: previous.unreadable + unreadable,
      };
    } else {
      damage.push({ start, end, reason, unreadable });
    }
  };
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(NEWLINE, start);
    if (newline < 0) {
      if (isLast) torn = start;
      else damaged(start, bytes.length, 'an incomplete last line in a closed segment', 1);
      break;
    }
    const end = newline + 1;
    const line = readLine(bytes.toString('utf8', start, newline));
    if (!line) {
      damaged(start, end, 'not a log line', 1);
    } else if (line.seq < next) {
      damaged(start, end, `sequence ${line.seq} again, after ${next - 1}`, 0);
    } else {
      if (line.seq > next) gaps.push({ after: next - 1, next: line.seq, offset: start });
      lines.push({ start, end, seq: line.seq, event: line.event });
      next = line.seq + 1;
    }
    start = end;
  }
  return { lines, damage, gaps, torn, next };
}
