/**
 * The embedded log: sequences from 1 with no gaps, each provider event once (also when two posts
 * race), everything back after a restart, a torn last line cut off, segments rolled and read
 * across, and a damaged older segment refused rather than served.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ProviderEvent } from '../../src/feedback/index.js';
import { FileLog, LogCorruptError } from '../../relay/log/file-log.js';
import { tempDir } from './support.js';

function events(
  from: number,
  count: number,
  provider: ProviderEvent['provider'] = 'sendgrid',
): ProviderEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    provider,
    id: `e${from + index}`,
    kind: 'delivered',
    at: 1_714_557_600_000 + index,
    address: `r${from + index}@example.org`,
    deliveryId: 'd1',
    recipient: from + index,
    messageId: null,
    position: index,
  }));
}

async function all(log: FileLog): Promise<{ seq: number; id: string }[]> {
  return (await log.read(0, 1_000_000)).map((event) => ({
    seq: event.seq,
    id: JSON.parse(event.json).id,
  }));
}

test('sequences start at 1, pages read any range, and an event is stored once', async () => {
  const log = await FileLog.open({ dir: tempDir() });
  assert.equal(log.head(), 0);
  assert.deepEqual(await log.append(events(0, 5)), { stored: 5, duplicates: 0 });
  assert.deepEqual(await log.append(events(3, 4)), { stored: 2, duplicates: 2 });
  assert.equal(log.head(), 7);
  assert.deepEqual(
    (await all(log)).map((event) => event.seq),
    [1, 2, 3, 4, 5, 6, 7],
  );
  const page = await log.read(2, 3);
  assert.deepEqual(
    page.map((event) => event.seq),
    [3, 4, 5],
  );
  assert.equal(JSON.parse(page[0]!.json).seq, 3);
  assert.deepEqual(await log.read(7, 10), []);
  await log.close();
});

test('the same events from posts racing each other are stored once', async () => {
  const log = await FileLog.open({ dir: tempDir() });
  const results = await Promise.all([
    log.append(events(0, 50)),
    log.append(events(25, 50)),
    log.append(events(0, 75)),
  ]);
  assert.equal(
    results.reduce((sum, result) => sum + result.stored, 0),
    75,
  );
  const ids = (await all(log)).map((event) => event.id);
  assert.equal(new Set(ids).size, 75);
  assert.equal(ids.length, 75);
  await log.close();
});

test('an event without a provider id is the same event when it says the same', async () => {
  const log = await FileLog.open({ dir: tempDir() });
  const dsn = events(0, 2, 'dsn').map((event) => ({ ...event, id: null }));
  assert.equal((await log.append(dsn)).stored, 2);
  assert.equal((await log.append(dsn)).duplicates, 2);
  assert.equal((await log.append([{ ...dsn[0]!, at: dsn[0]!.at + 1 }])).stored, 1);
  await log.close();
});

test('after a restart the log has the same events and still knows their ids', async () => {
  const dir = tempDir();
  const first = await FileLog.open({ dir });
  await first.append(events(0, 10));
  await first.close();
  const second = await FileLog.open({ dir });
  assert.equal(second.head(), 10);
  assert.deepEqual(await second.append(events(5, 10)), { stored: 5, duplicates: 5 });
  assert.deepEqual(
    (await all(second)).map((event) => event.seq),
    Array.from({ length: 15 }, (_, index) => index + 1),
  );
  await second.close();
});

test('a torn last line (a crash mid-write) is cut off, and numbering goes on from the last whole line', async () => {
  const dir = tempDir();
  const first = await FileLog.open({ dir });
  await first.append(events(0, 3));
  await first.close();
  const [segment] = readdirSync(dir).filter((name) => name.startsWith('segment-'));
  appendFileSync(join(dir, segment!), '{"seq":4,"provider":"sendgr');
  const second = await FileLog.open({ dir });
  assert.equal(second.head(), 3);
  await second.append(events(3, 1));
  assert.deepEqual(
    (await all(second)).map((event) => [event.seq, event.id]),
    [
      [1, 'e0'],
      [2, 'e1'],
      [3, 'e2'],
      [4, 'e3'],
    ],
  );
  await second.close();
});

test('segments roll over at their size and are read across; a damaged older one is refused', async () => {
  const dir = tempDir();
  const log = await FileLog.open({ dir, segmentBytes: 1_000 });
  for (let batch = 0; batch < 10; batch++) await log.append(events(batch * 5, 5));
  const names = readdirSync(dir)
    .filter((name) => name.startsWith('segment-'))
    .sort();
  assert.ok(names.length > 3, names.join());
  assert.deepEqual(
    (await log.read(7, 30)).map((event) => event.seq),
    Array.from({ length: 30 }, (_, index) => index + 8),
  );
  await log.close();

  const reopened = await FileLog.open({ dir, segmentBytes: 1_000 });
  assert.equal(reopened.head(), 50);
  await reopened.close();

  writeFileSync(join(dir, names[1]!), 'not a log\n');
  await assert.rejects(FileLog.open({ dir }), LogCorruptError);
});

test('readers waiting for more wake when events are stored', async () => {
  const log = await FileLog.open({ dir: tempDir() });
  const waiting = log.waitFor(0, new AbortController().signal);
  let woken = false;
  void waiting.then(() => (woken = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(woken, false);
  await log.append(events(0, 1));
  await waiting;
  assert.equal(woken, true);
  await log.close();
});
