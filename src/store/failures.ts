/**
 * What the browser's storage throws, as the kit's typed errors: a public call never lets a raw
 * DOMException (or a TypeError from a closed connection) out.
 */
import { SendkitError, StoreFailureError, StoreQuotaError } from '../errors.js';

async function storageEstimate(): Promise<{ usage: number | null; quota: number | null }> {
  try {
    const estimate = await navigator.storage.estimate();
    return { usage: estimate.usage ?? null, quota: estimate.quota ?? null };
  } catch {
    return { usage: null, quota: null };
  }
}

function isQuotaError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'QuotaExceededError'
  );
}

/** The typed error for a failure of `operation` (already typed errors pass through). */
export async function typedStoreError(error: unknown, operation: string): Promise<Error> {
  if (error instanceof SendkitError) return error;
  if (isQuotaError(error)) {
    const { usage, quota } = await storageEstimate();
    return new StoreQuotaError(operation, usage, quota);
  }
  const reason = error instanceof Error ? error.name : typeof error;
  const typed = new StoreFailureError(operation, reason);
  (typed as { cause?: unknown }).cause = error;
  return typed;
}
