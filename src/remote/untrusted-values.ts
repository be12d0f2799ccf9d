/** Reading one untrusted value into a known type, or a neutral value (untrusted-records.ts). */
import { isValidTime } from '../rules/valid-input.js';

export type Fields = Record<string, unknown>;

export const fieldsOf = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
export const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value.slice(0, 1_000) : fallback;
export const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;
export const time = (value: unknown): number | null => (isValidTime(value) ? value : null);
export const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
