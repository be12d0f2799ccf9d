/**
 * Errors as data and back, by their `code`: an error that crossed a message boundary (the
 * extension's sidebar, a worker, a relay) is an instance of its own class again.
 */
import {
  FeedbackError,
  InputError,
  NotFoundError,
  PermissionError,
  ReadOnlyError,
  RelayError,
  SendkitError,
  StateError,
  StoreBlockedError,
  StoreFailureError,
  StoreMissingError,
  StoreNameTakenError,
  StoreQuotaError,
  StoreVersionError,
  type SendkitErrorCode,
} from '../errors.js';

/** An error as plain data (structured-clone and JSON safe). */
export interface ErrorData {
  readonly code: SendkitErrorCode | 'unknown';
  readonly name: string;
  readonly message: string;
  /** The error's own fields (`action`, `state`, `index`, …). */
  readonly fields: Readonly<Record<string, string | number | null>>;
}

const ERROR_CLASSES: Readonly<Record<SendkitErrorCode, { prototype: SendkitError }>> = {
  permission: PermissionError,
  state: StateError,
  'not-found': NotFoundError,
  'invalid-input': InputError,
  'invalid-feedback': FeedbackError,
  'store-version': StoreVersionError,
  'store-blocked': StoreBlockedError,
  'store-quota': StoreQuotaError,
  'store-name-taken': StoreNameTakenError,
  'store-failure': StoreFailureError,
  'store-missing': StoreMissingError,
  'read-only': ReadOnlyError,
  relay: RelayError,
};

const isCode = (value: unknown): value is SendkitErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_CLASSES, value);

export function errorToData(error: unknown): ErrorData {
  if (error instanceof SendkitError) {
    const fields: Record<string, string | number | null> = {};
    for (const [key, value] of Object.entries(error)) {
      if (key === 'code' || key === 'name' || key === 'message') continue;
      if (typeof value === 'string' || typeof value === 'number' || value === null)
        fields[key] = value;
    }
    return { code: error.code, name: error.name, message: error.message, fields };
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'unknown', name, message, fields: {} };
}

/**
 * The error `errorToData` described, as an instance of its class again (by `code`). The data
 * crossed a boundary (another context, a page), so it is read as untrusted: only text and number
 * fields are kept, never one named like the error's own properties or `__proto__`.
 */
export function errorFromData(data: ErrorData): Error {
  const given = readSafelyOr(() => ({ ...data }), {} as Partial<ErrorData>);
  const text = (value: unknown, fallback: string): string =>
    typeof value === 'string' ? value : fallback;
  const name = text(given.name, 'Error');
  const message = text(given.message, 'An error (described by data that was not one).');
  if (!isCode(given.code)) {
    const error = new Error(message);
    error.name = name;
    return error;
  }
  const error = Object.create(ERROR_CLASSES[given.code].prototype) as SendkitError;
  const fields = readSafelyOr(
    () =>
      Object.entries(typeof given.fields === 'object' && given.fields !== null ? given.fields : {}),
    [],
  );
  for (const [key, value] of fields) {
    if (RESERVED_FIELDS.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || value === null) {
      Object.defineProperty(error, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  Object.defineProperties(error, {
    code: { value: given.code, enumerable: true },
    name: { value: name, writable: true, configurable: true, enumerable: true },
    message: { value: message, writable: true, configurable: true },
    stack: { value: `${name}: ${message}`, writable: true, configurable: true },
  });
  return error;
}

const RESERVED_FIELDS = new Set(['code', 'name', 'message', 'stack', '__proto__', 'constructor']);

function readSafelyOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Every error code, one per class of errors.ts. */
export const ERROR_CODES = Object.keys(ERROR_CLASSES) as SendkitErrorCode[];
