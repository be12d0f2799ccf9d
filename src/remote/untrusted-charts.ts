/**
 * The timeline and the breakdown as another page's store answered them (untrusted-records.ts
 * says why): read field by field into the kit's shapes, so the elements draw numbers and known
 * words only. A series is cut or padded to the timeline's length, which is bounded by the
 * timeline's own limit (45 days of minutes), so a page cannot make the sidebar draw forever.
 */
import { BOUNCE_BANDS } from '../rules/breakdown.js';
import { isOneOf } from '../rules/valid-input.js';
import { count, fieldsOf, text, time } from './untrusted-values.js';
import {
  INTERVAL_MS,
  LAST_INTERVAL,
  TIMELINE_SERIES,
  type TimelineSeries,
} from '../rules/timeline.js';
import type { ProviderGroup } from '../rules/providers.js';
import type { HealthBand, ProviderRow, ReasonRow } from '../rules/breakdown.js';
import {
  EXCLUSION_CAUSES,
  FAILURE_REASONS,
  FAILURE_TYPES,
  type Breakdown,
  type Timeline,
} from '../types.js';

const BANDS: readonly HealthBand[] = BOUNCE_BANDS.map((entry) => entry.band);

export function timelineFromData(value: unknown): Timeline {
  const fields = fieldsOf(value) ?? {};
  const startedAt = time(fields['startedAt']);
  const length =
    startedAt === null ? 0 : Math.min(LAST_INTERVAL + 1, Math.floor(count(fields['length'])));
  const given = fieldsOf(fields['series']) ?? {};
  const series = {} as Record<TimelineSeries, number[]>;
  for (const name of TIMELINE_SERIES) {
    const values = Array.isArray(given[name]) ? (given[name] as unknown[]) : [];
    series[name] = Array.from({ length }, (_, index) => count(values[index]));
  }
  return {
    intervalMs: INTERVAL_MS,
    startedAt,
    validityEndsAt: time(fields['validityEndsAt']),
    length,
    series,
  };
}

function groupOf(value: unknown): ProviderGroup {
  const fields = fieldsOf(value) ?? {};
  const label = (given: unknown) => text(given).slice(0, 255);
  if (fields['kind'] === 'provider')
    return { kind: 'provider', key: label(fields['key']), label: label(fields['label']) };
  if (fields['kind'] === 'domain') return { kind: 'domain', domain: label(fields['domain']) };
  return { kind: 'other' };
}

const PROVIDER_COUNTS = [
  'targeted',
  'relayed',
  'delivered',
  'bounces',
  'hardBounces',
  'complaints',
  'opens',
  'clicks',
  'deliveredRate',
  'hardBounceRate',
  'openRate',
  'clickRate',
] as const;

function providerRowOf(value: unknown): ProviderRow {
  const fields = fieldsOf(value) ?? {};
  const band = (given: unknown): HealthBand => (isOneOf(BANDS, given) ? given : 'harmful');
  const complaintRate = fields['complaintRate'] === null ? null : count(fields['complaintRate']);
  return {
    group: groupOf(fields['group']),
    ...(Object.fromEntries(PROVIDER_COUNTS.map((name) => [name, count(fields[name])])) as Record<
      (typeof PROVIDER_COUNTS)[number],
      number
    >),
    hardBounceBand: band(fields['hardBounceBand']),
    complaintRate,
    complaintBand: complaintRate === null ? null : band(fields['complaintBand']),
  };
}

function reasonRowOf(value: unknown): ReasonRow[] {
  const fields = fieldsOf(value) ?? {};
  const { failureType, reason, cause } = fields;
  if (!isOneOf(FAILURE_TYPES, failureType) || !isOneOf(FAILURE_REASONS, reason)) return [];
  return [
    {
      failureType,
      reason,
      cause: isOneOf(EXCLUSION_CAUSES, cause) ? cause : null,
      count: count(fields['count']),
      rate: count(fields['rate']),
    },
  ];
}

/** At most this many rows of each table: the kit's own grouping never makes more. */
const MAX_ROWS = 64;

export function breakdownFromData(value: unknown): Breakdown {
  const fields = fieldsOf(value) ?? {};
  const rows = (given: unknown) => (Array.isArray(given) ? given.slice(0, MAX_ROWS) : []);
  return {
    providers: rows(fields['providers']).map(providerRowOf),
    reasons: rows(fields['reasons']).flatMap(reasonRowOf),
  };
}
