import { expect, fixture, html } from '@open-wc/testing';
import '../../components/deployment-kpis/register.js';
import type { DeploymentKpis } from '../../components/deployment-kpis/deployment-kpis.js';
import { provideSendkit } from '../../components/shared/context.js';
import {
  HOUR_MS,
  type DeliveryInput,
  type DeliveryState,
  type DeliveryStore,
  type FeedbackEvent,
} from '../../src/index.js';
import { closeStores, freshStore, preparer, sendingDelivery, starter } from '../helpers.js';
import { nextEvent, watchLitWarnings } from './element-helpers.js';

async function render(
  store: DeliveryStore,
  deliveryId: string,
  user = starter,
): Promise<DeploymentKpis> {
  const element = await fixture<DeploymentKpis>(
    html`<deployment-kpis
      .store=${store}
      delivery-id=${deliveryId}
      .user=${user}
    ></deployment-kpis>`,
  );
  await element.settled();
  return element;
}

function tiles(element: DeploymentKpis): Record<string, string> {
  const result: Record<string, string> = {};
  for (const tile of element.shadowRoot!.querySelectorAll('[part="tile"]')) {
    result[tile.querySelector('dt')!.textContent!.trim()] = tile
      .querySelector('.value')!
      .textContent!.trim();
  }
  return result;
}

const stateText = (element: DeploymentKpis) =>
  element.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim();

describe('deployment-kpis', () => {
  const warnings = watchLitWarnings();
  afterEach(closeStores);
  afterEach(() => warnings.expectNone());

  it('shows the prepared state, the tiles and an accessible progress bar', async () => {
    const { store } = await freshStore();
    const created = await store.createDelivery(starter, {
      label: 'x',
      channel: 'email',
      recipients: { generated: 4 },
    });
    await store.prepare(starter, created.id);
    const element = await render(store, created.id);
    expect(stateText(element)).to.equal('Send preparation completed. Confirm to start sending.');
    expect(Object.keys(tiles(element))).to.deep.equal([
      'To deliver',
      'Sent',
      'Delivered',
      'Bounces + errors',
      'Open rate',
      'Click-through rate',
      'Complaint rate',
    ]);
    const bar = element.shadowRoot!.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).to.equal('0');
    expect(bar.getAttribute('aria-valuemax')).to.equal('100');
    await expect(element).to.be.accessible();
  });

  for (const efs of [false, true]) {
    it(`follows the seed's table as feedback arrives (efs ${efs})`, async () => {
      const { store, clock } = await freshStore();
      const delivery = await sendingDelivery(store, { efs, recipients: { generated: 5 } });
      const element = await render(store, delivery.id);
      const feed = async (...events: Omit<FeedbackEvent, 'deliveryId' | 'at'>[]) => {
        await store.applyFeedback(
          events.map((event) => ({ ...event, deliveryId: delivery.id, at: clock.now() })),
        );
        await element.settled();
        return tiles(element);
      };
      expect(stateText(element)).to.equal('Sending');
      // Recipient 4 is relayed last, so the delivery is still sending meanwhile.
      let shown = await feed(
        ...[0, 1, 2, 3].map((recipient) => ({ recipient, type: 'relayed' as const })),
      );
      expect(shown['Sent']).to.equal('4');
      expect(
        element.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow'),
      ).to.equal('80');
      // Relayed: without EFS Delivered starts at 100 %; with EFS nothing moves.
      expect([shown['Delivered'], shown['Bounces + errors']]).to.deep.equal(
        efs ? ['0%', '0%'] : ['100%', '0%'],
      );
      if (efs)
        shown = await feed(
          { recipient: 0, type: 'delivered' },
          { recipient: 3, type: 'delivered' },
        );
      expect(shown['Delivered']).to.equal(efs ? '50%' : '100%');
      shown = await feed({ recipient: 1, type: 'hard-bounce', reason: 'User unknown' });
      expect(shown['Bounces + errors']).to.equal('25%');
      expect(shown['Delivered']).to.equal(efs ? '50%' : '75%');
      shown = await feed({ recipient: 2, type: 'soft-bounce', reason: 'Mailbox full' });
      expect(stateText(element)).to.equal('Sending (retry)');
      expect([shown['Delivered'], shown['Bounces + errors']]).to.deep.equal(
        efs ? ['50%', '50%'] : ['75%', '25%'],
      );
      shown = await feed({ recipient: 2, type: 'retry-succeeded' });
      expect([shown['Delivered'], shown['Bounces + errors']]).to.deep.equal(['75%', '25%']);
      expect(stateText(element)).to.equal('Sending');
      shown = await feed(
        { recipient: 4, type: 'relayed' },
        ...(efs ? [{ recipient: 4, type: 'delivered' as const }] : []),
      );
      expect([shown['Delivered'], shown['Bounces + errors']]).to.deep.equal(['80%', '20%']);
      // With EFS every message now has its final status; without EFS a soft bounce may still
      // come until the end of the validity period.
      if (!efs) {
        expect(stateText(element)).to.equal('Sending');
        clock.advance(delivery.validityHours * HOUR_MS);
        await store.tick();
        await element.settled();
      }
      expect(stateText(element)).to.equal('All messages have been processed.');
      await expect(element).to.be.accessible();
    });
  }

  it('soft retries that fail at the end of validity lower Delivered without EFS', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { generated: 2 },
      validityHours: 1,
    });
    const element = await render(store, delivery.id);
    await store.applyFeedback([
      { deliveryId: delivery.id, recipient: 0, type: 'relayed', at: clock.now() },
      {
        deliveryId: delivery.id,
        recipient: 1,
        type: 'soft-bounce',
        at: clock.now(),
        reason: 'Mailbox full',
      },
    ]);
    await element.settled();
    expect(tiles(element)['Delivered']).to.equal('100%');
    clock.advance(HOUR_MS);
    await store.tick();
    await element.settled();
    expect(tiles(element)['Delivered']).to.equal('50%');
    expect(tiles(element)['Bounces + errors']).to.equal('0%');
  });

  it('Pause and Stop only for users with the role; Compute stats for everyone', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const viewer = await render(store, delivery.id, preparer);
    expect(viewer.shadowRoot!.querySelectorAll('[part="action"]')).to.have.length(0);
    expect(viewer.shadowRoot!.querySelector('[part="compute-stats"]')).to.not.equal(null);
    const element = await render(store, delivery.id);
    const actions = () => [
      ...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="action"]'),
    ];
    expect(actions().map((button) => button.textContent!.trim())).to.deep.equal(['Pause', 'Stop']);
    const paused = nextEvent(element, 'sendkit-delivery-action');
    actions()[0]!.click();
    expect((await paused).delivery.state).to.equal('paused');
    await element.settled();
    expect(stateText(element)).to.equal('Paused');
    expect(actions().map((button) => button.textContent!.trim())).to.deep.equal(['Resume', 'Stop']);
    const computed = nextEvent(element, 'sendkit-stats-computed');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="compute-stats"]')!.click();
    expect((await computed).indicators.toDeliver).to.equal(4);
  });

  it('SMS has no open or click rate; push has an open rate only', async () => {
    const { store } = await freshStore();
    const sms = await render(store, (await sendingDelivery(store, { channel: 'sms' })).id);
    expect(Object.keys(tiles(sms))).to.not.include.members(['Open rate']);
    expect(Object.keys(tiles(sms))).to.not.include('Click-through rate');
    const push = await render(store, (await sendingDelivery(store, { channel: 'push' })).id);
    expect(Object.keys(tiles(push))).to.include('Open rate');
    expect(Object.keys(tiles(push))).to.not.include('Click-through rate');
  });

  it('takes store, delivery and user from a provider, also inside another shadow root', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    provideSendkit(host, { store, deliveryId: delivery.id, user: starter });
    const shadow = host.attachShadow({ mode: 'open' });
    const element = document.createElement('deployment-kpis');
    shadow.append(element);
    await element.updateComplete;
    await element.settled();
    expect(stateText(element)).to.equal('Sending');
    expect(element.shadowRoot!.querySelectorAll('[part="action"]')).to.have.length(2);
  });

  it('renders at most once per frame under a burst of changes', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 200 } });
    const element = await render(store, delivery.id);
    // Count renders per animation frame while 50 commits land as fast as they can.
    let frame = 0;
    let counting = true;
    const tick = () => {
      frame++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const rendersPerFrame = new Map<number, number>();
    const renderOnce = element.render.bind(element);
    element.render = () => {
      rendersPerFrame.set(frame, (rendersPerFrame.get(frame) ?? 0) + 1);
      return renderOnce();
    };
    await Promise.all(
      Array.from({ length: 50 }, (_, recipient) =>
        store.applyFeedback([
          { deliveryId: delivery.id, recipient, type: 'relayed', at: clock.now() },
        ]),
      ),
    );
    await element.settled();
    counting = false;
    expect(Math.max(...rendersPerFrame.values()), 'renders in one frame').to.equal(1);
    expect(tiles(element)['Sent']).to.equal('50');
  });

  it('at 1,280 px the tiles fill the width, with no gap after the last one', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 1280px">
        <deployment-kpis .store=${store} delivery-id=${delivery.id}></deployment-kpis>
      </div>`,
    );
    const element = box.querySelector('deployment-kpis') as DeploymentKpis;
    await element.settled();
    const row = element.shadowRoot!.querySelector('[part="tiles"]')!.getBoundingClientRect();
    const cells = [...element.shadowRoot!.querySelectorAll('[part="tile"]')].map((tile) =>
      tile.getBoundingClientRect(),
    );
    expect(cells).to.have.length(7);
    expect(new Set(cells.map((cell) => Math.round(cell.top))).size, 'one row').to.equal(1);
    expect(row.right - cells.at(-1)!.right, 'space after the last tile').to.be.below(1);
  });

  it('labels, state texts included, can be localised', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    const element = await fixture<DeploymentKpis>(
      html`<deployment-kpis
        .store=${store}
        delivery-id=${delivery.id}
        .labels=${{ title: 'Déploiement', states: { 'in-progress': 'Envoi' } }}
      ></deployment-kpis>`,
    );
    await element.settled();
    expect(element.shadowRoot!.querySelector('[role="heading"]')!.textContent!.trim()).to.equal(
      'Déploiement',
    );
    expect(stateText(element)).to.equal('Envoi');
  });

  it('a misspelt label key is reported once on the console, naming the key and the element', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    // Keys the labels' type would refuse, as a plain page's script gives them.
    const misspelt = {
      delivred: 'Livré',
      states: { 'in-progres': 'Envoi' },
    } as unknown as DeploymentKpis['labels'];
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const element = await fixture<DeploymentKpis>(
        html`<deployment-kpis
          .store=${store}
          delivery-id=${delivery.id}
          .labels=${misspelt}
        ></deployment-kpis>`,
      );
      await element.settled();
      element.labels = { ...misspelt };
      await element.updateComplete;
      const about = (key: string) => warnings.filter((text) => text.includes(`'${key}'`));
      expect(about('delivred')).to.have.length(1);
      expect(about('delivred')[0]).to.include('<deployment-kpis>');
      expect(about('states.in-progres')).to.have.length(1);
      // The known texts are untouched by the unknown keys.
      expect(stateText(element)).to.not.equal('Envoi');
    } finally {
      console.warn = warn;
    }
  });

  it('shows the product text of every state a delivery is stored in', async () => {
    // 'preparing' is never stored: preparation runs in one transaction from editing to prepared
    // (or preparation-error); the rules test covers its label.
    const { store, clock } = await freshStore();
    const make = (input: Partial<DeliveryInput> = {}) =>
      store.createDelivery(starter, {
        label: 'x',
        channel: 'email',
        recipients: { addresses: ['a@x.org'] },
        ...input,
      });
    const editing = await make();
    const failedPreparation = await make({ recipients: { addresses: [''] } });
    await store.prepare(starter, failedPreparation.id);
    const prepared = await make();
    await store.prepare(starter, prepared.id);
    const scheduled = await make({ contactDate: clock.now() + HOUR_MS });
    await store.prepare(starter, scheduled.id);
    await store.confirm(starter, scheduled.id);
    const sending = await sendingDelivery(store);
    const paused = await sendingDelivery(store);
    await store.pause(starter, paused.id);
    const stopped = await sendingDelivery(store);
    await store.stop(starter, stopped.id);
    const finished = await sendingDelivery(store, { efs: true, recipients: { generated: 1 } });
    await store.applyFeedback([
      { deliveryId: finished.id, recipient: 0, type: 'delivered', at: clock.now() },
    ]);
    const failed = await sendingDelivery(store);
    await store.reportPlatformError(failed.id, 'MTA unreachable');
    const expected: [string, DeliveryState, string][] = [
      [editing.id, 'editing', 'Editing'],
      [failedPreparation.id, 'preparation-error', 'Preparation failed'],
      [prepared.id, 'prepared', 'Send preparation completed. Confirm to start sending.'],
      [scheduled.id, 'start-pending', 'Pending start'],
      [sending.id, 'in-progress', 'Sending'],
      [paused.id, 'paused', 'Paused'],
      [stopped.id, 'stopped', 'Stopped'],
      [finished.id, 'finished', 'All messages have been processed.'],
      [failed.id, 'failed', 'Failed'],
    ];
    for (const [id, state, label] of expected) {
      expect((await store.getDelivery(id)).state).to.equal(state);
      const element = await render(store, id);
      expect(stateText(element), state).to.equal(label);
      await expect(element).to.be.accessible();
    }
  });

  it('shows a pause by the reputation guard plainly, with Resume and Stop, and fires sendkit-alert', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store, {
      efs: true,
      recipients: { generated: 400 },
      guard: { hardBounceRate: 5, bounceRate: 10, minRelayed: 100 },
    });
    const element = await render(store, delivery.id);
    const alert = nextEvent(element, 'sendkit-alert');
    const at = store.now();
    const batch: FeedbackEvent[] = Array.from({ length: 200 }, (_, recipient) =>
      recipient < 14
        ? { deliveryId: delivery.id, recipient, type: 'hard-bounce', at, reason: 'User unknown' }
        : { deliveryId: delivery.id, recipient, type: 'relayed', at },
    );
    await store.applyFeedback(batch);
    const event = await alert;
    expect(event.alert).to.deep.include({ kind: 'guard-paused', deliveryId: delivery.id });
    expect(event.alert.detail).to.equal('7.0 % hard bounces after 200 messages');
    await element.settled();
    const guard = element.shadowRoot!.querySelector('[part="guard"]')!;
    expect(guard.getAttribute('role')).to.equal('alert');
    expect(guard.textContent!.replace(/\s+/g, ' ')).to.contain(
      'Paused by the reputation guard: 7% hard bounces after 200 messages (threshold 5%).',
    );
    const actions = [...element.shadowRoot!.querySelectorAll('[part="action"]')].map((button) =>
      button.textContent!.trim(),
    );
    expect(actions).to.deep.equal(['Resume', 'Stop']);
    await expect(element).to.be.accessible();
    // Localised texts apply to the guard's notice too.
    element.labels = {
      guardPaused: 'Pausiert: {rate} {measure}.',
      guardMeasures: { 'hard-bounces': 'Hardbounces', bounces: 'Bounces' },
    };
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="guard"] p')!.textContent!.trim()).to.equal(
      'Pausiert: 7% Hardbounces.',
    );
    const resumed = nextEvent(element, 'sendkit-delivery-action');
    (element.shadowRoot!.querySelectorAll('[part="action"]')[0] as HTMLButtonElement).click();
    expect((await resumed).delivery.guardPause).to.equal(null);
    await element.settled();
    expect(element.shadowRoot!.querySelector('[part="guard"]') === null).to.equal(true);
  });
});

describe('deployment-kpis: a paced send', () => {
  afterEach(closeStores);

  const paceText = (element: DeploymentKpis) => {
    const result: Record<string, string> = {};
    for (const item of element.shadowRoot!.querySelectorAll('[part="pace"] > div')) {
      result[item.querySelector('dt')!.textContent!.trim()] = item
        .querySelector('dd')!
        .textContent!.replace(/\s+/g, ' ')
        .trim();
    }
    return result;
  };
  const notices = (element: DeploymentKpis) =>
    [...element.shadowRoot!.querySelectorAll('[part="pace-notice"]')].map((notice) =>
      notice.textContent!.replace(/\s+/g, ' ').trim(),
    );

  it('shows the planned and actual pace and the expected end; nothing of it without a pace', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, {
      recipients: { generated: 10_000 },
      pace: { perHour: 1_000, warmUp: { startPerHour: 250, doublingHours: 1 } },
    });
    clock.advance(HOUR_MS);
    const due = await store.takeDue(delivery.id, { max: 10_000 });
    await store.applyFeedback(
      due.map((one) => ({
        deliveryId: delivery.id,
        recipient: one.recipient,
        type: 'relayed' as const,
        at: clock.now(),
      })),
    );
    const element = await render(store, delivery.id);
    element.locale = 'en-US';
    await element.updateComplete;
    const shown = paceText(element);
    expect(shown['Planned pace']).to.equal('1,000 / h (warming up: 500 / h now)');
    expect(shown['Actual pace']).to.equal(`${due.length} / h`);
    expect(shown['Expected end']).to.not.equal('');
    expect(notices(element)).to.deep.equal([]);
    const plain = await sendingDelivery(store);
    element.deliveryId = plain.id;
    await element.settled();
    expect(element.shadowRoot!.querySelector('[part="pace"]')).to.equal(null);
  });

  it('says when it waits for its window, and when the pace ends after the validity; texts overridable', async () => {
    const { store, clock } = await freshStore();
    clock.set(Date.UTC(2026, 2, 23, 12)); // a Monday
    const delivery = await sendingDelivery(store, {
      recipients: { generated: 100_000 },
      pace: {
        perHour: 1_000,
        window: { days: ['sat'], from: '08:00', to: '20:00', timeZone: 'UTC' },
      },
    });
    const element = await render(store, delivery.id);
    element.locale = 'en-GB';
    await element.updateComplete;
    const [waiting, after] = notices(element);
    expect(waiting).to.equal('Waiting for the sending window: opens Sat, 08:00 UTC');
    expect(after).to.contain('after its validity period');
    element.labels = {
      paceWaiting: 'En attente de la fenêtre : {time}',
      pacePlanned: 'Cadence prévue',
    };
    await element.updateComplete;
    expect(notices(element)[0]).to.match(/^En attente de la fenêtre : /);
    expect(Object.keys(paceText(element))).to.include('Cadence prévue');
  });
});

describe('deployment-kpis: the complaint rate', () => {
  afterEach(closeStores);

  it('shows complaints / delivered to two decimals, with its health band', async () => {
    const { store, clock } = await freshStore();
    const delivery = await sendingDelivery(store, { recipients: { generated: 2_000 } });
    const relayed: FeedbackEvent[] = Array.from({ length: 2_000 }, (_, recipient) => ({
      deliveryId: delivery.id,
      recipient,
      type: 'relayed',
      at: clock.now(),
    }));
    await store.applyFeedback(relayed);
    const complain = (from: number, count: number) =>
      store.applyFeedback(
        Array.from({ length: count }, (_, index) => ({
          deliveryId: delivery.id,
          recipient: from + index,
          type: 'complaint' as const,
          at: clock.now(),
        })),
      );
    await complain(0, 1);
    const element = await render(store, delivery.id);
    element.locale = 'en-US';
    await element.updateComplete;
    const tile = () => element.shadowRoot!.querySelector('[part="tile"].complaints')!;
    expect(tile().querySelector('.value')!.textContent!.trim()).to.equal('0.05%');
    expect(tile().getAttribute('data-band')).to.equal('healthy');
    await complain(1, 3);
    await element.settled();
    expect(tile().getAttribute('data-band')).to.equal('at-risk');
    await complain(4, 4);
    await element.settled();
    expect(tile().querySelector('.value')!.textContent!.trim()).to.equal('0.4%');
    expect(tile().getAttribute('data-band')).to.equal('harmful');
    expect(tile().querySelector('.band')!.textContent).to.contain('0.3');
  });
});
