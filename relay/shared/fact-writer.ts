/**
 * Appending a shared delivery's life-cycle facts: decided on the relay's current replica, one at
 * a time per delivery, numbered as the next fact of the delivery. The number is the fact's key in
 * the log, so if another relay of the same JetStream stream appended that number first, this
 * append is a duplicate: the relay folds the other's fact and decides again on the new state.
 */
import { factKey, type Fact, type LifecycleFact } from '../../src/replication/index.js';
import type { EventLog, LogEntry } from '../log/event-log.js';
import type { LedgerFollower } from './follower.js';

/** A fact as an entry of the log, shared: every relay's replica reads it. */
export function factEntry(fact: Fact): LogEntry {
  return { key: factKey(fact), json: JSON.stringify(fact), shared: true };
}

/** Decides again at most this often when other relays keep taking the number first. */
const ATTEMPTS = 5;

/** Decides a fact with the delivery's next number and the time, or null for none. */
export type Decision = (n: number, at: number) => Promise<LifecycleFact | null>;

export class FactWriter {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly log: EventLog,
    private readonly follower: LedgerFollower,
    private readonly now: () => number,
  ) {}

  /**
   * Appends what `decide` says for a delivery (a refusal it throws goes to the caller); resolves
   * with the fact's sequence once the relay's replica has folded it, or null when there was none.
   */
  write(id: string, decide: Decision): Promise<number | null> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.attempt(id, decide));
    this.queues.set(id, next);
    void next
      .finally(() => {
        if (this.queues.get(id) === next) this.queues.delete(id);
      })
      .catch(() => undefined);
    return next;
  }

  private async attempt(id: string, decide: Decision): Promise<number | null> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      await this.follower.caughtUp();
      const n = this.follower.ledger.nextNumber(id);
      const fact = await decide(n, Math.max(this.now(), this.follower.latestAt));
      if (!fact) return null;
      const { seqs } = await this.log.appendEntries([factEntry(fact)]);
      const seq = seqs[0] ?? null;
      if (seq !== null) {
        await this.follower.reached(seq);
        return seq;
      }
      await this.follower.numbered(id, n);
    }
    throw new Error(`delivery ${id} changed on every attempt to act on it`);
  }
}
