/**
 * The relay's log of accepted provider events: append-only, numbered from 1, each provider event
 * stored once (by its dedupe key), readable from any sequence. Two kinds share this contract: the
 * embedded file log and NATS JetStream.
 */
import { createHash } from 'node:crypto';
import type { ProviderEvent } from '../../src/feedback/index.js';

export interface AppendResult {
  /** Events stored by this append. */
  readonly stored: number;
  /** Events already in the log (a provider's retry, another relay's copy). */
  readonly duplicates: number;
}

/** One stored event, as the JSON line readers receive (the event plus its `seq`). */
export interface StoredEvent {
  readonly seq: number;
  readonly json: string;
}

export interface EventLog {
  readonly kind: 'file' | 'nats';
  /**
   * Chosen when the log was created and sent with every stream: a reader whose position came
   * from another log (the relay started on an empty one) can tell.
   */
  readonly id: string;
  /** Whether an append can be stored now (false while NATS is unreachable, say). */
  writable(): boolean;
  /** Stores the events durably, each once; resolves only when they are safe. */
  append(events: readonly ProviderEvent[]): Promise<AppendResult>;
  /** Events with a sequence above `after`, at most `limit`, in order. */
  read(after: number, limit: number): Promise<StoredEvent[]>;
  /** The highest sequence stored (0 for an empty log). */
  head(): number;
  /**
   * Resolves true once the log holds an event above `seq`; false when the reader's signal
   * aborts or the log closes first.
   */
  waitFor(seq: number, signal: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * What makes two provider events the same: the provider's own event id where it has one, else a
 * digest of what the event says (a DSN re-sent, a retried post without ids).
 */
export function dedupeKey(event: ProviderEvent): string {
  if (event.id !== null) return `${event.provider}:${event.id}`;
  const content = JSON.stringify([
    event.kind,
    event.reason ?? null,
    event.at,
    event.address,
    event.deliveryId,
    event.recipient,
    event.messageId,
  ]);
  return `${event.provider}~${createHash('sha256').update(content).digest('base64url').slice(0, 32)}`;
}

/** The line readers get: the event with its sequence first. */
export function encodeEvent(event: ProviderEvent, seq: number): string {
  return JSON.stringify({ seq, ...event });
}

/** Waiters for the log to grow past a sequence; woken together on each append. */
export class Waiters {
  private readonly waiting = new Set<() => void>();

  /** True once `until()` holds (checked on each wake); false as soon as a signal aborts. */
  wait(until: () => boolean, ...signals: AbortSignal[]): Promise<boolean> {
    if (signals.some((signal) => signal.aborted)) return Promise.resolve(false);
    if (until()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        this.waiting.delete(check);
        for (const signal of signals) signal.removeEventListener('abort', stop);
        resolve(result);
      };
      const check = () => {
        if (until()) done(true);
      };
      const stop = () => done(false);
      this.waiting.add(check);
      for (const signal of signals) signal.addEventListener('abort', stop, { once: true });
    });
  }

  wake(): void {
    for (const check of [...this.waiting]) check();
  }
}
