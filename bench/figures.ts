/** The benchmark's output: one figure per line, as `npm run bench` prints them. */
export interface Figure {
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  /** The target, or null for a reference figure. */
  readonly target: number | null;
}

declare global {
  interface Window {
    /** Provided by bench/run.mjs through Playwright. */
    reportFigure?: (figure: Figure) => Promise<void>;
    benchFinished?: (error: string | null) => Promise<void>;
    gc?: () => void;
  }
}

export async function report(
  figure: string,
  value: number,
  unit: string,
  target: number | null,
): Promise<void> {
  const rounded = Math.round(value * 1000) / 1000;
  await window.reportFigure?.({ figure, value: rounded, unit, target });
}

/**
 * The heap once the page is at rest: the current task is left to end first (objects a finished
 * IndexedDB request or promise chain held are only garbage after it), then two full GCs. One GC
 * inside the task that did the work counted up to 225 MB of such garbage at 5M recipients.
 */
export async function settledHeapMb(): Promise<number> {
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  await nextTask();
  heapMb();
  await nextTask();
  return heapMb();
}

export function heapMb(): number {
  window.gc?.();
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / (1024 * 1024) : Number.NaN;
}

export async function time<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Slowest of `samples` runs after one warm-up: "at any offset" means the worst one counts. */
export async function worstOf(
  samples: number,
  work: (sample: number) => Promise<unknown>,
): Promise<number> {
  await work(-1);
  let worst = 0;
  for (let sample = 0; sample < samples; sample++) {
    worst = Math.max(worst, (await time(() => work(sample))).ms);
  }
  return worst;
}
