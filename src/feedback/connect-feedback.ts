/**
 * connectFeedback: reads its arguments (typed errors, never a raw one) and opens the connection
 * that follows a sendkit relay (relay-feed.ts).
 */
import { InputError } from '../errors.js';
import { readNumberOption, readOptions, readSafely } from '../rules/valid-input.js';
import { passOver } from './feed-entries.js';
import { FeedbackConnection } from './relay-feed.js';
import type { FeedTarget } from '../sendkit-store.js';
import { readFeedbackTarget } from './resolve.js';

export type { FeedPosition, FeedTarget } from '../sendkit-store.js';

export interface FeedOptions {
  /** The relay's reader token (`SENDKIT_RELAY_TOKEN`). */
  readonly token: string;
  /** Apply only this delivery's events (and untagged events to it); default: every delivery. */
  readonly deliveryId?: string;
  /** How long events gather before they are applied together. Default 50 ms. */
  readonly batchMs?: number;
  /**
   * A stream silent this long is taken for dead (a connection the network dropped without a
   * word) and opened again. Default 45 s: three of the relay's keep-alive comments.
   */
  readonly staleMs?: number;
}

/**
 * Follows the relay at `url` (its base address, e.g. `https://relay.example.com`) and applies
 * its events to `store` as they arrive, from where this store last stopped reading it.
 */
export function connectFeedback(
  store: FeedTarget,
  url: string | URL,
  options: FeedOptions,
): FeedbackConnection<null> {
  const { token, deliveryId, batchMs, staleMs } = readOptions('options', options, [
    'token',
    'deliveryId',
    'batchMs',
    'staleMs',
  ]);
  const base = relayBase(url);
  if (typeof token !== 'string' || token === '' || token.length > 1_000 || /\s/.test(token)) {
    throw new InputError('options.token', "the relay's reader token");
  }
  if (deliveryId !== undefined && (typeof deliveryId !== 'string' || deliveryId === '')) {
    throw new InputError('options.deliveryId', 'a delivery id');
  }
  const batch = readNumberOption('options.batchMs', batchMs, 0, 10_000);
  const stale = readNumberOption('options.staleMs', staleMs, 1_000, 600_000);
  const target = readFeedbackTarget<FeedTarget>(store, ['readFeedPosition']);
  const eventsUrl = `${base}/events`;
  // One position per relay and per filter: a feed of one delivery skips the others' events.
  const feed = `relay:${base}${deliveryId === undefined ? '' : `#${deliveryId}`}`;
  if (feed.length > 256) throw new InputError('url', 'a relay address of at most 200 characters');
  return new FeedbackConnection(
    target,
    eventsUrl,
    token,
    deliveryId as string | undefined,
    feed,
    batch ?? 50,
    stale ?? 45_000,
    passOver(target),
  );
}

/** A relay's base address (an http(s) URL), without a trailing slash; an InputError otherwise. */
export function relayBase(url: unknown): string {
  return readSafely('url', () => {
    const parsed = new URL(String(url));
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new InputError('url', 'an http(s) URL');
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  });
}
