import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/sending-log-table/register.js';
import type { SendingLogTable } from '../../components/sending-log-table/sending-log-table.js';
import { csvField } from '../../components/shared/csv.js';
import type { DeliveryStore } from '../../src/index.js';
import { closeStores, freshStore, sendingDelivery } from '../helpers.js';
import { nextEvent, watchLitWarnings } from './element-helpers.js';

async function render(store: DeliveryStore, deliveryId: string): Promise<SendingLogTable> {
  const element = await fixture<SendingLogTable>(
    html`<sending-log-table .store=${store} delivery-id=${deliveryId}></sending-log-table>`,
  );
  await element.settled();
  return element;
}

const rows = (element: SendingLogTable) => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]'),
];
const cells = (row: HTMLElement) =>
  [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent!.trim());

describe('sending-log-table', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('shows Date, Status, Address, Nature of failure and Reason with table semantics', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', 'b@x.org', '', 'a@x.org'] },
    });
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'relayed', at: clock.now() },
      {
        deliveryId: delivery.id,
        recipient: 1,
        type: 'hard-bounce',
        at: clock.now(),
        reason: 'User unknown',
      },
    ]);
    const element = await render(store, delivery.id);
    const table = element.shadowRoot!.querySelector('[role="table"]')!;
    expect(table.getAttribute('aria-rowcount')).to.equal('5');
    const headers = [...element.shadowRoot!.querySelectorAll('[role="columnheader"]')].map(
      (cell) => cell.textContent,
    );
    expect(headers.map((header) => header!.trim())).to.deep.equal([
      'Date',
      'Status',
      'Address',
      'Nature of failure',
      'Reason',
    ]);
    const shown = rows(element);
    expect(shown.map((row) => row.getAttribute('aria-rowindex'))).to.deep.equal([
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(cells(shown[0]!).slice(1)).to.deep.equal(['Sent', 'a@x.org', '', '']);
    expect(cells(shown[1]!).slice(1)).to.deep.equal(['Failed', 'b@x.org', 'Hard', 'User unknown']);
    await expect(element).to.be.accessible();
  });

  it('the exclusion logs list the excluded recipients with why', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: ['a@x.org', 'b@x.org', '', 'a@x.org'] },
    });
    const element = await render(store, delivery.id);
    const tabs = element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="tab"]');
    tabs[1]!.click();
    await element.settled();
    expect(tabs[1]!.getAttribute('aria-selected')).to.equal('true');
    // The exclusion logs' own columns: Date, Status, Nature of failure, Reason, then Address.
    const headers = [...element.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((cell) =>
      cell.textContent!.trim(),
    );
    expect(headers).to.deep.equal(['Date', 'Status', 'Nature of failure', 'Reason', 'Address']);
    expect(rows(element).map((row) => cells(row).slice(1))).to.deep.equal([
      ['Ignored', 'Ignored', 'Not defined', ''],
      ['Ignored', 'Ignored', 'Not defined', 'a@x.org'],
    ]);
    await expect(element).to.be.accessible();
  });

  it('virtualises a million rows: a window in the DOM, and the last row after a jump', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 1_000_000 } });
    const element = await render(store, delivery.id);
    expect(
      element.shadowRoot!.querySelector('[role="table"]')!.getAttribute('aria-rowcount'),
    ).to.equal('1000001');
    expect(rows(element).length).to.be.below(30);
    const viewport = element.shadowRoot!.querySelector<HTMLElement>('[part="viewport"]')!;
    viewport.focus();
    await sendKeys({ press: 'End' });
    await element.settled();
    const last = rows(element).at(-1)!;
    expect(last.getAttribute('aria-rowindex')).to.equal('1000001');
    expect(cells(last)[2]).to.equal('profile999999@example.test');
    expect(rows(element).length).to.be.below(30);
    await sendKeys({ press: 'Home' });
    await element.settled();
    expect(cells(rows(element)[0]!)[2]).to.equal('profile0@example.test');
    await sendKeys({ press: 'PageDown' });
    await element.settled();
    expect(Number(rows(element)[0]!.getAttribute('aria-rowindex'))).to.be.greaterThan(2);
    await sendKeys({ press: 'ArrowDown' });
    await element.settled();
    await expect(element).to.be.accessible();
  });

  it('at 360 px each row shows its address first, in view without scrolling; CSV keeps the product order', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 100 } });
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 360px">
        <sending-log-table .store=${store} delivery-id=${delivery.id}></sending-log-table>
      </div>`,
    );
    const element = box.querySelector('sending-log-table') as SendingLogTable;
    await element.settled();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await element.settled();
    const viewport = element.shadowRoot!.querySelector<HTMLElement>('[part="viewport"]')!;
    const headers = [...element.shadowRoot!.querySelectorAll('[role="columnheader"]')].map(
      (header) => header.textContent!.trim(),
    );
    expect(headers[0]).to.equal('Address');
    expect(viewport.scrollLeft).to.equal(0);
    const visible = viewport.getBoundingClientRect();
    for (const row of rows(element).slice(0, 5)) {
      const address = row.querySelector<HTMLElement>('[part="address"]')!.getBoundingClientRect();
      expect(address.left, 'address starts in view').to.be.at.least(visible.left);
      expect(address.right, 'address ends in view').to.be.at.most(visible.right);
    }
    const csv = await (await element.exportCsv()).text();
    expect(csv.split('\r\n')[0]).to.equal('Date,Status,Address,Nature of failure,Reason');
    // Wide again: the product's order.
    box.style.width = '1280px';
    await new Promise((resolve) => setTimeout(resolve, 100));
    await element.settled();
    const wide = [...element.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((header) =>
      header.textContent!.trim(),
    );
    expect(wide).to.deep.equal(['Date', 'Status', 'Address', 'Nature of failure', 'Reason']);
  });

  it('filters by status and exports the current view as CSV', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 12_000 } });
    const events = [];
    for (let recipient = 0; recipient < 12_000; recipient++) {
      events.push(
        recipient % 4 === 0
          ? {
              deliveryId: delivery.id,
              recipient,
              type: 'hard-bounce' as const,
              at: clock.now(),
              reason: 'Refused' as const,
            }
          : { deliveryId: delivery.id, recipient, type: 'relayed' as const, at: clock.now() },
      );
    }
    await store.applyFeedback(events);
    const element = await render(store, delivery.id);
    const select = element.shadowRoot!.querySelector<HTMLSelectElement>('[part="filter"]')!;
    select.value = 'failed';
    select.dispatchEvent(new Event('change'));
    await element.settled();
    expect(
      element.shadowRoot!.querySelector('[role="table"]')!.getAttribute('aria-rowcount'),
    ).to.equal('3001');
    expect(rows(element).every((row) => cells(row)[1] === 'Failed')).to.equal(true);
    const csv = await (await element.exportCsv()).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('Date,Status,Address,Nature of failure,Reason');
    expect(lines).to.have.length(3001);
    expect(lines[1]).to.match(/^\d{4}-\d\d-\d\dT.*,Failed,profile0@example\.test,Hard,Refused$/);
    expect(lines.at(-1)).to.contain('profile11996@example.test');
    const exported = nextEvent(element, 'sendkit-export');
    element.addEventListener('sendkit-export', (event) => event.preventDefault(), { once: true });
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click();
    expect((await exported).rows).to.equal(3000);
  });

  it('renders an XSS payload in an address as text, and escapes it in CSV', async () => {
    const { store } = await freshStore();
    const payload = '<img src=x onerror="window.__xss=1">@evil.org';
    const delivery = await sendingDelivery(store, {
      recipients: { addresses: [payload, '=HYPERLINK("x")'] },
    });
    const element = await render(store, delivery.id);
    const address = element.shadowRoot!.querySelector('[part="address"]')!;
    expect(address.textContent!.trim()).to.equal(payload);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    expect(csvField('=HYPERLINK("x")')).to.equal(`"'=HYPERLINK(""x"")"`);
  });

  it("a click on an address opens that profile's history", async () => {
    const { store, clock } = await freshStore();
    const first = await sendingDelivery(store, {
      label: 'First',
      recipients: { addresses: ['jo@x.org'] },
    });
    clock.advance(1000);
    await sendingDelivery(store, {
      label: 'Second',
      recipients: { addresses: ['jo@x.org', 'z@x.org'] },
    });
    const element = await render(store, first.id);
    const opened = nextEvent(element, 'sendkit-profile-open');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="address"]')!.click();
    expect((await opened).address).to.equal('jo@x.org');
    await element.settled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const dialog = element.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(
      [...dialog.querySelectorAll('li')].map((item) => item.textContent!.trim().split(':')[0]),
    ).to.deep.equal(['Second', 'First']);
    await expect(element).to.be.accessible();
  });
});
