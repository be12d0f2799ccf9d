/**
 * The elements in pages they do not control: providers made after the elements, states in words
 * (no store, no delivery, no user, a delivery that does not exist, a read that failed), the Stop
 * dialog, headings that fit the host's outline, the locale of the page, the tabs pattern.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type {
  ConfirmSendButton,
  DeploymentKpis,
  EfsComparison,
  SendingLogTable,
} from '../../components/index.js';
import { provideSendkit } from '../../components/index.js';
import { formatDate, formatPercent } from '../../components/shared/format.js';
import { type DeliveryStore, type User } from '../../src/index.js';
import { closeStores, freshStore, sendingDelivery, starter } from '../helpers.js';
import { nextEvent, watchLitWarnings } from './element-helpers.js';

type SendkitTag =
  | 'confirm-send-button'
  | 'deployment-kpis'
  | 'sending-log-table'
  | 'efs-comparison'
  | 'delivery-timeline'
  | 'delivery-breakdown'
  | 'delivery-journal';
const TAGS: readonly SendkitTag[] = [
  'confirm-send-button',
  'deployment-kpis',
  'sending-log-table',
  'efs-comparison',
  'delivery-timeline',
  'delivery-breakdown',
  'delivery-journal',
];

const shadowText = (element: Element) =>
  (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function settle(element: Element): Promise<void> {
  await (element as DeploymentKpis).settled();
}

async function preparedDelivery(store: DeliveryStore) {
  const created = await store.createDelivery(starter, {
    label: 'Spring sale',
    channel: 'email',
    recipients: { generated: 4 },
  });
  return store.prepare(starter, created.id);
}

/** Opens a newer schema of the database from "another tab": this page's store is outdated. */
async function upgradeElsewhere(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name, 99);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('elements in pages they do not control', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('a provider made after the elements were in the page reaches them (plain element host)', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <confirm-send-button></confirm-send-button>
        <deployment-kpis></deployment-kpis>
        <sending-log-table></sending-log-table>
        <efs-comparison></efs-comparison>
        <delivery-timeline></delivery-timeline>
        <delivery-breakdown></delivery-breakdown>
        <delivery-journal></delivery-journal>
      </div>`,
    );
    const kpis = host.querySelector('deployment-kpis')!;
    await settle(kpis);
    expect(shadowText(kpis)).to.contain('No delivery store is connected');
    provideSendkit(host, { store, deliveryId: delivery.id, user: starter });
    for (const tag of TAGS) await settle(host.querySelector(tag)!);
    expect(shadowText(kpis)).to.contain('Send preparation completed');
    const button = host
      .querySelector('confirm-send-button')!
      .shadowRoot!.querySelector('[part="button"]')!;
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(
      host.querySelector('sending-log-table')!.shadowRoot!.querySelectorAll('[part~="row"]'),
    ).to.have.length(4);
  });

  it('says when no user is given, instead of blaming permissions', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const element = await fixture<ConfirmSendButton>(
      html`<confirm-send-button .store=${store} delivery-id=${delivery.id}></confirm-send-button>`,
    );
    await element.settled();
    const message = element.shadowRoot!.querySelector('[part="message"]')!.textContent!;
    expect(message).to.equal('No user is signed in: actions need a user with their roles.');
    expect(message).not.to.contain('permissions');
    await expect(element).to.be.accessible();
  });

  it('a user whose roles are a string is an invalid user, never a permitted one', async () => {
    const { store } = await freshStore();
    const delivery = await preparedDelivery(store);
    const eve = { name: 'eve', roles: 'start-deliveries' } as unknown as User;
    const element = await fixture<ConfirmSendButton>(
      html`<confirm-send-button
        .store=${store}
        delivery-id=${delivery.id}
        .user=${eve}
      ></confirm-send-button>`,
    );
    await element.settled();
    const button = element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(element.shadowRoot!.querySelector('[part="message"]')!.textContent).to.match(
      /user given is not valid/,
    );
    button.click();
    expect(element.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
  });

  it('no delivery chosen, and a delivery that does not exist, are said in words', async () => {
    const { store } = await freshStore();
    for (const tag of TAGS) {
      const none = document.createElement(tag);
      none.store = store;
      document.body.append(none);
      await settle(none);
      if (tag !== 'efs-comparison')
        expect(shadowText(none), tag).to.contain('No delivery is chosen.');
      const missing = document.createElement(tag);
      missing.store = store;
      missing.deliveryId = 'gone';
      document.body.append(missing);
      await settle(missing);
      expect(shadowText(missing), tag).to.contain("The delivery 'gone' does not exist");
      await expect(missing).to.be.accessible();
      none.remove();
      missing.remove();
    }
  });

  it('a read that fails is shown in words and fired as sendkit-error', async () => {
    const { store, name } = await freshStore();
    const delivery = await sendingDelivery(store);
    const elements = TAGS.map((tag) => {
      const element = document.createElement(tag);
      element.store = store;
      element.deliveryId = delivery.id;
      element.user = starter;
      document.body.append(element);
      return element;
    });
    for (const element of elements) await settle(element);
    const failures = elements.map((element) => nextEvent(element, 'sendkit-error'));
    await upgradeElsewhere(name);
    // Any committed change makes the elements read again.
    await store.applyFeedback([]).catch(() => undefined);
    for (const element of elements) (element as DeploymentKpis)['reader'].schedule();
    const errors = await Promise.all(failures);
    for (const [index, element] of elements.entries()) {
      await settle(element);
      expect(errors[index]!.action).to.equal('read');
      expect(shadowText(element), TAGS[index]).to.contain(
        'A newer version of sendkit is open in another tab. Reload this page.',
      );
      await expect(element).to.be.accessible();
      element.remove();
    }
  });

  it('Stop asks for confirmation in a modal dialog that looks destructive', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const element = await fixture<DeploymentKpis>(
      html`<deployment-kpis
        .store=${store}
        delivery-id=${delivery.id}
        .user=${starter}
      ></deployment-kpis>`,
    );
    await element.settled();
    const stop = [
      ...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="action"]'),
    ].find((button) => button.textContent!.trim() === 'Stop')!;
    expect(stop.classList.contains('danger')).to.equal(true);
    stop.click();
    const dialog = element.shadowRoot!.querySelector<HTMLDialogElement>('[part="stop-dialog"]')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Test: messages not sent yet will not be sent.');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dialog.open).to.equal(false);
    expect((await store.getDelivery(delivery.id)).state).to.equal('in-progress');
    stop.click();
    const done = nextEvent(element, 'sendkit-delivery-action');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="stop-confirm"]')!.click();
    expect((await done).delivery.state).to.equal('stopped');
  });

  it('headings follow heading-level, so the host keeps a correct outline', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    for (const tag of ['deployment-kpis', 'efs-comparison'] as const) {
      const element = await fixture<DeploymentKpis | EfsComparison>(
        html`<section>
          <h3>Host</h3>
          ${
            tag === 'deployment-kpis'
              ? html`<deployment-kpis
                  .store=${store}
                  delivery-id=${delivery.id}
                  heading-level="4"
                ></deployment-kpis>`
              : html`<efs-comparison heading-level="4"></efs-comparison>`
          }
        </section>`,
      ).then((section) => section.querySelector(tag)!);
      await element.settled();
      const levels = [...element.shadowRoot!.querySelectorAll('[role="heading"]')].map((heading) =>
        heading.getAttribute('aria-level'),
      );
      expect(levels[0], tag).to.equal('4');
      expect(levels.every((level) => Number(level) >= 4)).to.equal(true);
      expect(element.shadowRoot!.querySelector('h1, h2, h3, h4, h5, h6')).to.equal(null);
    }
  });

  it('takes the locale from the closest lang attribute; a bad locale falls back, never throws', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { efs: false });
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'relayed', at: clock.now() },
    ]);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="fr">
        <deployment-kpis .store=${store} delivery-id=${delivery.id}></deployment-kpis>
      </div>`,
    );
    const element = wrapper.querySelector('deployment-kpis')!;
    await element.settled();
    // The third tile, Delivered, whatever the language of its label (Délivrés, Zugestellt).
    const delivered = () =>
      element.shadowRoot!.querySelectorAll('[part="tile"]')[2]!.querySelector('.value')!
        .textContent;
    expect(delivered()).to.equal(formatPercent(100, 'fr'));
    expect(delivered()).to.match(/^100\s%$/u);
    element.locale = 'de-DE';
    await element.updateComplete;
    expect(delivered()).to.equal(formatPercent(100, 'de-DE'));
    element.locale = 'not a locale!';
    await element.updateComplete;
    expect(delivered()).to.equal(formatPercent(100, 'fr'));
    expect(formatDate(Date.UTC(2026, 10, 28), 'en-GB')).to.contain('2026');
  });

  it('a value that cannot be formatted renders as a placeholder', () => {
    expect(formatDate(1e300)).to.equal('—');
    expect(formatPercent(Number.NaN)).to.equal('—');
  });

  it('the log switch follows the tabs pattern: arrows, aria-controls, a tabpanel', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const element = await fixture<SendingLogTable>(
      html`<sending-log-table .store=${store} delivery-id=${delivery.id}></sending-log-table>`,
    );
    await element.settled();
    const root = element.shadowRoot!;
    const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const panel = root.querySelector('[role="tabpanel"]')!;
    expect(tabs.map((tab) => tab.getAttribute('aria-controls'))).to.deep.equal([
      panel.id,
      panel.id,
    ]);
    expect(panel.getAttribute('aria-labelledby')).to.equal(tabs[0]!.id);
    expect(tabs.map((tab) => tab.tabIndex)).to.deep.equal([0, -1]);
    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await element.settled();
    const after = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    expect(element.view).to.equal('exclusions');
    expect(root.activeElement).to.equal(after[1]);
    expect(after[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(root.querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal(
      after[1]!.id,
    );
    // No recipient was excluded: the exclusion logs say so.
    expect(shadowText(element)).to.contain('No recipient was excluded at preparation.');
    await sendKeys({ press: 'ArrowLeft' });
    await element.settled();
    expect(element.view).to.equal('sending');
    await expect(element).to.be.accessible();
  });
});
