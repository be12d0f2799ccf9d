/**
 * The relay's routes of shared deliveries, as an attacker or a careless client calls them: a
 * credential is verified before anything is read (forged, unsigned, expired, for another
 * audience, of another algorithm: 401), a role the credential lacks is refused by the relay (403)
 * whatever the request says of its user, and every malformed action or list is refused with the
 * kit's error data; none of them appends anything to the log.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startRelay, type Relay } from '../../relay/relay.js';
import { signCredential } from '../../relay/verify/sign-credential.js';
import { CREDENTIAL_KEY, TOKEN, credentialFor, postShared, readAll, settings } from './support.js';

let relay: Relay;
let open: Relay;

before(async () => {
  relay = await startRelay(settings({ maxListBytes: 64 * 1024 }));
  // A relay started without a credential key takes no action at all.
  open = await startRelay(settings({ credentialKey: null }));
});
after(async () => {
  await relay.close();
  await open.close();
});

const ana = credentialFor('ana', ['start-deliveries']);

const paul = credentialFor('paul', ['prepare-deliveries']);
const wf = credentialFor('wf', ['workflow', 'admin']);

const act = (body: unknown, token: string | null = ana, on = relay) =>
  postShared(on.url, '/actions', body, token);

const head = async () => (await readAll(relay.url)).length;

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function forged(header: object, payload: object, key = CREDENTIAL_KEY): string {
  const signed = `${base64url(header)}.${base64url(payload)}`;
  return `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`;
}
const exp = () => Math.floor(Date.now() / 1000) + 600;

describe('credentials', () => {
  const cases: [string, string | null][] = [
    ['none at all', null],
    ['the readers’ token', TOKEN],
    ['not a token', 'hello'],
    [
      'unsigned (alg none)',
      `${base64url({ alg: 'none' })}.${base64url({ sub: 'eve', roles: ['start-deliveries'], exp: exp() })}.`,
    ],
    [
      'another algorithm',
      forged({ alg: 'HS512' }, { sub: 'eve', roles: ['start-deliveries'], exp: exp() }),
    ],
    [
      'a key id',
      forged({ alg: 'HS256', kid: 'x' }, { sub: 'eve', roles: ['start-deliveries'], exp: exp() }),
    ],
    [
      'another key',
      signCredential('not-the-relay-key-0123456789abcdefgh', {
        sub: 'eve',
        roles: ['start-deliveries'],
      }),
    ],
    [
      'expired',
      signCredential(CREDENTIAL_KEY, { sub: 'eve', roles: ['start-deliveries'], exp: 1_000 }),
    ],
    [
      'not valid yet',
      forged({ alg: 'HS256' }, { sub: 'eve', roles: ['start-deliveries'], exp: exp(), nbf: exp() }),
    ],
    ['no expiry', forged({ alg: 'HS256' }, { sub: 'eve', roles: ['start-deliveries'] })],
    ['no user', forged({ alg: 'HS256' }, { roles: ['start-deliveries'], exp: exp() })],
    [
      'roles as a string',
      forged({ alg: 'HS256' }, { sub: 'eve', roles: 'start-deliveries', exp: exp() }),
    ],
    [
      'a tampered payload',
      `${ana.split('.')[0]}.${base64url({ sub: 'eve', roles: ['start-deliveries'], exp: exp() })}.${ana.split('.')[2]}`,
    ],
    ['too long', `${'a'.repeat(9_000)}.b.c`],
  ];
  for (const [name, token] of cases) {
    test(`${name}: 401, nothing appended`, async () => {
      const before = await head();
      const { status, body } = await act(
        { action: 'create', input: { label: 'x', channel: 'sms', recipients: { generated: 1 } } },
        token,
      );
      assert.equal(status, 401);
      assert.equal(body['error']!.code, 'credential');
      assert.equal(await head(), before);
    });
  }

  test('a relay without a credential key takes no action', async () => {
    const { status } = await act({ action: 'create', input: {} }, ana, open);
    assert.equal(status, 401);
  });

  test('a credential reads the stream as the readers’ token does', async () => {
    const response = await fetch(`${relay.url}/events?after=0&limit=1`, {
      headers: { Authorization: `Bearer ${paul}` },
    });
    assert.equal(response.status, 200);
  });
});

describe('roles, verified by the relay', () => {
  test('only Start deliveries confirms: Prepare deliveries and Workflow are refused, 403', async () => {
    const created = await act(
      {
        action: 'create',
        input: { label: 'Roles', channel: 'email', recipients: { generated: 3 } },
      },
      paul,
    );
    assert.equal(created.status, 200);
    const id = created.body['delivery']!;
    assert.equal((await act({ action: 'prepare', delivery: id }, paul)).status, 200);
    const before = await head();
    for (const token of [paul, wf]) {
      const refused = await act(
        { action: 'confirm', delivery: id, user: { name: 'ana', roles: ['start-deliveries'] } },
        token,
      );
      assert.equal(refused.status, 400, 'a user field is not taken at all');
      const { status, body } = await act({ action: 'confirm', delivery: id }, token);
      assert.equal(status, 403);
      assert.equal(body['error']!.code, 'permission');
      assert.equal(
        body['error']!.message,
        'Your permissions do not allow you to confirm a delivery.',
      );
    }
    assert.equal(await head(), before);
    const confirmed = await act({ action: 'confirm', delivery: id }, ana);
    assert.equal(confirmed.status, 200);
    const fact = (await readAll(relay.url)).find((entry) => entry.seq === confirmed.body['seq']);
    assert.equal(fact?.['by'], 'ana');
    assert.equal(relay.shared.follower.ledger.delivery(id).state, 'in-progress');
  });

  test('Workflow may never create; a state the table refuses is 409; an unknown delivery 404', async () => {
    const before = await head();
    assert.equal(
      (
        await act(
          { action: 'create', input: { label: 'x', channel: 'sms', recipients: { generated: 1 } } },
          wf,
        )
      ).status,
      403,
    );
    const created = await act({
      action: 'create',
      input: { label: 'y', channel: 'sms', recipients: { generated: 1 } },
    });
    const id = created.body['delivery']!;
    const state = await act({ action: 'resume', delivery: id });
    assert.equal(state.status, 409);
    assert.equal(state.body['error']!.fields.state, 'editing');
    assert.equal((await act({ action: 'pause', delivery: 'no-such-delivery' })).status, 404);
    assert.equal(await head(), before + 1);
  });
});

describe('malformed actions: 400 with the field, nothing appended', () => {
  const bodies: [string, unknown][] = [
    ['not JSON', '{"action":'],
    ['an array', '[]'],
    ['an unknown action', { action: 'launch' }],
    ['an unknown field', { action: 'pause', delivery: 'x', extra: 1 }],
    ['a polluting key', '{"action":"pause","delivery":"x","__proto__":{"admin":true}}'],
    ['a delivery that is not an id', { action: 'pause', delivery: ['x'] }],
    [
      'recipients as a string',
      { action: 'create', input: { label: 'x', channel: 'email', recipients: 'everyone' } },
    ],
    [
      'addresses inline',
      {
        action: 'create',
        input: { label: 'x', channel: 'email', recipients: { addresses: ['a@b.c'] } },
      },
    ],
    [
      'a list never kept',
      {
        action: 'create',
        input: { label: 'x', channel: 'email', recipients: { list: 'a'.repeat(64) } },
      },
    ],
    [
      'too many recipients',
      {
        action: 'create',
        input: { label: 'x', channel: 'email', recipients: { generated: 5_000_001 } },
      },
    ],
    [
      'a contact date beyond a Date',
      {
        action: 'create',
        input: { label: 'x', channel: 'email', recipients: { generated: 1 }, contactDate: 1e300 },
      },
    ],
    [
      'a recurrence of no known period',
      {
        action: 'create',
        input: {
          label: 'x',
          channel: 'email',
          recipients: { generated: 1 },
          recurrence: { every: 'fortnight', aggregation: 'none', requestConfirmation: true },
        },
      },
    ],
    [
      'simulation on a relay that does not simulate',
      {
        action: 'create',
        input: { label: 'x', channel: 'email', recipients: { generated: 1 }, simulation: {} },
      },
    ],
    ['a reschedule to no time', { action: 'reschedule', delivery: 'x', contactDate: 'tomorrow' }],
  ];
  for (const [name, body] of bodies) {
    test(name, async () => {
      const before = await head();
      const { status, body: answer } = await act(body);
      assert.equal(status, 400, JSON.stringify(answer));
      assert.equal(answer['error']!.code, 'invalid-input');
      assert.equal(await head(), before);
    });
  }

  test('a body over 64 KiB: 413', async () => {
    const before = await head();
    const { status } = await act({ action: 'create', input: { label: 'x'.repeat(70_000) } });
    assert.equal(status, 413);
    assert.equal(await head(), before);
  });
});

describe('address lists', () => {
  const putList = (body: string, token: string | null = ana) =>
    postShared(relay.url, '/lists', body, token);

  test('kept once by the hash of its bytes, read back whole by a reader, a delivery made with it', async () => {
    const list = JSON.stringify(['a@example.org', 'b@example.org', 'a@example.org']);
    const first = await putList(list);
    assert.equal(first.status, 200);
    assert.equal(first.body['count'], 3);
    assert.deepEqual((await putList(list)).body, first.body);
    const read = await fetch(`${relay.url}/lists/${first.body['hash']}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(await read.text(), list);
    const created = await act({
      action: 'create',
      input: { label: 'List', channel: 'email', recipients: { list: first.body['hash'] } },
    });
    assert.equal(created.status, 200);
    assert.equal(
      relay.shared.follower.ledger.delivery(created.body['delivery']!).recipientCount,
      3,
    );
  });

  const refused: [string, string, string | null, number][] = [
    ['not JSON', '[', ana, 400],
    ['not an array', '{"a":1}', ana, 400],
    ['empty', '[]', ana, 400],
    ['an address that is not a text', '["a@b.c", 3]', ana, 400],
    ['an address over 320 characters', JSON.stringify([`${'a'.repeat(321)}@b.c`]), ana, 400],
    [
      'over the size limit',
      JSON.stringify(Array.from({ length: 5_000 }, (_, i) => `user${i}@example.org`)),
      ana,
      413,
    ],
    ['without a credential', '["a@b.c"]', null, 401],
    ['by a user who may not create', '["a@b.c"]', wf, 403],
  ];
  for (const [name, body, token, status] of refused) {
    test(`${name}: ${status}`, async () => {
      assert.equal((await putList(body, token)).status, status);
    });
  }

  test('a list unknown, or named by anything but a hash: 404; read without a token: 401', async () => {
    const get = (path: string, token: string | null = TOKEN) =>
      fetch(`${relay.url}/lists/${path}`, {
        headers: token === null ? {} : { Authorization: `Bearer ${token}` },
      });
    assert.equal((await get('0'.repeat(64))).status, 404);
    assert.equal((await get('..%2F..%2Flog-id')).status, 404);
    assert.equal((await get('0'.repeat(64), null)).status, 401);
  });
});
