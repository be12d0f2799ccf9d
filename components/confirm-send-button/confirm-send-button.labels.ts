import { CONFIRM_PERMISSION_MESSAGE } from '../../src/index.js';
import { COMMON_LABELS, type CommonLabels, type PluralText } from '../shared/labels.js';

/** Every text of confirm-send-button; pass a part of it as `labels` to localise. */
export interface ConfirmSendLabels extends CommonLabels {
  confirmSend: string;
  dialogTitle: string;
  immediate: string;
  /** `{date}` is replaced with the contact date. */
  scheduled: string;
  /** `{label}` and `{count}` are replaced with the delivery's label and its messages to send. */
  summary: PluralText;
  ok: string;
  cancel: string;
  confirming: string;
  noPermission: string;
  notPrepared: string;
  confirmed: string;
}

export const CONFIRM_SEND_LABELS: ConfirmSendLabels = {
  ...COMMON_LABELS,
  confirmSend: 'Confirm send',
  dialogTitle: 'Confirm send',
  immediate: 'Messages are ready to be sent immediately.',
  scheduled: 'Messages will be sent on {date}.',
  summary: {
    one: '{label}: {count} message to deliver.',
    other: '{label}: {count} messages to deliver.',
  },
  ok: 'OK',
  cancel: 'Cancel',
  confirming: 'Confirming…',
  noPermission: CONFIRM_PERMISSION_MESSAGE,
  notPrepared: 'Confirm send is offered once the send preparation is completed.',
  confirmed: 'The send was confirmed.',
};
