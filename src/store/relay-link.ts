/**
 * What a store needs of its relay to act on shared deliveries (connectRelay makes it): an action
 * sent with the user's credential, resolving once this store has folded the fact it appended, and
 * an address list kept on the relay. The store decides what is shared and what stays local; the
 * link only carries.
 */
import { InputError, RelayError } from '../errors.js';
import type { SharedAction } from '../replication/facts.js';
import { readOptions } from '../rules/valid-input.js';
import { readRates } from '../simulator/mta-options.js';
import type { StoryRates } from '../simulator/stories.js';
import type { CheckedInput } from './delivery-input.js';
import { CORE_STORES } from './schema.js';
import type { Outcome } from './store-access.js';
import type { WriteTx } from './transactions.js';

/** The object stores a fold of a relay's facts may touch: one transaction over all of them. */
export const REPLICA_STORES = [
  ...CORE_STORES,
  'eventIds',
  'feedCursors',
  'dispatch',
  'timeline',
] as const;
export type ReplicaTx = WriteTx<(typeof REPLICA_STORES)[number]>;

/**
 * The store's one write over every replica store (sendkit/replication's applyFacts runs a fold
 * in it). A symbol, not a name: it is the replication module's, not a page's.
 */
export const REPLICA_WRITE: unique symbol = Symbol('sendkit.replica-write');

/** A store whose writes a relay's facts can be folded into. */
export interface ReplicaTarget {
  [REPLICA_WRITE]<T>(body: (tx: ReplicaTx) => Promise<Outcome<T>>): Promise<T>;
}

export interface RelayLink {
  /**
   * Sends a user's action; resolves with the delivery's id once this store has folded its fact
   * (PermissionError, StateError, NotFoundError, InputError as the relay refuses; RelayError for
   * the relay or the network).
   */
  act(action: SharedAction, delivery: string | null, extra?: object): Promise<string>;
  /** Keeps an address list on the relay; resolves with its hash. */
  putList(addresses: readonly string[]): Promise<string>;
}

/**
 * A new shared delivery: its input already checked here (typed errors before anything is sent),
 * an address list kept on the relay first, then the create action; resolves with its id.
 */
export async function createShared(
  link: RelayLink,
  { addresses, recipientCount, ...input }: CheckedInput,
  simulation: Partial<StoryRates> | null,
): Promise<string> {
  const recipients =
    addresses === null ? { generated: recipientCount } : { list: await link.putList(addresses) };
  return link.act('create', null, { input: { ...input, recipients, simulation } });
}

/** createDelivery's options, read once: whether to share, and the relay MTA's rates. */
export function readCreateOptions(
  value: unknown,
  connected: boolean,
): { shared: boolean; simulation: Partial<StoryRates> | null } {
  const { shared, simulation } = readOptions('options', value, ['shared', 'simulation']);
  if (shared !== undefined && typeof shared !== 'boolean')
    throw new InputError('options.shared', 'true or false');
  const share = shared ?? connected;
  if (share && !connected)
    throw new RelayError('not-connected', 'This store is not connected to a relay (connectRelay).');
  if (simulation !== undefined && simulation !== null && !share)
    throw new InputError('options.simulation', 'only for a shared delivery (a relay simulates it)');
  return {
    shared: share,
    simulation: simulation === undefined || simulation === null ? null : readRates(simulation),
  };
}
