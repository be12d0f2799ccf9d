/**
 * Every element is usable from 320 px wide (a browser side panel is about 360 px): nothing
 * overflows the host, no box that is not meant to scroll is wider than itself (so no header or
 * value is cut off), and what scrolls is a focusable region (and what does not scroll is no tab
 * stop). In a 320 px column of a wide page
 * and in a 320 px window, light and dark; screenshots land in test-results/screenshots/.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../components/index.js';
import type { DeploymentKpis } from '../../components/index.js';
import type { DeliveryStore } from '../../src/index.js';
import { closeStores, freshStore, starter } from '../helpers.js';

const TAGS = [
  'confirm-send-button',
  'deployment-kpis',
  'sending-log-table',
  'efs-comparison',
  'delivery-timeline',
  'delivery-breakdown',
  'delivery-journal',
] as const;

/** A delivery with long values in every column: addresses, reasons, exclusions. */
async function busyDelivery(store: DeliveryStore, now: number): Promise<string> {
  const addresses = Array.from(
    { length: 30 },
    (_, index) => `a.very.long.recipient.address.number.${index}@subdomain.example-company.test`,
  );
  addresses.push(addresses[0]!, '');
  const created = await store.createDelivery(starter, {
    label: 'Spring sale for every customer of the loyalty programme, all regions',
    channel: 'email',
    efs: true,
    recipients: { addresses },
  });
  await store.prepare(starter, created.id);
  await store.confirm(starter, created.id);
  await store.applyFeedback(
    addresses.slice(0, 30).map((_, recipient) =>
      recipient % 3 === 0
        ? {
            deliveryId: created.id,
            recipient,
            type: 'hard-bounce' as const,
            at: now,
            reason: 'Quarantined address' as const,
          }
        : { deliveryId: created.id, recipient, type: 'delivered' as const, at: now },
    ),
  );
  return created.id;
}

/** Boxes wider than themselves that are not meant to scroll, and scrollers one cannot focus. */
function layoutProblems(host: HTMLElement): string[] {
  const problems: string[] = [];
  const name = (element: Element) =>
    `${element.localName}${element.getAttribute('part') ? `[part=${element.getAttribute('part')}]` : ''}${element.className ? `.${String(element.className).replace(/\s+/g, '.')}` : ''}`;
  const visit = (element: Element): void => {
    const style = getComputedStyle(element);
    if (style.display === 'none') return;
    const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
    if (scrolls) {
      const overflows =
        element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight;
      const focusable = (element as HTMLElement).tabIndex >= 0;
      if (overflows && !focusable) problems.push(`${name(element)} scrolls but cannot be focused`);
      // A tab stop that scrolls nothing is one more key press on every table of the page.
      if (!overflows && focusable)
        problems.push(`${name(element)} scrolls nothing but is a tab stop`);
    } else if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
      problems.push(
        `${name(element)} is ${element.scrollWidth}px wide in ${element.clientWidth}px`,
      );
    }
    // Inside a scrolling region, content may be wider than the region: that is what it is for.
    if (scrolls) return;
    for (const child of element.children) visit(child);
    if (element.shadowRoot) for (const child of element.shadowRoot.children) visit(child);
  };
  visit(host);
  return problems;
}

async function renderAt(
  tag: (typeof TAGS)[number],
  width: number,
  store: DeliveryStore,
  id: string,
): Promise<HTMLElement> {
  const column = await fixture<HTMLDivElement>(
    html`<div class="column" style="width: ${width}px; margin-inline-start: 40px"></div>`,
  );
  const element = document.createElement(tag);
  element.store = store;
  element.deliveryId = id;
  element.user = starter;
  column.append(element);
  await (element as DeploymentKpis).settled();
  return element;
}

describe('every width from 320 px', () => {
  afterEach(closeStores);
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
    document.body.style.background = '';
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [320, 360]) {
      it(`each element fits a ${width} px column, ${scheme}`, async () => {
        document.documentElement.style.colorScheme = scheme;
        document.body.style.background = scheme === 'dark' ? '#121212' : '#fff';
        const { store, clock } = await freshStore();
        const id = await busyDelivery(store, clock.now());
        for (const tag of TAGS) {
          const element = await renderAt(tag, width, store, id);
          expect(element.getBoundingClientRect().width, tag).to.be.at.most(width);
          expect(layoutProblems(element), tag).to.deep.equal([]);
          expect(element.scrollWidth, `${tag} host`).to.be.at.most(element.clientWidth + 1);
          await executeServerCommand('screenshot', { name: `${tag}-${width}-${scheme}` });
          element.parentElement!.remove();
        }
      });
    }
  }

  it('the log table keeps every column reachable: a focusable region that scrolls sideways', async () => {
    const { store, clock } = await freshStore();
    const id = await busyDelivery(store, clock.now());
    const element = await renderAt('sending-log-table', 320, store, id);
    const viewport = element.shadowRoot!.querySelector<HTMLElement>('[part="viewport"]')!;
    expect(viewport.tabIndex).to.equal(0);
    expect(viewport.scrollWidth).to.be.greaterThan(viewport.clientWidth);
    const headers = [...element.shadowRoot!.querySelectorAll('[role="columnheader"]')];
    // Narrow: the address (which opens the profile) first, in view; the rest scrolls to.
    expect(headers.map((header) => header.textContent!.trim())).to.deep.equal([
      'Address',
      'Date',
      'Status',
      'Nature of failure',
      'Reason',
    ]);
    // Every cell is as wide as its text: nothing is cut off, the region scrolls to it.
    for (const cell of element.shadowRoot!.querySelectorAll<HTMLElement>(
      '[role="cell"], [role="columnheader"]',
    )) {
      expect(cell.scrollWidth, cell.textContent!).to.be.at.most(cell.clientWidth + 1);
    }
    viewport.scrollLeft = viewport.scrollWidth;
    const reason = headers[4]!.getBoundingClientRect();
    const region = viewport.getBoundingClientRect();
    expect(reason.right).to.be.at.most(region.right + 1);
    element.parentElement!.remove();
  });

  it('a table region is a tab stop exactly while its table is wider than it', async () => {
    const { store, clock } = await freshStore();
    const id = await busyDelivery(store, clock.now());
    for (const tag of ['delivery-breakdown', 'delivery-journal'] as const) {
      const element = await renderAt(tag, 1000, store, id);
      const regions = () => [
        ...element.shadowRoot!.querySelectorAll<HTMLElement>('.scroll[role="region"]'),
      ];
      expect(regions().length, tag).to.be.greaterThan(0);
      for (const region of regions()) {
        expect(region.scrollWidth, tag).to.be.at.most(region.clientWidth);
        expect(region.hasAttribute('tabindex'), `${tag}: fits`).to.equal(false);
      }
      // A page that styles the tables wider than the element (through their parts).
      const wide = document.createElement('style');
      wide.textContent = `${tag}::part(providers), ${tag}::part(reasons), ${tag}::part(table) { min-width: 1500px }`;
      document.head.append(wide);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const region of regions()) {
        expect(region.scrollWidth, tag).to.be.greaterThan(region.clientWidth);
        expect(region.getAttribute('tabindex'), `${tag}: overflows`).to.equal('0');
      }
      wide.remove();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const region of regions())
        expect(region.hasAttribute('tabindex'), `${tag}: fits again`).to.equal(false);
      element.parentElement!.remove();
    }
  });

  it('each element fits a 320 px window', async () => {
    await executeServerCommand('viewport', { width: 320, height: 800 });
    try {
      const { store, clock } = await freshStore();
      const id = await busyDelivery(store, clock.now());
      for (const tag of TAGS) {
        const column = await fixture<HTMLDivElement>(html`<div></div>`);
        const element = document.createElement(tag);
        element.store = store;
        element.deliveryId = id;
        element.user = starter;
        column.append(element);
        await (element as DeploymentKpis).settled();
        expect(document.documentElement.scrollWidth, tag).to.be.at.most(320);
        expect(layoutProblems(element), tag).to.deep.equal([]);
        await executeServerCommand('screenshot', { name: `${tag}-window-320` });
        column.remove();
      }
    } finally {
      await executeServerCommand('viewport', { width: 800, height: 600 });
    }
  });
});
