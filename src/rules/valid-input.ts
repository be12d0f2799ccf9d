/**
 * What valid input is (SPEC §7, choices): users, times, ids. Input comes from pages the kit does
 * not control, so each value is read once, checked, and copied: a getter, a Proxy or a caller
 * that changes the object afterwards cannot slip anything past the check, and a getter that
 * throws is an InputError, never a raw TypeError.
 */
import { InputError, SendkitError } from '../errors.js';
import { ROLES, type Role, type User } from '../types.js';

/** The range of a JavaScript Date, in ms since the epoch. */
export const MAX_TIME = 8.64e15;

/**
 * Feedback may be stamped up to this much later than the store's clock (the MTA's and the
 * browser's clocks differ a little); anything later is refused as an impossible time.
 */
export const FEEDBACK_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const MAX_NAME_LENGTH = 256;
export const MAX_ID_LENGTH = 256;

/** A time is a whole number of ms within the range of a Date (so it can always be formatted). */
export function isValidTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_TIME;
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** `value` if it is one of `values`, else an InputError for `field` listing them. */
export function oneOf<T extends string>(field: string, values: readonly T[], value: unknown): T {
  if (!isOneOf(values, value)) throw new InputError(field, `one of ${values.join(', ')}`);
  return value;
}

/** `value` if it is a whole number from `min` to `max`, else an InputError for `field`. */
export function wholeNumber(field: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(field, `a whole number from ${min}${max < Infinity ? ` to ${max}` : ''}`);
  }
  return value;
}

/**
 * Runs `read` and turns anything but a typed error into an InputError for `field`: reading a
 * hostile object (a throwing getter, a revoked Proxy) must not escape as a TypeError.
 */
export function readSafely<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SendkitError) throw error;
    throw new InputError(field, 'could not be read');
  }
}

/** A user: an object with a non-empty string `name` and an array `roles` of known role names. */
export function readUser(value: unknown): User {
  return readSafely('user', () => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError('user', 'an object with a name and an array of roles');
    }
    const { name, roles } = value as { name?: unknown; roles?: unknown };
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
      throw new InputError(
        'user.name',
        `a non-empty text of at most ${MAX_NAME_LENGTH} characters`,
      );
    }
    if (!Array.isArray(roles)) throw new InputError('user.roles', 'an array of role names');
    const length: unknown = roles.length;
    if (typeof length !== 'number' || !Number.isInteger(length) || length > 64) {
      throw new InputError('user.roles', 'an array of at most 64 role names');
    }
    const copy: Role[] = [];
    for (let index = 0; index < length; index++) {
      const role: unknown = roles[index];
      if (!isOneOf(ROLES, role)) {
        throw new InputError(`user.roles[${index}]`, `one of ${ROLES.join(', ')}`);
      }
      copy.push(role);
    }
    return Object.freeze({ name, roles: Object.freeze(copy) });
  });
}

/** A delivery id: a non-empty string of bounded length. */
export function readId(value: unknown, field = 'id'): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_ID_LENGTH) {
    throw new InputError(
      field,
      `a delivery id (a non-empty text of at most ${MAX_ID_LENGTH} characters)`,
    );
  }
  return value;
}

/**
 * Reads the listed fields of a plain options object once each (`undefined` when absent); a field
 * not listed is refused.
 */
export function readOptions<K extends string>(
  field: string,
  value: unknown,
  keys: readonly K[],
): Partial<Record<K, unknown>> {
  if (value === undefined || value === null) return {};
  return readSafely(field, () => {
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(field, 'an object');
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new InputError(field, `a plain object with ${keys.join(', ')}`);
    }
    // A misspelt option is refused, not silently ignored (a page read at the wrong offset).
    for (const key of Object.keys(value)) {
      if (!(keys as readonly string[]).includes(key)) {
        throw new InputError(
          field,
          `unknown field '${key.slice(0, 50)}' (known: ${keys.join(', ')})`,
        );
      }
    }
    const copy: Partial<Record<K, unknown>> = {};
    for (const key of keys) {
      const entry: unknown = (value as Record<string, unknown>)[key];
      if (entry !== undefined) copy[key] = entry;
    }
    return copy;
  });
}

/** Whether `value` is an object offering the named methods; false too when looking throws. */
export function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
  } catch {
    return false;
  }
}

/**
 * An object offering the named methods (a store, a clock): anything else, a Proxy that throws
 * included, is an InputError naming what was expected.
 */
export function readMethods<T extends object>(
  field: string,
  value: unknown,
  names: readonly string[],
  expected: string,
): T {
  if (!hasMethods(value, names)) throw new InputError(field, expected);
  return value as T;
}

/** An optional number within [min, max] (finite), or undefined. */
export function readNumberOption(
  field: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InputError(field, `a number from ${min} to ${max}`);
  }
  return value;
}
