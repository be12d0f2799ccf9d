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
