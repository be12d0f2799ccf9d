/**
 * The entries of a relay's stream as a connection reads them: a provider event, or a shared
 * delivery's fact, which the connection's fact folder reads and folds (connectRelay's). A store
 * that takes feedback only (connectFeedback's) passes facts over: its position moves past them.
 */
import type { FeedTarget } from '../sendkit-store.js';
import { readRelayEvent } from './relay-event.js';
import type { ProviderEvent } from './types.js';

/** A user's credential or the readers' token, or a function giving a fresh one each connect. */
export type FeedToken = string | (() => string | Promise<string>);

/** What a connection does with the shared deliveries' facts of its stream (connectRelay's). */
export interface FactFolder<F> {
  /** The fact an entry of the stream holds, or why it is not one. */
  read(value: object): { readonly fact: F } | { readonly problem: string };
  /** How many events a fact carries (a batch is cut by them). */
  weight(fact: F): number;
  /** Folds facts in order with the position they reach, in one write. */
  fold(facts: readonly F[], cursor: { feed: string; seq: number; log: string }): Promise<void>;
}

/** One entry of the stream, read: a provider event, or a shared delivery's fact. */
export type Entry<F> =
  | { readonly seq: number; readonly event: ProviderEvent }
  | { readonly seq: number; readonly fact: F };

/** The folder of a store that takes feedback only: facts are passed over, the position moves. */
export function passOver(store: FeedTarget): FactFolder<null> {
  return {
    read: () => ({ fact: null }),
    weight: () => 0,
    fold: async (_facts, cursor) => void (await store.applyFeedback([], { cursor })),
  };
}

/** An entry of the stream (`data:`): a fact when it says it is one, else a provider event. */
export function readEntry<F>(data: string, folder: FactFolder<F>): Entry<F> | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !('fact' in value))
    return readRelayEvent(value);
  const seq = (value as { seq?: unknown }).seq;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return null;
  const read = folder.read(value);
  return 'fact' in read ? { seq: seq as number, fact: read.fact } : null;
}
