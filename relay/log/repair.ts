/**
 * `--repair`: a damaged segment is rewritten with every readable event it holds, in order, and
 * each damaged stretch of bytes is moved to `<segment>.damaged-<offset>` beside it for whoever
 * looks into it. Where sequences are lost (a damaged line held an event), the repair records the
 * gap in `repairs.ndjson`, so later starts know the gap was repaired rather than made, and no
 * lost sequence is ever given to a new event (a reader may have seen it).
 */
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scan } from './segment-scan.js';

const REPAIRS_FILE = 'repairs.ndjson';

/** A gap a repair left: sequence `after` is followed by `next`. */
export interface RepairedGap {
  readonly after: number;
  readonly next: number;
}

/** The gaps earlier repairs left, by the sequence before each. */
export async function readRepairedGaps(dir: string): Promise<Map<number, number>> {
  const gaps = new Map<number, number>();
  let text: string;
  try {
    text = await readFile(join(dir, REPAIRS_FILE), 'utf8');
  } catch {
    return gaps;
  }
  for (const line of text.split('\n')) {
    // An unreadable record only forgets its gaps: the start then refuses them, and a second
    // --repair records them again. Nothing is accepted that no repair recorded.
    let record: { gaps?: unknown };
    try {
      record = JSON.parse(line) as { gaps?: unknown };
    } catch {
      continue;
    }
    if (typeof record !== 'object' || record === null || !Array.isArray(record.gaps)) continue;
    for (const gap of record.gaps as Partial<RepairedGap>[]) {
      if (Number.isSafeInteger(gap.after) && Number.isSafeInteger(gap.next))
        gaps.set(gap.after!, gap.next!);
    }
  }
  return gaps;
}

async function writeDurably(path: string, bytes: Buffer, flags: string): Promise<void> {
  const file = await open(path, flags);
  try {
    await file.writeFile(bytes);
    await file.datasync();
  } finally {
    await file.close();
  }
}

/**
 * Moves the damaged bytes aside, records the repair, then replaces the segment with its kept
 * lines (a rename, so a crash leaves either the old file, refused again, or the new one).
 */
export async function repairSegment(
  dir: string,
  name: string,
  bytes: Buffer,
  scan: Scan,
  gaps: readonly RepairedGap[],
): Promise<string[]> {
  const moved: string[] = [];
  for (const damage of scan.damage) {
    const aside = `${name}.damaged-${damage.start}`;
    await writeDurably(join(dir, aside), bytes.subarray(damage.start, damage.end), 'w');
    moved.push(aside);
  }
  const record = {
    repaired: new Date().toISOString(),
    segment: name,
    damaged: scan.damage.map((damage, index) => ({
      offset: damage.start,
      bytes: damage.end - damage.start,
      reason: damage.reason,
      movedTo: moved[index],
    })),
    gaps,
  };
  await writeDurably(join(dir, REPAIRS_FILE), Buffer.from(`${JSON.stringify(record)}\n`), 'a');
  const kept = Buffer.concat(scan.lines.map((line) => bytes.subarray(line.start, line.end)));
  await writeDurably(join(dir, `${name}.repairing`), kept, 'w');
  await rename(join(dir, `${name}.repairing`), join(dir, name));
  return moved;
}
