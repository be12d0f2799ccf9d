/**
 * The relay's own replica: it follows the log from its first entry, like any reader, and folds
 * every shared delivery's fact into the ledger (sendkit/replication), whichever relay appended
 * it. What it has folded is what the relay decides on, so an action waits for it to be current.
 */
import { ChangeSet, Ledger, readFact, type Fact } from '../../src/replication/index.js';
import type { EventLog } from '../log/event-log.js';
import { Waiters } from '../log/event-log.js';
import type { ListStore } from './list-store.js';
import { readList } from './lists.js';

const PAGE = 5_000;

export class LedgerFollower {
  readonly ledger: Ledger;
  /** The last sequence folded. */
  private position = 0;
  /** The latest model time a fact carries: a scaled clock never starts before it. */
  private latest = 0;
  private readonly waiters = new Waiters();
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly lists: ListStore,
    /** Told what each fold changed (the scheduler looks at those deliveries). */
    private readonly changed: (changes: ChangeSet) => void,
  ) {
    this.ledger = new Ledger(log.id);
  }

  /** Folds the whole log as it stands, then goes on following it. */
  async start(): Promise<void> {
    while ((await this.step()) > 0);
    this.running = this.follow();
  }

  get latestAt(): number {
    return this.latest;
  }

  /** Resolves once everything up to `seq` is folded. */
  async reached(seq: number): Promise<void> {
    const ok = await this.waiters.wait(() => this.position >= seq, this.stopping.signal);
    if (!ok) throw new Error('the relay is stopping');
  }

  /** Resolves once what the log holds now is folded. */
  caughtUp(): Promise<void> {
    return this.reached(this.log.head());
  }

  /** Resolves once a delivery's fact `n` (by any relay) is folded. */
  async numbered(id: string, n: number, timeoutMs = 10_000): Promise<void> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const ok = await this.waiters.wait(
      () => this.ledger.nextNumber(id) > n,
      this.stopping.signal,
      timeout,
    );
    if (!ok) throw new Error(`fact ${n} of delivery ${id} did not arrive`);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.waiters.wake();
    await this.running;
  }

  private async follow(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        if ((await this.step()) > 0) continue;
        await this.log.waitFor(this.position, this.stopping.signal);
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        console.error('sendkit relay: folding the log failed; trying again', error);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  /** Folds the next page of the log; returns how many entries it read. */
  private async step(): Promise<number> {
    // Only the shared entries are read (facts, and provider events that denylist): the head
    // taken first is reached once none is left before it.
    const head = this.log.head();
    const entries = await this.log.readShared(this.position, PAGE);
    if (entries.length === 0) {
      if (head > this.position) {
        this.position = head;
        this.waiters.wake();
      }
      return 0;
    }
    const facts: Fact[] = [];
    for (const { json } of entries) {
      const value = JSON.parse(json) as Record<string, unknown>;
      if (typeof value['fact'] !== 'string') {
        this.denylistOf(value);
        continue;
      }
      const reading = readFact(value);
      if ('fact' in reading) facts.push(reading.fact);
      else console.error(`sendkit relay: an entry of the log is not a fact: ${reading.problem}`);
    }
    const lists = new Map<string, readonly string[]>();
    for (const fact of facts) {
      if (fact.fact !== 'created' || !('list' in fact.definition.audience)) continue;
      const hash = fact.definition.audience.list;
      lists.set(hash, await readList(this.lists, hash));
    }
    const changes = new ChangeSet();
    await this.ledger.fold(facts, lists, changes);
    for (const fact of facts) this.latest = Math.max(this.latest, fact.at);
    this.position = entries.at(-1)!.seq;
    this.waiters.wake();
    if (!changes.empty) this.changed(changes);
    return entries.length;
  }

  /** A provider's complaint or unsubscribe puts its address on the shared denylist. */
  private denylistOf(event: Record<string, unknown>): void {
    const { kind, address } = event;
    if ((kind === 'complaint' || kind === 'denylist') && typeof address === 'string')
      this.ledger.addToDenylist(address);
  }
}
