/**
 * The embedded log: NDJSON segment files in one folder, one line per event (`{"seq":…, …event}`).
 * Appends from concurrent requests are written together and made durable with one fsync (group
 * commit), and only then acknowledged and shown to readers: a sequence a reader saw can never be
 * lost or reused. A write that fails (a full disk, an I/O error) is rolled back to the last whole
 * record and refused, and the next one tries again. On start every segment is read back to
 * rebuild the line index and the dedupe keys: an incomplete last record (never acknowledged) is
 * cut off; any other damage is refused with its file and offset unless `repair` is set.
 * Over 300 lines: appending, reading and loading share the segments and sequences they keep,
 * and each path of a failing disk is handled where the state it touches is.
 */
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderEvent } from '../../src/feedback/index.js';
import {
  entriesResult,
  isSharedValue,
  providerEntry,
  storedKey,
  Waiters,
  withSeq,
  type AppendResult,
  type EntriesResult,
  type EventLog,
  type LogEntry,
  type StoredEvent,
} from './event-log.js';
import { logId } from './log-id.js';
import { readRepairedGaps, repairSegment, type RepairedGap } from './repair.js';
import { Segment } from './segment.js';
import { scanSegment } from './segment-scan.js';

const SEGMENT_PATTERN = /^segment-(\d{16})\.ndjson$/;

export interface FileLogOptions {
  readonly dir: string;
  /** A segment is closed once it reaches this size. Default 64 MiB. */
  readonly segmentBytes?: number;
  /** Start on a damaged log: keep every readable event, move the damaged bytes aside. */
  readonly repair?: boolean;
}

/** A log file whose data does not read back as the relay wrote it: the relay does not start. */
export class LogCorruptError extends Error {
  override readonly name = 'LogCorruptError';
}

/** A write that did not reach the disk whole: nothing of it is kept or acknowledged. */
export class LogWriteError extends Error {
  override readonly name = 'LogWriteError';
}

interface Pending {
  readonly entries: LogEntry[];
  /** Each entry's sequence once written (filled by write). */
  readonly seqs: number[];
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
  /** The sequences of shared entries (facts, provider events that denylist), ascending. */
  private readonly sharedSeqs: number[] = [];
  private readonly waiters = new Waiters();
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** The highest sequence stored. */
  private last = 0;
  /** The highest sequence given out or lost: new events are numbered after it. */
  private reserved = 0;
  /** A segment whose failed write could not be cut back yet: cut before the next write. */
  private rollback: Segment | null = null;
  private readonly closing = new AbortController();

  private constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
    readonly id: string,
  ) {}

  static async open(options: FileLogOptions): Promise<FileLog> {
    await mkdir(options.dir, { recursive: true });
    const log = new FileLog(
      options.dir,
      options.segmentBytes ?? 64 * 1024 * 1024,
      await logId(options.dir),
    );
    try {
      await log.load(options.repair ?? false);
    } catch (error) {
      for (const segment of log.segments) await segment.file.close();
      throw error;
    }
    return log;
  }

  /** The highest sequence given out (stored, or lost to a repaired damage): never reused. */
  head(): number {
    return this.reserved;
  }

  writable(): boolean {
    return !this.closing.signal.aborted;
  }

  async append(events: readonly ProviderEvent[]): Promise<AppendResult> {
    const { stored, duplicates } = await this.appendEntries(events.map(providerEntry));
    return { stored, duplicates };
  }

  async appendEntries(entries: readonly LogEntry[]): Promise<EntriesResult> {
    if (this.closing.signal.aborted) throw new LogWriteError('the log is closed');
    const fresh: LogEntry[] = [];
    const positions: number[] = [];
    entries.forEach((entry, position) => {
      // Reserved at once, so a concurrent retry of the same post counts as a duplicate.
      if (this.keys.has(entry.key)) return;
      this.keys.add(entry.key);
      fresh.push(entry);
      positions.push(position);
    });
    const seqs: (number | null)[] = entries.map(() => null);
    if (fresh.length > 0) {
      const written: number[] = [];
      await new Promise<void>((resolve, reject) => {
        this.pending.push({ entries: fresh, seqs: written, resolve, reject });
        this.flushing ??= this.flush();
      });
      positions.forEach((position, index) => (seqs[position] = written[index]!));
    }
    return entriesResult(seqs);
  }

  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    let seq = Math.max(0, Math.floor(after)) + 1;
    for (let at = this.segmentOf(seq); at < this.segments.length && out.length < limit; at++) {
      const segment = this.segments[at]!;
      const from = segment.indexFrom(seq);
      const to = Math.min(segment.count, from + (limit - out.length));
      if (from >= to) continue;
      const { start, end } = segment.bytes(from, to);
      const bytes = Buffer.alloc(end - start);
      await segment.file.read(bytes, 0, bytes.length, start);
      let offset = 0;
      for (let line = from; line < to; line++) {
        const length = segment.lineLength(line);
        const json = bytes.toString('utf8', offset, offset + length - 1);
        out.push({ seq: segment.seqAt(line), json });
        offset += length;
      }
      seq = out.at(-1)!.seq + 1;
    }
    return out;
  }

  async readShared(after: number, limit: number): Promise<StoredEvent[]> {
    let low = 0;
    let high = this.sharedSeqs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sharedSeqs[middle]! <= after) low = middle + 1;
      else high = middle;
    }
    const out: StoredEvent[] = [];
    for (let at = low; at < this.sharedSeqs.length && out.length < limit; at++)
      out.push(...(await this.read(this.sharedSeqs[at]! - 1, 1)));
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
        let seq = await this.write(batch.flatMap((pending) => pending.entries));
        for (const pending of batch) {
          for (let index = 0; index < pending.entries.length; index++) pending.seqs.push(++seq);
          pending.resolve();
        }
      } catch (error) {
        for (const pending of batch) {
          for (const entry of pending.entries) this.keys.delete(entry.key);
          pending.reject(error);
        }
      }
      this.waiters.wake();
    }
    this.flushing = null;
  }

  /** Writes the entries after the last sequence; returns the sequence before the first. */
  private async write(entries: LogEntry[]): Promise<number> {
    if (this.rollback) await this.cutBack(this.rollback);
    let segment = this.segments.at(-1);
    if (!segment || segment.size >= this.segmentBytes) segment = await this.startSegment();
    const lines: string[] = [];
    const before = this.reserved;
    let seq = before;
    for (const entry of entries) lines.push(`${withSeq(entry.json, ++seq)}\n`);
    const bytes = Buffer.from(lines.join(''));
    try {
      // A write may take only part of the bytes (a disk filling up): the rest is written on,
      // until all of it is or the system refuses.
      for (let written = 0; written < bytes.length;) {
        const { bytesWritten } = await segment.file.write(
          bytes,
          written,
          bytes.length - written,
          segment.size + written,
        );
        written += bytesWritten;
      }
      await segment.file.datasync();
    } catch (error) {
      this.rollback = segment;
      await this.cutBack(segment).catch(() => undefined);
      throw new LogWriteError(`the log could not write to ${segment.name}`, { cause: error });
    }
    seq = this.reserved;
    for (const line of lines) segment.add(++seq, Buffer.byteLength(line));
    // Indexed before the sequences show: a replica reading up to the head misses none.
    entries.forEach((entry, index) => entry.shared && this.sharedSeqs.push(before + index + 1));
    this.last = this.reserved = seq;
    return before;
  }

  /** Cuts a segment back to its last whole record, after a write that failed part-way. */
  private async cutBack(segment: Segment): Promise<void> {
    await segment.file.truncate(segment.size);
    await segment.file.datasync();
    this.rollback = null;
  }

  private async startSegment(): Promise<Segment> {
    const first = this.reserved + 1;
    const name = segmentName(first);
    const segment = new Segment(first, await open(join(this.dir, name), 'wx+'), name);
    this.segments.push(segment);
    return segment;
  }

  /** The index of the last segment whose name's first sequence is at most `seq` (0 if none). */
  private segmentOf(seq: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.segments[middle]!.first <= seq) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Reads every segment back, in order; damage refused, or repaired when asked. */
  private async load(repair: boolean): Promise<void> {
    const names = (await readdir(this.dir)).filter((name) => SEGMENT_PATTERN.test(name)).sort();
    const repaired = await readRepairedGaps(this.dir);
    for (const [index, name] of names.entries()) {
      const path = join(this.dir, name);
      const isLast = index === names.length - 1;
      const bytes = await readFile(path);
      const scan = scanSegment(bytes, this.reserved + 1, isLast);
      // Unreadable lines after the last event kept may have held events readers saw: their
      // sequences stay unused.
      const tail = scan.damage.filter((damage) => damage.start >= (scan.lines.at(-1)?.end ?? 0));
      const lost = isLast ? tail.reduce((sum, damage) => sum + damage.unreadable, 0) : 0;
      const gaps: RepairedGap[] = scan.gaps.map(({ after, next }) => ({ after, next }));
      if (lost > 0) gaps.push({ after: scan.next - 1, next: scan.next + lost });
      const unknownGap = scan.gaps.find((gap) => repaired.get(gap.after) !== gap.next);
      const problem = scan.damage[0] ?? null;
      if (!repair && (problem || unknownGap)) {
        const [offset, what] = problem
          ? [problem.start, problem.reason]
          : [unknownGap!.offset, `sequence ${unknownGap!.next} follows ${unknownGap!.after}`];
        throw new LogCorruptError(
          `${path}: damaged at byte ${offset} (${what}). Nothing was changed; start with --repair ` +
            'to keep every readable event and move the damaged bytes aside.',
        );
      }
      if (repair && (problem || unknownGap)) {
        const moved = await repairSegment(this.dir, name, bytes, scan, gaps);
        for (const gap of gaps) repaired.set(gap.after, gap.next);
        console.warn(
          `sendkit relay: repaired ${path}: kept ${scan.lines.length} events` +
            (moved.length > 0 ? `, damaged bytes moved to ${moved.join(', ')}` : '') +
            (gaps.length > 0
              ? `; lost sequences: ${gaps.map((gap) => `${gap.after + 1}–${gap.next - 1}`).join(', ')}`
              : ''),
        );
      }
      const file = await open(path, 'r+');
      const segment = new Segment(Number(SEGMENT_PATTERN.exec(name)![1]), file, name);
      this.segments.push(segment);
      for (const line of scan.lines) {
        const value = line.event as unknown as Record<string, unknown>;
        this.keys.add(storedKey(value));
        if (isSharedValue(value)) this.sharedSeqs.push(line.seq);
        segment.add(line.seq, line.end - line.start);
      }
      if (scan.torn !== null && !problem) {
        // A record cut off mid-write was never acknowledged: its provider posts it again.
        console.warn(
          `sendkit relay: ${path}: cut off an incomplete last record at byte ${scan.torn}`,
        );
        await file.truncate(segment.size);
        await file.datasync();
      }
      this.last = this.reserved = Math.max(this.reserved, scan.next - 1);
    }
    // Sequences a repair found lost at the very end are never given out again.
    const skipped = repaired.get(this.last);
    if (skipped !== undefined && skipped > this.last + 1) this.reserved = skipped - 1;
  }
}
