/** Results across messages: kit errors travel as data and come back as their own classes. */
import { errorFromData, errorToData } from '../../src/remote/index.js';
import type { Result } from './protocol.js';

export async function resultOf<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: errorToData(error) };
  }
}

/** The value, or the kit error revived and thrown. */
export function valueOf<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw errorFromData(result.error);
}
