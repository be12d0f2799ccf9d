import { html, nothing } from 'lit';
import { fillTemplate, type DeliverySnapshot } from '../../src/index.js';
import { UNPREPARED_STATES, allowedActions, rolesAllow } from '../../src/rules/index.js';
import { ConfirmedEvent, ConfirmRequestEvent } from '../shared/events.js';
import { formatCount, formatDate } from '../shared/format.js';
import { pluralOf, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReadSource } from '../shared/read-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { confirmSendButtonStyles } from './confirm-send-button.styles.js';
import type { ConfirmSendLabels } from './confirm-send-button.labels.js';

/**
 * The "Confirm send" action of a prepared delivery: a button, then a modal dialog naming the
 * delivery and its messages, with Cancel and OK. Enabled only when the delivery is prepared and
 * the user has the Start deliveries role; otherwise it says why (no user, permissions, state,
 * a read-only store, a delivery that cannot be read). A recurring occurrence waiting for
 * confirmation is confirmed the same way.
 *
 * @tag confirm-send-button
 * @summary Confirm send, then OK: starts a prepared delivery.
 *
 * @fires sendkit-confirm-request - ConfirmRequestEvent: before the model is called; cancelable, a host page can veto the send (`event.deliveryId`, `event.user`).
 * @fires sendkit-confirmed - ConfirmedEvent: the model accepted the confirmation (`event.delivery`).
 * @fires sendkit-error - ActionErrorEvent: the model refused, or the delivery could not be read (`event.action`, `event.error`); the message is shown inline too.
 *
 * @csspart button - The Confirm send button.
 * @csspart message - Why the button is disabled (no user, permissions, state, read-only).
 * @csspart notice - What the element shows instead of a delivery (none chosen, loading, not found, read error).
 * @csspart error - The model's error, announced to assistive technology.
 * @csspart dialog - The confirmation dialog.
 * @csspart summary - The dialog's line naming the delivery and its messages.
 * @csspart ok - The dialog's OK button.
 * @csspart cancel - The dialog's Cancel button.
 *
 * @cssprop [--confirm-send-button-background=var(--sendkit-color-accent)] - Button background.
 * @cssprop [--confirm-send-button-color=var(--sendkit-color-on-accent)] - Button text colour.
 */
export class ConfirmSendButton extends SendkitElement<DeliverySnapshot> {
  static override styles = [themeStyles, confirmSendButtonStyles];

  static override properties = { labels: { attribute: false } };

  /** Texts, to localise; missing ones keep the product's wording. */
  labels: LabelOverrides<ConfirmSendLabels> = {};

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  private get button(): HTMLButtonElement {
    return this.renderRoot.querySelector('[part="button"]')!;
  }

  private get text(): ConfirmSendLabels {
    return this.texts('confirm-send-button', this.labels);
  }

  protected override read({ store, deliveryId }: ReadSource): Promise<DeliverySnapshot> {
    return store.readSnapshot(deliveryId);
  }

  /** Why Confirm send is not offered, in the element's words; '' when it is. */
  private whyNot(text: ConfirmSendLabels): string {
    const delivery = this.data?.delivery;
    if (!delivery) return '';
    const actor = this.actor(text);
    if ('problem' in actor) return actor.problem;
    if (this.activeStore?.writable === false) return text.readOnly;
    if (!rolesAllow('confirm', actor.user.roles)) return text.noPermission;
    if (allowedActions(delivery.state, actor.user.roles).includes('confirm')) return '';
    return UNPREPARED_STATES.includes(delivery.state) ? text.notPrepared : text.confirmed;
  }

  private get canConfirm(): boolean {
    return this.data !== undefined && this.whyNot(this.text) === '';
  }

  // The dialog's initial focus goes to Cancel, the least destructive control (the WAI-ARIA
  // alert-dialog pattern for an irreversible action): a double Enter never sends.
  /* eslint-disable lit-a11y/no-autofocus */
  override render() {
    const text = this.text;
    const enabled = this.canConfirm && !this.busy;
    const reason = this.whyNot(text);
    return html`
      <button
        part="button"
        class="primary"
        aria-disabled=${enabled ? 'false' : 'true'}
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-describedby=${reason ? 'reason' : nothing}
        @click=${this.openDialog}
      >
        ${this.busy ? text.confirming : text.confirmSend}
      </button>
      ${this.readState(text)}
      ${reason ? html`<p part="message" id="reason" class="notice">${reason}</p>` : nothing}
      <p part="error" class="error" role="alert" aria-live="assertive">${this.actionError}</p>
      <dialog
        part="dialog"
        aria-labelledby="title"
        aria-describedby="body summary"
        @close=${this.onDialogClose}
      >
        ${this.heading(text.dialogTitle, 'title')}
        <p id="body">${this.dialogText(text)}</p>
        <p id="summary" part="summary">${this.summary(text)}</p>
        <div class="actions">
          <button part="cancel" autofocus @click=${() => this.dialog.close()}>
            ${text.cancel}
          </button>
          <button part="ok" class="primary" @click=${this.onOk}>${text.ok}</button>
        </div>
      </dialog>
    `;
  }

  /* eslint-enable lit-a11y/no-autofocus */

  private dialogText(text: ConfirmSendLabels): string {
    const contactDate = this.data?.delivery.contactDate ?? null;
    const now = this.activeStore?.now() ?? Date.now();
    return contactDate !== null && contactDate > now
      ? fillTemplate(text.scheduled, { date: formatDate(contactDate, this.resolvedLocale) })
      : text.immediate;
  }

  private summary(text: ConfirmSendLabels): string {
    const snapshot = this.data;
    if (!snapshot) return '';
    const count = snapshot.indicators.toDeliver;
    return fillTemplate(pluralOf(text.summary, count, this.resolvedLocale), {
      label: snapshot.delivery.label,
      count: formatCount(count, this.resolvedLocale),
    });
  }

  private openDialog(): void {
    if (!this.canConfirm || this.busy) return;
    this.actionError = '';
    this.dialog.showModal();
  }

  /** However the dialog closes (OK, Cancel, Escape), focus goes back to the button. */
  private onDialogClose(): void {
    this.button.focus();
  }

  private onOk(): void {
    this.dialog.close();
    this.button.focus();
    void this.confirm();
  }

  private async confirm(): Promise<void> {
    const store = this.activeStore;
    const deliveryId = this.activeDeliveryId;
    const actor = this.actor(this.text);
    if (!store || !deliveryId || !('user' in actor)) return;
    if (!this.dispatchEvent(new ConfirmRequestEvent(deliveryId, actor.user))) return;
    await this.runAction('confirm', async () => {
      const delivery = await store.confirm(actor.user, deliveryId);
      this.dispatchEvent(new ConfirmedEvent(delivery));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-send-button': ConfirmSendButton;
  }
}
