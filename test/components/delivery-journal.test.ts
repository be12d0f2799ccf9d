/**
 * <delivery-journal>: the audit trail of a real delivery: who confirmed, paused, resumed and
 * stopped it, the guard's pause with its reason, newest first; decisions only on demand; CSV with
 * every entry, oldest first, times in ISO 8601; in the page's language.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { DeliveryJournal } from '../../components/index.js';
import type { FeedbackEvent } from '../../src/index.js';
import { closeStores, freshStore, sendingDelivery, starter } from '../helpers.js';
import { downloadedText, watchLitWarnings } from './element-helpers.js';

const bob = { name: 'bob', roles: ['start-deliveries'] as const };

async function journalOf() {
  const { store, clock } = await freshStore();
  const delivery = await sendingDelivery(store, {
    efs: true,
    recipients: { generated: 200 },
    guard: { hardBounceRate: 5, bounceRate: 50, minRelayed: 20, complaintRate: 0.3 },
  });
  clock.advance(60_000);
  await store.pause({ ...bob, roles: [...bob.roles] }, delivery.id);
  clock.advance(60_000);
  await store.resume(starter, delivery.id);
  const events: FeedbackEvent[] = Array.from({ length: 40 }, (_, recipient) =>
    recipient < 10
      ? {
          deliveryId: delivery.id,
          recipient,
          type: 'hard-bounce',
          at: clock.now(),
          reason: 'User unknown',
        }
      : { deliveryId: delivery.id, recipient, type: 'delivered', at: clock.now() },
  );
  await store.applyFeedback(events);
  clock.advance(60_000);
  await store.stop({ ...bob, roles: [...bob.roles] }, delivery.id);
  const element = await fixture<DeliveryJournal>(
    html`<delivery-journal .store=${store} delivery-id=${delivery.id}></delivery-journal>`,
  );
  await element.settled();
  return { store, delivery, element };
}

const rowsOf = (element: DeliveryJournal) =>
  [...element.shadowRoot!.querySelectorAll('[part="table"] tbody tr')].map((row) => ({
    action: row.getAttribute('data-action'),
    cells: [...row.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
  }));

describe('<delivery-journal>', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('lists who did what, newest first, the guard’s pause with its reason', async () => {
    const { element } = await journalOf();
    const rows = rowsOf(element);
    expect(rows.map((row) => row.action)).to.deep.equal([
      'stop',
      'guard-pause',
      'resume',
      'pause',
      'start',
      'confirm',
      'preparation-succeeded',
      'prepare',
      'create',
    ]);
    expect(rows[0]!.cells.slice(1, 4)).to.deep.equal(['bob', 'Stopped', 'Paused → Stopped']);
    const guard = rows[1]!;
    expect(guard.cells[1]).to.equal('System');
    expect(guard.cells[2]).to.equal('Paused by the reputation guard');
    expect(guard.cells[4]).to.contain('hard bounce').and.contain('25');
    expect(rows[2]!.cells.slice(1, 3)).to.deep.equal(['ana', 'Resumed']);
    // A step without a reason has no details.
    expect(rows[2]!.cells[4]).to.equal('');
    const time = element.shadowRoot!.querySelector('time')!;
    expect(Number.isNaN(Date.parse(time.getAttribute('datetime')!))).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('keeps only the decisions on demand', async () => {
    const { element } = await journalOf();
    element.shadowRoot!.querySelector<HTMLInputElement>('[part="filter"] input')!.click();
    await element.updateComplete;
    expect(rowsOf(element).map((row) => row.action)).to.deep.equal([
      'stop',
      'guard-pause',
      'resume',
      'pause',
      'confirm',
    ]);
  });

  it('exports every entry as CSV, oldest first, with ISO times', async () => {
    const { element, store, delivery } = await journalOf();
    const csv = await downloadedText(() =>
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click(),
    );
    const lines = csv.trim().split('\r\n');
    const { journal } = await store.getDelivery(delivery.id);
    expect(lines[0]).to.equal('When,Who,Action,State,Details');
    expect(lines).to.have.length(journal.length + 1);
    expect(lines[1]).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,ana,Created,Editing,/);
    expect(lines.at(-1)).to.contain(',bob,Stopped,Paused → Stopped,');
  });

  it('speaks the page’s language', async () => {
    const { store, delivery } = await journalOf();
    const element = await fixture<DeliveryJournal>(
      html`<delivery-journal
        locale="fr"
        .store=${store}
        delivery-id=${delivery.id}
      ></delivery-journal>`,
    );
    await element.settled();
    expect(rowsOf(element)[0]!.cells.slice(1, 4)).to.deep.equal([
      'bob',
      'Arrêtée',
      'En pause → Arrêtée',
    ]);
    expect(element.shadowRoot!.textContent).to.contain('Décisions seulement');
  });
});
