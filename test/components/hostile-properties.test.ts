/**
 * The elements live in pages the kit does not control: every public property of every element,
 * set to values of the wrong type or out of range (symbols, Proxies that throw, NaN, objects where
 * text belongs), never makes an element throw, log an uncaught error or render nothing; set back
 * to a valid value, the element shows the delivery again.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import { provideSendkit } from '../../components/index.js';
import { COMMON_LABELS } from '../../components/shared/labels.js';
import type { SendkitElement } from '../../components/shared/sendkit-element.js';
import { InputError } from '../../src/index.js';
import {
  closeStores,
  freshStore,
  sendingDelivery,
  starter,
  throwingProxy,
  watchUncaught,
} from '../helpers.js';

const throwing = throwingProxy();

const HOSTILE: [string, unknown][] = [
  ['null', null],
  ['NaN', NaN],
  ['-5', -5],
  ['1e9', 1e9],
  ['a symbol', Symbol('s')],
  ['a bigint', 10n],
  ['a function', () => 1],
  ['an object', { a: 1 }],
  ['an array', ['x']],
  ['a Proxy that throws', throwing],
  ['a huge string', 'x'.repeat(100_000)],
  ['an unknown word', 'bogus'],
  [
    'texts of the wrong types',
    { confirmSend: 5, states: { editing: Symbol('x') }, statuses: 'x', notFound: null },
  ],
];

const COMMON = ['store', 'deliveryId', 'user', 'labels', 'locale', 'headingLevel'];
const ELEMENTS: [string, string[]][] = [
  ['confirm-send-button', COMMON],
  ['deployment-kpis', COMMON],
  ['efs-comparison', [...COMMON, 'story', 'step']],
  ['sending-log-table', [...COMMON, 'view', 'status', 'rowHeight']],
  ['delivery-timeline', [...COMMON, 'showEngagement', 'wholeValidity']],
  ['delivery-breakdown', COMMON],
  ['delivery-journal', [...COMMON, 'decisionsOnly']],
];

describe('elements under hostile property values', () => {
  afterEach(closeStores);

  for (const [tag, properties] of ELEMENTS) {
    it(`${tag}: no property value makes it throw or go blank`, async function () {
      this.timeout(120_000);
      const { store } = await freshStore();
      const delivery = await sendingDelivery(store, { efs: true });
      const { uncaught, stop } = watchUncaught();
      const element = await fixture<SendkitElement<unknown>>(html`<div></div>`).then(
        async (container) => {
          const created = document.createElement(tag) as SendkitElement<unknown>;
          Object.assign(created, { store, deliveryId: delivery.id, user: starter });
          container.append(created);
          await created.settled();
          return created;
        },
      );
      const valid = Object.fromEntries(
        properties.map((name) => [name, (element as unknown as Record<string, unknown>)[name]]),
      );
      const problems: string[] = [];
      try {
        for (const name of properties) {
          for (const [label, value] of HOSTILE) {
            try {
              (element as unknown as Record<string, unknown>)[name] = value;
              await element.settled();
              if ((element.shadowRoot?.textContent ?? '').trim() === '') {
                problems.push(`${name} = ${label}: renders nothing`);
              }
            } catch (error) {
              problems.push(`${name} = ${label}: ${String(error)}`);
            }
            (element as unknown as Record<string, unknown>)[name] = valid[name];
          }
        }
        await element.updateComplete;
        await element.settled();
      } finally {
        stop();
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
      expect(uncaught, uncaught.join('\n')).to.deep.equal([]);
      // Back to valid values, it shows the delivery again (its label or its figures).
      expect(element.shadowRoot!.textContent).not.to.contain('bogus');
    });
  }

  it('says that a store given is not one, rather than that none is connected', async () => {
    const element = await fixture<SendkitElement<unknown>>(
      html`<deployment-kpis .store=${{ readSnapshot: 1 }} delivery-id="x"></deployment-kpis>`,
    );
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.contain(COMMON_LABELS.invalidStore);
    expect(element.shadowRoot!.textContent).not.to.contain(COMMON_LABELS.noStore);
  });

  it('provideSendkit refuses what is not an element or a scope with an InputError', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const calls: [string, () => unknown][] = [
      ['no host', () => provideSendkit(null as never)],
      ['a host that is text', () => provideSendkit('body' as never)],
      ['a Proxy host', () => provideSendkit(throwing as never)],
      ['a scope that is text', () => provideSendkit(host, 'x' as never)],
      ['a Proxy scope', () => provideSendkit(host, throwing as never)],
      ['set with a Proxy', () => provideSendkit(host, {}).set(throwing as never)],
    ];
    for (const [label, call] of calls) {
      expect(call, label).to.throw(InputError);
    }
  });

  it('scrollToRow takes any number (clamped) and refuses anything else with an InputError', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const table = await fixture<HTMLElementTagNameMap['sending-log-table']>(
      html`<sending-log-table .store=${store} delivery-id=${delivery.id}></sending-log-table>`,
    );
    await table.settled();
    for (const index of [-5, 1e300, Infinity, 2.5]) table.scrollToRow(index);
    for (const index of [NaN, Symbol('s'), '3', null, throwing]) {
      expect(() => table.scrollToRow(index as number), String(typeof index)).to.throw(InputError);
    }
  });
});
