/**
 * From provider events to feedback the store takes: each event sorted to its delivery by its
 * correlation tags (or to the chosen delivery), then resolved to a recipient by tag or by address,
 * checked against the delivery (started, in range, not excluded), into typed columns per delivery.
 * Shared by the file import and the relay feed, so both place an event the same way.
 */
import { SendkitError } from '../errors.js';
import { FEEDBACK_EVENT_INDEX } from '../rules/event-codes.js';
import { acceptsFeedback } from '../rules/lifecycle.js';
import { readMethods } from '../rules/valid-input.js';
import type { FeedbackTarget } from '../sendkit-store.js';
import { hashEventId } from '../store/event-ids.js';
import { FAILURE_REASONS, type FeedbackColumns, type FeedbackEventType } from '../types.js';
import type { InputProblem, ProviderEvent } from './types.js';

export type { FeedbackTarget } from '../sendkit-store.js';

const TARGET_CALLS = ['now', 'getDelivery', 'findRecipients', 'applyFeedback', 'setAddressStatus'];

/** The store feedback goes to, checked: one with the calls an import needs. */
export function readFeedbackTarget<T extends FeedbackTarget>(
  store: unknown,
  more: readonly string[] = [],
): T {
  return readMethods<T>('store', store, [...TARGET_CALLS, ...more], 'a sendkit DeliveryStore');
}

/** Reports list at most this many problems of each kind, then say how many more there were. */
const MAX_LISTED = 10_000;
const REASON_INDEX = new Map(FAILURE_REASONS.map((reason, index) => [reason, index + 1]));

/** One delivery's events, in growing typed columns, with where each came from. */
export class Columns {
  length = 0;
  recipients = new Uint32Array(1024);
  types = new Uint8Array(1024);
  at = new Float64Array(1024);
  reasons = new Uint8Array(1024);
  idHashes = new Uint32Array(2048);
  hasIds = false;
  positions = new Uint32Array(1024);
  files: (string | undefined)[] = [];
  fileOf = new Uint16Array(1024);
  /** Events resolved by address: their index, and the address. */
  readonly byAddress: { index: number; address: string }[] = [];

  add(event: ProviderEvent, recipient: number): number {
    if (this.length === this.recipients.length) this.grow();
    const index = this.length++;
    this.recipients[index] = recipient;
    this.types[index] = FEEDBACK_EVENT_INDEX.get(event.kind as FeedbackEventType)!;
    this.at[index] = event.at;
    this.reasons[index] = event.reason ? REASON_INDEX.get(event.reason)! : 0;
    if (event.id !== null) {
      [this.idHashes[index * 2], this.idHashes[index * 2 + 1]] = hashEventId(
        `${event.provider}:${event.id}`,
      );
      this.hasIds = true;
    }
    this.positions[index] = event.position;
    let file = this.files.indexOf(event.file);
    if (file < 0) file = this.files.push(event.file) - 1;
    this.fileOf[index] = file;
    return index;
  }

  where(index: number): { file?: string; position: number } {
    const file = this.files[this.fileOf[index]!];
    return { ...(file === undefined ? {} : { file }), position: this.positions[index]! };
  }

  /** Keeps the events `keep` says yes to, in order. */
  filter(keep: (index: number) => boolean): void {
    let out = 0;
    for (let index = 0; index < this.length; index++) {
      if (!keep(index)) continue;
      this.recipients[out] = this.recipients[index]!;
      this.types[out] = this.types[index]!;
      this.at[out] = this.at[index]!;
      this.reasons[out] = this.reasons[index]!;
      this.idHashes[out * 2] = this.idHashes[index * 2]!;
      this.idHashes[out * 2 + 1] = this.idHashes[index * 2 + 1]!;
      this.positions[out] = this.positions[index]!;
      this.fileOf[out] = this.fileOf[index]!;
      out++;
    }
    this.length = out;
  }

  private grow(): void {
    const size = this.recipients.length * 2;
    const grown = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
      array: T,
      make: (length: number) => T,
      factor = 1,
    ): T => {
      const next = make(size * factor);
      next.set(array);
      return next;
    };
    this.recipients = grown(this.recipients, (n) => new Uint32Array(n));
    this.types = grown(this.types, (n) => new Uint8Array(n));
    this.at = grown(this.at, (n) => new Float64Array(n));
    this.reasons = grown(this.reasons, (n) => new Uint8Array(n));
    this.idHashes = grown(this.idHashes, (n) => new Uint32Array(n), 2);
    this.positions = grown(this.positions, (n) => new Uint32Array(n));
    this.fileOf = grown(this.fileOf, (n) => new Uint16Array(n));
  }
}

/** Problems, listed up to MAX_LISTED, then counted. */
export class ProblemList {
  readonly listed: InputProblem[] = [];
  private more = 0;

  add(problem: InputProblem): void {
    if (this.listed.length < MAX_LISTED) this.listed.push(problem);
    else this.more++;
  }

  /** Every problem added, listed or not. */
  get count(): number {
    return this.listed.length + this.more;
  }

  result(): InputProblem[] {
    return this.more === 0
      ? this.listed
      : [...this.listed, { position: 0, reason: `and ${this.more} more like these` }];
  }
}

/** Where an event goes, or why it cannot be placed. */
function targetOf(event: ProviderEvent, chosen: string | undefined): string | { problem: string } {
  if (event.deliveryId !== null) {
    if (chosen !== undefined && event.deliveryId !== chosen) {
      return { problem: `tagged for delivery '${event.deliveryId}', not '${chosen}'` };
    }
    return event.deliveryId;
  }
  return chosen ?? { problem: 'no correlation tag, and no delivery was chosen to import into' };
}

/** Where a problem was found: the event's file and position. */
function whereOf(event: ProviderEvent): { file?: string; position: number } {
  return { ...(event.file === undefined ? {} : { file: event.file }), position: event.position };
}

/** Sorts provider events by delivery, collecting denylist addresses and what cannot be placed. */
export class EventSorter {
  readonly byDelivery = new Map<string, Columns>();
  readonly denylist = new Set<string>();
  readonly unmatched = new ProblemList();
  readonly rejected = new ProblemList();

  constructor(
    /** The delivery untagged events belong to, if one was chosen. */
    private readonly chosen: string | undefined,
    /** The latest time an event may carry (the store's clock plus the allowed skew). */
    private readonly latest: number,
  ) {}

  place(event: ProviderEvent): void {
    if (event.at > this.latest) {
      this.rejected.add({
        ...whereOf(event),
        reason: "the event's time is later than the store's clock",
      });
      return;
    }
    // A complaint denylists its address, as an unsubscribe does, and also counts for its
    // message when it can be placed; one that cannot still did its denylisting.
    if (event.kind === 'denylist' || event.kind === 'complaint') {
      if (event.address) this.denylist.add(event.address);
      if (event.kind === 'denylist') return;
    }
    const target = targetOf(event, this.chosen);
    if (typeof target !== 'string') {
      if (event.kind !== 'complaint')
        this.unmatched.add({ ...whereOf(event), reason: target.problem });
      return;
    }
    let columns = this.byDelivery.get(target);
    if (!columns) this.byDelivery.set(target, (columns = new Columns()));
    if (event.recipient !== null && event.deliveryId === target) {
      columns.add(event, event.recipient);
    } else if (event.address) {
      columns.byAddress.push({ index: columns.add(event, 0), address: event.address });
    } else {
      this.unmatched.add({ ...whereOf(event), reason: 'neither a recipient tag nor an address' });
    }
  }

  /**
   * Resolves every delivery's events to recipients; what cannot be placed becomes unmatched.
   * Returns the columns to apply, one per delivery that has any.
   */
  async resolve(store: FeedbackTarget): Promise<ResolvedColumns[]> {
    const out: ResolvedColumns[] = [];
    for (const [deliveryId, columns] of this.byDelivery) {
      if (await resolveDelivery(store, deliveryId, columns, this.unmatched)) {
        out.push({ columns, feedback: columnsOf(deliveryId, columns) });
      }
    }
    this.byDelivery.clear();
    return out;
  }
}

/** One delivery's resolved events: the columns (with where each came from) and what to apply. */
export interface ResolvedColumns {
  readonly columns: Columns;
  readonly feedback: FeedbackColumns;
}

/** What the store is given for one delivery: views of the columns' first `length` events. */
function columnsOf(deliveryId: string, columns: Columns): FeedbackColumns {
  return {
    deliveryId,
    recipients: columns.recipients.subarray(0, columns.length),
    types: columns.types.subarray(0, columns.length),
    at: columns.at.subarray(0, columns.length),
    reasons: columns.reasons.subarray(0, columns.length),
    ...(columns.hasIds ? { idHashes: columns.idHashes.subarray(0, columns.length * 2) } : {}),
  };
}

/** Places one delivery's events on recipients; false when none is left to apply. */
async function resolveDelivery(
  store: FeedbackTarget,
  deliveryId: string,
  columns: Columns,
  unmatched: ProblemList,
): Promise<boolean> {
  const reject = (reason: string) => {
    for (let index = 0; index < columns.length; index++)
      unmatched.add({ ...columns.where(index), reason });
    return false;
  };
  let delivery;
  try {
    delivery = await store.getDelivery(deliveryId);
  } catch (error) {
    if (error instanceof SendkitError && error.code !== 'not-found') throw error;
    return reject(`unknown delivery '${deliveryId}'`);
  }
  if (!acceptsFeedback(delivery)) {
    return reject(`delivery '${deliveryId}' has not started sending (state '${delivery.state}')`);
  }
  const addresses = [...new Set(columns.byAddress.map((entry) => entry.address))];
  const found = await store.findRecipients(deliveryId, addresses);
  const recipientsOf = new Map(
    addresses.map((address, index) => [address, found.recipients[index]!]),
  );
  const excluded = new Set(found.excluded);
  const problems = new Map<number, string>();
  for (const { index, address } of columns.byAddress) {
    const matches = recipientsOf.get(address) ?? [];
    if (matches.length === 1) columns.recipients[index] = matches[0]!;
    else
      problems.set(
        index,
        matches.length === 0
          ? `address ${address} is not in delivery '${deliveryId}'`
          : `address ${address} is in delivery '${deliveryId}' ${matches.length} times`,
      );
  }
  for (let index = 0; index < columns.length; index++) {
    if (problems.has(index)) continue;
    const recipient = columns.recipients[index]!;
    if (recipient >= delivery.recipientCount) {
      problems.set(
        index,
        `recipient ${recipient} is out of range (the delivery has ${delivery.recipientCount})`,
      );
    } else if (excluded.has(recipient)) {
      problems.set(index, `recipient ${recipient} was excluded at preparation`);
    }
  }
  for (const [index, reason] of problems) unmatched.add({ ...columns.where(index), reason });
  columns.filter((index) => !problems.has(index));
  return columns.length > 0;
}
