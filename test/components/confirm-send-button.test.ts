import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/confirm-send-button/register.js';
import type { ConfirmSendButton } from '../../components/confirm-send-button/confirm-send-button.js';
import { ConfirmRequestEvent } from '../../components/shared/events.js';
import { HOUR_MS, type Delivery, type DeliveryStore } from '../../src/index.js';
import {
  armedRecurring,
  closeStores,
  freshStore,
  occurrencesOf,
  preparer,
  starter,
} from '../helpers.js';
import { nextEvent, watchLitWarnings } from './element-helpers.js';

async function preparedDelivery(
  store: DeliveryStore,
  contactDate: number | null = null,
): Promise<Delivery> {
  const created = await store.createDelivery(starter, {
    label: 'Spring sale',
    channel: 'email',
    recipients: { generated: 3 },
    contactDate,
  });
  return store.prepare(starter, created.id);
}

async function render(
  store: DeliveryStore,
  deliveryId: string,
  user = starter,
): Promise<ConfirmSendButton> {
  const element = await fixture<ConfirmSendButton>(
    html`<confirm-send-button
      .store=${store}
      delivery-id=${deliveryId}
      .user=${user}
    ></confirm-send-button>`,
  );
  await element.settled();
  return element;
}

const part = (element: ConfirmSendButton, name: string) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;

describe('confirm-send-button', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('is enabled for a prepared delivery and a user with Start deliveries', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await render(store, delivery.id);
    const button = part(element, 'button');
    expect(button.textContent!.trim()).to.equal('Confirm send');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    await expect(element).to.be.accessible();
  });

  it('is disabled with the product message for a user without the role', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await render(store, delivery.id, preparer);
    expect(part(element, 'button').getAttribute('aria-disabled')).to.equal('true');
    expect(part(element, 'message').textContent).to.equal(
      'Your permissions do not allow you to confirm a delivery.',
    );
    part(element, 'button').click();
    expect(element.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('is disabled while the delivery is not prepared', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'x',
      channel: 'sms',
      recipients: { generated: 1 },
    });
    const element = await render(store, created.id);
    expect(part(element, 'button').getAttribute('aria-disabled')).to.equal('true');
    expect(part(element, 'message').textContent).to.match(/preparation is completed/);
  });

  it('counts with the grammar of the locale: one message, and the forms a page gives', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'Flash',
      channel: 'email',
      recipients: { generated: 1 },
    });
    await store.prepare(starter, created.id);
    const element = await render(store, created.id);
    expect(part(element, 'summary').textContent!.trim()).to.equal('Flash: 1 message to deliver.');
    // One text for every count still works, as before plural forms.
    element.labels = { summary: '{label} — {count}' };
    await element.updateComplete;
    expect(part(element, 'summary').textContent!.trim()).to.equal('Flash — 1');
    // French says "1 message", and uses `one` for 0 too; the page gives the forms it needs.
    element.locale = 'fr';
    element.labels = {
      summary: {
        one: '{label} : {count} message à envoyer.',
        other: '{label} : {count} messages à envoyer.',
      },
    };
    await element.updateComplete;
    expect(part(element, 'summary').textContent!.trim()).to.equal('Flash : 1 message à envoyer.');
  });

  it('Confirm send opens a modal dialog; OK confirms and focus returns to the button', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await render(store, delivery.id);
    part(element, 'button').click();
    const dialog = element.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Messages are ready to be sent immediately.');
    // It names the delivery and the number of messages it will send.
    expect(part(element, 'summary').textContent!.trim()).to.equal(
      'Spring sale: 3 messages to deliver.',
    );
    await expect(element).to.be.accessible();
    const confirmed = nextEvent(element, 'sendkit-confirmed');
    part(element, 'ok').click();
    expect((await confirmed).delivery.state).to.equal('in-progress');
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'button'));
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
    await element.settled();
    expect(part(element, 'button').getAttribute('aria-disabled')).to.equal('true');
    expect(part(element, 'message').textContent).to.equal('The send was confirmed.');
  });

  it('Escape and Cancel close without acting', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await render(store, delivery.id);
    const dialog = element.shadowRoot!.querySelector('dialog')!;
    part(element, 'button').click();
    part(element, 'cancel').click();
    expect(dialog.open).to.equal(false);
    part(element, 'button').click();
    expect(dialog.open).to.equal(true);
    // A real Escape key press: the browser cancels and closes the modal dialog.
    await sendKeys({ press: 'Escape' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dialog.open).to.equal(false);
    await element.settled();
    expect((await store.getDelivery(delivery.id)).state).to.equal('prepared');
    expect(part(element, 'button').getAttribute('aria-disabled')).to.equal('false');
  });

  it('is keyboard-operable: Enter opens on Cancel, a second Enter sends nothing, Escape closes, Enter on OK confirms', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await render(store, delivery.id);
    const dialog = element.shadowRoot!.querySelector('dialog')!;
    part(element, 'button').focus();
    await sendKeys({ press: 'Enter' });
    expect(dialog.open).to.equal(true);
    // An irreversible action: the least destructive control has the focus.
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'cancel'));
    await sendKeys({ press: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dialog.open).to.equal(false);
    expect((await store.getDelivery(delivery.id)).state).to.equal('prepared');
    part(element, 'button').focus();
    await sendKeys({ press: 'Enter' });
    expect(dialog.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dialog.open).to.equal(false);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'button'));
    expect((await store.getDelivery(delivery.id)).state).to.equal('prepared');
    await sendKeys({ press: 'Space' });
    expect(dialog.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'ok'));
    const confirmed = nextEvent(element, 'sendkit-confirmed');
    await sendKeys({ press: 'Enter' });
    expect((await confirmed).delivery.state).to.equal('in-progress');
  });

  it('a host page can veto the send', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await render(store, delivery.id);
    let asked: ConfirmRequestEvent | null = null;
    element.addEventListener('sendkit-confirm-request', (event) => {
      asked = event;
      event.preventDefault();
    });
    part(element, 'button').click();
    part(element, 'ok').click();
    await element.settled();
    expect(asked!.deliveryId).to.equal(delivery.id);
    expect((await store.getDelivery(delivery.id)).state).to.equal('prepared');
  });

  it('a scheduled delivery says when it will be sent', async () => {
    const { store, clock } = await freshStore();
    const delivery = await preparedDelivery(store, clock.now() + 2 * HOUR_MS);
    const element = await render(store, delivery.id);
    part(element, 'button').click();
    expect(element.shadowRoot!.querySelector('dialog')!.textContent).to.match(
      /Messages will be sent on/,
    );
    part(element, 'ok').click();
    await element.settled();
    expect((await store.getDelivery(delivery.id)).state).to.equal('start-pending');
  });

  it('shows and announces a model error inline', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await render(store, delivery.id);
    // Another page confirmed first: the model refuses this one.
    part(element, 'button').click();
    await store.confirm(starter, delivery.id);
    const failed = nextEvent(element, 'sendkit-error');
    part(element, 'ok').click();
    expect((await failed).error.message).to.match(/state 'in-progress'/);
    await element.updateComplete;
    const error = part(element, 'error');
    expect(error.getAttribute('aria-live')).to.equal('assertive');
    expect(error.textContent).to.match(/Cannot confirm/);
  });

  it('labels can be localised', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await fixture<ConfirmSendButton>(
      html`<confirm-send-button
        .store=${store}
        delivery-id=${delivery.id}
        .user=${starter}
        .labels=${{ confirmSend: 'Confirmer l’envoi' }}
      ></confirm-send-button>`,
    );
    await element.settled();
    expect(part(element, 'button').textContent!.trim()).to.equal('Confirmer l’envoi');
  });

  it('confirms a recurring occurrence waiting for confirmation the same way', async () => {
    const { store } = await freshStore();
    const template = await armedRecurring(store, {
      every: 'day',
      aggregation: 'none',
      requestConfirmation: true,
    });
    const [occurrence] = await occurrencesOf(store, template.id);
    expect(occurrence!.state).to.equal('prepared');
    const element = await render(store, occurrence!.id);
    part(element, 'button').click();
    const confirmed = nextEvent(element, 'sendkit-confirmed');
    part(element, 'ok').click();
    expect((await confirmed).delivery.state).to.equal('in-progress');
  });
});
