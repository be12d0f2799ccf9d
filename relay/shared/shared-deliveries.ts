/**
 * Shared deliveries at the relay: its replica (follower.ts), the actions users take on them
 * (checked against their verified roles and the life-cycle table, then appended as facts), the
 * address lists they are created with, the facts time and counts call for (scheduler.ts) and,
 * when the relay simulates, the simulated MTA's feedback (simulated-mta.ts).
 */
import { InputError, NotFoundError, type User } from '../../src/index.js';
import { newId } from '../../src/ids.js';
import {
  DELIVERY_INPUT_FIELDS,
  LIST_HASH,
  SHARED_ACTIONS,
  authorize,
  readContactDate,
  readDefinition,
  type LifecycleFact,
  type SharedAction,
  type SharedAudience,
} from '../../src/replication/index.js';
import { readOptions } from '../../src/rules/index.js';
import type { Clock } from '../../src/index.js';
import type { EventLog } from '../log/event-log.js';
import { FactWriter } from './fact-writer.js';
import { LedgerFollower } from './follower.js';
import { sha256Hex, type ListStore } from './list-store.js';
import { parseList, readList } from './lists.js';
import { Scheduler } from './scheduler.js';
import { SimulatedMta } from './simulated-mta.js';

export interface SharedOptions {
  readonly log: EventLog;
  readonly lists: ListStore;
  readonly clockScale: number;
  /** Run the simulated MTA for deliveries created with simulation rates. */
  readonly simulate: boolean;
}

/** What an action answers: where its fact is in the log, and the delivery it concerns. */
export interface ActionResult {
  readonly seq: number | null;
  readonly delivery: string;
}

/** What a list upload answers. */
export interface ListResult {
  readonly hash: string;
  readonly count: number;
}

export class SharedDeliveries {
  readonly follower: LedgerFollower;
  readonly clock: Clock & { readonly scale: number };
  private readonly writer: FactWriter;
  private readonly scheduler: Scheduler;
  private readonly mta: SimulatedMta | null;
  /** Counts of lists kept (read once each). */
  private readonly counts = new Map<string, number>();

  private constructor(private readonly options: SharedOptions) {
    this.follower = new LedgerFollower(options.log, options.lists, (changes) =>
      this.scheduler.look([...changes.byDelivery.keys()]),
    );
    this.clock = modelClock(options.clockScale, () => this.follower.latestAt);
    this.writer = new FactWriter(options.log, this.follower, () => this.clock.now());
    this.scheduler = new Scheduler(this.follower.ledger, this.writer, () => this.clock.now());
    this.mta = options.simulate
      ? new SimulatedMta(this.follower.ledger, options.log, () => this.clock.now())
      : null;
  }

  static async start(options: SharedOptions): Promise<SharedDeliveries> {
    const shared = new SharedDeliveries(options);
    await shared.follower.start();
    shared.scheduler.start(options.clockScale > 1 ? 250 : 1_000);
    await shared.mta?.start(250);
    return shared;
  }

  async close(): Promise<void> {
    this.scheduler.stop();
    await this.mta?.stop();
    await this.follower.stop();
  }

  /** A user's action, checked and appended as a fact; typed errors for refusals. */
  async act(user: User, body: unknown): Promise<ActionResult> {
    const given = readOptions('body', body, ['action', 'delivery', 'input', 'contactDate']);
    const action = given.action;
    if (!(SHARED_ACTIONS as readonly unknown[]).includes(action))
      throw new InputError('action', `one of ${SHARED_ACTIONS.join(', ')}`);
    if (action === 'create') return this.create(user, given.input);
    const id = given.delivery;
    if (typeof id !== 'string' || id === '' || id.length > 256)
      throw new InputError('delivery', 'a delivery id');
    const contactDate = action === 'reschedule' ? readContactDate(given.contactDate) : null;
    const ledger = this.follower.ledger;
    const seq = await this.writer.write(id, async (n, at): Promise<LifecycleFact> => {
      const record = ledger.record(id);
      const fact = authorize(action as SharedAction, user, record, id);
      const head = { delivery: id, n, at, by: user.name };
      switch (fact) {
        case 'prepared':
          return { ...head, fact, exclusions: await ledger.denylisted(id) };
        case 'rescheduled':
          return { ...head, fact, contactDate };
        case 'created':
          throw new InputError('action', 'create takes no delivery');
        default:
          return { ...head, fact };
      }
    });
    return { seq, delivery: id };
  }

  /** Keeps an address list under the hash of its bytes, for deliveries created with it. */
  async putList(bytes: Buffer): Promise<ListResult> {
    const hash = sha256Hex(bytes);
    const parsed = parseList(bytes);
    if ('problem' in parsed) throw new InputError('list', parsed.problem);
    await this.options.lists.put(hash, bytes);
    this.counts.set(hash, parsed.addresses.length);
    return { hash, count: parsed.addresses.length };
  }

  /** A kept list's bytes, or NotFoundError. */
  async getList(hash: string): Promise<Buffer> {
    const bytes = LIST_HASH.test(hash) ? await this.options.lists.get(hash) : null;
    if (!bytes) throw new NotFoundError(hash);
    return bytes;
  }

  private async create(user: User, value: unknown): Promise<ActionResult> {
    const { recipients, simulation, ...input } = readOptions('input', value, [
      ...DELIVERY_INPUT_FIELDS,
      'simulation',
    ]);
    if (simulation !== undefined && simulation !== null && !this.options.simulate)
      throw new InputError('simulation', 'this relay does not simulate (start it with --simulate)');
    const audience = await this.audienceOf(recipients);
    const definition = readDefinition({ ...input, audience, simulation: simulation ?? null });
    const id = newId();
    const seq = await this.writer.write(id, async (n, at) => {
      authorize('create', user, undefined, id);
      return { fact: 'created', delivery: id, n, at, by: user.name, definition };
    });
    return { seq, delivery: id };
  }

  private async audienceOf(value: unknown): Promise<SharedAudience> {
    const { generated, list } = readOptions('input.recipients', value, ['generated', 'list']);
    if (generated !== undefined) return { generated: generated as number };
    if (typeof list !== 'string' || !LIST_HASH.test(list))
      throw new InputError(
        'input.recipients',
        '{ generated: n } or { list: <hash of a kept list> }',
      );
    let count = this.counts.get(list);
    if (count === undefined) {
      const kept = await this.options.lists.get(list);
      if (!kept)
        throw new InputError('input.recipients.list', 'no list of that hash is kept: put it first');
      count = (await readList(this.options.lists, list)).length;
      this.counts.set(list, count);
    }
    return { list, count };
  }
}

/**
 * The relay's model time: real time, or `scale` times faster (the showcase), from now or from
 * the latest fact of the log, so a restarted relay never sends its deliveries back in time.
 */
function modelClock(scale: number, latest: () => number): Clock & { readonly scale: number } {
  let origin: number | null = null;
  let realStart = 0;
  return {
    scale,
    now() {
      if (scale === 1) return Math.max(Date.now(), latest());
      if (origin === null) {
        origin = Math.max(Date.now(), latest());
        realStart = Date.now();
      }
      return Math.round(origin + (Date.now() - realStart) * scale);
    },
  };
}
