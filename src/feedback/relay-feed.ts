/**
 * The connection connectFeedback and connectRelay open: follows a sendkit relay's stream of
 * provider events and applies them to the store as they come, with the file import's placing
 * rules (resolve.ts); the facts of shared deliveries in the same stream go, in order, to the
 * connection's fact folder (connectRelay's), or are passed over without one. Each batch is
 * applied in one transaction together with its denylist additions (or folded, for facts) and the
 * stream position it reaches (apply-resolved.ts), so a reload resumes exactly
 * there: nothing applied twice, nothing missed, no complaint lost. Reads with `fetch` (the
 * token goes in a header), reconnects with backoff, and reports its state as a property and an
 * event. A relay names its log with every stream: a position is only meaningful in the log it
 * came from, so a relay serving another log, or a log that ends before the stored position (a
 * relay restarted on an empty log), ends the connection in `error` instead of waiting forever.
 * Over 300 lines: it is one connection's whole life (connect, read, batch, apply or fold, wait
 * for a position, reconnect), whose steps share its state.
 */
import { FEEDBACK_CLOCK_SKEW_MS } from '../rules/valid-input.js';
import type { FeedTarget } from '../sendkit-store.js';
import { FeedStatusEvent, type FeedState, type FeedStatus } from './feed-status.js';
import { applyResolved } from './apply-resolved.js';
import { EventSorter } from './resolve.js';
import { SseParser, type SseMessage } from './sse.js';
import { describe, readHead, sleep } from './feed-helpers.js';
import { readEntry, type Entry, type FactFolder, type FeedToken } from './feed-entries.js';
import type { ProviderEvent } from './types.js';

/** Entries applied together at most; more wait for the next batch. */
const MAX_BATCH = 5_000;
/** Events of feedback facts applied together at most (a fact may carry thousands). */
const MAX_FACT_EVENTS = 500_000;
/**
 * Waits before reconnecting, by consecutive failures: the relay's own `retry:` first (2 s unless
 * it says otherwise), then longer, at most 10 s, so a restarted relay is found again soon.
 */
const BACKOFF_FACTORS = [1, 2, 3, 5];
const MAX_BACKOFF_MS = 10_000;

export class FeedbackConnection<F = unknown> extends EventTarget {
  private current: FeedStatus = {
    state: 'connecting',
    seq: 0,
    behind: 0,
    applied: 0,
    duplicates: 0,
    unmatched: 0,
    rejected: 0,
    error: null,
  };
  private readonly stop = new AbortController();
  /** The current stream's; aborted when a batch could not be stored, to resume from the store. */
  private attempt = new AbortController();
  private pending: Entry<F>[] = [];
  /** Events the pending facts carry. */
  private pendingWeight = 0;
  private head = 0;
  /** The relay log the stored position belongs to (null until one is named). */
  private log: string | null = null;
  /** Why this relay's stream can never continue the stored position; set once, then it stops. */
  private mismatch: string | null = null;
  /** The reconnection delay the relay asked for (`retry:`). */
  private retryMs = 2_000;
  private received = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;
  private readonly running: Promise<void>;

  /** @internal Use connectFeedback. */
  constructor(
    private readonly store: FeedTarget,
    private readonly eventsUrl: string,
    private readonly token: FeedToken,
    private readonly deliveryId: string | undefined,
    private readonly feed: string,
    private readonly batchMs: number,
    private readonly staleMs: number,
    private readonly folder: FactFolder<F>,
  ) {
    super();
    this.running = this.run();
  }

  get status(): FeedStatus {
    return this.current;
  }

  get state(): FeedState {
    return this.current.state;
  }

  /** The id of the relay log this store's position belongs to; null until the relay named it. */
  get logId(): string | null {
    return this.log;
  }

  /**
   * Resolves once the store holds everything up to `seq` of the stream (an action's fact), or
   * rejects with the connection's error after `timeoutMs`.
   */
  reached(seq: number, timeoutMs = 30_000): Promise<FeedStatus> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.removeEventListener(FeedStatusEvent.type, check);
        if (ok) resolve(this.current);
        else reject(new Error(this.current.error ?? `position ${seq} was not reached in time`));
      };
      const check = () => {
        if (this.current.seq >= seq) done(true);
        else if (this.current.state === 'closed') done(false);
      };
      this.addEventListener(FeedStatusEvent.type, check);
      check();
    });
  }

  /** Stops following the stream; resolves once the batch being applied, if any, is stored. */
  async close(): Promise<void> {
    this.stop.abort();
    if (this.timer !== null) clearTimeout(this.timer);
    await this.running;
    this.update({ state: 'closed' });
  }

  private update(change: Partial<FeedStatus>): void {
    const behind = Math.max(
      0,
      Math.max(this.head, this.received) - (change.seq ?? this.current.seq),
    );
    const next = { ...this.current, behind, ...change };
    if (next.state === 'live' || next.state === 'behind') {
      next.state = behind === 0 ? 'live' : 'behind';
      next.error = null;
    }
    this.current = next;
    this.dispatchEvent(new FeedStatusEvent(next));
  }

  private async run(): Promise<void> {
    let attempt = 0;
    try {
      const position = await this.store.readFeedPosition(this.feed);
      this.log = position.log;
      this.update({ seq: position.seq });
    } catch (error) {
      return this.update({ state: 'error', error: describe(error) });
    }
    while (!this.stop.signal.aborted) {
      this.update({ state: 'connecting' });
      this.attempt = new AbortController();
      try {
        const token = typeof this.token === 'function' ? await this.token() : this.token;
        const response = await fetch(`${this.eventsUrl}?after=${this.current.seq}`, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
          cache: 'no-store',
          signal: AbortSignal.any([this.stop.signal, this.attempt.signal]),
        });
        if (response.status === 401 || response.status === 403) {
          // A wrong token stays wrong: trying again would only hammer the relay.
          return this.update({
            state: 'error',
            error: `the relay refused the token (${response.status})`,
          });
        }
        if (!response.ok || !response.body)
          throw new Error(`the relay answered ${response.status}`);
        attempt = 0;
        this.update({ state: 'live' });
        await this.read(response.body);
        await this.flush();
        if (!this.stop.signal.aborted) throw new Error('the relay closed the stream');
      } catch (error) {
        if (this.stop.signal.aborted) break;
        // Trying again would meet the same log: waiting on it would wait forever.
        if (this.mismatch !== null) return this.update({ state: 'error', error: this.mismatch });
        // A batch that could not be stored ended the stream; its error is the one to show.
        if (this.current.state !== 'error') this.update({ state: 'error', error: describe(error) });
      }
      const factor = BACKOFF_FACTORS[Math.min(attempt++, BACKOFF_FACTORS.length - 1)]!;
      const wait = Math.min(MAX_BACKOFF_MS, this.retryMs * factor);
      await sleep(wait * (0.75 + Math.random() / 2), this.stop.signal);
    }
    await this.flush();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    // Events received but not applied are dropped on a reconnect: the stream resumes after the
    // last position applied, so they come again.
    this.pending = [];
    this.pendingWeight = 0;
    this.received = this.current.seq;
    const parser = new SseParser(
      (message) => this.receive(message),
      (ms) => (this.retryMs = Math.min(MAX_BACKOFF_MS, Math.max(100, ms))),
    );
    const decoder = new TextDecoder();
    const reader = body.getReader();
    let heard = Date.now();
    const attempt = this.attempt;
    const watchdog = setInterval(
      () => {
        if (Date.now() - heard > this.staleMs)
          attempt.abort(new Error('the relay stream went silent'));
      },
      Math.min(this.staleMs, 5_000),
    );
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        heard = Date.now();
        parser.push(decoder.decode(value, { stream: true }));
        // Reading goes on while a batch is written, up to two batches ahead: catching up, the
        // stream's transfer and parsing overlap the database's writes.
        const full = this.pending.length >= MAX_BATCH || this.pendingWeight >= MAX_FACT_EVENTS;
        if (this.pending.length >= 2 * MAX_BATCH || this.pendingWeight >= 2 * MAX_FACT_EVENTS)
          await this.flush();
        // A fact is an operator's action or its outcome: the other screens show it at once.
        else if (full || this.pendingWeight > 0) void this.flush();
        else if (this.pending.length > 0 && this.timer === null) {
          this.timer = setTimeout(() => void this.flush(), this.batchMs);
        }
      }
    } finally {
      clearInterval(watchdog);
      reader.releaseLock();
    }
  }

  private receive(message: SseMessage): void {
    if (message.event === 'head') {
      const head = readHead(message.data);
      if (head !== null) this.checkHead(head);
      return;
    }
    const read = readEntry(message.data, this.folder);
    if (!read) {
      this.current = { ...this.current, rejected: this.current.rejected + 1 };
      return;
    }
    // A replay of what is already applied (the relay resent from an older position) is skipped.
    if (read.seq <= this.received) return;
    this.received = read.seq;
    this.pending.push(read);
    if ('fact' in read) this.pendingWeight += Math.max(1, this.folder.weight(read.fact));
  }

  /** The head of the stream: the same log as the stored position, and not behind it. */
  private checkHead(head: { seq: number; log: string | null }): void {
    const position = this.current.seq;
    if (head.log !== null && this.log !== null && head.log !== this.log) {
      this.mismatch =
        `the relay serves another log (${head.log}) than the one this store's position ` +
        `${position} belongs to (${this.log}): it was started on a new log`;
    } else if (head.seq < position) {
      this.mismatch =
        `the relay's log ends at ${head.seq}, before this store's position ${position}: ` +
        'it was started on an empty or older log';
    }
    if (this.mismatch !== null) {
      this.attempt.abort();
      return;
    }
    this.head = head.seq;
    // A position with no log yet (a new store, or one from before logs had ids) takes this one.
    this.log ??= head.log;
  }

  /** Applies what has gathered, one batch at a time. */
  private flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.flushing) {
      // Assigned before it can settle: a drain with nothing to do settles at once, and must not
      // leave a settled promise behind as "a flush is running".
      const running = this.drain();
      this.flushing = running;
      void running.finally(() => {
        if (this.flushing === running) this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.takeBatch();
        for (let start = 0; start < batch.length;) {
          // Runs of one kind, in stream order: provider events, or facts.
          const facts = 'fact' in batch[start]!;
          let end = start + 1;
          while (end < batch.length && 'fact' in batch[end]! === facts) end++;
          const run = batch.slice(start, end);
          if (facts) await this.fold(run as Extract<Entry<F>, { fact: F }>[]);
          else await this.apply(run as Extract<Entry<F>, { event: ProviderEvent }>[]);
          start = end;
        }
      }
    } catch (error) {
      // Not applied, position not moved: the stream starts again from the stored position.
      this.pending = [];
      this.pendingWeight = 0;
      this.attempt.abort();
      this.update({ state: 'error', error: describe(error) });
    }
  }

  /** The next entries to apply: at most MAX_BATCH, and facts of at most MAX_FACT_EVENTS events. */
  private takeBatch(): Entry<F>[] {
    let count = 0;
    let weight = 0;
    while (count < this.pending.length && count < MAX_BATCH && weight < MAX_FACT_EVENTS) {
      const entry = this.pending[count++]!;
      if ('fact' in entry) weight += Math.max(1, this.folder.weight(entry.fact));
    }
    this.pendingWeight = Math.max(0, this.pendingWeight - weight);
    return this.pending.splice(0, count);
  }

  /** Folds a run of facts with the position it reaches (facts of other deliveries filtered out). */
  private async fold(run: readonly { seq: number; fact: F }[]): Promise<void> {
    const seq = run.at(-1)!.seq;
    if (this.log === null) throw new Error('the relay named no log before its facts');
    await this.folder.fold(
      run.map((entry) => entry.fact),
      { feed: this.feed, seq, log: this.log },
    );
    this.update({ seq, applied: this.current.applied + run.length });
  }

  private async apply(batch: readonly { seq: number; event: ProviderEvent }[]): Promise<void> {
    const sorter = new EventSorter(this.deliveryId, this.store.now() + FEEDBACK_CLOCK_SKEW_MS);
    for (const { event } of batch) sorter.place(event);
    const seq = batch.at(-1)!.seq;
    const parts = await sorter.resolve(this.store);
    const cursor = { feed: this.feed, seq, ...(this.log === null ? {} : { log: this.log }) };
    const result = await applyResolved(this.store, sorter, parts, cursor);
    const { applied, duplicates, unmatched, rejected } = this.current;
    this.update({
      seq,
      applied: applied + result.applied,
      duplicates: duplicates + result.duplicates,
      unmatched: unmatched + sorter.unmatched.count,
      rejected: rejected + sorter.rejected.count,
    });
  }
}
