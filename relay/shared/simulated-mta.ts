/**
 * The simulated MTA inside the relay (`--simulate`): for each shared delivery created with
 * simulation rates, a run (sendkit/replication's SimulationRun) relays and reports a step's worth
 * of events every interval, appended to the log as feedback facts, so every browser watches the
 * same simulated send. A run is made again from the relay's replica after a restart, or after an
 * append that failed: nothing it had not appended is taken as sent.
 */
import { createHash } from 'node:crypto';
import { acceptsFeedback } from '../../src/rules/index.js';
import {
  MAX_FACT_EVENTS,
  SimulationRun,
  type FeedbackFact,
  type Ledger,
  type SimulatedEvents,
} from '../../src/replication/index.js';
import type { EventLog } from '../log/event-log.js';
import { factEntry } from './fact-writer.js';

export class SimulatedMta {
  private readonly runs = new Map<string, SimulationRun>();
  /** Deliveries with nothing left to relay or report. */
  private readonly retired = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private stepping: Promise<void> | null = null;

  constructor(
    private readonly ledger: Ledger,
    private readonly log: EventLog,
    private readonly now: () => number,
  ) {}

  async start(intervalMs: number): Promise<void> {
    this.timer ??= setInterval(() => {
      this.stepping ??= this.step().finally(() => (this.stepping = null));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.stepping;
  }

  /** One step of every simulated delivery that has started. */
  async step(): Promise<void> {
    const now = this.now();
    for (const record of [...this.ledger.allRecords()]) {
      const simulation = this.ledger.definition(record.id)?.simulation;
      if (!simulation || this.retired.has(record.id) || !acceptsFeedback(record)) continue;
      let run = this.runs.get(record.id);
      if (!run)
        this.runs.set(record.id, (run = new SimulationRun(this.ledger, record, simulation, now)));
      const events = run.step(record, now);
      try {
        await this.append(record.id, now, events);
      } catch (error) {
        // Not appended, so not sent: the next step makes the run again from the replica.
        this.runs.delete(record.id);
        console.error('sendkit relay: the simulated MTA could not append its events', error);
        continue;
      }
      if (run.done(record)) {
        this.runs.delete(record.id);
        this.retired.add(record.id);
      }
    }
  }

  private async append(delivery: string, at: number, events: SimulatedEvents): Promise<void> {
    const entries = [];
    for (let start = 0; start < events.recipients.length; start += MAX_FACT_EVENTS) {
      const end = start + MAX_FACT_EVENTS;
      const columns = {
        recipients: events.recipients.slice(start, end),
        types: events.types.slice(start, end),
        times: events.times.slice(start, end),
        reasons: events.reasons.slice(start, end),
      };
      const digest = createHash('sha256').update(JSON.stringify(columns)).digest('base64url');
      const fact: FeedbackFact = {
        fact: 'feedback',
        delivery,
        at,
        key: `mta:${delivery}:${digest}`,
        ...columns,
        ids: null,
        denylist: [],
      };
      entries.push(factEntry(fact));
    }
    if (entries.length > 0) await this.log.appendEntries(entries);
  }
}
