import { css } from 'lit';

export const confirmSendButtonStyles = css`
  :host {
    display: inline-block;
    --confirm-send-button-background: var(--_accent);
    --confirm-send-button-color: var(--_on-accent);
  }
  [part='button'] {
    background: var(--confirm-send-button-background);
    color: var(--confirm-send-button-color);
    border-color: transparent;
    font-weight: 600;
  }
  [part='button'][aria-busy='true'] {
    cursor: progress;
  }
  [part='message'],
  [part='error'] {
    margin: 0.4rem 0 0;
    font-size: 0.85rem;
    color: var(--_muted);
  }
  [part='error'] {
    color: var(--_danger);
  }
  [part='error']:empty {
    display: none;
  }
  dialog {
    padding: calc(var(--_space) * 1.5);
    max-width: 28rem;
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.15rem;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: calc(var(--_space) * 1.5);
  }
  [part='ok'] {
    background: var(--confirm-send-button-background);
    color: var(--confirm-send-button-color);
    border-color: transparent;
  }
`;
