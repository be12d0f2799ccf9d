// Several runs of the same figures, summarised: each figure's median, with the range of its runs
// beside it, in the order the first run reported them. A figure missing from a run (that run
// failed before it) is summarised over the runs that have it.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value) => Math.round(value * 1000) / 1000;

/** `samples`: one array of `{ figure, value, unit, target }` per run. */
export function summarise(samples) {
  const byName = new Map();
  for (const run of samples) {
    for (const { figure, value, unit, target } of run) {
      if (!byName.has(figure)) byName.set(figure, { figure, unit, target, values: [] });
      byName.get(figure).values.push(value);
    }
  }
  return [...byName.values()].map(({ figure, unit, target, values }) => ({
    figure,
    value: round(median(values)),
    unit,
    target,
    runs: values.length,
    range: [round(Math.min(...values)), round(Math.max(...values))],
  }));
}
