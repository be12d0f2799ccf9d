/** Small helpers of the relay connection: the head message, errors in words, an abortable wait. */

/** The `event: head` message: the log's last sequence and its id. */
export function readHead(data: string): { seq: number; log: string | null } | null {
  try {
    const { seq, log } = JSON.parse(data) as { seq?: unknown; log?: unknown };
    if (!Number.isSafeInteger(seq)) return null;
    return { seq: seq as number, log: typeof log === 'string' && log !== '' ? log : null };
  } catch {
    return null;
  }
}

/** An error in words. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Waits `ms`, or less if the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
