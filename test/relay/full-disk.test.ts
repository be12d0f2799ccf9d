/**
 * The relay as a real process on a disk that fills up (a small tmpfs, mounted for the test, so
 * ENOSPC is the kernel's own): a write that does not fully reach the disk is never acknowledged
 * (503 with Retry-After), the segment keeps only whole records, readers are unaffected, it
 * accepts again once space is freed without a restart, and every 2xx event is readable exactly
 * once before and after a restart.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { postSendgrid, readAll, sendgridEvents, spawnRelay, tempDir } from './support.js';

const DISK_BYTES = 512 * 1024;

/** A tmpfs of `DISK_BYTES` (the tests run as root, as CI does); null where mounting is denied. */
function smallDisk(): { dir: string; unmount(): void } | null {
  const dir = join(tempDir(), 'disk');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_BYTES}`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
  } catch {
    return null;
  }
  // Lazily: a relay that a failed assertion left running must not keep the mount.
  return { dir, unmount: () => execFileSync('umount', ['--lazy', dir]) };
}

test(
  'a full disk: never a 2xx for a write that did not reach it, and back once space is freed',
  {
    timeout: 120_000,
  },
  async (t) => {
    const disk = smallDisk();
    if (!disk) return t.skip('mounting a tmpfs needs root');
    const data = join(disk.dir, 'log');
    let relay = await spawnRelay(['--port', '0', '--data', data]);
    try {
      // Leave about 48 KB: a few posts fit, then the disk is full mid-write.
      const filler = join(disk.dir, 'filler');
      writeFileSync(filler, Buffer.alloc(DISK_BYTES - 48 * 1024));

      const acknowledged: string[] = [];
      const refused: object[][] = [];
      for (let post = 0; post < 60; post++) {
        const events = sendgridEvents('d-full', post * 25, 25);
        const response = await postSendgrid(relay.url, events);
        if (response.status === 200) {
          acknowledged.push(
            ...events.map((event) => (event as { sg_event_id: string }).sg_event_id),
          );
          await response.body?.cancel();
        } else {
          assert.equal(response.status, 503, await response.text());
          assert.ok(Number(response.headers.get('retry-after')) >= 1);
          refused.push(events);
        }
      }
      assert.ok(acknowledged.length > 0, 'some posts fit');
      assert.ok(refused.length > 0, 'the disk filled up');

      const ids = async () => (await readAll(relay.url)).map((event) => event['id'] as string);
      // Readers see exactly what was acknowledged, and the file holds only whole records.
      assert.deepEqual(await ids(), acknowledged);
      const [segment] = readdirSync(data).filter((name) => name.startsWith('segment-'));
      const text = readFileSync(join(data, segment!), 'utf8');
      assert.ok(text.endsWith('\n'));
      assert.equal(text.split('\n').slice(0, -1).length, acknowledged.length);

      // Space freed: the refused posts, retried as a provider retries them, are stored.
      rmSync(filler);
      for (const events of refused) {
        const response = await postSendgrid(relay.url, events);
        assert.equal(response.status, 200, await response.clone().text());
        acknowledged.push(...events.map((event) => (event as { sg_event_id: string }).sg_event_id));
      }
      assert.deepEqual(await ids(), acknowledged);

      await relay.kill();
      relay = await spawnRelay(['--port', '0', '--data', data]);
      const after = await readAll(relay.url);
      assert.deepEqual(
        after.map((event) => event['id']),
        acknowledged,
      );
      assert.deepEqual(
        after.map((event) => event.seq),
        acknowledged.map((_, index) => index + 1),
      );
    } finally {
      await relay.kill();
      disk.unmount();
    }
  },
);
