/**
 * Readers of the log: `GET /events` as Server-Sent Events (`id:` = sequence, `data:` = the event
 * with its `seq`), from the start or after `Last-Event-ID` / `?after=`, live, with keep-alive
 * comments and the log's head and id as `event: head` (how far behind a reader is, and which
 * log its position belongs to); or, with `limit`, one JSON page `{ events, next, head, log }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventLog } from './log/event-log.js';
import { sendJson, sendText } from './http.js';

const PAGE = 1_000;
const MAX_LIMIT = 10_000;

/** `after` from the query or `Last-Event-ID`, and `limit`; null for values that are not whole. */
export function readPosition(
  url: URL,
  request: IncomingMessage,
): { after: number; limit: number | null } | null {
  const afterText = url.searchParams.get('after') ?? request.headers['last-event-id'] ?? '0';
  const limitText = url.searchParams.get('limit');
  const whole = (text: string) => (/^\d{1,15}$/.test(text) ? Number(text) : null);
  const after = whole(String(afterText).trim());
  const limit = limitText === null ? null : whole(limitText);
  if (after === null || (limitText !== null && (limit === null || limit < 1))) return null;
  return { after, limit: limit === null ? null : Math.min(limit, MAX_LIMIT) };
}

export async function sendPage(
  response: ServerResponse,
  log: EventLog,
  after: number,
  limit: number,
): Promise<void> {
  const events = await log.read(after, limit);
  const next = events.at(-1)?.seq ?? after;
  const json = `{"events":[${events.map((event) => event.json).join(',')}],"next":${next},"head":${log.head()},"log":${JSON.stringify(log.id)}}`;
  sendText(response, 200, json, 'application/json');
}

export async function stream(
  response: ServerResponse,
  log: EventLog,
  after: number,
  keepAliveMs: number,
): Promise<void> {
  const closed = new AbortController();
  response.on('close', () => closed.abort());
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
    'X-Content-Type-Options': 'nosniff',
  });
  response.write('retry: 2000\n\n');
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
  let cursor = after;
  let headSent = -1;
  try {
    while (!closed.signal.aborted) {
      const events = await log.read(cursor, PAGE);
      let frames = '';
      if (log.head() !== headSent) {
        headSent = log.head();
        frames += `event: head\ndata: {"seq":${headSent},"log":${JSON.stringify(log.id)}}\n\n`;
      }
      for (const event of events) frames += `id: ${event.seq}\ndata: ${event.json}\n\n`;
      if (frames !== '' && !response.write(frames)) {
        await new Promise((resolve) => {
          response.once('drain', resolve);
          closed.signal.addEventListener('abort', resolve, { once: true });
        });
      }
      if (events.length > 0) cursor = events.at(-1)!.seq;
      else if (!(await log.waitFor(cursor, closed.signal))) break;
    }
  } catch (error) {
    if (!closed.signal.aborted) {
      console.error('sendkit relay: a stream ended', error);
      response.destroy();
    }
  } finally {
    clearInterval(keepAlive);
  }
}

/** 401 for readers without the token. */
export function refuseReader(response: ServerResponse): void {
  sendJson(response, 401, { error: 'a bearer token is needed' }, { 'WWW-Authenticate': 'Bearer' });
}
