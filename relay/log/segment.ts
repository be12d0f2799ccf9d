/**
 * One segment file of the file log in memory: where each line starts, and which sequence each
 * line holds. Sequences run on by one from line to line, except across a gap a repair left (a
 * damaged line whose event is lost): the segment keeps one run per stretch without a gap, so the
 * index stays two numbers per run, not one per line.
 */
import type { FileHandle } from 'node:fs/promises';

/** A stretch of lines whose sequences follow each other: line `index` holds `seq`. */
interface Run {
  readonly index: number;
  readonly seq: number;
}

export class Segment {
  /** Bytes of whole lines (the file may hold more only while a failed write is rolled back). */
  size = 0;
  count = 0;
  /** Byte offset of each line's start, and one past the last line's end. */
  private offsets = new Float64Array(1024);
  private readonly runs: Run[] = [];

  constructor(
    /** The sequence in the segment's name: its first line's, unless a gap follows its start. */
    readonly first: number,
    readonly file: FileHandle,
    readonly name: string,
  ) {}

  /** The sequence after the last line's (the segment's first for an empty one). */
  get next(): number {
    return this.count === 0 ? this.first : this.seqAt(this.count - 1) + 1;
  }

  /** Adds a line of `length` bytes holding `seq` (above every sequence before it). */
  add(seq: number, length: number): void {
    if (this.count + 2 > this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    if (seq !== this.next || this.runs.length === 0) this.runs.push({ index: this.count, seq });
    this.offsets[this.count] = this.size;
    this.count++;
    this.size += length;
    this.offsets[this.count] = this.size;
  }

  seqAt(index: number): number {
    const run = this.runs[this.runAt((run) => run.index <= index)]!;
    return run.seq + (index - run.index);
  }

  /** The first line holding `seq` or a later one; `count` when there is none. */
  indexFrom(seq: number): number {
    if (this.count === 0 || seq <= this.runs[0]!.seq) return 0;
    const at = this.runAt((run) => run.seq <= seq);
    const run = this.runs[at]!;
    const end = this.runs[at + 1]?.index ?? this.count;
    return Math.min(run.index + (seq - run.seq), end);
  }

  /** Byte range of lines `from` … `to - 1`. */
  bytes(from: number, to: number): { start: number; end: number } {
    return { start: this.offsets[from]!, end: this.offsets[to]! };
  }

  lineLength(index: number): number {
    return this.offsets[index + 1]! - this.offsets[index]!;
  }

  /** The last run for which `before` holds (runs are in order of both index and seq). */
  private runAt(before: (run: Run) => boolean): number {
    let low = 0;
    let high = this.runs.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (before(this.runs[middle]!)) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
