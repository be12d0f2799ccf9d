/**
 * The timeline's and the breakdown's render, for a 5,000,000-recipient delivery after its
 * feedback: each element read once from the real store, then rendered again from that data with
 * something that changes every path or row (the engagement series on and off, the sort column),
 * the slowest of the samples being the figure: the frame budget is 16 ms. Their first read and
 * render from the store is reported beside them.
 */
import '../components/index.js';
import type { DeliveryBreakdown, DeliveryTimeline } from '../components/index.js';
import type { DeliveryStore } from '../src/index.js';
import { report, time } from './figures.js';

const SAMPLES = 10;

async function slowestRender(
  element: HTMLElement & { updateComplete: Promise<boolean> },
  change: (sample: number) => void,
): Promise<number> {
  let slowest = 0;
  for (let sample = 0; sample < SAMPLES; sample++) {
    const started = performance.now();
    change(sample);
    await element.updateComplete;
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}

export async function chartFigures(store: DeliveryStore, deliveryId: string): Promise<void> {
  const timeline = document.createElement('delivery-timeline') as DeliveryTimeline;
  Object.assign(timeline, { store, deliveryId, wholeValidity: true });
  const first = await time(async () => {
    document.body.append(timeline);
    await timeline.settled();
  });
  const intervals =
    Number(
      timeline.shadowRoot!.querySelector('[part="chart"]')?.getAttribute('aria-valuemax') ?? 0,
    ) + 1;
  if (intervals < 84 * 60)
    throw new Error(`the timeline spans ${intervals} intervals, not a whole validity`);
  await report('timeline_first_read_render_ms', first.ms, 'ms', null);
  await report(
    'timeline_render_ms',
    await slowestRender(timeline, (sample) => (timeline.showEngagement = sample % 2 === 0)),
    'ms',
    16,
  );
  timeline.remove();

  const breakdown = document.createElement('delivery-breakdown') as DeliveryBreakdown;
  Object.assign(breakdown, { store, deliveryId });
  const firstBreakdown = await time(async () => {
    document.body.append(breakdown);
    await breakdown.settled();
  });
  const sortButtons = () => [
    ...breakdown.shadowRoot!.querySelectorAll<HTMLButtonElement>(
      '[part="providers"] [part="sort"]',
    ),
  ];
  if (sortButtons().length === 0) throw new Error('the breakdown rendered no table');
  await report('breakdown_first_read_render_ms', firstBreakdown.ms, 'ms', null);
  await report(
    'breakdown_render_ms',
    await slowestRender(breakdown, (sample) =>
      sortButtons()[sample % sortButtons().length]!.click(),
    ),
    'ms',
    16,
  );
  breakdown.remove();
}
