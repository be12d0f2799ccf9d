/**
 * The provider adapters (issue "Real feedback"): every row of every mapping table, from the
 * providers' documented payloads, detected by shape; correlation tags; RFC 3463 reasons.
 */
import { expect } from '@open-wc/testing';
import { correlationTags, parseFeedback, reasonOfStatus, readTag } from '../src/feedback/index.js';
import { ALL_FIXTURES, dsnMail } from './feedback/fixtures.js';

describe('provider adapters, one fixture per mapping row', () => {
  for (const fixture of ALL_FIXTURES) {
    it(`${fixture.provider}: ${fixture.name}`, async () => {
      for (const options of [{}, { provider: fixture.provider }]) {
        const parsed = await parseFeedback(fixture.payload, options);
        expect(parsed.rejected, 'rejected').to.deep.equal([]);
        if (fixture.expect.length > 0) expect(parsed.provider).to.equal(fixture.provider);
        expect(
          parsed.events.map(({ kind, reason, address }) => ({
            kind,
            ...(reason ? { reason } : {}),
            address,
          })),
        ).to.deep.equal(fixture.expect);
        for (const event of parsed.events) {
          expect(event.provider).to.equal(fixture.provider);
          expect(Number.isInteger(event.at) && event.at > Date.UTC(2000, 0, 1)).to.equal(true);
          expect(event.position).to.equal(0);
          if (
            event.kind !== 'denylist' &&
            fixture.provider !== 'dsn' &&
            fixture.name !== 'classic notificationType Bounce, time with a space before the offset'
          )
            expect(event.deliveryId).to.equal('d1');
        }
      }
    });
  }

  it('a SendGrid webhook body is an array: each event keeps its index as position', async () => {
    const body = [
      { email: 'a@x.org', timestamp: 1714557600, event: 'processed', sg_event_id: 'a' },
      { email: 'b@x.org', timestamp: 1714557600, event: 'exploded', sg_event_id: 'b' },
      { email: 'c@x.org', timestamp: 1714557600, event: 'delivered', sg_event_id: 'c' },
    ];
    const parsed = await parseFeedback(JSON.stringify(body));
    expect(parsed.events.map((event) => [event.position, event.kind])).to.deep.equal([
      [0, 'relayed'],
      [2, 'delivered'],
    ]);
    expect(parsed.rejected).to.deep.equal([
      { position: 1, reason: "unknown SendGrid event 'exploded'" },
    ]);
  });

  it('a Mailgun Events API page: items, positions from 0', async () => {
    const page = {
      items: [
        { event: 'delivered', id: 'i1', timestamp: 1714557600.5, recipient: 'a@x.org' },
        {
          event: 'failed',
          severity: 'permanent',
          reason: 'bounce',
          id: 'i2',
          timestamp: 1714557601,
          recipient: 'b@x.org',
          'delivery-status': { message: '5.1.1 no such user' },
        },
      ],
      paging: { next: 'https://api.mailgun.net/v3/x/events/next' },
    };
    const parsed = await parseFeedback(page);
    expect(parsed.provider).to.equal('mailgun');
    expect(
      parsed.events.map((event) => [event.kind, event.reason ?? null, event.at]),
    ).to.deep.equal([
      ['delivered', null, 1714557600500],
      ['hard-bounce', 'User unknown', 1714557601000],
    ]);
  });

  it("correlation tags, in each provider's own place, read back by the adapters", async () => {
    const tags = correlationTags('d42', 7);
    expect(tags).to.deep.equal({
      sendgrid: { custom_args: { sk_d: 'd42', sk_r: '7' } },
      mailgun: { 'v:sk_d': 'd42', 'v:sk_r': '7' },
      postmark: { Metadata: { sk_d: 'd42', sk_r: '7' } },
      ses: {
        Tags: [
          { Name: 'sk_d', Value: 'd42' },
          { Name: 'sk_r', Value: '7' },
        ],
      },
      headers: { 'X-Sendkit-Delivery': 'd42', 'X-Sendkit-Recipient': '7' },
    });
    expect(readTag(['d42'], ['7'])).to.deep.equal({ deliveryId: 'd42', recipient: 7 });
    expect(readTag('d 42', '-1')).to.deep.equal({ deliveryId: null, recipient: null });
    const dsn = await parseFeedback(dsnMail('failed', '5.1.1'));
    expect([dsn.events[0]!.deliveryId, dsn.events[0]!.recipient]).to.deep.equal(['d1', 5]);
  });

  it('bounce mails parse side by side without touching a global; encoded parts are decoded', async () => {
    const blob = globalThis.Blob;
    const seen = new Set<unknown>();
    const watch = setInterval(() => seen.add(globalThis.Blob), 0);
    const mails = Array.from({ length: 40 }, (_, index) =>
      dsnMail('failed', '5.1.1', { recipient: `r${index}@example.org` }),
    );
    // One report sent base64, one quoted-printable, as some MTAs do.
    const base64 = dsnMail('delayed', '4.2.2').replace(
      /Content-Type: message\/delivery-status\r\n\r\n([\s\S]*?)\r\n--b1/,
      (_, fields: string) =>
        `Content-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n${btoa(fields).replace(/(.{76})/g, '$1\r\n')}\r\n--b1`,
    );
    const quoted = dsnMail('failed', '5.1.1', { recipient: 'q@example.org' })
      .replace(
        'Content-Type: message/delivery-status\r\n',
        'Content-Type: message/delivery-status\r\nContent-Transfer-Encoding: quoted-printable\r\n',
      )
      .replace(
        'Final-Recipient: rfc822; q@example.org',
        'Final-Recipient: rfc822; q=40example.org=\r\n',
      );
    try {
      const parsed = await Promise.all(
        [...mails, base64, quoted].map((mail) => parseFeedback(mail)),
      );
      expect(parsed.slice(0, 40).map((result) => result.events[0]?.address)).to.deep.equal(
        mails.map((_, index) => `r${index}@example.org`),
      );
      expect(parsed[40]!.events.map((event) => [event.kind, event.reason])).to.deep.equal([
        ['soft-bounce', 'Mailbox full'],
      ]);
      expect(parsed[41]!.events.map((event) => event.address)).to.deep.equal(['q@example.org']);
    } finally {
      clearInterval(watch);
    }
    expect(globalThis.Blob).to.equal(blob);
    expect([...seen].every((value) => value === blob)).to.equal(true);
  });

  it('in a worker too, as the import runs: side by side, and no global is ever replaced', async () => {
    const worker = new Worker(new URL('./feedback/dsn-worker.ts', import.meta.url), {
      type: 'module',
    });
    try {
      const answer = await new Promise<{ addresses: string[]; blobChanged: boolean }>(
        (resolve, reject) => {
          worker.onmessage = (message) => resolve(message.data);
          worker.onerror = (error) => reject(new Error(error.message));
        },
      );
      expect(answer.blobChanged).to.equal(false);
      expect(answer.addresses).to.deep.equal(
        Array.from({ length: 40 }, (_, index) => `r${index}@example.org`),
      );
    } finally {
      worker.terminate();
    }
  });

  it('RFC 3463 codes give the reasons of the table; comments and unknown codes are handled', () => {
    const cases: [string, string | null][] = [
      ['smtp; 550 5.1.1 user unknown', 'User unknown'],
      ['5.1.2', 'Invalid domain'],
      ['4.4.4 unable to route', 'Invalid domain'],
      ['5.2.1 mailbox disabled', 'Account disabled'],
      ['452 4.2.2 mailbox full', 'Mailbox full'],
      ['5.3.1', 'Mailbox full'],
      ['550 5.7.1 spam', 'Refused'],
      ['5.6.0 content', 'Refused'],
      ['4.4.7 expired', 'Unreachable'],
      ['4.4.1 no answer', 'Unreachable'],
      ['5.0.0 (reached quota)', 'Not defined'],
      ['5.5.5', 'Not defined'],
      ['250 OK', null],
      ['version 1.2.3.4', null],
    ];
    for (const [text, reason] of cases) expect(reasonOfStatus(text), text).to.equal(reason);
  });
});
