/**
 * The log on NATS JetStream, for more than one relay: every event is one message on one subject
 * of one stream, published with its dedupe key as `Nats-Msg-Id`, so the stream drops a provider's
 * retry and another relay's copy alike (inside the stream's duplicate window). Sequences are the
 * stream's, the same for every relay reading it. When the server goes away the client reconnects
 * for as long as it takes; until it is back (and the stream checked), appends are refused at
 * once rather than left to time out, and the relay answers providers 503.
 */
import { randomBytes } from 'node:crypto';
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
  entriesResult,
  providerEntry,
  Waiters,
  withSeq,
  type AppendResult,
  type EntriesResult,
  type EventLog,
  type LogEntry,
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
/** The stream's description holds the log's id: `sendkit log <id>` (metadata needs 2.10). */
const DESCRIPTION = /^sendkit log ([\w-]{8,64})$/;

interface StreamSettings {
  readonly stream: string;
  readonly subject: string;
  /** The subject of shared entries (facts, provider events that denylist): relays read it alone. */
  readonly sharedSubject: string;
  readonly duplicateWindow: number;
}

/**
 * Makes sure the stream exists with the duplicate window and an id: created (with a new id) if
 * it does not, updated if it does. Returns its id and last sequence.
 */
async function ensureStream(
  connection: NatsConnection,
  settings: StreamSettings,
): Promise<{ id: string; last: number; lastShared: number }> {
  const manager = await jetstreamManager(connection);
  const info = await manager.streams.info(settings.stream).catch(() => null);
  const known = DESCRIPTION.exec(info?.config.description ?? '')?.[1];
  const id = known ?? randomBytes(12).toString('base64url');
  const config = {
    subjects: [settings.subject, settings.sharedSubject],
    duplicate_window: settings.duplicateWindow,
    description: `sendkit log ${id}`,
  };
  const state = info
    ? (await manager.streams.update(settings.stream, config)).state
    : (await manager.streams.add({ name: settings.stream, ...config })).state;
  const lastShared = await manager.streams
    .getMessage(settings.stream, { last_by_subj: settings.sharedSubject })
    .then((message) => message?.seq ?? 0)
    .catch(() => 0);
  return { id, last: state.last_seq, lastShared };
}

export class NatsLog implements EventLog {
  readonly kind = 'nats';
  private readonly waiters = new Waiters();
  private readonly stopTail = new AbortController();
  private last = 0;
  /** The last shared entry's sequence: readShared has nothing to fetch beyond it. */
  private lastShared = 0;
  /** Connected, with the stream checked since: appends may go out. */
  private reachable = true;
  private tailing: { close(): void } | null = null;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly client: JetStreamClient,
    private readonly settings: StreamSettings,
    private logId: string,
  ) {}

  get id(): string {
    return this.logId;
  }

  static async open(options: NatsLogOptions): Promise<NatsLog> {
    const settings: StreamSettings = {
      stream: options.stream ?? 'SENDKIT_FEEDBACK',
      subject: options.subject ?? 'sendkit.feedback',
      sharedSubject: `${options.subject ?? 'sendkit.feedback'}.shared`,
      duplicateWindow: (options.duplicateWindowMs ?? 24 * 3_600_000) * NANOS_PER_MS,
    };
    // The client reconnects on its own, for as long as the relay runs.
    const connection = await connect({
      servers: options.url,
      name: 'sendkit-relay',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    try {
      const { id, last, lastShared } = await ensureStream(connection, settings);
      const log = new NatsLog(connection, jetstream(connection), settings, id);
      log.last = last;
      log.lastShared = lastShared;
      await log.tail();
      void log.watch();
      return log;
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  head(): number {
    return this.last;
  }

  /** The connection, for what lives beside the stream (the address lists' object store). */
  get nats(): NatsConnection {
    return this.connection;
  }

  writable(): boolean {
    return this.reachable && !this.connection.isClosed();
  }

  async append(events: readonly ProviderEvent[]): Promise<AppendResult> {
    const { stored, duplicates } = await this.appendEntries(events.map(providerEntry));
    return { stored, duplicates };
  }

  async appendEntries(entries: readonly LogEntry[]): Promise<EntriesResult> {
    if (!this.writable()) throw new Error('NATS JetStream is unreachable');
    // Pipelined: every publish is sent before any ack is awaited, as the client is fastest.
    const acks = await Promise.all(
      entries.map((entry) =>
        this.client.publish(
          entry.shared ? this.settings.sharedSubject : this.settings.subject,
          entry.json,
          { msgID: entry.key },
        ),
      ),
    );
    const seqs = acks.map((ack, index) => {
      if (ack.duplicate) return null;
      if (entries[index]!.shared) this.lastShared = Math.max(this.lastShared, ack.seq);
      this.advance(ack.seq);
      return ack.seq;
    });
    return entriesResult(seqs);
  }

  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const from = Math.max(0, Math.floor(after)) + 1;
    const wanted = Math.min(limit, this.last - from + 1);
    if (wanted <= 0) return [];
    const consumer = await this.client.consumers.get(this.settings.stream, {
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

  async readShared(after: number, limit: number): Promise<StoredEvent[]> {
    if (this.lastShared <= after) return [];
    const consumer = await this.client.consumers.get(this.settings.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(0, Math.floor(after)) + 1,
      filter_subjects: this.settings.sharedSubject,
    });
    const out: StoredEvent[] = [];
    const messages = await consumer.fetch({ max_messages: limit, expires: 2_000 });
    for await (const message of messages) {
      out.push({ seq: message.seq, json: withSeq(message.string(), message.seq) });
      if (out.length === limit || message.seq >= this.lastShared || message.info.pending === 0)
        break;
    }
    await consumer.delete().catch(() => undefined);
    return out;
  }

  waitFor(seq: number, signal: AbortSignal): Promise<boolean> {
    return this.waiters.wait(() => this.last > seq, this.stopTail.signal, signal);
  }

  async close(): Promise<void> {
    this.stopTail.abort();
    this.tailing?.close();
    this.waiters.wake();
    // Every append was acknowledged before its answer: nothing is left to flush. (A drain can
    // wait on the ordered consumers of finished reads.)
    await this.connection.close();
  }

  /**
   * Follows the connection: unreachable from a disconnect until it is back and the stream is
   * checked again (a server restarted on an empty store gets a new stream, with a new id).
   */
  private async watch(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnecting') {
        this.reachable = false;
      } else if (status.type === 'reconnect') {
        try {
          const { id, last, lastShared } = await ensureStream(this.connection, this.settings);
          this.lastShared = Math.max(this.lastShared, lastShared);
          if (id !== this.logId) {
            console.error(`sendkit relay: the JetStream stream is a new log (${id})`);
            this.logId = id;
            this.last = last;
            this.lastShared = lastShared;
            this.tailing?.close();
            await this.tail();
          } else {
            this.advance(last);
          }
          this.reachable = true;
        } catch (error) {
          console.error('sendkit relay: JetStream is back but its stream is not', error);
        }
      }
    }
  }

  /** Follows the stream's new messages, whichever relay stored them, to wake waiting readers. */
  private async tail(): Promise<void> {
    const consumer = await this.client.consumers.get(this.settings.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.last + 1,
      headers_only: true,
    });
    const messages = await consumer.consume();
    this.tailing = { close: () => void messages.close() };
    void (async () => {
      for await (const message of messages) {
        // Another relay's shared entry: readShared fetches up to it.
        if (message.subject === this.settings.sharedSubject)
          this.lastShared = Math.max(this.lastShared, message.seq);
        this.advance(message.seq);
      }
    })();
  }

  private advance(seq: number): void {
    if (seq <= this.last) return;
    this.last = seq;
    this.waiters.wake();
  }
}
