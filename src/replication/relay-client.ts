/**
 * What a page sends a relay about shared deliveries: a user's action (`POST /actions`) with the
 * credential the portal's backend signed for that user, an address list to create deliveries
 * with (`POST /lists`), and a kept list a replica needs (`GET /lists/<hash>`). The relay's
 * refusals come back as the kit's own errors (PermissionError, StateError, …); what the relay or
 * the network did not take is a RelayError.
 */
import { RelayError, SendkitError } from '../errors.js';
import { errorFromData, type ErrorData } from '../remote/error-data.js';
import type { SharedAction } from './facts.js';
import { LIST_HASH } from './facts.js';

/** A user's credential for the relay, or a function that returns a fresh one (tokens expire). */
export type Credential = string | (() => string | Promise<string>);

/** The body of an action, as the relay reads it. */
export interface ActionBody {
  readonly action: SharedAction;
  readonly delivery?: string;
  readonly input?: unknown;
  readonly contactDate?: number | null;
}

/** Where an action's fact is in the relay's log, and the delivery it concerns. */
export interface ActionReceipt {
  readonly seq: number | null;
  readonly delivery: string;
}

export class RelayClient {
  constructor(
    /** The relay's base address, without a trailing slash. */
    readonly base: string,
    private readonly credential: Credential,
  ) {}

  async token(): Promise<string> {
    const token = typeof this.credential === 'function' ? await this.credential() : this.credential;
    if (typeof token !== 'string' || token === '' || /\s/.test(token))
      throw new RelayError('credential', 'the credential function gave no credential');
    return token;
  }

  async act(body: ActionBody): Promise<ActionReceipt> {
    const answer = await this.send('/actions', { method: 'POST', body: JSON.stringify(body) });
    const { seq, delivery } = answer as { seq?: unknown; delivery?: unknown };
    if ((seq !== null && !Number.isSafeInteger(seq)) || typeof delivery !== 'string')
      throw new RelayError('unavailable', 'the relay answered an action with something else');
    return { seq: seq as number | null, delivery };
  }

  /** Keeps a list on the relay; its SHA-256 (what the relay answers) names it from then on. */
  async putList(addresses: readonly string[]): Promise<{ hash: string; count: number }> {
    const answer = await this.send('/lists', { method: 'POST', body: JSON.stringify(addresses) });
    const { hash, count } = answer as { hash?: unknown; count?: unknown };
    if (typeof hash !== 'string' || !LIST_HASH.test(hash) || count !== addresses.length)
      throw new RelayError('unavailable', 'the relay answered a list with something else');
    return { hash, count };
  }

  /** A kept list, checked against its hash where this page can hash (a secure context). */
  async getList(hash: string): Promise<string[]> {
    const response = await this.fetch(`/lists/${hash}`, { method: 'GET' });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const digest = await globalThis.crypto?.subtle?.digest('SHA-256', bytes).catch(() => null);
    if (digest) {
      const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
      if (hex.join('') !== hash)
        throw new RelayError('unavailable', `the relay's list ${hash} does not hash to its name`);
    }
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (!Array.isArray(value) || !value.every((address) => typeof address === 'string'))
      throw new RelayError('unavailable', `the relay's list ${hash} is not a list of addresses`);
    return value as string[];
  }

  /** A JSON request whose 2xx answer is returned; anything else thrown as the kit's error. */
  private async send(path: string, init: RequestInit): Promise<unknown> {
    const response = await this.fetch(path, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
    });
    return response.json().catch(() => {
      throw new RelayError('unavailable', 'the relay answered with something else than JSON');
    });
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    const token = await this.token();
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
        cache: 'no-store',
      });
    } catch {
      throw new RelayError('unreachable', `the relay at ${this.base} cannot be reached`);
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    const error = body?.error as Partial<ErrorData> | string | undefined;
    const message =
      typeof error === 'object' && typeof error?.message === 'string'
        ? error.message
        : `the relay answered ${response.status}`;
    if (response.status === 401) throw new RelayError('credential', message);
    if (
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 429 &&
      typeof error === 'object' &&
      error !== null
    ) {
      const refusal = errorFromData(error as ErrorData);
      if (refusal instanceof SendkitError) throw refusal;
    }
    throw new RelayError('unavailable', message);
  }
}
