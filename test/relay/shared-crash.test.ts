/**
 * A shared delivery sent by the relay's simulated MTA, the relay killed with SIGKILL in the middle
 * of the send and started again on the same data: every action it acknowledged is in the log,
 * every recipient is relayed exactly once (none lost, none doubled), no message receives one kind
 * of event twice, and the facts of the delivery are numbered 1, 2, 3… with no gap or repeat.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  credentialFor,
  postShared,
  readAll,
  spawnRelay,
  tempDir,
  type RelayProcess,
} from './support.js';

const RECIPIENTS = 40_000;

async function act(url: string, body: object): Promise<{ seq: number; delivery: string }> {
  const answer = await postShared(
    url,
    '/actions',
    body,
    credentialFor('ana', ['start-deliveries']),
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return { seq: answer.body.seq!, delivery: answer.body.delivery! };
}

/** Per recipient, how many events of each type the log's feedback facts carry. */
function eventsIn(entries: { [key: string]: unknown }[], id: string): Uint8Array[] {
  const counts = Array.from({ length: 9 }, () => new Uint8Array(RECIPIENTS));
  for (const entry of entries) {
    if (entry['fact'] !== 'feedback' || entry['delivery'] !== id) continue;
    const recipients = entry['recipients'] as number[];
    const types = entry['types'] as number[];
    recipients.forEach((recipient, index) => counts[types[index]!]![recipient]!++);
  }
  return counts;
}

test('killed mid-send and restarted: nothing acknowledged lost, no recipient relayed twice', async () => {
  const data = tempDir();
  const args = ['--port', '0', '--data', data, '--simulate', '--clock-scale', '3600'];
  let relay: RelayProcess = await spawnRelay(args);
  try {
    const { delivery } = await act(relay.url, {
      action: 'create',
      input: {
        label: 'Crash',
        channel: 'email',
        efs: true,
        recipients: { generated: RECIPIENTS },
        // 20,000 an hour of model time: one real second an hour, two seconds in all.
        pace: { perHour: 20_000 },
        simulation: { softBounceRate: 0.1, reportDelayMs: 30 * 60_000 },
      },
    });
    const acknowledged = [(await act(relay.url, { action: 'prepare', delivery })).seq];
    acknowledged.push((await act(relay.url, { action: 'confirm', delivery })).seq);
    // Killed once some, not all, recipients are relayed.
    for (;;) {
      const relayed = eventsIn(await readAll(relay.url), delivery)[0]!.reduce((a, b) => a + b, 0);
      if (relayed > 1_000) {
        assert.ok(relayed < RECIPIENTS, 'the send was over before the kill');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await relay.kill('SIGKILL');
    relay = await spawnRelay(args);
    let entries = await readAll(relay.url);
    for (const seq of acknowledged) assert.ok(entries.some((entry) => entry.seq === seq));
    for (let wait = 0; eventsIn(entries, delivery)[0]!.includes(0); wait++) {
      assert.ok(wait < 400, 'the restarted relay never relayed everyone');
      await new Promise((resolve) => setTimeout(resolve, 50));
      entries = await readAll(relay.url);
    }
    const counts = eventsIn(entries, delivery);
    assert.ok(
      counts[0]!.every((count) => count === 1),
      'every recipient relayed exactly once',
    );
    counts.forEach((perRecipient, type) =>
      assert.ok(
        perRecipient.every((count) => count <= 1),
        `event type ${type} at most once each`,
      ),
    );
    const numbers = entries
      .filter((entry) => entry['delivery'] === delivery && typeof entry['n'] === 'number')
      .map((entry) => entry['n']);
    assert.deepEqual(
      numbers,
      numbers.map((_, index) => index + 1),
    );
  } finally {
    await relay.kill('SIGKILL');
  }
});
