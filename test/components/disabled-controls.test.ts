/**
 * Disabled controls look disabled, in light and dark: a disabled or `aria-disabled` button is
 * dimmed with a not-allowed cursor and keeps its own colours; danger is Stop's alone.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { ConfirmSendButton, DeploymentKpis } from '../../components/index.js';
import { openStoreReader, type StoreReader } from '../../src/remote/index.js';
import { closeStores, freshStore, sendingDelivery, starter } from '../helpers.js';

const readers: StoreReader[] = [];

function button(element: Element, selector: string): HTMLButtonElement {
  const found = element.shadowRoot!.querySelector<HTMLButtonElement>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

/** The colour the theme's danger token resolves to in this element's scheme. */
function dangerOf(element: Element): string {
  const probe = document.createElement('button');
  probe.className = 'danger';
  element.shadowRoot!.append(probe);
  const colour = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return colour;
}

for (const scheme of ['light', 'dark'] as const) {
  describe(`disabled controls (${scheme})`, () => {
    afterEach(async () => {
      await Promise.all(readers.splice(0).map((reader) => reader.close()));
      await closeStores();
    });

    it('a read-only Pause and Compute stats are dimmed, not red; an enabled Stop is red', async () => {
      const { store, name } = await freshStore();
      const delivery = await sendingDelivery(store);
      const reader = await openStoreReader({ name });
      readers.push(reader);
      const scope = html`<div style="color-scheme: ${scheme}"></div>`;
      const host = await fixture<HTMLDivElement>(scope);
      const readOnly = document.createElement('deployment-kpis') as DeploymentKpis;
      readOnly.store = reader;
      readOnly.deliveryId = delivery.id;
      readOnly.user = starter;
      const writable = document.createElement('deployment-kpis') as DeploymentKpis;
      writable.store = store;
      writable.deliveryId = delivery.id;
      writable.user = starter;
      host.append(readOnly, writable);
      await readOnly.settled();
      await writable.settled();

      const danger = dangerOf(readOnly);
      for (const part of ['[part="compute-stats"]', '[part="action"]']) {
        const disabled = button(readOnly, part);
        expect(disabled.disabled, part).to.equal(true);
        const style = getComputedStyle(disabled);
        expect(style.backgroundColor, part).not.to.equal(danger);
        expect(Number(style.opacity), part).to.be.below(1);
        expect(style.cursor, part).to.equal('not-allowed');
      }
      const stop = [...writable.shadowRoot!.querySelectorAll('[part="action"]')].find((found) =>
        found.classList.contains('danger'),
      ) as HTMLButtonElement;
      expect(stop.disabled).to.equal(false);
      expect(getComputedStyle(stop).backgroundColor).to.equal(dangerOf(writable));
      expect(getComputedStyle(stop).opacity).to.equal('1');
      const pause = button(writable, '[part="action"]:not(.danger)');
      expect(getComputedStyle(pause).cursor).to.equal('pointer');
    });

    it('an aria-disabled Confirm send is dimmed with a not-allowed cursor', async () => {
      const { store } = await freshStore();
      const created = await store.createDelivery(starter, {
        label: 'Spring sale',
        channel: 'email',
        recipients: { generated: 4 },
      });
      const host = await fixture<HTMLDivElement>(
        html`<div style="color-scheme: ${scheme}">
          <confirm-send-button .store=${store} .deliveryId=${created.id}></confirm-send-button>
        </div>`,
      );
      const element = host.querySelector('confirm-send-button') as ConfirmSendButton;
      await element.settled();
      const confirm = button(element, '[part="button"]');
      expect(confirm.getAttribute('aria-disabled')).to.equal('true');
      const style = getComputedStyle(confirm);
      expect(Number(style.opacity)).to.be.below(1);
      expect(style.cursor).to.equal('not-allowed');
    });
  });
}
