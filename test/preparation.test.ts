/** Preparation: targeted, to deliver, exclusions and their exclusion-log rows. */
import { expect } from '@open-wc/testing';
import { AddressScan, hashAddress, normalizeAddress } from '../src/store/address-scan.js';
import { closeStores, freshStore, preparer, starter } from './helpers.js';

/** Addresses normalising does something to, or that a one-pass reading could get wrong. */
const AWKWARD_ADDRESSES = [
  'a@b.c',
  'Jean.Dupont@Example.FR',
  '  padded@x.test ',
  '\tTab@X.test',
  '\u00a0nbsp@x.test',
  'line\u2028@x.test\u2028',
  'ÉLISE@Exämple.de',
  'İpek@X.tr',
  'no-at-sign',
  'NO-AT-SIGN',
  'ends-with-at@',
  '@only.domain',
  'two@at@Signs.example',
  '   ',
  '',
];

describe('preparation and exclusions', () => {
  afterEach(closeStores);

  it('reads a list’s address in one pass as normalising and hashing it would', () => {
    const scan = new AddressScan();
    for (const address of AWKWARD_ADDRESSES) {
      const normalized = normalizeAddress(address);
      expect(scan.read(address), JSON.stringify(address)).to.equal(normalized !== '');
      if (normalized === '') continue;
      expect(scan.hash, JSON.stringify(address)).to.equal(hashAddress(normalized));
      const at = normalized.lastIndexOf('@');
      const domain = at < 0 ? null : normalized.slice(at + 1);
      expect(scan.domainFrom < 0 ? null : scan.domain(), JSON.stringify(address)).to.equal(domain);
      if (!domain) continue;
      expect(scan.domainIs(domain)).to.equal(true);
      expect(scan.domainIs(`${domain}x`)).to.equal(false);
      const other = domain.startsWith('q') ? 'r' : 'q';
      expect(scan.domainIs(`${other}${domain.slice(1)}`)).to.equal(false);
    }
  });

  it('excludes no address, duplicates, denylisted and quarantined addresses', async () => {
    const { store } = await freshStore();
    await store.setAddressStatus('Blocked@Example.com', { denylisted: true, quarantined: false });
    await store.setAddressStatus('bounced@example.com', { denylisted: false, quarantined: true });
    const created = await store.createDelivery(starter, {
      label: 'Newsletter',
      channel: 'email',
      recipients: {
        addresses: [
          'a@example.com',
          '',
          'A@example.com ',
          'blocked@example.com',
          'b@example.com',
          'bounced@example.com',
          '   ',
        ],
      },
    });
    await store.prepare(starter, created.id);
    const indicators = await store.readIndicators(created.id);
    expect(indicators.targeted).to.equal(7);
    expect(indicators.excluded).to.equal(5);
    expect(indicators.toDeliver).to.equal(2);
    const exclusions = await store.readExclusionLogs(created.id);
    expect(exclusions.total).to.equal(5);
    expect(
      exclusions.rows.map((row) => [
        row.recipient,
        row.cause,
        row.reason,
        row.status,
        row.failureType,
      ]),
    ).to.deep.equal([
      [1, 'no-address', 'Not defined', 'ignored', 'ignored'],
      [2, 'duplicate', 'Not defined', 'ignored', 'ignored'],
      [3, 'denylisted', 'Address on denylist', 'ignored', 'ignored'],
      [5, 'quarantined', 'Quarantined address', 'ignored', 'ignored'],
      [6, 'no-address', 'Not defined', 'ignored', 'ignored'],
    ]);
    expect(exclusions.rows.every((row) => row.at !== null)).to.equal(true);
  });

  it('a duplicate is a later equal address, never an address of the same hash', async () => {
    // Each pair below has one 32-bit FNV-1a hash (the address index's) and two addresses.
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Collisions',
      channel: 'email',
      recipients: {
        addresses: [
          '1y7xeon@x.test',
          '1gh8r2w@x.test',
          ' 1GH8R2W@x.test',
          '1y7xeon@x.test',
          'tr8mh2@x.test',
          'TR8MH2@x.test',
          '1cmo8x3@x.test',
          'tr8mh2@x.test',
          '1cmo8x3@x.test',
        ],
      },
    });
    await store.prepare(starter, created.id);
    const exclusions = await store.readExclusionLogs(created.id);
    expect(exclusions.rows.map((row) => [row.recipient, row.cause])).to.deep.equal([
      [2, 'duplicate'],
      [3, 'duplicate'],
      [5, 'duplicate'],
      [7, 'duplicate'],
      [8, 'duplicate'],
    ]);
    expect((await store.readIndicators(created.id)).toDeliver).to.equal(4);
  });

  it('counts excluded recipients in no indicator but Targeted', async () => {
    const { store, clock } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { addresses: ['a@x.org', 'a@x.org', 'b@x.org'] },
    });
    await store.prepare(starter, created.id);
    await store.confirm(starter, created.id);
    await store.applyFeedback([
      { deliveryId: created.id, recipient: 0, type: 'relayed', at: clock.now() },
      { deliveryId: created.id, recipient: 2, type: 'relayed', at: clock.now() },
    ]);
    const indicators = await store.readIndicators(created.id);
    expect([
      indicators.targeted,
      indicators.toDeliver,
      indicators.relayed,
      indicators.relayedPercent,
    ]).to.deep.equal([3, 2, 2, 100]);
    expect(indicators.deliveredPercent).to.equal(100);
  });

  it('a list with nothing to deliver ends in preparation-error, and Confirm is not offered', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(preparer, {
      label: 'x',
      channel: 'sms',
      recipients: { addresses: ['', ' '] },
    });
    const prepared = await store.prepare(preparer, created.id);
    expect(prepared.state).to.equal('preparation-error');
    expect(prepared.preparationError).to.match(/No recipient to deliver/);
    expect((await store.readExclusionLogs(created.id)).total).to.equal(2);
  });

  it('generated test profiles get unique addresses per channel', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'x',
      channel: 'push',
      recipients: { generated: 10_000 },
    });
    await store.prepare(starter, created.id);
    const page = await store.readLogs(created.id, { offset: 9_998 });
    expect(page.total).to.equal(10_000);
    expect(page.rows.map((row) => row.address)).to.deep.equal(['device-9998', 'device-9999']);
  });
});
