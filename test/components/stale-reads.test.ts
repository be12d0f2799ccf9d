/**
 * Readers never show the wrong delivery: a read of delivery A still in flight when the element
 * moves to B is dropped (the way `@lit/task` drops a stale run), never shown as B's, and B is
 * read at once. The store is a real one; only A's read is held open by a gate.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { DeploymentKpis, EfsComparison } from '../../components/index.js';
import type { DeliverySnapshot, DeliveryStore } from '../../src/index.js';
import { closeStores, freshStore, sendingDelivery, starter } from '../helpers.js';

/** The real store, with reads of one delivery held until `release` is called. */
function holdReadsOf(store: DeliveryStore, held: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const began = new Promise<void>((resolve) => (started = resolve));
  const gated: DeliveryStore = Object.create(store);
  gated.readSnapshot = async (id: string): Promise<DeliverySnapshot> => {
    if (id === held) {
      started();
      await gate;
    }
    return store.readSnapshot(id);
  };
  return { gated, began, release };
}

const text = (element: Element) => element.shadowRoot!.textContent ?? '';

describe('stale reads', () => {
  afterEach(closeStores);

  for (const tag of ['deployment-kpis', 'efs-comparison'] as const) {
    it(`${tag}: A's result, arriving after the element moved to B, is dropped`, async () => {
      const { store } = await freshStore();
      const a = await sendingDelivery(store, { label: 'Delivery A', channel: 'sms' });
      const b = await store.createDelivery(starter, {
        label: 'Delivery B',
        channel: 'email',
        recipients: { generated: 3 },
      });
      const { gated, began, release } = holdReadsOf(store, a.id);
      const element = await fixture<DeploymentKpis | EfsComparison>(
        tag === 'deployment-kpis'
          ? html`<deployment-kpis .store=${gated} .deliveryId=${a.id}></deployment-kpis>`
          : html`<efs-comparison .store=${gated} .deliveryId=${a.id}></efs-comparison>`,
      );
      await began;
      element.deliveryId = b.id;
      await element.updateComplete;

      // Whenever the element renders from here on, it may show B or a loading state, never A.
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.push(text(element)));
      observer.observe(element.shadowRoot!, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      release();
      await element.settled();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await element.settled();
      observer.disconnect();
      seen.push(text(element));

      for (const shown of seen) expect(shown).not.to.contain('Delivery A');
      expect(text(element)).to.contain('Delivery B');
    });
  }
});
