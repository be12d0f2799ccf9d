/**
 * The embedded log: NDJSON segment files in one folder, one line per event (`{"seq":…, …event}`).
 * Appends from concurrent requests are written together and made durable with one fsync (group
 * commit), and only then acknowledged and shown to readers: a sequence a reader saw can never be
 * lost or reused. On start every segment is read back to rebuild the line index and the dedupe
 * keys; a torn last line (a crash mid-write, never acknowledged) is cut off.
 */
import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderEvent } from '../../src/feedback/index.js';
import {
  dedupeKey,
  encodeEvent,
  Waiters,
  type AppendResult,
  type EventLog,
  type StoredEvent,
} from './event-log.js';

const SEGMENT_PATTERN = /^segment-(\d{16})\.ndjson$/;
const NEWLINE = 0x0a;

export interface FileLogOptions {
  readonly dir: string;
  /** A segment is closed once it reaches this size. Default 64 MiB. */
  readonly segmentBytes?: number;
}

/** A log file whose data does not read back as the relay wrote it. */
export class LogCorruptError extends Error {
  override readonly name = 'LogCorruptError';
}

interface Segment {
  readonly first: number;
  readonly file: FileHandle;
  size: number;
  /** Byte offset of each line's start, and one past the last line's end. */
  offsets: Float64Array;
  count: number;
}

interface Pending {
  readonly events: ProviderEvent[];
  readonly keys: string[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

function segmentName(first: number): string {
  return `segment-${String(first).padStart(16, '0')}.ndjson`;
}

export class FileLog implements EventLog {
  readonly kind = 'file';
  private readonly segments: Segment[] = [];
  private readonly keys = new Set<string>();
  private readonly waiters = new Waiters();
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private last = 0;
  private readonly closing = new AbortController();

  private constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  static async open(options: FileLogOptions): Promise<FileLog> {
    const log = new FileLog(options.dir, options.segmentBytes ?? 64 * 1024 * 1024);
    await mkdir(options.dir, { recursive: true });
    const names = (await readdir(options.dir)).filter((name) => SEGMENT_PATTERN.test(name)).sort();
    for (const [index, name] of names.entries()) {
      await log.load(name, index === names.length - 1);
    }
    return log;
  }

  head(): number {
    return this.last;
  }

  async append(events: readonly ProviderEvent[]): Promise<AppendResult> {
    if (this.closing.signal.aborted) throw new Error('the log is closed');
    const fresh: ProviderEvent[] = [];
    const keys: string[] = [];
    for (const event of events) {
      const key = dedupeKey(event);
      // Reserved at once, so a concurrent retry of the same post counts as a duplicate.
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      fresh.push(event);
      keys.push(key);
    }
    if (fresh.length > 0) {
      await new Promise<void>((resolve, reject) => {
        this.pending.push({ events: fresh, keys, resolve, reject });
        this.flushing ??= this.flush();
      });
    }
    return { stored: fresh.length, duplicates: events.length - fresh.length };
  }

  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const from = Math.max(0, Math.floor(after)) + 1;
    const to = Math.min(this.last, from + limit - 1);
    const out: StoredEvent[] = [];
    for (let seq = from; seq <= to;) {
      const segment = this.segmentOf(seq)!;
      const start = seq - segment.first;
      const end = Math.min(segment.count, to - segment.first + 1);
      const begin = segment.offsets[start]!;
      const bytes = Buffer.alloc(segment.offsets[end]! - begin);
      await segment.file.read(bytes, 0, bytes.length, begin);
      let at = 0;
      for (let line = start; line < end; line++) {
        const length = segment.offsets[line + 1]! - segment.offsets[line]!;
        out.push({ seq: segment.first + line, json: bytes.toString('utf8', at, at + length - 1) });
        at += length;
      }
      seq = segment.first + end;
    }
    return out;
  }

  waitFor(seq: number, signal: AbortSignal): Promise<boolean> {
    return this.waiters.wait(() => this.last > seq, this.closing.signal, signal);
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.flushing;
    for (const segment of this.segments) await segment.file.close();
  }

  /** Writes everything pending in one write and one fsync, then acknowledges it. */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.write(batch.flatMap((pending) => pending.events));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) {
          for (const key of pending.keys) this.keys.delete(key);
          pending.reject(error);
        }
      }
      this.waiters.wake();
    }
    this.flushing = null;
  }

  private async write(events: ProviderEvent[]): Promise<void> {
    let segment = this.segments.at(-1);
    if (!segment || segment.size >= this.segmentBytes) segment = await this.startSegment();
    const lines: string[] = [];
    const lengths: number[] = [];
    let seq = this.last;
    for (const event of events) {
      const line = `${encodeEvent(event, ++seq)}\n`;
      lines.push(line);
      lengths.push(Buffer.byteLength(line));
    }
    const bytes = Buffer.from(lines.join(''));
    await segment.file.write(bytes, 0, bytes.length, segment.size);
    await segment.file.datasync();
    for (const length of lengths) addLine(segment, segment.size + length);
    this.last = seq;
  }

  private async startSegment(): Promise<Segment> {
    const first = this.last + 1;
    const file = await open(join(this.dir, segmentName(first)), 'a+');
    const segment: Segment = { first, file, size: 0, offsets: new Float64Array(1024), count: 0 };
    this.segments.push(segment);
    return segment;
  }

  private segmentOf(seq: number): Segment | undefined {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.segments[middle]!.first <= seq) low = middle;
      else high = middle - 1;
    }
    return this.segments[low];
  }

  /** Reads one segment back: its line offsets, its events' keys; cuts a torn tail off the last. */
  private async load(name: string, isLast: boolean): Promise<void> {
    const first = Number(SEGMENT_PATTERN.exec(name)![1]);
    if (first !== this.last + 1) {
      throw new LogCorruptError(`${name} starts at ${first}, expected ${this.last + 1}`);
    }
    const file = await open(join(this.dir, name), 'r+');
    const bytes = await file.readFile();
    const segment: Segment = { first, file, size: 0, offsets: new Float64Array(1024), count: 0 };
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(NEWLINE, start);
      const event = end < 0 ? null : readLine(bytes.toString('utf8', start, end));
      if (!event || event.seq !== this.last + 1) {
        if (!isLast) throw new LogCorruptError(`${name}: line at byte ${start} is unreadable`);
        // A write the relay never acknowledged: its lines are dropped; the provider retries.
        await file.truncate(start);
        await file.datasync();
        break;
      }
      this.keys.add(dedupeKey(event.value));
      addLine(segment, end + 1);
      this.last = event.seq;
      start = end + 1;
    }
    this.segments.push(segment);
  }
}

function addLine(segment: Segment, end: number): void {
  if (segment.count + 2 > segment.offsets.length) {
    const grown = new Float64Array(segment.offsets.length * 2);
    grown.set(segment.offsets);
    segment.offsets = grown;
  }
  segment.offsets[segment.count] = segment.size;
  segment.count++;
  segment.offsets[segment.count] = end;
  segment.size = end;
}

function readLine(line: string): { seq: number; value: ProviderEvent } | null {
  try {
    const { seq, ...value } = JSON.parse(line) as { seq: number } & ProviderEvent;
    return Number.isSafeInteger(seq) ? { seq, value } : null;
  } catch {
    return null;
  }
}
