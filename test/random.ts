/** Seeded randomness for property tests: a failing seed replays exactly. */

export type Random = () => number;

export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

export function shuffle<T>(values: T[], random: Random): T[] {
  for (let index = values.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [values[index], values[other]] = [values[other]!, values[index]!];
  }
  return values;
}

export function pick<T>(values: readonly T[], random: Random): T {
  return values[Math.floor(random() * values.length)]!;
}

/** Cuts `values` into consecutive batches of random sizes (at least one each). */
export function splitRandomly<T>(values: readonly T[], random: Random, maxBatches = 8): T[][] {
  const count = 1 + Math.floor(random() * maxBatches);
  const cuts = new Set<number>();
  for (let index = 1; index < count; index++) cuts.add(Math.floor(random() * values.length));
  const sorted = [...cuts].filter((cut) => cut > 0).sort((a, b) => a - b);
  const batches: T[][] = [];
  let start = 0;
  for (const cut of [...sorted, values.length]) {
    if (cut > start) batches.push(values.slice(start, cut));
    start = cut;
  }
  return batches;
}
