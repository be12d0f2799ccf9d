/** The seven elements inside another element's shadow root, fed by one provider. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import { provideSendkit } from '../../components/index.js';
import { closeStores, freshStore, sendingDelivery, starter } from '../helpers.js';
import { watchLitWarnings } from './element-helpers.js';

describe('inside a shadow root', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('every element reads the provided store, delivery and user', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: true });
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'delivered', at: clock.now() },
    ]);
    const host = await fixture<HTMLElement>(html`<section></section>`);
    provideSendkit(host, { store, deliveryId: delivery.id, user: starter });
    const shadow = host.attachShadow({ mode: 'open' });
    const tags = [
      'confirm-send-button',
      'deployment-kpis',
      'sending-log-table',
      'efs-comparison',
      'delivery-timeline',
      'delivery-breakdown',
      'delivery-journal',
    ] as const;
    const elements = tags.map((tag) => shadow.appendChild(document.createElement(tag)));
    await Promise.all(elements.map((element) => element.settled()));
    const [button, kpis, table, comparison, timeline, breakdown, journal] = elements;
    expect(button!.shadowRoot!.querySelector('[part="message"]')!.textContent).to.equal(
      'The send was confirmed.',
    );
    expect(kpis!.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim()).to.equal(
      'Sending',
    );
    expect(
      table!.shadowRoot!.querySelector('[role="table"]')!.getAttribute('aria-rowcount'),
    ).to.equal('5');
    expect(
      comparison!.shadowRoot!.querySelector('[data-mode="efs"] .delivered')!.textContent,
    ).to.equal('100%');
    expect(timeline!.shadowRoot!.querySelector('[part="readout"]')!.textContent).to.contain(
      'Delivered: 1',
    );
    expect(
      breakdown!.shadowRoot!.querySelector('[part="providers"] tbody th')!.textContent,
    ).to.contain('example.com');
    expect(
      journal!.shadowRoot!.querySelector('[part="table"] tbody tr')!.getAttribute('data-action'),
    ).to.equal('start');
  });
});
