/**
 * A message's "class": which outcome event is the strongest it received (by the precedence of
 * OUTCOME_RULES), or "unrelayed", or "excluded". Statuses, failure types and indicator
 * membership are functions of the class and the mode, compiled here into small lookup tables for
 * the hot paths.
 *
 * Class numbers are stored (per-chunk counts, tallies): 0 = unrelayed, 1 + the event's stored
 * code (event-codes.ts) for an outcome event, 7 = excluded. Like the codes, they never change.
 */
import type { DeliveryMode, FailureType, OutcomeEventType, RecipientStatus } from '../types.js';
import { EXCLUDED_BIT, OUTCOME_EVENT_CODES, outcomeBit } from './event-codes.js';
import {
  BOUNCE_DEFINITION,
  OUTCOME_RULES,
  RETRYING_EVENT,
  UNRELAYED_STATUS,
  type OutcomeRule,
} from './feedback-rules.js';

export const CLASS_COUNT = 8;
export const UNRELAYED_CLASS = 0;
export const EXCLUDED_CLASS = 7;

export function classOfEvent(type: OutcomeEventType): number {
  return 1 + OUTCOME_EVENT_CODES[type];
}

/** RULE_OF_CLASS[class]: the outcome rule of an outcome class, null for the other two. */
const RULE_OF_CLASS: readonly (OutcomeRule | null)[] = (() => {
  const table = new Array<OutcomeRule | null>(CLASS_COUNT).fill(null);
  for (const rule of OUTCOME_RULES) table[classOfEvent(rule.type)] = rule;
  return table;
})();

/** CLASS_OF_MASK[mask] = class of a message with that received-events mask. */
export const CLASS_OF_MASK: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let mask = 0; mask < 256; mask++) {
    if (mask & EXCLUDED_BIT) {
      table[mask] = EXCLUDED_CLASS;
      continue;
    }
    let strongest = UNRELAYED_CLASS;
    for (const rule of OUTCOME_RULES) {
      if (mask & outcomeBit(rule.type)) strongest = classOfEvent(rule.type);
    }
    table[mask] = strongest;
  }
  return table;
})();

export function statusOfClass(mode: DeliveryMode, cls: number): RecipientStatus {
  if (cls === EXCLUDED_CLASS) return 'ignored';
  return RULE_OF_CLASS[cls]?.status[mode] ?? UNRELAYED_STATUS;
}

export function failureTypeOfClass(cls: number): FailureType | null {
  if (cls === EXCLUDED_CLASS) return 'ignored';
  return RULE_OF_CLASS[cls]?.failureType ?? null;
}

/** Nothing the message may still receive changes its status (excluded messages are done too). */
export function isFinalClass(cls: number): boolean {
  return cls === EXCLUDED_CLASS || (RULE_OF_CLASS[cls]?.final ?? false);
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
export const RETRYING_CLASS = classOfEvent(RETRYING_EVENT);
