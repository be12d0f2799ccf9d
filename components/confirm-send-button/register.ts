import { defineElement } from '../shared/define.js';
import { ConfirmSendButton } from './confirm-send-button.js';

export { ConfirmSendButton };
defineElement('confirm-send-button', ConfirmSendButton);
