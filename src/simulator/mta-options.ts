/** The simulated MTA's options: their defaults and ranges, read once and checked. */
import { InputError } from '../errors.js';
import { readNumberOption, readOptions } from '../rules/valid-input.js';
import type { FeedbackEvent } from '../types.js';
import type { StoryRates } from './stories.js';

export interface MtaOptions extends Partial<StoryRates> {
  /** Messages relayed per model hour, per delivery. Default 360,000 (100 per model second). */
  readonly relayPerHour?: number;
  /** Share of events reported twice (feedback is at-least-once). Default 0. */
  readonly duplicateRate?: number;
  /** Events per applyFeedback call. Default 50,000. */
  readonly batchSize?: number;
  /** Called with every batch before it is applied: a tap for tests and demos. */
  readonly onBatch?: (events: readonly FeedbackEvent[]) => void;
}

export const DEFAULTS: Required<Omit<MtaOptions, 'onBatch'>> = {
  seed: 1,
  hardBounceRate: 0.02,
  softBounceRate: 0.05,
  retrySuccessRate: 0.5,
  openRate: 0.3,
  clickRate: 0.08,
  reportDelayMs: 10 * 60 * 1000,
  relayPerHour: 360_000,
  duplicateRate: 0,
  batchSize: 50_000,
};

/** Range of each numeric option: rates are shares (0–1), the rest counts or durations. */
const RANGES: Record<keyof typeof DEFAULTS, readonly [number, number]> = {
  seed: [0, 0xffffffff],
  hardBounceRate: [0, 1],
  softBounceRate: [0, 1],
  retrySuccessRate: [0, 1],
  openRate: [0, 1],
  clickRate: [0, 1],
  reportDelayMs: [0, 30 * 24 * 3_600_000],
  relayPerHour: [1, 1e9],
  duplicateRate: [0, 1],
  batchSize: [1, 1_000_000],
};

/** The numbers of options already read (readOptions), each checked against its range. */
function numbersOf(
  field: string,
  given: Partial<Record<string, unknown>>,
  keys: readonly (keyof typeof DEFAULTS)[],
): Partial<Record<keyof typeof DEFAULTS, number>> {
  const numbers: Partial<Record<keyof typeof DEFAULTS, number>> = {};
  for (const key of keys) {
    const [min, max] = RANGES[key];
    const number = readNumberOption(`${field}.${key}`, given[key], min, max);
    if (number !== undefined) numbers[key] = number;
  }
  return numbers;
}

/** The MTA's options, read once: numbers in their ranges, `onBatch` a function. */
export function readMtaOptions(options: unknown): MtaOptions {
  const keys = Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[];
  const given = readOptions('options', options, [...keys, 'onBatch']);
  const { onBatch } = given;
  if (onBatch !== undefined && typeof onBatch !== 'function') {
    throw new InputError('options.onBatch', 'a function');
  }
  const numbers = numbersOf('options', given, keys);
  return onBatch === undefined
    ? numbers
    : { ...numbers, onBatch: onBatch as MtaOptions['onBatch'] };
}

const RATE_KEYS = [
  'seed',
  'hardBounceRate',
  'softBounceRate',
  'retrySuccessRate',
  'openRate',
  'clickRate',
  'reportDelayMs',
] as const satisfies readonly (keyof StoryRates)[];

export function readRates(rates: unknown): Partial<StoryRates> {
  return numbersOf('rates', readOptions('rates', rates, RATE_KEYS), RATE_KEYS);
}
