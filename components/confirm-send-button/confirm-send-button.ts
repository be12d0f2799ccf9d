import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { UNPREPARED_STATES, allowedActions, type Delivery } from '../../src/index.js';
import { ConfirmedEvent, ConfirmRequestEvent } from '../shared/events.js';
import { formatDate } from '../shared/format.js';
import { withDefaults, type LabelOverrides } from '../shared/labels.js';
import { SendkitElement } from '../shared/sendkit-element.js';
import type { ReaderSource } from '../shared/store-reader.js';
import { themeStyles } from '../shared/theme.styles.js';
import { confirmSendButtonStyles } from './confirm-send-button.styles.js';
import { CONFIRM_SEND_LABELS, type ConfirmSendLabels } from './confirm-send-button.types.js';

/**
 * The "Confirm send" action of a prepared delivery: a button, then a modal dialog with Cancel
 * and OK. Enabled only when the delivery is prepared and the user has the Start deliveries role;
 * otherwise it says why. A recurring occurrence waiting for confirmation is confirmed the same way.
 *
 * @tag confirm-send-button
 * @summary Confirm send, then OK: starts a prepared delivery.
 *
 * @fires sendkit-confirm-request - Before the model is called, cancelable: a host page can veto the send.
 * @fires sendkit-confirmed - The model accepted the confirmation (detail: `delivery`).
 * @fires sendkit-error - The model refused (detail: `error`); the message is shown inline too.
 *
 * @csspart button - The Confirm send button.
 * @csspart message - Why the button is disabled (permissions, state).
 * @csspart error - The model's error, announced to assistive technology.
 * @csspart dialog - The confirmation dialog.
 * @csspart ok - The dialog's OK button.
 * @csspart cancel - The dialog's Cancel button.
 *
 * @cssprop --confirm-send-button-background - Button background (default: --sendkit-color-accent).
 * @cssprop --confirm-send-button-color - Button text colour (default: --sendkit-color-on-accent).
 */
export class ConfirmSendButton extends SendkitElement {
  static override styles = [themeStyles, confirmSendButtonStyles];

  /** Texts, to localise; missing ones keep the product's wording. */
  @property({ attribute: false }) labels: LabelOverrides<ConfirmSendLabels> = {};

  /** Locale for the contact date; default: the page's. */
  @property() locale: string | undefined;

  @state() private delivery: Delivery | null = null;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('[part="button"]') private button!: HTMLButtonElement;

  private get text(): ConfirmSendLabels {
    return withDefaults(CONFIRM_SEND_LABELS, this.labels);
  }

  private get hasRole(): boolean {
    return this.activeUser?.roles.includes('start-deliveries') ?? false;
  }

  /** Confirm is offered by the life-cycle table for this state and these roles. */
  private get canConfirm(): boolean {
    const { delivery } = this;
    const user = this.activeUser;
    return !!delivery && !!user && allowedActions(delivery.state, user.roles).includes('confirm');
  }

  protected override async load({ store, deliveryId }: ReaderSource): Promise<void> {
    this.delivery =
      store && deliveryId ? await store.getDelivery(deliveryId).catch(() => null) : null;
  }

  // The dialog's initial focus goes to OK, as the HTML dialog focusing steps intend.
  /* eslint-disable lit-a11y/no-autofocus */
  override render() {
    const text = this.text;
    const enabled = this.canConfirm && !this.busy;
    const reason = !this.hasRole
      ? text.noPermission
      : this.canConfirm
        ? ''
        : this.stateReason(text);
    return html`
      <button
        part="button"
        aria-disabled=${enabled ? 'false' : 'true'}
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-describedby=${reason ? 'reason' : nothing}
        @click=${this.openDialog}
      >
        ${this.busy ? text.confirming : text.confirmSend}
      </button>
      ${reason ? html`<p part="message" id="reason">${reason}</p>` : nothing}
      <p part="error" role="alert" aria-live="assertive">${this.actionError}</p>
      <dialog
        part="dialog"
        aria-labelledby="title"
        aria-describedby="body"
        @close=${this.onDialogClose}
      >
        <h2 id="title">${text.dialogTitle}</h2>
        <p id="body">${this.dialogText(text)}</p>
        <div class="actions">
          <button part="cancel" @click=${() => this.dialog.close()}>${text.cancel}</button>
          <button part="ok" autofocus @click=${this.onOk}>${text.ok}</button>
        </div>
      </dialog>
    `;
  }

  /* eslint-enable lit-a11y/no-autofocus */

  /** Why Confirm send is not offered in the delivery's state. */
  private stateReason(text: ConfirmSendLabels): string {
    const state = this.delivery?.state;
    if (state === undefined) return '';
    return UNPREPARED_STATES.includes(state) ? text.notPrepared : text.confirmed;
  }

  private dialogText(text: ConfirmSendLabels): string {
    const contactDate = this.delivery?.contactDate ?? null;
    const now = this.activeStore?.clock.now() ?? Date.now();
    return contactDate !== null && contactDate > now
      ? text.scheduled.replace('{date}', formatDate(contactDate, this.locale))
      : text.immediate;
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
    const user = this.activeUser;
    if (!store || !deliveryId || !user) return;
    if (!this.dispatchEvent(new ConfirmRequestEvent(deliveryId, user))) return;
    await this.runAction('confirm', async () => {
      const delivery = await store.confirm(user, deliveryId);
      this.delivery = delivery;
      this.dispatchEvent(new ConfirmedEvent(delivery));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-send-button': ConfirmSendButton;
  }
}
