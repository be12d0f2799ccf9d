import { CONFIRM_PERMISSION_MESSAGE } from '../../src/index.js';

/** Every text of confirm-send-button; pass a part of it as `labels` to localise. */
export interface ConfirmSendLabels {
  confirmSend: string;
  dialogTitle: string;
  immediate: string;
  /** `{date}` is replaced with the contact date. */
  scheduled: string;
  ok: string;
  cancel: string;
  confirming: string;
  noPermission: string;
  notPrepared: string;
  confirmed: string;
}

export const CONFIRM_SEND_LABELS: ConfirmSendLabels = {
  confirmSend: 'Confirm send',
  dialogTitle: 'Confirm send',
  immediate: 'Messages are ready to be sent immediately.',
  scheduled: 'Messages will be sent on {date}.',
  ok: 'OK',
  cancel: 'Cancel',
  confirming: 'Confirming…',
  noPermission: CONFIRM_PERMISSION_MESSAGE,
  notPrepared: 'Confirm send is offered once the send preparation is completed.',
  confirmed: 'The send was confirmed.',
};
