/**
 * <delivery-timeline>: the send over model time from a real store: its figures per minute (the
 * readout, by keys and pointer), the same figures as a table, the pace and the validity's end,
 * drawn with attributes only (no style attribute: it renders under `style-src 'self'`).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { DeliveryTimeline } from '../../components/index.js';
import { INTERVAL_MS } from '../../src/rules/index.js';
import type { FeedbackEvent } from '../../src/index.js';
import { addresses, closeStores, freshStore, sendingDelivery, starter } from '../helpers.js';
import { watchLitWarnings } from './element-helpers.js';

const part = (element: DeliveryTimeline, name: string) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

async function timelineOf(options: { paced?: boolean } = {}) {
  const { store, clock } = await freshStore();
  const delivery = await sendingDelivery(store, {
    efs: true,
    recipients: { addresses: addresses(50) },
    ...(options.paced ? { pace: { perHour: 600 } } : {}),
  });
  const start = delivery.startedAt!;
  const at = (minute: number) => start + minute * INTERVAL_MS + 500;
  const events: FeedbackEvent[] = [];
  for (let recipient = 0; recipient < 30; recipient++)
    events.push({
      deliveryId: delivery.id,
      recipient,
      type: 'relayed',
      at: at(recipient < 20 ? 0 : 2),
    });
  for (let recipient = 0; recipient < 10; recipient++)
    events.push({ deliveryId: delivery.id, recipient, type: 'delivered', at: at(3) });
  events.push({
    deliveryId: delivery.id,
    recipient: 11,
    type: 'hard-bounce',
    at: at(3),
    reason: 'User unknown',
  });
  events.push({ deliveryId: delivery.id, recipient: 1, type: 'open', at: at(4) });
  clock.advance(10 * INTERVAL_MS);
  await store.applyFeedback(events);
  const element = await fixture<DeliveryTimeline>(
    html`<delivery-timeline
      .store=${store}
      delivery-id=${delivery.id}
      .user=${starter}
    ></delivery-timeline>`,
  );
  await element.settled();
  return { store, clock, delivery, element };
}

describe('<delivery-timeline>', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('reads out any minute by keyboard: sent, delivered and bounced in it', async () => {
    const { element } = await timelineOf();
    const chart = part(element, 'chart');
    expect(chart.getAttribute('role')).to.equal('slider');
    // The readout starts on the last minute with activity (minute 3: delivered and a bounce).
    expect(chart.getAttribute('aria-valuenow')).to.equal('3');
    expect(part(element, 'readout').textContent)
      .to.contain('Delivered: 10')
      .and.contain('Hard bounces: 1');
    chart.focus();
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(chart.getAttribute('aria-valuenow')).to.equal('0');
    expect(chart.getAttribute('aria-valuetext')).to.contain('Sent: 20');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(chart.getAttribute('aria-valuetext')).to.contain('Sent: 10');
    await sendKeys({ press: 'End' });
    await element.updateComplete;
    // The send so far, at least an hour, and a tenth more: 66 minutes.
    expect(chart.getAttribute('aria-valuemax')).to.equal('65');
    expect(chart.getAttribute('aria-valuenow')).to.equal('65');
    await expect(element).to.be.accessible();
  });

  it('the pointer moves the readout to the minute under it', async () => {
    const { element } = await timelineOf();
    const chart = part(element, 'chart');
    const box = chart.getBoundingClientRect();
    const span = Number(chart.getAttribute('aria-valuemax')) + 1;
    chart.dispatchEvent(
      new PointerEvent('pointerdown', {
        clientX: box.left + (2.5 / span) * box.width,
        clientY: box.top + 5,
        bubbles: true,
      }),
    );
    await element.updateComplete;
    expect(chart.getAttribute('aria-valuenow')).to.equal('2');
  });

  it('the same figures as a table, summing to the KPIs; opens and clicks on demand', async () => {
    const { element, store, delivery } = await timelineOf();
    const details = element.shadowRoot!.querySelector('details')!;
    details.open = true;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.updateComplete;
    const table = part(element, 'table');
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['Time', 'Sent', 'Delivered', 'Hard bounces', 'Soft bounces']);
    const column = (index: number) =>
      [...table.querySelectorAll('tbody tr')].reduce(
        (sum, row) => sum + Number(row.children[index]!.textContent!.replace(/\D/g, '')),
        0,
      );
    const indicators = await store.readIndicators(delivery.id);
    expect(column(1)).to.equal(indicators.relayed);
    expect(column(2)).to.equal(indicators.delivered);
    expect(column(3)).to.equal(1);
    const toggle = element.shadowRoot!.querySelector<HTMLInputElement>('[part="legend"] input')!;
    toggle.click();
    await element.updateComplete;
    expect(element.showEngagement).to.equal(true);
    expect(element.shadowRoot!.querySelectorAll('path.line')).to.have.length(7);
    expect(part(element, 'readout').textContent).to.contain('Opens');
    await expect(element).to.be.accessible();
  });

  it('marks the validity end, and the planned pace and expected end of a paced send', async () => {
    const { element } = await timelineOf({ paced: true });
    const legend = part(element, 'legend').textContent!;
    expect(legend).to.contain('Validity ends: ');
    expect(legend)
      .to.contain('Planned pace')
      .and.contain('600 an hour')
      .and.contain('Expected end');
    expect(element.shadowRoot!.querySelector('line.pace')).not.to.equal(null);
    expect(element.shadowRoot!.querySelector('line.marker.dashed')).not.to.equal(null);
    const range = part(element, 'range');
    range.click();
    await element.updateComplete;
    expect(range.getAttribute('aria-pressed')).to.equal('true');
    // The whole validity: 3.5 days a minute at a time, its end marked at the chart's end.
    expect(part(element, 'chart').getAttribute('aria-valuemax')).to.equal(String(84 * 60));
    const end = element.shadowRoot!.querySelector('line.marker:not(.dashed)')!;
    expect(Number(end.getAttribute('x1'))).to.be.closeTo(600 * ((84 * 60) / (84 * 60 + 1)), 0.5);
  });

  it('draws with attributes only: no style attribute anywhere in its shadow root', async () => {
    const { element } = await timelineOf({ paced: true });
    expect(element.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(element.shadowRoot!.querySelectorAll('svg path.line')).to.have.length(4);
  });

  it('says so before the send starts', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Draft',
      channel: 'email',
      recipients: { generated: 3 },
    });
    const element = await fixture<DeliveryTimeline>(
      html`<delivery-timeline .store=${store} delivery-id=${created.id}></delivery-timeline>`,
    );
    await element.settled();
    expect(part(element, 'notice').textContent).to.contain('The send has not started');
    await expect(element).to.be.accessible();
  });

  it('follows new feedback as it is applied', async () => {
    const { element, store, delivery } = await timelineOf();
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 40, type: 'relayed', at: delivery.startedAt! + 500 },
    ]);
    await element.settled();
    const chart = part(element, 'chart');
    chart.focus();
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(chart.getAttribute('aria-valuetext')).to.contain('Sent: 21');
  });
});
