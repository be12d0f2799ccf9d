/**
 * <delivery-breakdown>: by mailbox provider and by failure reason from a real store, each rate's
 * health band from the rules' thresholds, sortable by any column (keyboard: they are buttons),
 * exported as CSV; only the columns the channel has.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { DeliveryBreakdown } from '../../components/index.js';
import type { FeedbackEvent } from '../../src/index.js';
import { closeStores, freshStore, rewriteRecords, sendingDelivery, starter } from '../helpers.js';
import { downloadedText, watchLitWarnings } from './element-helpers.js';

const DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.fr', 'orange.fr'];

async function breakdownOf(channel: 'email' | 'sms' = 'email') {
  const { store, clock } = await freshStore();
  const recipients =
    channel === 'email'
      ? { addresses: Array.from({ length: 400 }, (_, index) => `u${index}@${DOMAINS[index % 4]}`) }
      : { generated: 40 };
  const delivery = await sendingDelivery(store, { efs: channel === 'email', channel, recipients });
  const now = clock.now();
  const events: FeedbackEvent[] = [];
  const count = channel === 'email' ? 400 : 40;
  for (let recipient = 0; recipient < count; recipient++) {
    // Yahoo (index % 4 === 2): one in five hard-bounces, harmful; the rest 1 in 100.
    const yahoo = recipient % 4 === 2;
    const hard = yahoo ? recipient % 20 === 2 : recipient === 0;
    events.push(
      hard
        ? {
            deliveryId: delivery.id,
            recipient,
            type: 'hard-bounce',
            at: now,
            reason: 'User unknown',
          }
        : { deliveryId: delivery.id, recipient, type: 'delivered', at: now },
    );
  }
  if (channel === 'email') {
    // Gmail (index % 4 === 0): one complaint in 99 delivered, harmful (≥ 0.3 %).
    events.push({ deliveryId: delivery.id, recipient: 4, type: 'complaint', at: now });
  }
  await store.applyFeedback(events);
  const element = await fixture<DeliveryBreakdown>(
    html`<delivery-breakdown
      .store=${store}
      delivery-id=${delivery.id}
      .user=${starter}
    ></delivery-breakdown>`,
  );
  await element.settled();
  return { store, delivery, element };
}

const rowsOf = (element: DeliveryBreakdown, table: string) =>
  [...element.shadowRoot!.querySelectorAll(`[part="${table}"] tbody tr`)].map((row) =>
    [...row.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
  );

describe('<delivery-breakdown>', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('shows each provider group with its counts, rates and health bands', async () => {
    const { element } = await breakdownOf();
    const rows = rowsOf(element, 'providers');
    expect(rows.map((row) => row[0])).to.deep.equal(['Gmail', 'Microsoft', 'Yahoo', 'orange.fr']);
    const yahoo = element.shadowRoot!.querySelectorAll('[part="providers"] tbody tr')[2]!;
    const bands = [...yahoo.querySelectorAll('[part="band"]')].map((band) =>
      band.getAttribute('data-band'),
    );
    // 20 hard bounces in 100: harmful from 5 % (BOUNCE_BANDS); no complaint: healthy.
    expect(bands).to.deep.equal(['harmful', 'healthy']);
    expect(rows[2]!.slice(1, 6)).to.deep.equal(['100', '80', '80%', '20', '20% Harmful']);
    const gmail = element.shadowRoot!.querySelectorAll('[part="providers"] tbody tr')[0]!;
    expect(
      [...gmail.querySelectorAll('[part="band"]')].map((band) => band.getAttribute('data-band')),
    ).to.deep.equal(['healthy', 'harmful']);
    expect(rowsOf(element, 'reasons')).to.deep.equal([['Hard', 'User unknown', '21', '5.25%']]);
    expect(part(element, 'legend').textContent)
      .to.contain('healthy under 2%')
      .and.contain('under 0.1%');
    await expect(element).to.be.accessible();
  });

  it('sorts by any column, descending first for figures, and says how it is sorted', async () => {
    const { element } = await breakdownOf();
    const header = (label: string) =>
      [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part="providers"] thead th')].find(
        (th) => th.textContent!.trim().startsWith(label),
      )!;
    header('Hard bounces').querySelector('button')!.click();
    await element.updateComplete;
    expect(header('Hard bounces').getAttribute('aria-sort')).to.equal('descending');
    expect(rowsOf(element, 'providers')[0]![0]).to.equal('Yahoo');
    header('Hard bounces').querySelector('button')!.click();
    await element.updateComplete;
    expect(header('Hard bounces').getAttribute('aria-sort')).to.equal('ascending');
    expect(rowsOf(element, 'providers').at(-1)![0]).to.equal('Yahoo');
    header('Mailbox provider').querySelector('button')!.click();
    await element.updateComplete;
    expect(rowsOf(element, 'providers').map((row) => row[0])).to.deep.equal([
      'Gmail',
      'Microsoft',
      'orange.fr',
      'Yahoo',
    ]);
    expect(header('Sent').getAttribute('aria-sort')).to.equal('none');
  });

  it('exports what it shows as CSV, bands included', async () => {
    const { element } = await breakdownOf();
    const csv = await downloadedText(() =>
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click(),
    );
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal(
      'Mailbox provider,Sent,Delivered,Delivered %,Hard bounces,Hard bounce rate,Hard bounce rate (Health bands),Complaints,Complaint rate,Complaint rate (Health bands),Open rate,Click-through rate',
    );
    expect(lines[3]).to.equal(
      'Yahoo,100,80,80.0000,20,20.0000,Harmful,0,0.0000,Healthy,0.0000,0.0000',
    );
    // The header and the four groups: Other, empty, is not listed.
    expect(lines).to.have.length(5);
  });

  it('an SMS delivery has no complaint, open or click columns', async () => {
    const { element } = await breakdownOf('sms');
    const headers = [...element.shadowRoot!.querySelectorAll('[part="providers"] thead th')].map(
      (th) => th.textContent!.trim(),
    );
    expect(headers).to.deep.equal([
      'Mailbox provider',
      'Sent',
      'Delivered',
      'Delivered %',
      'Hard bounces',
      'Hard bounce rate',
    ]);
    expect(rowsOf(element, 'providers').map((row) => row[0])).to.deep.equal(['Other']);
    await expect(element).to.be.accessible();
  });

  it('asks for Compute stats where a release before the breakdown prepared the delivery', async () => {
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 5 } });
    await rewriteRecords(name, (storeName, value) => {
      if (storeName === 'deliveries') delete value['breakdown'];
    });
    const element = await fixture<DeliveryBreakdown>(
      html`<delivery-breakdown .store=${store} delivery-id=${delivery.id}></delivery-breakdown>`,
    );
    await element.settled();
    expect(part(element, 'notice').textContent).to.contain('Compute stats makes one');
  });

  it('says so before preparation', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Draft',
      channel: 'email',
      recipients: { generated: 3 },
    });
    const element = await fixture<DeliveryBreakdown>(
      html`<delivery-breakdown .store=${store} delivery-id=${created.id}></delivery-breakdown>`,
    );
    await element.settled();
    expect(part(element, 'notice').textContent).to.contain('not prepared yet');
  });
});

function part(element: DeliveryBreakdown, name: string): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
}
