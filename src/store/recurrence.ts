/** Occurrences of a recurring delivery (SPEC §3): their dates, keys and grouping. */
import { DAY_MS, HOUR_MS } from '../clock.js';
import type { Aggregation, Recurrence } from '../types.js';

export function nextSlot(slot: number, every: Recurrence['every']): number {
  switch (every) {
    case 'hour':
      return slot + HOUR_MS;
    case 'day':
      return slot + DAY_MS;
    case 'week':
      return slot + 7 * DAY_MS;
    case 'month': {
      const date = new Date(slot);
      date.setUTCMonth(date.getUTCMonth() + 1);
      return date.getTime();
    }
  }
}

/** The occurrence a run belongs to: runs of one aggregation period are grouped into one. */
export function occurrenceKey(slot: number, aggregation: Aggregation): string {
  const iso = new Date(slot).toISOString();
  switch (aggregation) {
    case 'none':
      return iso;
    case 'day':
      return iso.slice(0, 10);
    case 'month':
      return iso.slice(0, 7);
  }
}
