/**
 * The log on NATS JetStream, for more than one relay: every event is one message on one subject
 * of one stream, published with its dedupe key as `Nats-Msg-Id`, so the stream drops a provider's
 * retry and another relay's copy alike (inside the stream's duplicate window). Sequences are the
 * stream's, the same for every relay reading it.
 */
import { connect } from '@nats-io/transport-node';
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ProviderEvent } from '../../src/feedback/index.js';
import {
  dedupeKey,
  Waiters,
  type AppendResult,
  type EventLog,
  type StoredEvent,
} from './event-log.js';

export interface NatsLogOptions {
  /** e.g. `nats://127.0.0.1:4222`. */
  readonly url: string;
  readonly stream?: string;
  readonly subject?: string;
  /** How long the stream remembers message ids to drop duplicates. Default 24 h. */
  readonly duplicateWindowMs?: number;
}

const NANOS_PER_MS = 1_000_000;
/** Publishes in flight per append: enough to keep the connection busy, not the server flooded. */
const IN_FLIGHT = 1_000;

export class NatsLog implements EventLog {
  readonly kind = 'nats';
  private readonly waiters = new Waiters();
  private readonly stopTail = new AbortController();
  private last = 0;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly client: JetStreamClient,
    private readonly stream: string,
    private readonly subject: string,
  ) {}

  static async open(options: NatsLogOptions): Promise<NatsLog> {
    const stream = options.stream ?? 'SENDKIT_FEEDBACK';
    const subject = options.subject ?? 'sendkit.feedback';
    const connection = await connect({ servers: options.url, name: 'sendkit-relay' });
    try {
      const manager = await jetstreamManager(connection);
      const config = {
        name: stream,
        subjects: [subject],
        duplicate_window: (options.duplicateWindowMs ?? 24 * 3_600_000) * NANOS_PER_MS,
      };
      const info = await manager.streams.info(stream).catch(() => null);
      const state = info
        ? (await manager.streams.update(stream, { duplicate_window: config.duplicate_window }))
            .state
        : (await manager.streams.add(config)).state;
      const log = new NatsLog(connection, jetstream(connection), stream, subject);
      log.last = state.last_seq;
      await log.tail();
      return log;
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  head(): number {
    return this.last;
  }

  async append(events: readonly ProviderEvent[]): Promise<AppendResult> {
    let duplicates = 0;
    for (let start = 0; start < events.length; start += IN_FLIGHT) {
      const acks = await Promise.all(
        events
          .slice(start, start + IN_FLIGHT)
          .map((event) =>
            this.client.publish(this.subject, JSON.stringify(event), { msgID: dedupeKey(event) }),
          ),
      );
      for (const ack of acks) {
        if (ack.duplicate) duplicates++;
        else this.advance(ack.seq);
      }
    }
    return { stored: events.length - duplicates, duplicates };
  }

  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const from = Math.max(0, Math.floor(after)) + 1;
    const wanted = Math.min(limit, this.last - from + 1);
    if (wanted <= 0) return [];
    const consumer = await this.client.consumers.get(this.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: from,
    });
    const out: StoredEvent[] = [];
    const messages = await consumer.fetch({ max_messages: wanted, expires: 2_000 });
    for await (const message of messages) {
      out.push({ seq: message.seq, json: withSeq(message.string(), message.seq) });
      if (out.length === wanted) break;
    }
    await consumer.delete().catch(() => undefined);
    return out;
  }

  waitFor(seq: number, signal: AbortSignal): Promise<boolean> {
    return this.waiters.wait(() => this.last > seq, this.stopTail.signal, signal);
  }

  async close(): Promise<void> {
    this.stopTail.abort();
    this.waiters.wake();
    // Every append was acknowledged before its answer: nothing is left to flush. (A drain can
    // wait on the ordered consumers of finished reads.)
    await this.connection.close();
  }

  /** Follows the stream's new messages, whichever relay stored them, to wake waiting readers. */
  private async tail(): Promise<void> {
    const consumer = await this.client.consumers.get(this.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.last + 1,
      headers_only: true,
    });
    const messages = await consumer.consume();
    this.stopTail.signal.addEventListener('abort', () => void messages.close(), { once: true });
    void (async () => {
      for await (const message of messages) this.advance(message.seq);
    })();
  }

  private advance(seq: number): void {
    if (seq <= this.last) return;
    this.last = seq;
    this.waiters.wake();
  }
}

/** `{"seq":N,…}` from a stored event's JSON object. */
function withSeq(json: string, seq: number): string {
  return `{"seq":${seq},${json.slice(1)}`;
}
