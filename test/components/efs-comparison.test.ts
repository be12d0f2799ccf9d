import { expect, fixture, html } from '@open-wc/testing';
import '../../components/efs-comparison/register.js';
import type { EfsComparison } from '../../components/efs-comparison/efs-comparison.js';
import { SEED_STEPS, STORIES, stepOutcome, traceStory } from '../../src/rules/index.js';
import { closeStores, freshStore, sendingDelivery } from '../helpers.js';
import { watchLitWarnings } from './element-helpers.js';

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('efs-comparison', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it("renders the seed table from the model's rules, with the seed's wording", async () => {
    const element = await fixture<EfsComparison>(html`<efs-comparison></efs-comparison>`);
    const rows = [...element.shadowRoot!.querySelectorAll('[part="table"] tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-step'))).to.deep.equal(
      SEED_STEPS.map((step) => step.id),
    );
    for (const [index, row] of rows.entries()) {
      const statuses = [...row.querySelectorAll('td.status')].map(text);
      const standard = stepOutcome(SEED_STEPS[index]!, 'standard');
      const efs = stepOutcome(SEED_STEPS[index]!, 'efs');
      const label = { pending: 'Pending', sent: 'Sent', failed: 'Failed', ignored: 'Ignored' };
      expect(statuses).to.deep.equal([standard.reported ? label[standard.to] : '—', label[efs.to]]);
    }
    const cells = (id: string) =>
      [...element.shadowRoot!.querySelectorAll(`tr[data-step="${id}"] td.kpi`)].map(text);
    // The seed's own cells, as it words them.
    expect(cells('relayed')).to.deep.equal([
      'Delivered percentage starts out at 100% Bounces + errors percentage starts out at 0%',
      'No change in Delivered percentage No change in Bounces + errors percentage',
    ]);
    expect(cells('hard-bounce')).to.deep.equal([
      'Delivered percentage is decreased accordingly Bounces + errors percentage is increased accordingly',
      'No change in Delivered percentage Bounces + errors percentage is increased accordingly',
    ]);
    expect(cells('soft-bounce')).to.deep.equal([
      'No change in Delivered percentage No change in Bounces + errors percentage',
      'No change in Delivered percentage Bounces + errors percentage is increased accordingly',
    ]);
    expect(cells('retry-succeeded')).to.deep.equal([
      'No change in Delivered percentage No change in Bounces + errors percentage',
      'Delivered percentage is increased accordingly Bounces + errors percentage is decreased accordingly',
    ]);
    expect(cells('retries-failed')).to.deep.equal([
      'Delivered percentage is decreased accordingly No change in Bounces + errors percentage',
      'No change in Delivered percentage No change in Bounces + errors percentage',
    ]);
    expect(cells('delivered')[0]).to.equal('Not reported without EFS');
    await expect(element).to.be.accessible();
  });

  it('walks one message through a story, step by step, in both modes', async () => {
    const element = await fixture<EfsComparison>(html`<efs-comparison></efs-comparison>`);
    const select = element.shadowRoot!.querySelector<HTMLSelectElement>('[part="story"]')!;
    select.value = 'soft-then-success';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    const walkRows = () => [
      ...element.shadowRoot!.querySelectorAll('[part="walkthrough"] tbody tr'),
    ];
    expect(walkRows()).to.have.length(1);
    const next = element.shadowRoot!.querySelector<HTMLButtonElement>('[part="next"]')!;
    next.click();
    await element.updateComplete;
    next.click();
    await element.updateComplete;
    expect(next.disabled).to.equal(true);
    const story = STORIES.find((candidate) => candidate.id === 'soft-then-success')!;
    const last = [...walkRows().at(-1)!.querySelectorAll('td')].map(text);
    const standard = traceStory(story, 'standard').at(-1)!;
    const efs = traceStory(story, 'efs').at(-1)!;
    expect(last).to.deep.equal([
      'Sent',
      `${standard.deliveredPercent}%`,
      `${standard.bouncesPercent}%`,
      'Sent',
      `${efs.deliveredPercent}%`,
      `${efs.bouncesPercent}%`,
    ]);
    // With EFS, the soft bounce step showed the message Failed and B at 100 %.
    expect([...walkRows()[1]!.querySelectorAll('td')].map(text).slice(3)).to.deep.equal([
      'Failed',
      '0%',
      '100%',
    ]);
    await expect(element).to.be.accessible();
  });

  it('compares one live delivery in both modes at once', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true, recipients: { generated: 4 } });
    const at = clock.now();
    await store.applyFeedback([
      ...[0, 1, 2, 3].map((recipient) => ({
        deliveryId: delivery.id,
        recipient,
        type: 'relayed' as const,
        at,
      })),
      { deliveryId: delivery.id, recipient: 0, type: 'delivered', at },
      { deliveryId: delivery.id, recipient: 1, type: 'soft-bounce', at, reason: 'Mailbox full' },
    ]);
    const element = await fixture<EfsComparison>(
      html`<efs-comparison .store=${store} delivery-id=${delivery.id}></efs-comparison>`,
    );
    await element.settled();
    const mode = (name: string) => element.shadowRoot!.querySelector(`[data-mode="${name}"]`)!;
    expect(text(mode('standard').querySelector('.delivered'))).to.equal('100%');
    expect(text(mode('standard').querySelector('.bounces'))).to.equal('0%');
    expect(text(mode('efs').querySelector('.delivered'))).to.equal('25%');
    expect(text(mode('efs').querySelector('.bounces'))).to.equal('25%');
    await expect(element).to.be.accessible();
  });

  it('says why a delivery without EFS cannot be compared live', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: false });
    const element = await fixture<EfsComparison>(
      html`<efs-comparison .store=${store} delivery-id=${delivery.id}></efs-comparison>`,
    );
    await element.settled();
    expect(text(element.shadowRoot!.querySelector('[part="live"] p'))).to.match(/does not use EFS/);
    expect(element.shadowRoot!.querySelector('[data-mode]')).to.equal(null);
  });
});
