/**
 * importFeedback: reads an input as it streams, resolves each provider event to (delivery,
 * recipient) by its correlation tags or, without them, by its address in the chosen delivery,
 * and applies the valid events in one atomic batch per delivery (typed columns: a million events
 * cost a few dozen MB, not a few hundred). Complaints and unsubscribes put their address on the
 * denylist. Never throws for bad input: every event is applied, a duplicate, unmatched or
 * rejected, with its position.
 */
import { FeedbackError, SendkitError } from '../errors.js';
import { acceptsFeedback } from '../rules/lifecycle.js';
import { FEEDBACK_CLOCK_SKEW_MS } from '../rules/valid-input.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import { hashEventId } from '../store/event-ids.js';
import { FAILURE_REASONS, FEEDBACK_EVENT_TYPES, type FeedbackResult } from '../types.js';
import { adaptEntries, type Adaptation } from './adapt.js';
import { readEntries, sizeOf } from './sources.js';
import { Breather } from './yield.js';
import {
  PROVIDERS,
  type FeedbackInput,
  type ImportReport,
  type InputProblem,
  type ProviderEvent,
  type ProviderName,
} from './types.js';

/** The store calls an import needs. */
export type FeedbackTarget = Pick<
  DeliveryStore,
  'now' | 'getDelivery' | 'findRecipients' | 'applyFeedback' | 'setAddressStatus'
>;

export interface ImportOptions {
  readonly provider?: ProviderName;
  /** The delivery untagged events belong to; tagged events for another one are unmatched. */
  readonly deliveryId?: string;
  /** Called as the input is read, with the share read so far (0–1). */
  readonly onProgress?: (fraction: number) => void;
}

/** Reports list at most this many problems of each kind, then say how many more there were. */
const MAX_LISTED = 10_000;
const TYPE_INDEX = new Map(FEEDBACK_EVENT_TYPES.map((type, index) => [type, index]));
const REASON_INDEX = new Map(FAILURE_REASONS.map((reason, index) => [reason, index + 1]));

/** One delivery's events, in growing typed columns, with where each came from. */
class Columns {
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
    this.types[index] = TYPE_INDEX.get(event.kind as never)!;
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
class ProblemList {
  readonly listed: InputProblem[] = [];
  private more = 0;

  add(problem: InputProblem): void {
    if (this.listed.length < MAX_LISTED) this.listed.push(problem);
    else this.more++;
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

export async function importFeedback(
  store: FeedbackTarget,
  input: FeedbackInput,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const given = options.provider;
  const chosen = typeof options.deliveryId === 'string' ? options.deliveryId : undefined;
  const unmatched = new ProblemList();
  const rejected = new ProblemList();
  const totals = { applied: 0, duplicates: 0, superseded: 0, denylisted: 0 };
  let provider: ProviderName | null = null;
  if (given !== undefined && !PROVIDERS.includes(given)) {
    rejected.add({ position: 0, reason: `unknown provider '${String(given)}'` });
    return { provider, ...totals, unmatched: unmatched.result(), rejected: rejected.result() };
  }
  const latest = store.now() + FEEDBACK_CLOCK_SKEW_MS;
  const byDelivery = new Map<string, Columns>();
  const denylist = new Set<string>();
  const total = sizeOf(input);
  let read = 0;
  const onRead = (bytes: number) => {
    read += bytes;
    if (total > 0) options.onProgress?.(Math.min(1, read / total));
  };

  const breather = new Breather();
  try {
    for await (const entries of readEntries(input, onRead)) {
      const adaptation: Adaptation = { events: [], rejected: [], provider: null };
      await adaptEntries(entries, given, adaptation);
      provider ??= adaptation.provider;
      for (const problem of adaptation.rejected) rejected.add(problem);
      for (const event of adaptation.events) {
        const where = {
          ...(event.file === undefined ? {} : { file: event.file }),
          position: event.position,
        };
        if (event.at > latest) {
          rejected.add({ ...where, reason: "the event's time is later than the store's clock" });
          continue;
        }
        if (event.kind === 'denylist') {
          if (event.address) denylist.add(event.address);
          continue;
        }
        const target = targetOf(event, chosen);
        if (typeof target !== 'string') {
          unmatched.add({ ...where, reason: target.problem });
          continue;
        }
        let columns = byDelivery.get(target);
        if (!columns) byDelivery.set(target, (columns = new Columns()));
        if (event.recipient !== null && event.deliveryId === target) {
          columns.add(event, event.recipient);
        } else if (event.address) {
          columns.byAddress.push({ index: columns.add(event, 0), address: event.address });
        } else {
          unmatched.add({ ...where, reason: 'neither a recipient tag nor an address' });
        }
      }
      // A long file never holds the page for long.
      await breather.breathe();
    }
  } catch (error) {
    rejected.add({
      position: 0,
      reason: `the input could not be read (${(error as Error)?.name ?? 'error'})`,
    });
  }

  for (const [deliveryId, columns] of byDelivery) {
    const result = await applyToDelivery(store, deliveryId, columns, unmatched, rejected);
    totals.applied += result.applied;
    totals.duplicates += result.duplicates;
    totals.superseded += result.superseded;
  }
  for (const address of denylist) {
    await store.setAddressStatus(address, { denylisted: true });
    totals.denylisted++;
  }
  options.onProgress?.(1);
  return { provider, ...totals, unmatched: unmatched.result(), rejected: rejected.result() };
}

const NOTHING: FeedbackResult = { applied: 0, duplicates: 0, superseded: 0 };

/** Resolves one delivery's events, then applies them in one atomic batch. */
async function applyToDelivery(
  store: FeedbackTarget,
  deliveryId: string,
  columns: Columns,
  unmatched: ProblemList,
  rejected: ProblemList,
): Promise<FeedbackResult> {
  const reject = (reason: string, list = unmatched) => {
    for (let index = 0; index < columns.length; index++)
      list.add({ ...columns.where(index), reason });
    return NOTHING;
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
  if (columns.length === 0) return NOTHING;
  try {
    return await store.applyFeedback({
      deliveryId,
      recipients: columns.recipients.subarray(0, columns.length),
      types: columns.types.subarray(0, columns.length),
      at: columns.at.subarray(0, columns.length),
      reasons: columns.reasons.subarray(0, columns.length),
      ...(columns.hasIds ? { idHashes: columns.idHashes.subarray(0, columns.length * 2) } : {}),
    });
  } catch (error) {
    // The store refused the batch (it changed meanwhile): nothing of it was applied.
    if (error instanceof FeedbackError) return reject(error.detail, rejected);
    throw error;
  }
}
