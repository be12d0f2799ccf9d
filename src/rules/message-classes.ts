/**
 * A message's "class" is the rank of the strongest outcome event it received (0 = none), or
 * EXCLUDED_CLASS. Statuses, failure types and indicator membership are functions of the class and
 * the mode, compiled here from OUTCOME_RULES into small lookup tables for the hot paths.
 */
import type { DeliveryMode, FailureType, RecipientStatus } from '../types.js';
import { BOUNCE_DEFINITION, OUTCOME_RULES, UNRELAYED_STATUS } from './feedback-rules.js';

export const CLASS_COUNT = OUTCOME_RULES.length + 2;
export const UNRELAYED_CLASS = 0;
export const EXCLUDED_CLASS = CLASS_COUNT - 1;
/** Mask bit of a recipient excluded at preparation. */
export const EXCLUDED_BIT = 0x80;
export const OPEN_BIT = 1;
export const CLICK_BIT = 2;

/** Mask bit of an outcome event: one bit per rank. */
export function outcomeBit(rank: number): number {
  return 1 << (rank - 1);
}

/** CLASS_OF_MASK[mask] = class of a message with that received-events mask. */
export const CLASS_OF_MASK: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let mask = 0; mask < 256; mask++) {
    if (mask & EXCLUDED_BIT) {
      table[mask] = EXCLUDED_CLASS;
      continue;
    }
    let strongest = UNRELAYED_CLASS;
    for (const rule of OUTCOME_RULES) if (mask & outcomeBit(rule.rank)) strongest = rule.rank;
    table[mask] = strongest;
  }
  return table;
})();

export function statusOfClass(mode: DeliveryMode, cls: number): RecipientStatus {
  if (cls === EXCLUDED_CLASS) return 'ignored';
  if (cls === UNRELAYED_CLASS) return UNRELAYED_STATUS;
  return OUTCOME_RULES[cls - 1]!.status[mode];
}

export function failureTypeOfClass(cls: number): FailureType | null {
  if (cls === EXCLUDED_CLASS) return 'ignored';
  if (cls === UNRELAYED_CLASS) return null;
  return OUTCOME_RULES[cls - 1]!.failureType;
}

export function isBounceClass(mode: DeliveryMode, cls: number): boolean {
  const definition = BOUNCE_DEFINITION[mode];
  if (statusOfClass(mode, cls) !== definition.status) return false;
  return definition.failureType === null || failureTypeOfClass(cls) === definition.failureType;
}

/** Classes whose messages have the status, per mode. */
export function classesWithStatus(mode: DeliveryMode, status: RecipientStatus): number[] {
  const classes: number[] = [];
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    if (statusOfClass(mode, cls) === status) classes.push(cls);
  }
  return classes;
}

/** The class of messages still being retried after a soft bounce. */
export const RETRYING_CLASS = OUTCOME_RULES.find((rule) => rule.type === 'soft-bounce')!.rank;
