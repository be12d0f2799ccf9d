/**
 * The facts time and counts call for, appended by the relay for every replica to fold: a
 * confirmed delivery starting at its contact date, the validity's end, the end once every message
 * is final, the reputation guard's pause, the hourly open and click rates (sendkit/replication's
 * `dueFact` says which). It looks at the deliveries a fold changed, and at all of them on a timer.
 */
import { dueFact, type Ledger, type LifecycleFact } from '../../src/replication/index.js';
import type { FactWriter } from './fact-writer.js';

export class Scheduler {
  private readonly queue = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly writer: FactWriter,
    private readonly now: () => number,
  ) {}

  start(intervalMs: number): void {
    this.timer ??= setInterval(
      () => this.look([...this.ledger.allRecords()].map((record) => record.id)),
      intervalMs,
    );
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Looks at these deliveries soon: a fact may be due for them. */
  look(ids: readonly string[]): void {
    for (const id of ids) this.queue.add(id);
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running || this.timer === null) return;
    this.running = true;
    try {
      while (this.queue.size > 0) {
        const [id] = this.queue;
        this.queue.delete(id!);
        const record = this.ledger.record(id!);
        if (!record || !dueFact(record, this.now())) continue;
        try {
          const seq = await this.writer.write(id!, async (n, at): Promise<LifecycleFact | null> => {
            const current = this.ledger.record(id!);
            const due = current ? dueFact(current, at) : null;
            if (!due) return null;
            const head = { delivery: id!, n, at, by: 'system' };
            // A run prepares an occurrence: with the exclusions of the relay's address lists.
            return due.fact === 'occurrence'
              ? { ...head, fact: 'occurrence', exclusions: await this.ledger.denylisted(id!) }
              : { ...head, ...due };
          });
          // One fact at a time: the next is decided on the state this one left.
          if (seq !== null) this.queue.add(id!);
        } catch (error) {
          console.error(`sendkit relay: a fact of delivery ${id} could not be appended`, error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
