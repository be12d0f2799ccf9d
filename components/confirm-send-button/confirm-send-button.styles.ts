import { css } from 'lit';

export const confirmSendButtonStyles = css`
  :host {
    display: inline-block;
    --confirm-send-button-background: var(--_accent);
    --confirm-send-button-color: var(--_on-accent);
  }
  [part='button'],
  [part='ok'] {
    background: var(--confirm-send-button-background);
    color: var(--confirm-send-button-color);
    border-color: transparent;
    font-weight: 600;
  }
  [part='button'][aria-busy='true'] {
    cursor: progress;
  }
  [part='message'],
  [part='error'],
  [part='notice'] {
    margin: 0.4rem 0 0;
    font-size: 0.85rem;
  }
  [part='error']:empty {
    display: none;
  }
  [part='summary'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
`;
