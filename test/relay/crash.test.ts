/**
 * The relay as a real process, killed with SIGKILL in the middle of a stream of signed posts and
 * started again: every post that got a 2xx is in the log exactly once, posts retried like a
 * provider retries are stored once too, and a reader that resumes with Last-Event-ID sees every
 * sequence once, in order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SseParser } from '../../src/feedback/sse.js';
import {
  TOKEN,
  freePort,
  postSendgrid,
  readAll,
  sendgridEvents,
  spawnRelay,
  tempDir,
  type RelayProcess,
  textOf,
} from './support.js';

const POSTS = 60;
const PER_POST = 100;

/** Posts until a 2xx, like a provider (which retries for hours; here every 50 ms). */
async function deliver(url: () => string, events: object[]): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      const response = await postSendgrid(url(), events);
      if (response.ok) return;
      await response.body?.cancel();
    } catch {
      // Connection refused or reset: the relay is down.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('a post never got a 2xx');
}

/** Reads the stream, resuming after each disconnect from the last id, until `total` events. */
async function follow(url: () => string, total: number): Promise<number[]> {
  const seqs: number[] = [];
  let last = '';
  while (seqs.length < total) {
    try {
      const response = await fetch(`${url()}/events`, {
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          Accept: 'text/event-stream',
          ...(last ? { 'Last-Event-ID': last } : {}),
        },
      });
      const parser = new SseParser((message) => {
        if (message.event !== 'message') return;
        seqs.push(JSON.parse(message.data).seq);
        last = message.id;
      });
      for await (const text of textOf(response.body!)) {
        parser.push(text);
        if (seqs.length >= total) break;
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return seqs;
}

test(
  'SIGKILL mid-stream: every acknowledged and retried post is stored once, and readers resume',
  { timeout: 120_000 },
  async () => {
    const port = await freePort();
    const args = ['--port', String(port), '--data', tempDir()];
    let relay: RelayProcess = await spawnRelay(args);
    const url = () => relay.url;
    const total = POSTS * PER_POST;
    const reader = follow(url, total);

    let acknowledged = 0;
    const posts = Array.from({ length: POSTS }, (_, index) =>
      sendgridEvents('d-crash', index * PER_POST, PER_POST),
    );
    const sending = (async () => {
      // Four posts in flight at a time, as a provider's workers would.
      for (let index = 0; index < posts.length; index += 4) {
        await Promise.all(posts.slice(index, index + 4).map((events) => deliver(url, events)));
        acknowledged += 4;
      }
    })();
    while (acknowledged < POSTS / 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await relay.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    relay = await spawnRelay(args);
    await sending;

    // Some posts are sent again now, as if their answers had been lost.
    for (const events of posts.slice(0, 5)) await deliver(url, events);

    const stored = await readAll(relay.url);
    assert.equal(stored.length, total);
    assert.deepEqual(
      stored.map((event) => event.seq),
      Array.from({ length: total }, (_, index) => index + 1),
    );
    assert.equal(new Set(stored.map((event) => event['id'])).size, total);

    const seen = await reader;
    assert.deepEqual(
      seen,
      Array.from({ length: total }, (_, index) => index + 1),
    );
    await relay.kill();
  },
);
