/** What a verifier says about a request: accepted, or refused with a reason (answered with 401). */
export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const ACCEPTED: Verdict = { ok: true };

export function refused(reason: string): Verdict {
  return { ok: false, reason };
}

/** Whether a provider's timestamp (ms) is within `windowMs` of now, either way. */
export function isFresh(timestampMs: number, nowMs: number, windowMs: number): boolean {
  return Number.isFinite(timestampMs) && Math.abs(nowMs - timestampMs) <= windowMs;
}

/** Seconds since the epoch, as providers write them ("1700000000" or "1700000000.123"). */
export function secondsToMs(value: unknown): number {
  if (typeof value !== 'string' && typeof value !== 'number') return Number.NaN;
  const text = String(value);
  return /^\d{1,12}(\.\d{1,9})?$/.test(text) ? Number(text) * 1000 : Number.NaN;
}
