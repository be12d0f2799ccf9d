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

/** What appendEntries says besides: each entry's sequence, null for one already in the log. */
export interface EntriesResult extends AppendResult {
  readonly seqs: readonly (number | null)[];
}

/**
 * One entry to store: its JSON object (without `seq`) and what makes a repeat of it the same
 * entry. A provider event's key is dedupeKey's; a shared delivery's fact's is factKey's.
 */
export interface LogEntry {
  readonly key: string;
  readonly json: string;
  /**
   * What relays' replicas read (readShared): a shared delivery's fact, or a provider event that
   * denylists an address. The rest (most provider events) only pages read.
   */
  readonly shared?: boolean;
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
  /** Stores entries (a shared delivery's facts) durably, each once, and says where each went. */
  appendEntries(entries: readonly LogEntry[]): Promise<EntriesResult>;
  /** Events with a sequence above `after`, at most `limit`, in order. */
  read(after: number, limit: number): Promise<StoredEvent[]>;
  /** The shared entries (LogEntry.shared) above `after`, at most `limit`, in order. */
  readShared(after: number, limit: number): Promise<StoredEvent[]>;
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

/** A provider event as a log entry; one that denylists an address is shared with replicas. */
export function providerEntry(event: ProviderEvent): LogEntry {
  const shared = event.kind === 'complaint' || event.kind === 'denylist';
  return { key: dedupeKey(event), json: JSON.stringify(event), ...(shared ? { shared } : {}) };
}

/** Whether an entry read back is one relays' replicas read (see LogEntry.shared). */
export function isSharedValue(value: Record<string, unknown>): boolean {
  return (
    typeof value['fact'] === 'string' ||
    value['kind'] === 'complaint' ||
    value['kind'] === 'denylist'
  );
}

/** A stored entry's key, from the object read back (a fact, or a provider event). */
export function storedKey(value: Record<string, unknown>): string {
  const fact = value['fact'];
  if (typeof fact !== 'string') return dedupeKey(value as unknown as ProviderEvent);
  return fact === 'feedback' ? String(value['key']) : `fact:${value['delivery']}:${value['n']}`;
}

/** The line readers get: the entry with its sequence first. */
export function withSeq(json: string, seq: number): string {
  return `{"seq":${seq},${json.slice(1)}`;
}

/** What an append of entries counts, from their sequences. */
export function entriesResult(seqs: readonly (number | null)[]): EntriesResult {
  const stored = seqs.filter((seq) => seq !== null).length;
  return { stored, duplicates: seqs.length - stored, seqs };
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
