/**
 * The relay: receives providers' webhooks, verifies them, keeps their events durably, and streams
 * them to the browsers watching the sends. `node:http` only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROVIDERS, type ProviderName } from '../src/feedback/index.js';
import { placeShared } from '../src/replication/index.js';
import { allowOrigin, BodyTooLarge, readBody, sendJson } from './http.js';
import { dedupeKey, providerEntry, type EventLog } from './log/event-log.js';
import { FileLog } from './log/file-log.js';
import { NatsLog } from './log/nats-log.js';
import { RateLimit } from './rate-limit.js';
import { readPosition, refuseReader, sendPage, stream } from './readers.js';
import type { RelaySettings } from './settings.js';
import { factEntry } from './shared/fact-writer.js';
import { FileListStore, NatsListStore } from './shared/list-store.js';
import { handleAction, handleList, type SharedContext } from './shared/routes.js';
import { SharedDeliveries } from './shared/shared-deliveries.js';
import { verifyCredential } from './verify/credential.js';
import { bearerToken, sameSecret } from './verify/secrets.js';
import { fetchTextOverHttps, type FetchText } from './verify/sns.js';
import { webhookRoutes } from './webhooks.js';

export interface RelayOptions {
  /** How SNS certificates and subscription URLs are fetched (tests serve their own). */
  readonly fetchText?: FetchText;
  /**
   * The relay's wall clock: provider timestamps, credentials' expiry and the rate budgets' refill
   * (tests freeze it so a budget cannot refill between two requests on a slow machine).
   */
  readonly now?: () => number;
  /** A log to use instead of the one the settings name. */
  readonly log?: EventLog;
}

export interface Relay {
  readonly url: string;
  readonly log: EventLog;
  /** Shared deliveries: the relay's replica, the actions, the simulated MTA. */
  readonly shared: SharedDeliveries;
  close(): Promise<void>;
}

async function openLog(settings: RelaySettings): Promise<EventLog> {
  return settings.natsUrl
    ? NatsLog.open({ url: settings.natsUrl })
    : FileLog.open({ dir: settings.dataDir, repair: settings.repair });
}

export async function startRelay(
  settings: RelaySettings,
  options: RelayOptions = {},
): Promise<Relay> {
  const log = options.log ?? (await openLog(settings));
  const now = options.now ?? Date.now;
  const routes = webhookRoutes(settings, options.fetchText ?? fetchTextOverHttps);
  const rate = new RateLimit(settings.ratePerSecond);
  const lists =
    log instanceof NatsLog
      ? await NatsListStore.open(log.nats)
      : await FileListStore.open(settings.dataDir);
  const shared = await SharedDeliveries.start({
    log,
    lists,
    clockScale: settings.clockScale,
    simulate: settings.simulate,
  });
  const credentials = { key: settings.credentialKey, audience: settings.credentialAudience };
  const credentialOf = (request: IncomingMessage) => {
    const token = bearerToken(request.headers.authorization);
    return token === null
      ? ({ ok: false, reason: 'a bearer credential is needed' } as const)
      : verifyCredential(token, credentials, now());
  };
  /** The readers' token, or any user's valid credential: both may read. */
  const isReader = (request: IncomingMessage) => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) return false;
    return sameSecret(token, settings.token) || verifyCredential(token, credentials, now()).ok;
  };
  const sharedContext: SharedContext = {
    shared,
    maxListBytes: settings.maxListBytes,
    credential: credentialOf,
    reader: isReader,
  };

  /**
   * Answers 429 when the budget is spent. Budgets are per route and credential, each per address:
   * `refused` (anything unverified: no or a wrong token or signature, unknown routes, bodies
   * over the limit), `verified:<provider>` (posts whose signature held), `reader` (readers with
   * the token) and `preflight` (CORS preflights, which never carry it).
   */
  function overBudget(budget: string, client: string, response: ServerResponse): boolean {
    const key = `${budget} ${client}`;
    if (rate.take(key, now())) return false;
    sendJson(
      response,
      429,
      { error: 'too many requests' },
      { 'Retry-After': String(rate.retryAfter(key)) },
    );
    return true;
  }

  async function receive(
    provider: ProviderName,
    client: string,
    request: IncomingMessage,
    response: ServerResponse,
  ) {
    let body: Buffer;
    try {
      body = await readBody(request, settings.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      if (overBudget('refused', client, response)) return;
      sendJson(
        response,
        413,
        { error: `larger than ${settings.maxBodyBytes} bytes` },
        {
          Connection: 'close',
        },
      );
      return;
    }
    const reading = await routes[provider]({ headers: request.headers, body, now: now() });
    // Verified first, then counted: a refused post spends only the refused budget.
    const budget = reading.kind === 'refused' ? 'refused' : `verified:${provider}`;
    if (overBudget(budget, client, response)) return;
    if (reading.kind === 'refused') {
      sendJson(response, reading.status, { error: reading.reason });
    } else if (reading.kind === 'answer') {
      sendJson(response, 200, reading.body);
    } else {
      let result;
      let unmatched;
      try {
        // Events of shared deliveries are placed here, on the relay's replica. A file log's
        // deliveries are all created through this relay, folded before their creation is
        // answered; on JetStream another relay may have created one: its fact is folded first.
        if (log.kind === 'nats') await shared.follower.caughtUp();
        const placed = await placeShared(
          shared.follower.ledger,
          reading.events,
          shared.clock.now(),
        );
        unmatched = placed.unmatched;
        result = await log.appendEntries([
          ...placed.others.map(providerEntry),
          // Each keyed as its provider event: a retried post is a duplicate, placed or not.
          ...placed.facts.map(({ fact, event }) =>
            factEntry({ ...fact, key: dedupeKey(reading.events[event]!) }),
          ),
        ]);
      } catch (error) {
        // Not stored: the provider must try again.
        console.error('sendkit relay: the log refused an append', error);
        sendJson(response, 503, { error: 'the log is unavailable' }, { 'Retry-After': '5' });
        return;
      }
      sendJson(response, 200, {
        stored: result.stored,
        duplicates: result.duplicates,
        rejected: reading.rejected + unmatched,
      });
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://relay');
    const client = request.socket.remoteAddress ?? 'unknown';
    if (url.pathname === '/health' && request.method === 'GET') {
      // A page may read it too (a showcase takes the relay's model time from it).
      allowOrigin(request, response, settings.origins);
      // Non-2xx when events cannot be stored now, so a load balancer sends providers elsewhere.
      const writable = log.writable();
      return sendJson(response, writable ? 200 : 503, {
        status: writable ? 'ok' : 'unavailable',
        log: log.kind,
        logId: log.id,
        writable,
        // Model time, which shared deliveries' facts are stamped with (scaled in a showcase).
        clock: { now: shared.clock.now(), scale: shared.clock.scale },
        // Whether shared deliveries may be created with the simulated MTA's rates.
        simulates: settings.simulate,
      });
    }
    const listPath = /^\/lists(?:\/([^/]{1,128}))?$/.exec(url.pathname);
    if (url.pathname === '/actions' || listPath) {
      const listHash = listPath ? (listPath[1] ?? null) : undefined;
      const allowed = allowOrigin(request, response, settings.origins);
      if (request.method === 'OPTIONS') {
        if (overBudget('preflight', client, response)) return;
        return preflight(request, response, allowed, listHash === undefined ? 'POST' : 'GET, POST');
      }
      const budget = credentialOf(request).ok || isReader(request) ? 'actor' : 'refused';
      if (overBudget(budget, client, response)) return;
      if (listHash !== undefined) {
        const method = listHash === null ? 'POST' : 'GET';
        if (request.method !== method)
          return sendJson(response, 405, { error: `${method} only` }, { Allow: method });
        return handleList(sharedContext, listHash, request, response);
      }
      if (request.method !== 'POST')
        return sendJson(response, 405, { error: 'POST only' }, { Allow: 'POST' });
      return handleAction(sharedContext, request, response);
    }
    const webhook = /^\/webhooks\/([a-z]+)$/.exec(url.pathname)?.[1];
    if (webhook !== undefined && PROVIDERS.includes(webhook as ProviderName)) {
      if (request.method !== 'POST') {
        if (overBudget('refused', client, response)) return;
        return sendJson(response, 405, { error: 'POST only' }, { Allow: 'POST' });
      }
      return receive(webhook as ProviderName, client, request, response);
    }
    if (url.pathname === '/events') {
      const allowed = allowOrigin(request, response, settings.origins);
      const reader = isReader(request);
      // A preflight never carries the token: its own budget, which no refused request spends.
      const budget = request.method === 'OPTIONS' ? 'preflight' : reader ? 'reader' : 'refused';
      if (overBudget(budget, client, response)) return;
      if (request.method === 'OPTIONS') return preflight(request, response, allowed, 'GET');
      if (request.method !== 'GET')
        return sendJson(response, 405, { error: 'GET only' }, { Allow: 'GET' });
      if (!reader) return refuseReader(response);
      const position = readPosition(url, request);
      if (!position) return sendJson(response, 400, { error: 'after and limit are whole numbers' });
      // A page of JSON when asked for one (a limit, or JSON but not a stream in Accept).
      const accept = request.headers.accept ?? '';
      const wantsPage =
        position.limit !== null ||
        (accept.includes('application/json') && !accept.includes('text/event-stream'));
      if (wantsPage) return sendPage(response, log, position.after, position.limit ?? 1_000);
      return stream(response, log, position.after, settings.keepAliveMs);
    }
    if (overBudget('refused', client, response)) return;
    sendJson(response, 404, { error: 'not found' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('sendkit relay: a request failed', error);
      sendJson(response, 500, { error: 'internal error' });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    log,
    shared,
    async close() {
      const closing = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closing;
      await shared.close();
      if (!options.log) await log.close();
    },
  };
}

/** A CORS preflight: 403 for an origin not allowed, else the methods and headers it may use. */
function preflight(
  request: IncomingMessage,
  response: ServerResponse,
  allowed: boolean,
  methods: string,
): void {
  if (!allowed) return sendJson(response, 403, { error: 'origin not allowed' });
  response.writeHead(204, {
    // Chromium asks before a public page reaches a private address (Private Network Access).
    ...(request.headers['access-control-request-private-network'] === 'true'
      ? { 'Access-Control-Allow-Private-Network': 'true' }
      : {}),
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Last-Event-ID, Cache-Control',
    'Access-Control-Max-Age': '600',
  });
  response.end();
}
