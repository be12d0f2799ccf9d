/**
 * The store's alerts as browser notifications, and the toolbar badge. A notification is shown
 * once per delivery and kind: which were shown is kept in chrome.storage, written once they are
 * shown. A background stopped in between shows them again at its next start, under the same
 * notification id, which replaces the one shown rather than adding a second (nothing is lost,
 * nothing is repeated). Alerts are also read back from the deliveries' states at every start
 * (rules/attention.ts), so one announced while the background was stopped is not lost. The first
 * start takes what exists as already known.
 */
import type { AlertKind, DeliveryAlert, DeliveryStore } from '../../src/index.js';
import { alertKindOfState, alertOfState, needsOperator } from '../../src/rules/index.js';
import { loadNotifyKinds } from '../shared/notify-settings.js';
import { saveShownDelivery } from '../shared/settings.js';
import type { Platform } from './start.js';

const SHOWN = 'notified';
const PREFIX = 'sendkit:';

const TITLES: Record<AlertKind, string> = {
  finished: 'Delivery finished',
  failed: 'Delivery failed',
  'guard-paused': 'Delivery paused by the reputation guard',
  'awaiting-confirmation': 'Occurrence waiting for confirmation',
  'validity-ending': 'Validity period ending with messages still retried',
};

const percent = (value: number) => `${value.toFixed(1)} %`;

function messageOf(alert: DeliveryAlert): string {
  switch (alert.kind) {
    case 'finished':
      return `${alert.label}: ${percent(alert.deliveredPercent)} delivered, ${percent(alert.bouncesPercent)} bounces + errors.`;
    case 'failed':
    case 'guard-paused':
      return `${alert.label}: ${alert.detail}.`;
    case 'awaiting-confirmation':
      return `${alert.label} is prepared: confirm it to send.`;
    case 'validity-ending':
      return `${alert.label}: ${alert.retrying.toLocaleString('en-US')} messages still retried.`;
  }
}

export class Notifier {
  /** One at a time: two alerts of one delivery and kind never race to be shown twice. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: DeliveryStore) {}

  /** Shows the alerts not shown before (of the kinds the user wants), and updates the badge. */
  announce(alerts: readonly DeliveryAlert[]): Promise<void> {
    this.queue = this.queue
      .then(() => this.show(alerts))
      .catch((error: unknown) => {
        console.error('sendkit: notifying failed', error);
      });
    return this.queue;
  }

  /** At every start: catch up with the deliveries' states; the first start only takes note. */
  async catchUp(): Promise<void> {
    const alerts: DeliveryAlert[] = [];
    for (const delivery of await this.store.listDeliveries()) {
      if (!alertKindOfState(delivery)) continue;
      // The figures of now, read with the state: the alert says what the delivery did.
      const snapshot = await this.store.readSnapshot(delivery.id);
      const alert = alertOfState(snapshot.delivery, snapshot.indicators, Date.now());
      if (alert) alerts.push(alert);
    }
    const known = (await chrome.storage.local.get(SHOWN))[SHOWN];
    if (known === undefined) {
      await chrome.storage.local.set({
        [SHOWN]: Object.fromEntries(alerts.map((alert) => [keyOf(alert), 0])),
      });
      return this.updateBadge();
    }
    return this.announce(alerts);
  }

  async updateBadge(): Promise<void> {
    const waiting = (await this.store.listDeliveries()).filter(needsOperator).length;
    await chrome.action.setBadgeText({ text: waiting === 0 ? '' : String(waiting) });
  }

  /** A click on a notification: the delivery is shown in the sidebar, opened if the browser lets us. */
  static async open(notificationId: string, platform: Platform): Promise<void> {
    if (!notificationId.startsWith(PREFIX)) return;
    const deliveryId = notificationId.slice(PREFIX.length).split(':')[0]!;
    await saveShownDelivery(deliveryId);
    try {
      await platform.openSidebar((await chrome.windows.getLastFocused()).id);
    } catch {
      await chrome.tabs.create({ url: chrome.runtime.getURL('sidepanel.html') });
    }
    await chrome.notifications.clear(notificationId);
  }

  private async show(alerts: readonly DeliveryAlert[]): Promise<void> {
    const wanted = await loadNotifyKinds();
    const shown = ((await chrome.storage.local.get(SHOWN))[SHOWN] ?? {}) as Record<string, number>;
    const fresh = alerts.filter((alert) => wanted.includes(alert.kind) && !(keyOf(alert) in shown));
    if (fresh.length > 0) {
      for (const alert of fresh) {
        await chrome.notifications.create(`${PREFIX}${keyOf(alert)}`, {
          type: 'basic',
          iconUrl: chrome.runtime.getURL('icon-128.png'),
          title: TITLES[alert.kind],
          message: messageOf(alert),
          priority: alert.kind === 'guard-paused' || alert.kind === 'failed' ? 2 : 0,
        });
        shown[keyOf(alert)] = Date.now();
      }
      await chrome.storage.local.set({ [SHOWN]: shown });
    }
    await this.updateBadge();
  }
}

function keyOf(alert: DeliveryAlert): string {
  return `${alert.deliveryId}:${alert.kind}`;
}
