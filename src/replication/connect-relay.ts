/**
 * connectRelay: makes a store a replica of a relay's shared deliveries. It follows the relay's
 * log (the same stream as connectFeedback, from this store's own position for it), folds every
 * shared delivery's fact in order, applies provider feedback to this store's own deliveries as
 * connectFeedback does, and sends this store's actions on shared deliveries to the relay with
 * the user's credential; each resolves once the fact is folded here.
 */
import { InputError, RelayError } from '../errors.js';
import { relayBase } from '../feedback/connect-feedback.js';
import { FeedbackConnection } from '../feedback/relay-feed.js';
import type { FactFolder } from '../feedback/feed-entries.js';
import { readMethods, readNumberOption, readOptions } from '../rules/valid-input.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { RelayLink } from '../store/relay-link.js';
import { foldInto } from './apply-facts.js';
import { readFact } from './fact-reader.js';
import type { Fact } from './facts.js';
import { RelayClient, type Credential } from './relay-client.js';

export interface RelayOptions {
  /**
   * The user's credential: a token the portal's backend signs for the user (HS256 JWT with
   * `sub`, `roles`, `exp`), or a function giving a fresh one. It reads the stream and acts.
   */
  readonly credential?: Credential;
  /** Or the relay's readers' token only: a replica that reads, whose actions are refused. */
  readonly token?: string;
  /** How long provider events gather before they are applied together. Default 50 ms. */
  readonly batchMs?: number;
  /** A stream silent this long is opened again. Default 45 s. */
  readonly staleMs?: number;
}

/** The connection of a replica: its status and events, and `reached(seq)`, as connectFeedback's. */
export class RelayConnection extends FeedbackConnection<Fact> {
  /** @internal Use connectRelay. */
  detach: () => void = () => {};

  override async close(): Promise<void> {
    this.detach();
    await super.close();
  }
}

export function connectRelay(
  store: DeliveryStore,
  url: string | URL,
  options: RelayOptions,
): RelayConnection {
  const target = readMethods<DeliveryStore>(
    'store',
    store,
    ['now', 'readFeedPosition', 'useRelay', 'applyFeedback', 'getDelivery'],
    'a sendkit DeliveryStore',
  );
  const { credential, token, batchMs, staleMs } = readOptions('options', options, [
    'credential',
    'token',
    'batchMs',
    'staleMs',
  ]);
  const base = relayBase(url);
  const reader = credential ?? token;
  const isToken = (value: unknown) =>
    typeof value === 'string' && value !== '' && value.length <= 8_192 && !/\s/.test(value);
  if (!(typeof reader === 'function' || isToken(reader)))
    throw new InputError(
      'options.credential',
      "a user's credential (or a function giving one), or options.token",
    );
  if (base.length > 200) throw new InputError('url', 'a relay address of at most 200 characters');
  const client = new RelayClient(base, reader as Credential);
  /** Address lists this page kept on the relay or fetched, by hash, until folded. */
  const lists = new Map<string, readonly string[]>();
  const folder: FactFolder<Fact> = {
    read: (value) => readFact(value),
    weight: (fact) => (fact.fact === 'feedback' ? fact.recipients.length : 0),
    async fold(facts, cursor) {
      for (const fact of facts) {
        if (fact.fact !== 'created' || !('list' in fact.definition.audience)) continue;
        const hash = fact.definition.audience.list;
        if (!lists.has(hash)) lists.set(hash, await client.getList(hash));
      }
      await foldInto(target, facts, { cursor, lists });
      for (const fact of facts)
        if (fact.fact === 'created' && 'list' in fact.definition.audience)
          lists.delete(fact.definition.audience.list);
    },
  };
  const connection = new RelayConnection(
    target,
    `${base}/events`,
    () => client.token(),
    undefined,
    `replica:${base}`,
    readNumberOption('options.batchMs', batchMs, 0, 10_000) ?? 50,
    readNumberOption('options.staleMs', staleMs, 1_000, 600_000) ?? 45_000,
    folder,
  );
  const link: RelayLink = {
    async act(action, delivery, extra = {}) {
      if (credential === undefined)
        throw new RelayError(
          'credential',
          "Connected with the readers' token: acting needs a user's credential.",
        );
      const receipt = await client.act({
        action,
        ...(delivery === null ? {} : { delivery }),
        ...extra,
      });
      if (receipt.seq !== null) {
        await connection.reached(receipt.seq).catch((error: unknown) => {
          throw new RelayError(
            'behind',
            `The relay took the action (position ${receipt.seq}) but this page has not caught up: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      }
      return receipt.delivery;
    },
    async putList(addresses) {
      const { hash } = await client.putList(addresses);
      lists.set(hash, addresses);
      return hash;
    },
  };
  target.useRelay(link);
  connection.detach = () => target.useRelay(null);
  return connection;
}
